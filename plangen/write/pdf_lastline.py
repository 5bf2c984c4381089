"""No paragraph ending in a line of one character and its punctuation (`责）`).

Chinese typesetting avoids such a last line by setting the line above it a
little looser, so that it gives its last character to the last line. After a
first layout, the characters of those two lines are wrapped in `span.fit-loose`
(print.css says how loose) and the document is laid out again: the paragraph
keeps its number of lines and every other line its 28 characters. Which of the
LEVELS of looseness mends each paragraph is tried first on a small document of
those paragraphs alone (trial_document), so the whole document is not laid out
again once per level.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any

PARA = "data-p"  # the id each paragraph carries through layout
LOOSE = "fit-loose"  # then fit-loose-2 …: looser, for a line already one character short
LEVELS = 3
CLOSING = frozenset("，。、；：？！）》」』】〕〉”’…%·")
TRIAL = "@"  # pid@level: a paragraph's copy set loose at that level in the trial document


def tag_paragraphs(xhtml: str) -> str:
    """Number the body's paragraphs so the layout can name them."""
    root = ET.fromstring(xhtml)
    body = root.find("body")
    for n, p in enumerate(body.iter("p") if body is not None else ()):
        p.set(PARA, str(n))
    return ET.tostring(root, encoding="unicode")


def short_last_lines(pages: Iterable[Any]) -> dict[str, int]:
    """Paragraphs whose last line is one character and punctuation: the number of
    characters (spaces aside) on their last two lines, to be set loose."""
    lines: dict[str, list[str]] = {}
    for page in pages:
        for box in _descendants(page._page_box):
            element = getattr(box, "element", None)
            pid = element.get(PARA) if element is not None else None
            if pid is None or getattr(box, "element_tag", None) != "p":
                continue
            for line in getattr(box, "children", ()):
                if type(line).__name__ == "LineBox":
                    lines.setdefault(pid, []).append("".join(_texts(line)).strip())
    return {
        pid: sum(len("".join(line.split())) for line in ls[-2:])
        for pid, ls in lines.items()
        if len(ls) > 1 and short(ls[-1])
    }


def short(text: str) -> bool:
    """One character, alone or followed by closing punctuation only."""
    return bool(text) and text[0] not in CLOSING and all(c in CLOSING for c in text[1:])


def escalate(
    loose: dict[str, tuple[int, int]], found: Mapping[str, int]
) -> dict[str, tuple[int, int]]:
    """(characters, level) per paragraph; one still short after loosening goes a level up."""
    out = dict(loose)
    for pid, count in found.items():
        before = loose.get(pid)
        out[pid] = (count, 1) if before is None else (before[0], min(before[1] + 1, LEVELS))
    return out


def trial_document(xhtml: str, found: Mapping[str, int]) -> str:
    """Each paragraph found short, set loose at every level, inside copies of its ancestors.

    A paragraph breaks into the same lines on whatever page it falls, so this small
    document, laid out once, shows the level that mends each one (short_last_lines on
    it names pid@level). A paragraph in a table comes with its whole table, whose
    columns decide its width; other ancestors come without their other children.
    """
    root = ET.fromstring(xhtml)
    body = root.find("body")
    if body is None:
        return xhtml
    parents = {child: parent for parent in body.iter() for child in parent}
    trial = ET.Element(body.tag, body.attrib)
    for p in [p for p in body.iter("p") if p.get(PARA) in found]:
        pid = p.get(PARA, "")
        chain = [p]  # p, its parent, … up to a child of body
        while parents.get(chain[-1]) not in (None, body):
            chain.append(parents[chain[-1]])
        unit = max((i for i, el in enumerate(chain) if el.tag == "table"), default=0)
        for level in range(1, LEVELS + 1):
            copied = copy.deepcopy(chain[unit])
            for q in copied.iter("p"):
                if q.get(PARA) == pid:
                    q.set(PARA, f"{pid}{TRIAL}{level}")
                    _wrap_tail(q, found[pid], LOOSE if level == 1 else f"{LOOSE}-{level}")
                else:
                    q.attrib.pop(PARA, None)
            for ancestor in chain[unit + 1 :]:
                shell = ET.Element(ancestor.tag, ancestor.attrib)
                shell.append(copied)
                copied = shell
            trial.append(copied)
    root.remove(body)
    root.append(trial)
    return ET.tostring(root, encoding="unicode")


def trial_levels(
    found: Mapping[str, int], still_short: Mapping[str, int]
) -> dict[str, tuple[int, int]]:
    """(characters, the lowest level that mends it) per paragraph; LEVELS when none does."""
    out = {}
    for pid, count in found.items():
        mended = [n for n in range(1, LEVELS + 1) if f"{pid}{TRIAL}{n}" not in still_short]
        out[pid] = (count, mended[0] if mended else LEVELS)
    return out


def loosen(xhtml: str, tails: Mapping[str, tuple[int, int]]) -> str:
    """The document with the last characters of the named paragraphs set loose."""
    if not tails:
        return xhtml
    root = ET.fromstring(xhtml)
    for p in root.iter("p"):
        count, level = tails.get(p.get(PARA, ""), (0, 0))
        if count:
            _wrap_tail(p, count, LOOSE if level == 1 else f"{LOOSE}-{level}")
    return ET.tostring(root, encoding="unicode")


def _wrap_tail(p: ET.Element, count: int, name: str) -> None:
    """Wrap the last count non-space characters of p's text, piece by piece, in span.fit-loose."""
    slots = []  # (element, "text" | "tail") holding text, in reading order

    def walk(el: ET.Element) -> None:
        slots.append((el, "text"))
        for child in el:
            walk(child)
            slots.append((child, "tail"))

    walk(p)
    for el, where in reversed(slots):
        if count <= 0:
            return
        text = getattr(el, where) or ""
        cut = len(text)
        while cut > 0 and count > 0:
            cut -= 1
            count -= not text[cut].isspace()
        if cut == len(text):
            continue
        span = ET.Element("span", {"class": name})
        span.text, span.tail = text[cut:], None
        setattr(el, where, text[:cut])
        if where == "text":
            el.insert(0, span)
            span.tail = None
        else:
            parent = _parent(p, el)
            parent.insert(list(parent).index(el) + 1, span)


def _parent(root: ET.Element, child: ET.Element) -> ET.Element:
    return next(el for el in root.iter() if child in list(el))


def _texts(box: Any):
    text = getattr(box, "text", None)
    if isinstance(text, str):
        yield text
    for child in getattr(box, "children", ()):
        yield from _texts(child)


def _descendants(box: Any):
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)
