"""The indicator workbook's wording (templates/exchange/xlsx.yaml), shared by export and import.

Import finds sheets and columns by these names, so both directions read the same table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plangen.errors import PlanError
from plangen.load import source
from plangen.lookup import find, search_path
from plangen.messages import _

LAYOUT_FILE = "exchange/xlsx.yaml"
_NOT_IN_SHEET_NAMES = set(":\\/?*[]")
_REQUIRED = {
    "sheets": ("indicators", "data", "tasks", "figures", "rankings", "advice", "help"),
    "columns": ("id", "domain", "name", "unit", "base", "target", "nature", "year", "source"),
    "data_columns": ("id", "label", "unit", "base", "used_by"),
    "task_columns": ("number", "task", "lead", "status", "progress"),
    "figure_columns": ("kind", "label", "value", "unit", "year", "note"),
    "figure_kinds": ("resources", "figures"),
    "ranking_columns": ("label", "rank", "scope", "year"),
    "advice_columns": ("id", "name", "advice", "departments", "action"),
}
_TEXTS = (
    "title",
    "instruction",
    "data_title",
    "data_instruction",
    "tasks_title",
    "tasks_instruction",
    "figures_title",
    "figures_instruction",
    "rankings_title",
    "rankings_instruction",
    "advice_title",
    "advice_instruction",
    "computed",
)


@dataclass(frozen=True)
class Layout:
    """Sheet names, headers and instructions of the exchange workbook."""

    file: str
    table: dict[str, Any]

    def sheet(self, key: str) -> str:
        return str(self.table["sheets"][key])

    def header(self, group: str, key: str, **values: object) -> str:
        """A column header with {year} filled in."""
        return self.fill(self.table[group][key], **values)

    def text(self, key: str, **values: object) -> str:
        return self.fill(self.table[key], **values)

    @property
    def help(self) -> list[str]:
        return [str(line) for line in self.table.get("help", [])]

    def year_of(self, header: object) -> int | None:
        """The year a year-column header names (2021 for '2021年'), else None."""
        if not isinstance(header, str | int):
            return None
        before, _sep, after = str(self.table["columns"]["year"]).partition("{year}")
        m = re.fullmatch(
            re.escape(before.strip()) + r"\s*(\d{4})\s*" + re.escape(after.strip()),
            str(header).strip(),
        )
        return int(m.group(1)) if m else None

    def fill(self, text: object, **values: object) -> str:
        try:
            return str(text).format(**values)
        except (KeyError, IndexError, ValueError, AttributeError):
            raise PlanError.single(
                self.file,
                _(
                    "cannot fill in '{text}': only {names} may appear in braces",
                    text=text,
                    names=", ".join(f"{{{k}}}" for k in values) or "-",
                ),
                _("fix the text in your copy of {name}", name=LAYOUT_FILE),
            ) from None


def load_layout(templates: Path | None = None) -> Layout:
    """The workbook wording from the template search path (a -t folder overrides it)."""
    src = source.load(find(search_path(templates), LAYOUT_FILE))
    table = src.data if isinstance(src.data, dict) else {}
    missing = [
        f"{group}.{key}"
        for group, keys in _REQUIRED.items()
        for key in keys
        if not isinstance(table.get(group), dict) or not table[group].get(key)
    ]
    missing += [key for key in _TEXTS if not table.get(key)]
    if missing:
        raise PlanError(
            [
                src.problem(
                    (),
                    _("{name} lacks {keys}", name=LAYOUT_FILE, keys=", ".join(missing)),
                    _("copy the shipped file and edit its texts"),
                )
            ]
        )
    bad = [
        key
        for key, name in table["sheets"].items()
        if not isinstance(name, str) or len(name) > 31 or set(name) & _NOT_IN_SHEET_NAMES
    ]
    if bad:
        raise PlanError(
            [
                src.problem(
                    ("sheets", key),
                    _("Excel cannot name a sheet so"),
                    _("use at most 31 characters and none of : \\ / ? * [ ]"),
                )
                for key in bad
            ]
        )
    return Layout(src.file, table)
