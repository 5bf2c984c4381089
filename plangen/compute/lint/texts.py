"""Where the running text of a plan is: every string value a reader sees, with its data path."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

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


def iter_texts(lp: LoadedPlan) -> Iterator[Text]:
    """Every paragraph, section text, task title and text, 专栏 item and enumeration."""

    def text(path: Path_, task: Task | None = None, task_path: Path_ | None = None) -> Text | None:
        raw = lp.source.value(path)
        return Text(path, raw, task, task_path) if isinstance(raw, str) and raw else None

    found: list[Text | None] = [text(("preamble", i)) for i in range(len(lp.plan.preamble))]
    for path, block in iter_blocks(lp.plan):
        if isinstance(block, str):
            found.append(text(path))
        elif isinstance(block, Section) and block.text:
            found.append(text((*path, "text")))
        elif isinstance(block, Task):
            found += [text((*path, "task"), block, path), text((*path, "text"), block, path)]
            found += [
                text((*path, "paragraphs", j, "text"), block, path)
                for j in range(len(block.paragraphs))
            ]
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
