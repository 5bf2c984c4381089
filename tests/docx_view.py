"""A readable, stable text view of a DOCX: styles, text and table structure.

Snapshots store this view instead of zip bytes, so a template change shows up
in review as a diff of what a reader of the Word file would see.
"""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def docx_view(data: bytes) -> str:
    """Page setup, then every paragraph as [Style] text and every table as a grid."""
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    lines = [
        f"page {section.page_width.mm:.0f}x{section.page_height.mm:.0f}mm margins "
        f"t{section.top_margin.mm:.0f} b{section.bottom_margin.mm:.0f} "
        f"l{section.left_margin.mm:.0f} r{section.right_margin.mm:.0f}"
    ]
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text
            if text or _has_break(block):
                lines.append(f"[{block.style.name}] {text}" if text else "[page break]")
            if block._p.pPr is not None and block._p.pPr.find(qn("w:sectPr")) is not None:
                lines.append("[section break]")
        elif isinstance(block, Table):
            lines += _table(block)
    return "\n".join(lines) + "\n"


def _has_break(p: Paragraph) -> bool:
    return any(br.get(qn("w:type")) == "page" for br in p._p.iter(qn("w:br")))


def _table(table: Table) -> list[str]:
    rows = table.rows
    out = [f"<table {len(rows)}x{len(table.columns)}>"]
    for row in rows:
        trpr = row._tr.trPr
        header = trpr is not None and trpr.find(qn("w:tblHeader")) is not None
        cells = []
        for tc in row._tr.tc_lst:
            merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            if merge is not None and merge.get(qn("w:val")) != "restart":
                cells.append("^")
                continue
            text = " / ".join(p.text for p in _paragraphs(tc) if p.text)
            cells.append(text)
        out.append(("H| " if header else " | ") + " | ".join(cells) + " |")
    out.append("</table>")
    return out


def _paragraphs(tc) -> list[Paragraph]:
    return [Paragraph(p, None) for p in tc.iter(qn("w:p"))]
