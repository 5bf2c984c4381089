"""A plan issued by a 印发通知: 版头, 主体 and 版记 as GB/T 9704-2012 lays them out,
checked in the DOCX (python-docx), the PDF (pdfplumber) and the DOCX through LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess

import pdfplumber
import pytest
from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Pt
from helpers import FIXTURES, run_cli

PLAN = FIXTURES / "notice.yaml"
RED = (0.902, 0.0, 0.071)  # #E60012


def red(color) -> bool:
    return (
        color is not None
        and len(color) == 3
        and all(abs(a - b) < 0.002 for a, b in zip(color, RED, strict=True))
    )


MM = 72 / 25.4
TYPE_BOTTOM = (297 - 35) * MM  # the bottom edge of the type area, in pt from the top
TYPE_RIGHT = (210 - 26) * MM
CELL = 16  # a character of 3号 text, in pt


def signing_lines(pdf_path) -> tuple[dict, dict]:
    """The 署名 and 成文日期 lines of the notice's first page: text, x0, x1, top, bottom."""
    rows: list[list] = []  # chars whose tops lie within 6 pt (digits and 汉字 differ)
    with pdfplumber.open(pdf_path) as pdf:
        for c in sorted(pdf.pages[0].chars, key=lambda c: (c["top"], c["x0"])):
            if rows and c["top"] - rows[-1][0]["top"] < 6:
                rows[-1].append(c)
            else:
                rows.append([c])
    lines = {
        "".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])): {
            "x0": min(c["x0"] for c in cs),
            "x1": max(c["x1"] for c in cs),
            "top": min(c["top"] for c in cs),
            "bottom": max(c["bottom"] for c in cs),
        }
        for cs in rows
    }
    return lines["测试市人民政府"], lines["2021年12月20日"]


def assert_signed_by_the_standard(sign: dict, date: dict, step: float = 2 * CELL) -> None:
    """GB/T 9704-2012 7.3.5.2: the 署名 two characters in from the right; the date's first
    character two right of the 署名's first (the date, as long as the 署名, ends flush)."""
    assert abs(TYPE_RIGHT - sign["x1"] - 2 * CELL) < 2, sign
    assert abs(date["x0"] - sign["x0"] - step) < 2, (sign, date)
    assert abs(TYPE_RIGHT - date["x1"]) < 2, date
    assert 0 < date["top"] - sign["bottom"] < CELL  # the next line


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notice")
    done = run_cli("build", PLAN, "-o", folder, "-f", "docx,pdf")
    assert done.returncode == 0, done.stderr
    return folder


def test_pdf_red_head_title_and_attachment(out):
    with pdfplumber.open(out / "notice.pdf") as pdf:
        first = pdf.pages[0]
        mark = [c for c in first.chars if c["size"] > 30]
        assert "".join(c["text"] for c in mark) == "测试市人民政府文件"
        assert all(red(c["non_stroking_color"]) for c in mark)
        rules = [r for r in first.rects if red(r["non_stroking_color"])]
        assert rules and abs(rules[0]["x1"] - rules[0]["x0"] - 156 * MM) < 1  # type width
        number = first.search("测政发〔2021〕18号")[0]
        assert 0 < rules[0]["bottom"] - number["bottom"] < 8 * MM  # the rule just below it
        text = first.extract_text()
        assert "测试市人民政府关于印发测试市\n“十四五”卫生健康规划的通知" in text  # balanced
        assert "附件：测试市“十四五”卫生健康规划" in text
        attachment = next(p for p in pdf.pages if p.extract_text().startswith("附件\n测试市"))
        assert attachment.page_number > 1  # the plan starts on a page of its own


def test_pdf_signature_and_date(out):
    assert_signed_by_the_standard(*signing_lines(out / "notice.pdf"))


def test_typst_signature_and_date(tmp_path):
    pytest.importorskip("typst")
    done = run_cli("build", PLAN, "-o", tmp_path, "-f", "pdf", "--pdf-engine", "typst")
    assert done.returncode == 0, done.stderr
    assert_signed_by_the_standard(*signing_lines(tmp_path / "notice.pdf"))


def test_pdf_record_sits_on_the_bottom_of_an_even_last_page(out):
    with pdfplumber.open(out / "notice.pdf") as pdf:
        last = pdf.pages[-1]
        assert len(pdf.pages) % 2 == 0
        text = last.extract_text()
        assert text.startswith("抄送：市委各部门，")
        assert text.endswith("测试市人民政府办公室 2021年12月22日印发")  # no page number
        bottom = max(r["bottom"] for r in last.rects)
        assert abs(bottom - TYPE_BOTTOM) < 4  # the last rule on the type area's edge


def test_docx_styles_red_rule_and_record_section(out):
    doc = Document(io.BytesIO((out / "notice.docx").read_bytes()))
    by_style = {p.style.name: p for p in doc.paragraphs if p.text}
    assert by_style["Issuer Mark"].text == "测试市人民政府文件"
    assert str(doc.styles["Issuer Mark"].font.color.rgb) == "E60012"
    rule = doc.styles["Notice Number"].element.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "E60012"
    assert by_style["Notice Title"].text.startswith("测试市人民政府关于印发")
    assert by_style["Notice Date"].text == "2021年12月20日"
    assert by_style["Notice Signature"].paragraph_format.right_indent == Pt(2 * CELL)
    assert by_style["Notice Date"].paragraph_format.right_indent == Pt(0)
    record = doc.sections[-1]
    assert record.start_type == WD_SECTION.EVEN_PAGE
    assert all(not p.text for p in record.footer.paragraphs)  # no page number on it
    assert any("PAGE" in s.footer._element.xml for s in doc.sections[:-1])  # the body's numbers
    assert doc.paragraphs[-1].text == "测试市人民政府办公室\t2021年12月22日印发"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (BENCH=1)")
def test_docx_through_libreoffice_keeps_the_record_at_the_foot(out, tmp_path):
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(out / "notice.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    with pdfplumber.open(tmp_path / "notice.pdf") as pdf:
        last = pdf.pages[-1]  # LibreOffice ignores an even-page section start; Word keeps it
        assert "抄送：" in last.extract_text() and "印发" in last.extract_text()
        assert max(c["bottom"] for c in last.chars) > TYPE_BOTTOM - 40 * MM  # in the last fifth
        first = pdf.pages[0]
        assert any(red(c["non_stroking_color"]) for c in first.chars)
    # LibreOffice puts a quarter em between 年/月/日 and the digits (it ignores the DOCX's
    # autoSpaceDN="0"), so its date is one character wider and starts one step earlier.
    assert_signed_by_the_standard(*signing_lines(tmp_path / "notice.pdf"), step=CELL)


def test_notice_without_title_is_an_error_at_its_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = PLAN.read_text(encoding="utf-8")
    bad.write_text(
        text.replace("  title: 测试市人民政府关于", "  titel: 测试市人民政府关于"), "utf-8"
    )
    done = run_cli("build", bad, "-o", tmp_path / "out")
    assert done.returncode == 1
    line = next(n for n, t in enumerate(bad.read_text("utf-8").splitlines(), 1) if "titel" in t)
    assert f"bad.yaml:{line}:" in done.stderr and "titel" in done.stderr
    assert not (tmp_path / "out").exists()
