"""`plangen adopt`: an existing plan, read into paragraphs and tables, becomes plan data.

The readers (plangen/load/adopt) give paragraphs and tables in order; this package
finds the headings, tasks with their unit lines, 专栏, the indicator table and the
document's details, and notes every guess and every line it could not place.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from plangen.compute.adopt.meta import complete_meta, read_front, read_signature
from plangen.compute.adopt.registry import build_registry
from plangen.compute.adopt.result import Adopted, Note
from plangen.compute.adopt.script import simplified_copy
from plangen.compute.adopt.structure import Builder, Node, heading
from plangen.load.adopt.document import Document, Para, Table, words
from plangen.messages import _

__all__ = ["Adopted", "Note", "adopt_document"]


def _first_chapter(items: list[Para | Table]) -> int | None:
    for i, item in enumerate(items):
        if isinstance(item, Para):
            found = heading(item.text.strip())
            if (
                found
                and found[0] == "chapter"
                and len(found[2]) <= 50
                and "。" not in found[2].rstrip("。")
            ):
                return i
    return None


def adopt_document(doc: Document) -> Adopted | None:
    """Plan data for a read document; None when it has no numbered chapters (not a plan).
    A document in traditional characters keeps its script and sets the locale."""
    traditional = simplified_copy(doc)
    if traditional is None:
        return _adopt(doc)
    copy, restorer = traditional
    adopted = _adopt(copy)
    if adopted is None:
        return None
    adopted.plan = restorer.apply(adopted.plan)
    adopted.plan["meta"]["locale"] = "zh_TW"
    adopted.notes = [Note(n.where, n.kind, restorer.restore(n.message)) for n in adopted.notes]
    adopted.notes.append(
        Note(
            doc.items[0].where if doc.items else "",
            "guess",
            _("written in traditional characters: locale zh_TW (zh_HK for Hong Kong forms)"),
        )
    )
    return adopted


def _adopt(doc: Document) -> Adopted | None:
    items = doc.items
    start = _first_chapter(items)
    if start is None:
        return None
    lead = [x for x in items[:start] if isinstance(x, Para)]
    front = read_front(lead, doc.title_hint)
    builder = Builder()
    body = items[start:]
    for i, item in enumerate(body):
        if isinstance(item, Para) and re.match(words()["appendix"], item.text.strip()):
            front.notes.append(
                Note(item.where, "unplaced", _("the appendix from here on is left out"))
            )
            body = body[:i]
            break
    signature, used = read_signature([x for x in body[-3:] if isinstance(x, Para)])
    if used and all(isinstance(x, Para) for x in body[-used:]):
        body = body[:-used]
    for i, item in enumerate(body):
        builder.feed(item, body[i + 1] if i + 1 < len(body) else None)
    found = {**signature, **front.meta}
    meta, meta_notes = complete_meta(found, items[0].where if items else "")
    tasks: list[Node] = []
    chapters = [_chapter(ch, tasks) for ch in builder.chapters]
    lines = Counter(t.units.form for t in tasks if t.units)
    meta["task_numbering"] = _numbering(tasks)
    meta["department_line"] = lines.most_common(1)[0][0] if lines else "collective"
    names: list[str] = []
    where: dict[str, str] = {}
    notes = front.notes + meta_notes + builder.notes
    for t in tasks:
        if t.units:
            for n in t.units.lead + t.units.support:
                names.append(n)
                where.setdefault(n, t.where)
            if t.units.bare:
                notes.append(
                    Note(
                        t.where,
                        "guess",
                        _(
                            "departments taken from a bare bracket: {names}",
                            names="、".join(t.units.lead + t.units.support),
                        ),
                    )
                )
    bare = [t.where for t in tasks if not t.units]
    if bare:
        notes.append(
            Note(
                bare[0],
                "guess",
                _(
                    "{count} tasks have no unit line (at {places}); their departments are empty",
                    count=len(bare),
                    places=", ".join(bare),
                ),
            )
        )
    registry, reg_notes = build_registry(names, where)
    notes += reg_notes
    plan: dict[str, Any] = {"meta": meta}
    if registry:
        plan["departments"] = registry
    if builder.indicators:
        plan["indicators"] = builder.indicators
    if front.preamble:
        plan["preamble"] = front.preamble
    plan["chapters"] = chapters
    counts = {
        "chapters": len(chapters),
        "tasks": len(tasks),
        "tasks_with_departments": sum(1 for t in tasks if t.units),
        "boxes": _count(chapters, "box"),
        "sections": _count(chapters, "section"),
        "indicators": len(builder.indicators),
        "departments": len(registry),
    }
    return Adopted(plan, notes, counts)


def _count(blocks: list[Any], key: str) -> int:
    total = 0
    for block in blocks:
        if isinstance(block, dict):
            total += key in block
            total += _count(block.get("body") or [], key)
    return total


def _numbering(tasks: list[Node]) -> str:
    numbers = [t.number for t in tasks]
    restarts = any(b <= a for a, b in zip(numbers, numbers[1:], strict=False))
    return "per_section" if restarts else "continuous"


def _chapter(node: Node, tasks: list[Node]) -> dict[str, Any]:
    task_chapter = bool(re.search(words()["task_chapters"], node.title))
    return {"title": node.title, "body": _blocks(node.body, task_chapter, tasks)}


def _is_task(node: Node, siblings: list[Node], task_chapter: bool) -> bool:
    if node.level < 2 or any(isinstance(b, Node) for b in node.body):
        return False
    if node.units is not None:
        return True
    if node.text is None:
        return False
    if any(s.units is not None for s in siblings):
        return True
    # 1.工作目标 beside 2.重点任务 (a heading over tasks) is a run-in section
    return task_chapter and not any(any(isinstance(b, Node) for b in s.body) for s in siblings)


def _blocks(body: list[Any], task_chapter: bool, tasks: list[Node]) -> list[Any]:
    nodes = [b for b in body if isinstance(b, Node)]
    out: list[Any] = []
    for block in body:
        if not isinstance(block, Node):
            out.append(block)
            continue
        if _is_task(block, nodes, task_chapter):
            tasks.append(block)
            task: dict[str, Any] = {"task": block.title, "text": block.text or ""}
            if block.units:
                task["lead"] = block.units.lead
                if block.units.support:
                    task["support"] = block.units.support
            out.append(task)
            out.extend(_blocks(block.body, task_chapter, tasks))  # paragraphs after a task
            continue
        children = _blocks(block.body, task_chapter, tasks)
        if block.text is not None and not children:
            out.append({"section": block.title, "text": block.text})
        else:
            lead = [block.text] if block.text else []
            out.append({"section": block.title, "body": lead + children})
    return out
