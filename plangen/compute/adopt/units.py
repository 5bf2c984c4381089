"""Unit lines that close a task: （A、B等按职责分工负责）, （牵头单位：A；配合单位：B）…"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plangen.load.adopt.document import words


@dataclass(frozen=True)
class UnitLine:
    """The departments of one task, in the source's form and order."""

    lead: list[str]
    support: list[str]
    form: str  # collective | lead_support | responsible
    bare: bool = False  # a bare （A，B、C）: a guess


def _names(text: str) -> list[str]:
    u = words()["units"]
    names = [re.sub(u["trailing_etc"], "", n.strip()) for n in re.split(u["separators"], text)]
    return [n for n in names if n]


def looks_like_department(name: str) -> bool:
    """A name that ends as departments do (局, 委, 办, 中心, 街道…)."""
    return 1 < len(name) <= 30 and any(
        name.endswith(e) for e in words()["units"]["department_ends"]
    )


def split_unit_line(text: str) -> tuple[str, UnitLine] | None:
    """The text without its closing unit line, and the departments; None when there is none."""
    u = words()["units"]
    m = re.search(u["tail"], text)
    if not m:
        return None
    inner = m.group(1).strip()
    rest = text[: m.start()].rstrip()
    line = _parse(inner)
    if line is None or not line.lead:
        return None
    return rest, line


def _parse(inner: str) -> UnitLine | None:
    u = words()["units"]
    if m := re.match(u["lead_support"], inner):
        return UnitLine(_names(m.group(1)), _names(m.group(2)), "lead_support")
    if m := re.match(u["lead_only"], inner):
        return UnitLine(_names(m.group(1)), [], "lead_support")
    if m := re.match(u["responsible"], inner):
        names = _names(m.group(1))
        return UnitLine(names[:1], names[1:], "responsible")
    if m := re.match(u["collective"], inner):
        names = _names(m.group(1))
        return UnitLine(names[:1], names[1:], "collective")
    names = _names(inner)
    if names and all(looks_like_department(n) for n in names):
        first = re.split(u["lead_separator"], inner, maxsplit=1)
        lead = _names(first[0])
        support = _names(first[1]) if len(first) > 1 else []
        if len(first) == 1:
            lead, support = names[:1], names[1:]
        return UnitLine(lead, support, "responsible", bare=True)
    return None
