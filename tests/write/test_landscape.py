"""Wide tables on landscape pages (the evaluation report's 10-column table): a landscape
page in the PDF and a landscape section in the DOCX, page numbers running on below the
turned type area, and numbers kept whole in their cells."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from layout_check import LANDSCAPE_BOTTOM, folio_mm, read

REPORT = "laishan-2022"
CLOSING = "）)%，。"


def _landscape_pages(pdf):
    with pdfplumber.open(pdf) as doc:
        return [(p.page_number, p.width > p.height, p.extract_text() or "") for p in doc.pages]


def _numbers_run_on(pdf):
    pages = read(pdf)
    wide = [p for p in pages if p.landscape]
    assert wide and all(p.folio is not None for p in pages[1:])  # every page numbered
    numbers = [int(p.folio.text.strip("— ")) for p in pages if p.folio is not None]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(abs(f - 7) <= 1 for f in folio_mm(wide)), folio_mm(wide)
    return wide


@pytest.mark.parametrize("route", ["pdf", "office"])
def test_the_evaluation_table_stands_on_landscape_pages_numbered_in_sequence(built, route, request):
    folder = built if route == "pdf" else request.getfixturevalue("office_pdfs")
    pdf = folder / f"{REPORT}.pdf"
    wide = _numbers_run_on(pdf)
    pages = _landscape_pages(pdf)
    holding = [n for n, _landscape, text in pages if "主要指标完成情况" in text.split("\n")[0]]
    assert holding and all(pages[n - 1][1] for n in holding)  # the caption's page is landscape
    assert not pages[0][1] and not pages[-1][1]  # the report itself stays portrait
    assert all(ln.top < LANDSCAPE_BOTTOM + 2 for p in wide for ln in p.lines)


def test_numbers_and_years_never_break_inside_a_cell(built):
    with pdfplumber.open(built / f"{REPORT}.pdf") as doc:
        cells = [
            cell
            for page in doc.pages
            if page.width > page.height
            for table in page.extract_tables()
            for row in table[1:]
            for cell in row
            if cell
        ]
    assert len(cells) > 100
    for cell in cells:
        lines = cell.split("\n")
        assert not any(all(c in CLOSING for c in line) for line in lines[1:]), cell
        for year in re.findall(r"（\d{4}）", cell.replace("\n", "")):
            assert any(year in line for line in lines), cell  # （2022） whole on one line


def test_docx_puts_the_table_in_a_landscape_section_whose_numbers_run_on(built):
    doc = Document(built / f"{REPORT}.docx")
    orient = [s.orientation for s in doc.sections]
    assert WD_ORIENT.LANDSCAPE in orient and orient[-1] == WD_ORIENT.PORTRAIT
    wide = doc.sections[orient.index(WD_ORIENT.LANDSCAPE)]
    assert round(wide.page_width.mm) == 297 and round(wide.page_height.mm) == 210
    type_width = wide.page_width.mm - wide.left_margin.mm - wide.right_margin.mm
    assert round(type_width) == 225
    assert wide._sectPr.find(qn("w:pgNumType")) is None  # no restart: numbers run on
    assert wide._sectPr.find(qn("w:footerReference")) is None  # the body's footers
    table = next(t for t in doc.tables if len(t.columns) == 10)
    width = int(table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
    assert round(width / 1440 * 25.4) == 225
