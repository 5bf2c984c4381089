"""The DOCX table of contents as Word itself would store it after an update.

Each entry links to a bookmark on its heading and carries the page the PDF prints
there (both formats paginate on the same grid), so Word, WPS and LibreOffice show
numbers before anyone updates the field. The field builds the same entries when it
is updated: headings by outline level, and a TC field for an entry whose target is
not a heading (附件, whose title paragraph carries no outline level).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


@dataclass
class _Mark:
    bookmark: str
    text: str
    level: int


@dataclass
class TocMarks:
    """Bookmarks the TOC entries point at, placed as the writer reaches their sections."""

    pages: Mapping[str, str]
    marks: dict[str, _Mark] = field(default_factory=dict)
    pending: _Mark | None = None
    filled: bool = False
    _ids: int = 0

    def write(self, paras: Sequence, entries: Sequence[tuple[int, str, str]]) -> None:
        """Fill one paragraph per (level, text, anchor) entry inside one TOC field."""
        depth = max(level for level, _text, _anchor in entries)
        self.filled = all(self.pages.get(anchor) for _level, _text, anchor in entries)
        _field_start(paras[0], f'TOC \\o "1-{depth}" \\l "1-{depth}" \\h \\z \\u', self.filled)
        for n, (para, (level, text, anchor)) in enumerate(zip(paras, entries, strict=True)):
            mark = _Mark(f"_Toc{n + 1:06d}", text, level)
            self.marks.setdefault(anchor, mark)
            page = self.pages.get(anchor)
            if page:
                _entry(para, text, mark.bookmark, page)
            else:
                _run(para, text)
        _fld(paras[-1], "end")

    def enter(self, anchor: str | None) -> None:
        """A section starts: its first paragraph gets the bookmark its entry points at."""
        if anchor in self.marks:
            self.pending = self.marks.pop(anchor)

    def mark(self, para, level: int | None) -> None:
        """Bookmark the paragraph; a TC field stands in when it is no heading of that level."""
        mark, self.pending = self.pending, None
        if mark is None:
            return
        ppr = para._p.find(qn("w:pPr"))
        at = 0 if ppr is None else 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._ids))
        start.set(qn("w:name"), mark.bookmark)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._ids))
        self._ids += 1
        para._p.insert(at, start)
        para._p.insert(at + 1, end)
        if level != mark.level:
            text = mark.text.replace('"', "")
            _field(para, f'TC "{text}" \\l {mark.level}', "", at + 2)


def _run(parent, text: str | None = None, child=None):
    run = OxmlElement("w:r")
    if text is not None:
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
    if child is not None:
        run.append(child)
    getattr(parent, "_p", parent).append(run)  # a paragraph, a hyperlink or a holder
    return run


def _fld(parent, kind: str, dirty: bool = False):
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    if dirty:
        el.set(qn("w:dirty"), "true")
    return _run(parent, child=el)


def _instr(parent, instruction: str):
    el = OxmlElement("w:instrText")
    el.set(qn("xml:space"), "preserve")
    el.text = f" {instruction} "
    return _run(parent, child=el)


def _field_start(para, instruction: str, filled: bool) -> None:
    """begin, instruction, separate; dirty (update on open) when the numbers are missing."""
    _fld(para, "begin", dirty=not filled)
    _instr(para, instruction)
    _fld(para, "separate")


def _field(para, instruction: str, cached: str, at: int) -> None:
    """A whole field inserted at a position among the paragraph's children."""
    holder = OxmlElement("w:p")  # collected here, then moved into place
    _fld(holder, "begin")
    _instr(holder, instruction)
    _fld(holder, "separate")
    if cached:
        _run(holder, cached)
    _fld(holder, "end")
    for offset, run in enumerate(list(holder)):
        para._p.insert(at + offset, run)


def _entry(para, text: str, bookmark: str, page: str) -> None:
    """Text, a tab (dot leader from the style) and PAGEREF with its cached page, as a link."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    para._p.append(link)
    _run(link, text)
    _run(link, child=OxmlElement("w:tab"))
    _fld(link, "begin")
    _instr(link, f"PAGEREF {bookmark} \\h")
    _fld(link, "separate")
    _run(link, page)
    _fld(link, "end")
