"""The new draft's DOCX with its changes against the old as Word revisions (修订).

Both drafts are written by the DOCX writer first; this module compares their bodies
block by block (paragraphs and tables, matched with difflib) and marks what the new
draft added as `w:ins` and what it dropped as `w:del`, with author and date, so a
reviewer accepts or rejects each change in Word or WPS. A changed paragraph keeps
its unchanged words and gets word-level revisions (compute/worddiff). Accepting
every change gives exactly the new draft's text.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from difflib import SequenceMatcher
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from plangen.compute.worddiff import similarity, word_diff
from plangen.write.atomic import fixed_zip

ALIKE = 0.7  # share of common words above which two paragraphs are one, changed
MAX_PAIRS = 40_000  # larger changed stretches are marked as deleted and inserted whole

P, TBL, R, T = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:t")
SIMPLE_P = {qn("w:pPr"), R, qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:proofErr")}
SIMPLE_R = {qn("w:rPr"), T}


class _Marks:
    """Revision attributes: one id each, the same author and date."""

    def __init__(self, author: str, when: dt.datetime):
        self.author = author
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = 9000

    def make(self, kind: str) -> Any:
        from docx.oxml import OxmlElement

        el = OxmlElement(f"w:{kind}")
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el


def _text(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(T))


def _key(el: Any) -> str:
    return ("T:" if el.tag == TBL else "P:") + _text(el)


def _runs(p: Any) -> list[Any]:
    """Runs of a paragraph, also those inside hyperlinks and fields, not yet marked."""
    return [r for r in p.iter(R) if r.getparent().tag not in (qn("w:ins"), qn("w:del"))]


def _mark_paragraph(p: Any, kind: str, marks: _Marks) -> None:
    """The paragraph mark itself is inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
    from docx.oxml import OxmlElement

    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        after = [c for c in ppr if c.tag in (qn("w:sectPr"), qn("w:pPrChange"))]
        if after:
            after[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, marks.make(kind))


def _wrap(run: Any, kind: str, marks: _Marks) -> None:
    wrapper = marks.make(kind)
    run.addprevious(wrapper)
    wrapper.append(run)
    if kind == "del":
        for t in run.iter(T):
            t.tag = qn("w:delText")
        for t in run.iter(qn("w:instrText")):
            t.tag = qn("w:delInstrText")


def mark_all(el: Any, kind: str, marks: _Marks) -> None:
    """Every run and paragraph mark (and table row) of a block as inserted or deleted."""
    from docx.oxml import OxmlElement

    if el.tag == TBL:
        for tr in el.iter(qn("w:tr")):
            trpr = tr.find(qn("w:trPr"))
            if trpr is None:
                trpr = OxmlElement("w:trPr")
                tc = tr.find(qn("w:tc"))
                (tc.addprevious(trpr) if tc is not None else tr.append(trpr))
            trpr.append(marks.make(kind))
    paragraphs = [el] if el.tag == P else list(el.iter(P))
    for p in paragraphs:
        for run in _runs(p):
            _wrap(run, kind, marks)
        _mark_paragraph(p, kind, marks)


def _simple(p: Any) -> bool:
    return all(c.tag in SIMPLE_P for c in p) and all(
        c.tag in SIMPLE_R for r in p.findall(R) for c in r
    )


def _make_run(rpr: Any, text: str) -> Any:
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = OxmlElement("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def diff_paragraph(old: Any, new: Any, marks: _Marks) -> None:
    """Word-level revisions inside one paragraph; formatting follows the new draft's runs."""
    if _text(old) == _text(new):
        return
    if not (_simple(old) and _simple(new)):
        deleted = copy.deepcopy(old)
        mark_all(deleted, "del", marks)
        new.addprevious(deleted)
        mark_all(new, "ins", marks)
        return
    runs = new.findall(R)
    spans: list[tuple[int, int, Any]] = []  # (start, end, rPr) of the new text
    at = 0
    for run in runs:
        text = _text(run)
        spans.append((at, at + len(text), run.find(qn("w:rPr"))))
        at += len(text)
    old_rpr = next((r.find(qn("w:rPr")) for r in old.findall(R)), None)

    def rpr_at(pos: int) -> Any:
        for start, end, rpr in spans:
            if start <= pos < end:
                return rpr
        return spans[-1][2] if spans else old_rpr

    for run in runs:
        new.remove(run)
    anchor = new.find(qn("w:bookmarkEnd"))
    out: list[Any] = []
    pos = 0
    text = "".join(_text(r) for r in runs)
    for piece in word_diff(_text(old), text):
        if piece.op == "del":
            run = _make_run(rpr_at(pos) if pos < at else rpr_at(max(pos - 1, 0)), piece.text)
            wrapper = marks.make("del")
            wrapper.append(run)
            for t in run.iter(T):
                t.tag = qn("w:delText")
            out.append(wrapper)
            continue
        # split kept and inserted text where the new draft's formatting changes
        end = pos + len(piece.text)
        while pos < end:
            span_end = next((e for s, e, _ in spans if s <= pos < e), end)
            chunk = text[pos : min(end, span_end)]
            run = _make_run(rpr_at(pos), chunk)
            if piece.op == "ins":
                wrapper = marks.make("ins")
                wrapper.append(run)
                run = wrapper
            out.append(run)
            pos += len(chunk)
    for el in out:
        if anchor is not None:
            anchor.addprevious(el)
        else:
            new.append(el)


def diff_table(old: Any, new: Any, marks: _Marks) -> None:
    """Rows matched by their text; changed rows compared cell by cell."""
    old_rows, new_rows = old.findall(qn("w:tr")), new.findall(qn("w:tr"))
    _align(old_rows, new_rows, marks, _row_pair, _mark_row)


def _mark_row(row: Any, kind: str, marks: _Marks) -> None:
    from docx.oxml import OxmlElement

    trpr = row.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        tc = row.find(qn("w:tc"))
        (tc.addprevious(trpr) if tc is not None else row.append(trpr))
    trpr.append(marks.make(kind))
    for p in row.iter(P):
        for run in _runs(p):
            _wrap(run, kind, marks)
        _mark_paragraph(p, kind, marks)


def _row_pair(old: Any, new: Any, marks: _Marks) -> None:
    old_cells, new_cells = old.findall(qn("w:tc")), new.findall(qn("w:tc"))
    if len(old_cells) != len(new_cells):
        deleted = copy.deepcopy(old)
        _mark_row(deleted, "del", marks)
        new.addprevious(deleted)
        _mark_row(new, "ins", marks)
        return
    for oc, nc in zip(old_cells, new_cells, strict=True):
        olds, news = oc.findall(P), nc.findall(P)
        if len(olds) == len(news) == 1:
            # a cell's last paragraph mark cannot be deleted: after 全部拒绝 an inserted
            # one would stay as an empty line, so one-line cells change word by word
            diff_paragraph(olds[0], news[0], marks)
        else:
            _align(olds, news, marks, diff_paragraph, mark_all)


def _block_pair(old: Any, new: Any, marks: _Marks) -> None:
    if old.tag == P and new.tag == P:
        diff_paragraph(old, new, marks)
    elif old.tag == TBL and new.tag == TBL:
        diff_table(old, new, marks)
    else:
        deleted = copy.deepcopy(old)
        mark_all(deleted, "del", marks)
        new.addprevious(deleted)
        mark_all(new, "ins", marks)


def _align(old: list[Any], new: list[Any], marks: _Marks, pair: Any, mark: Any) -> None:
    """Match two sequences of elements by text and mark what differs. Inside a changed
    stretch, an old and a new element are compared word by word only when they are
    alike (a moved task is a deletion and an insertion, not a rewrite)."""
    ops = SequenceMatcher(None, [_key(e) for e in old], [_key(e) for e in new], autojunk=False)
    for tag, i1, i2, j1, j2 in ops.get_opcodes():
        if tag == "equal":
            continue
        olds, news = old[i1:i2], new[j1:j2]
        after = new[j2] if j2 < len(new) else None
        before = new[j1 - 1] if j1 > 0 else None
        oi = nj = 0
        for po, pn in _alike_pairs(olds, news):
            for n in news[nj:pn]:
                mark(n, "ins", marks)
            gap_start = news[nj]
            for o in olds[oi:po]:
                gap_start.addprevious(_deleted(o, mark, marks))
            pair(olds[po], news[pn], marks)
            oi, nj = po + 1, pn + 1
        for n in news[nj:]:
            mark(n, "ins", marks)
        for o in olds[oi:]:
            deleted = _deleted(o, mark, marks)
            if nj < len(news):
                news[nj].addprevious(deleted)
            elif after is not None:
                after.addprevious(deleted)
            elif before is not None or news:
                anchor = news[-1] if news else before
                anchor.addnext(deleted)
                if news:
                    news = [*news, deleted]
                    nj = len(news)
                else:
                    before = deleted


def _alike_pairs(olds: list[Any], news: list[Any]) -> list[tuple[int, int]]:
    """The ordered pairs of alike elements with the most similarity in all (an LCS)."""
    if len(olds) * len(news) > MAX_PAIRS:
        return []
    keys_o, keys_n = [_key(o) for o in olds], [_key(n) for n in news]
    rows, cols = len(olds), len(news)
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            if olds[i].tag == news[j].tag:
                sim = similarity(keys_o[i], keys_n[j], ALIKE)
                if sim >= ALIKE:
                    best = max(best, score[i + 1][j + 1] + sim)
            score[i][j] = best
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < rows and j < cols:
        if score[i][j] == score[i + 1][j]:
            i += 1
        elif score[i][j] == score[i][j + 1]:
            j += 1
        else:
            pairs.append((i, j))
            i, j = i + 1, j + 1
    return pairs


def _deleted(el: Any, mark: Any, marks: _Marks) -> Any:
    copied = copy.deepcopy(el)
    mark(copied, "del", marks)
    return copied


def revisions_docx(old: bytes, new: bytes, author: str, when: dt.datetime) -> bytes:
    """The new DOCX with every change against the old one as a tracked revision."""
    old_doc, new_doc = Document(io.BytesIO(old)), Document(io.BytesIO(new))
    marks = _Marks(author, when)
    blocks = [e for e in new_doc.element.body if e.tag in (P, TBL)]
    old_blocks = [e for e in old_doc.element.body if e.tag in (P, TBL)]
    _align(old_blocks, blocks, marks, _block_pair, mark_all)
    buf = io.BytesIO()
    new_doc.save(buf)
    return fixed_zip(buf.getvalue(), when.timetuple())
