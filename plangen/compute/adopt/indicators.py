"""The indicator table: one indicator per row, columns known by their header words."""

from __future__ import annotations

import re
from typing import Any

from plangen.compute.adopt.result import Note
from plangen.compute.adopt.text import compact, normalise
from plangen.load.adopt.document import Table, words
from plangen.load.adopt.tables import column_roles, looks_like_header
from plangen.messages import _


def is_indicator_table(table: Table) -> bool:
    """A table whose first row names the columns of an indicator table."""
    return bool(table.rows) and looks_like_header(table.rows[0])


def _number(text: str) -> int | float | str:
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text) if len(text) < 16 else text
    return text


def _strip_numbering(text: str) -> str:
    for pattern in words()["headings"].values():
        m = re.match(pattern, text)
        if m:
            return m.groups()[-1]
    return text


def read_indicators(
    table: Table, first_id: int = 1
) -> tuple[list[dict[str, Any]], list[str], list[Note]]:
    """Indicators of the table's rows, the merge list, and notes on cells filled by guess."""
    t = words()["table"]
    header = table.rows[0]
    roles = column_roles(header)
    unit_in_name = any(re.search(t["unit_in_name"], compact(h)) for h in header)
    col = {role: roles.index(role) for role in roles if role}
    indicators: list[dict[str, Any]] = []
    notes: list[Note] = []
    merged: dict[str, list[int]] = {}
    last: dict[str, str] = {}
    for r, row in enumerate(table.rows[1:], start=1):

        def cell(role: str, row: list[str] = row) -> str:
            i = col.get(role)
            return compact(row[i]) if i is not None and i < len(row) else ""

        name = normalise(cell("name")) if "name" in col else ""
        if not name:
            continue
        where = _("{where}, row {row}", where=table.where, row=r + 1)
        unit = cell("unit")
        m = re.match(t["name_unit"], name) if not unit and unit_in_name else None
        if m and re.search(t["unit_chars"], m.group(2)):
            name, unit = m.group(1), m.group(2)
        values: dict[str, str] = {}
        for role in ("domain", "target", "nature"):
            value = cell(role)
            if role == "domain":
                value = _strip_numbering(value)
            if not value and last.get(role):
                value = last[role]
                if role != "domain":
                    merged.setdefault(role, []).append(r + 1)
            values[role] = value
            if value:
                last[role] = value
        nature = values["nature"]
        if nature not in t["natures"]:
            notes.append(
                Note(
                    where,
                    "guess",
                    _(
                        "nature {value} not recognised; wrote {nature}",
                        value=repr(nature),
                        nature=t["default_nature"],
                    ),
                )
            )
            nature = t["default_nature"]
        target = values["target"]
        if not target:
            target = "-"
            notes.append(Note(where, "guess", _("no target in this row; wrote '-'")))
        base = cell("base")
        ind: dict[str, Any] = {
            "id": f"ind_{first_id + len(indicators):02d}",
            "domain": values["domain"] or t["default_domain"],
            "name": name,
        }
        if unit:
            ind["unit"] = unit
        ind["base"] = None if base in t["missing"] else _number(base)
        ind["target"] = target
        ind["nature"] = nature
        indicators.append(ind)
    merge = [role for role in ("target", "nature") if role in merged]
    for role in merge:
        notes.append(
            Note(
                table.where,
                "guess",
                _(
                    "empty {column} cells in rows {rows} read as merged with the row above",
                    column=compact(header[col[role]]),
                    rows=", ".join(map(str, merged[role])),
                ),
            )
        )
    return indicators, merge, notes
