"""The DOCX takes its table column widths from print.css, as WeasyPrint applies them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import docx
import pdfplumber
from docx.oxml.ns import qn
from helpers import FIXTURES, ROOT, run_cli

from plangen.write.columns import css_widths

CSS = ROOT / "templates/base/print.css"


def test_the_most_specific_rule_wins_and_unknown_columns_have_none():
    table = ET.fromstring(
        '<table class="data evaluation"><colgroup><col class="w-seq"/><col class="w-name"/>'
        '<col class="w-nowhere"/></colgroup></table>'
    )
    assert css_widths(table, CSS) == [5.0, 19.0, None]  # table.evaluation col.w-…
    plain = ET.fromstring('<table class="data"><col class="w-seq"/><col class="w-name"/></table>')
    assert css_widths(plain, CSS) == [6.0, 38.0]


def test_docx_columns_are_the_pdf_columns(tmp_path):
    """Each table of long-groups: Word's grid columns in the proportions the PDF draws."""
    done = run_cli("build", FIXTURES / "long-groups.yaml", "-o", tmp_path, "-q")
    assert done.returncode == 0, done.stderr
    in_docx = []
    for table in docx.Document(tmp_path / "long-groups.docx").tables[:3]:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        in_docx.append([round(w / sum(grid) * 100) for w in grid])
    in_pdf = []
    with pdfplumber.open(tmp_path / "long-groups.pdf") as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                xs = sorted({round(c[0], 1) for r in table.rows for c in r.cells if c})
                xs.append(table.bbox[2])
                share = [
                    round((b - a) / (xs[-1] - xs[0]) * 100)
                    for a, b in zip(xs, xs[1:], strict=False)
                ]
                if share not in in_pdf:
                    in_pdf.append(share)
    assert in_docx == in_pdf[:3]
    assert in_docx[2] == [13, 29, 10, 17, 17, 14]  # table.completion's own widths
