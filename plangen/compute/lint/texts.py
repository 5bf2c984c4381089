"""Where the running text of a plan is, and the line and column of any character in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from plangen.load.model import Box, BoxItem, Enumerate, Section, Task
from plangen.load.plan import LoadedPlan, iter_blocks
from plangen.load.source import Path_

_SENTENCE_END = re.compile(r"[。；;！？!?\n]")


@dataclass(frozen=True)
class Text:
    """One text value of the plan, with its data path and the task holding it (if any)."""

    path: Path_
    value: str
    task: Task | None = None
    task_path: Path_ | None = None


def _value(data: Any, path: Path_) -> Any:
    for key in path:
        data = data[key]
    return data


def iter_texts(lp: LoadedPlan) -> Iterator[Text]:
    """Every paragraph, section text, task title and text, 专栏 item and enumeration."""

    def text(path: Path_, task: Task | None = None, task_path: Path_ | None = None) -> Text | None:
        raw = _value(lp.source.data, path)
        return Text(path, raw, task, task_path) if isinstance(raw, str) and raw else None

    found: list[Text | None] = [text(("preamble", i)) for i in range(len(lp.plan.preamble))]
    for path, block in iter_blocks(lp.plan):
        if isinstance(block, str):
            found.append(text(path))
        elif isinstance(block, Section) and block.text:
            found.append(text((*path, "text")))
        elif isinstance(block, Task):
            found += [text((*path, "task"), block, path), text((*path, "text"), block, path)]
        elif isinstance(block, Box):
            for j, item in enumerate(block.body):
                item_path = (
                    (*path, "body", j, "text") if isinstance(item, BoxItem) else (*path, "body", j)
                )
                found.append(text(item_path))
        elif isinstance(block, Enumerate):
            found += [text((*path, "enumerate", j)) for j in range(len(block.enumerate))]
            if block.lead:
                found.append(text((*path, "lead")))
    yield from (t for t in found if t is not None)


def sentences(value: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs: text cut at 。；！？ and line breaks."""
    start = 0
    for m in _SENTENCE_END.finditer(value):
        if m.start() > start:
            yield start, value[start : m.start()]
        start = m.end()
    if start < len(value):
        yield start, value[start:]


class Locator:
    """Maps a character of a YAML string value back to its line and column in the file."""

    def __init__(self, lp: LoadedPlan, file_text: str):
        self.src = lp.source
        self.lines = file_text.splitlines()

    def at(self, path: Path_, offset: int = 0) -> tuple[int, int]:
        """Line and column of value[offset]; the value's start when it cannot be traced."""
        line, col = self.src.where(path)
        if not 1 <= line <= len(self.lines):
            return line, col
        first = self.lines[line - 1][col - 1 :]
        if first[:1] in ("|", ">"):
            return self._in_block(line, offset) or (line, col)
        quoted = first[:1] in ("'", '"')
        content = first[1:] if quoted else first
        start_col = col + (1 if quoted else 0)
        segments = [(line, start_col, len(content.rstrip()))]
        key_line = self.lines[line - 1]
        key_indent = len(key_line) - len(key_line.lstrip())
        for n in range(line + 1, min(line + 200, len(self.lines) + 1)):
            raw = self.lines[n - 1]  # a plain or quoted value continued on further lines
            indent = len(raw) - len(raw.lstrip())
            if not raw.strip() or indent <= key_indent:
                break
            segments.append((n, indent + 1, len(raw.strip())))
        return self._walk(segments, offset) or (line, col)

    def _in_block(self, line: int, offset: int) -> tuple[int, int] | None:
        segments = []
        indent = None
        for n in range(line + 1, len(self.lines) + 1):
            raw = self.lines[n - 1]
            if not raw.strip():
                segments.append((n, 1, 0))
                continue
            here = len(raw) - len(raw.lstrip())
            if indent is None:
                indent = here
            if here < indent:
                break
            segments.append((n, indent + 1, len(raw) - indent))
        return self._walk(segments, offset)

    @staticmethod
    def _walk(segments: list[tuple[int, int, int]], offset: int) -> tuple[int, int] | None:
        """Each source line holds its characters plus one folded break."""
        seen = 0
        for n, col, length in segments:
            if offset <= seen + length:
                return n, col + (offset - seen)
            seen += length + 1
        return (segments[-1][0], segments[-1][1]) if segments else None
