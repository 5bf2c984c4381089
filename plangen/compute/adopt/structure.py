"""Chapters, sections, tasks, 专栏 and the indicator table, from numbered paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from plangen.compute.adopt.indicators import is_indicator_table, read_indicators
from plangen.compute.adopt.result import Note
from plangen.compute.adopt.text import normalise
from plangen.compute.adopt.units import UnitLine, split_unit_line
from plangen.load.adopt.document import Para, Table, words
from plangen.messages import _

LEVELS = {"chapter": 0, "section": 1, "item": 2, "subitem": 3}


@dataclass
class Node:
    """A heading and what follows it until the next heading of its level or above."""

    level: int
    title: str
    where: str
    number: int = 0  # the digits of 1. and （1）; 0 for 一、 and （一）
    text: str | None = None  # run-in text after the title's 。
    units: UnitLine | None = None
    body: list[Any] = field(default_factory=list)  # str | Node | dict


def heading(text: str) -> tuple[str, int, str] | None:
    """(kind, number, rest) when text starts with a heading number."""
    for kind, pattern in words()["headings"].items():
        m = re.match(pattern, text)
        if m:
            groups = [g for g in m.groups() if g is not None]
            number = int(groups[0]) if groups[0].isdigit() else 0
            return kind, number, groups[-1].strip()
    return None


def split_run_in(rest: str) -> tuple[str, str | None]:
    """Title and run-in text: 加强综合监督执法。完善常态化… → (加强综合监督执法, 完善…)."""
    w = words()
    end = rest.find(w["sentence_end"])
    if 0 < end <= w["run_in_limit"]:
        title, text = rest[:end].strip(), rest[end + 1 :].strip()
        return title, (text or None)
    return rest.rstrip(w["sentence_end"]).strip(), None


@dataclass
class Builder:
    """Reads items in order, keeping the open headings on a stack."""

    chapters: list[Node] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    stack: list[Node] = field(default_factory=list)
    box: dict[str, Any] | None = None
    caption: str = ""
    last_numbered: Node | None = None
    trailing: list[Para] = field(default_factory=list)

    def add(self, block: Any) -> None:
        self.stack[-1].body.append(block)

    def open(self, node: Node) -> None:
        if node.level == 0:
            self.chapters.append(node)
            self.stack = [node]
            return
        while len(self.stack) > 1 and self.stack[-1].level >= node.level:
            self.stack.pop()
        self.add(node)
        self.stack.append(node)

    def feed(self, item: Para | Table, next_item: Para | Table | None) -> None:
        if isinstance(item, Table):
            self.box = None
            self.table(item)
            return
        text = normalise(item.text)
        w = words()
        if m := re.match(w["box"], text):
            self.box = {
                "box": m.group(2).strip() or words()["default_box"].format(n=m.group(1)),
                "body": [],
            }
            self.add(self.box)
            self.last_numbered = None
            return
        if (m := re.match(w["caption"], text)) and isinstance(next_item, Table):
            self.caption = m.group(2).strip()
            return
        found = heading(text)
        if found and self.heading(found, item, text):
            self.box = None
            return
        if self.box is not None:
            self.box["body"].append(_box_item(text))
            return
        if self.attach_units(text, item):
            return
        table_next = isinstance(next_item, Table) and not next_item.boxed
        if table_next and len(text) <= 40 and "。" not in text:
            self.caption = text
            return
        self.last_numbered = None
        self.paragraph(text, item)

    def heading(self, found: tuple[str, int, str], item: Para, text: str) -> bool:
        kind, number, rest = found
        level = LEVELS[kind]
        if level == 0:
            if "。" in rest.rstrip("。") or len(rest) > 50:
                return False
            self.open(Node(0, rest.rstrip("。"), item.where))
            self.last_numbered = None
            return True
        if not self.stack:
            return False
        units = split_unit_line(rest)
        if units:
            rest = units[0]
        title, run_in = split_run_in(rest)
        if len(title) > words()["run_in_limit"]:
            return False
        node = Node(level, title, item.where, number, run_in, units[1] if units else None)
        self.open(node)
        self.last_numbered = node
        return True

    def attach_units(self, text: str, item: Para) -> bool:
        """A unit line on its own line after a numbered item belongs to that item."""
        node = self.last_numbered
        if node is None or node.units is not None or node.body:
            return False
        found = split_unit_line(text)
        if found is None or found[0]:
            return False
        node.units = found[1]
        return True

    def paragraph(self, text: str, item: Para) -> None:
        if not self.stack:
            self.trailing.append(item)
            return
        if len(text) < 12 and not re.search(r"[。；：！？]", text):
            self.notes.append(
                Note(item.where, "unplaced", _("short line kept as a paragraph: {text}", text=text))
            )
        self.add(_enumeration(text) or text)

    def table(self, table: Table) -> None:
        if not self.stack:
            self.notes.append(
                Note(table.where, "unplaced", _("table before the first chapter; left out"))
            )
            return
        if table.boxed:
            lines = [normalise(x) for x in table.rows[0][0].split("\n") if x.strip()]
            title = ""
            if lines and (m := re.match(words()["box"], lines[0])):
                title, lines = (
                    m.group(2).strip() or words()["default_box"].format(n=m.group(1)),
                    lines[1:],
                )
            elif lines:
                title, lines = lines[0], lines[1:]
            self.add({"box": title, "body": [_box_item(x) for x in lines]})
            return
        if not is_indicator_table(table):
            self.notes.append(
                Note(
                    table.where,
                    "unplaced",
                    _(
                        "table of {rows} rows is not an indicator table; left out",
                        rows=len(table.rows),
                    ),
                )
            )
            return
        found, merge, notes = read_indicators(table, len(self.indicators) + 1)
        self.notes += notes
        self.indicators += found
        block: dict[str, Any] = {
            "indicator_table": self.caption or words()["table"]["default_caption"]
        }
        if merge:
            block["merge"] = merge
        self.add(block)
        self.caption = ""


def _box_item(text: str) -> Any:
    m = re.match(r"^([^，。；：]{2,20})：(.+)$", text)
    if m:
        return {"head": m.group(1), "text": m.group(2)}
    return text


def _enumeration(text: str) -> dict[str, Any] | None:
    """一是……二是……: a paragraph with at least 一是 and 二是 in order."""
    marks = words()["enumeration"]
    positions = []
    start = 0
    for mark in marks:
        at = text.find(mark, start)
        if at < 0:
            break
        positions.append(at)
        start = at + len(mark)
    if len(positions) < 2:
        return None
    lead = text[: positions[0]].strip()
    items = []
    for i, at in enumerate(positions):
        end = positions[i + 1] if i + 1 < len(positions) else len(text)
        items.append(text[at + len(marks[i]) : end].strip().lstrip("，,"))
    if not all(items):
        return None
    block: dict[str, Any] = {"enumerate": items}
    if lead:
        block["lead"] = lead
    return block
