"""Titles broken into balanced lines at word boundaries (`中/期` and `“十三/五”` never)."""

from __future__ import annotations

import pdfplumber
from docx import Document
from docx.oxml.ns import qn

from plangen.render.titles import balanced

WORDS = ["中期", "终期", "评估报告", "关于", "印发", "的通知"]


def test_a_title_that_fits_one_line_is_left_alone():
    assert balanced("莱山区“十四五”卫生与健康规划", 20, WORDS) == "莱山区“十四五”卫生与健康规划"


def test_a_long_title_breaks_evenly_after_a_closing_mark_or_before_a_word():
    assert balanced("《莱山区“十四五”卫生与健康规划》中期评估报告", 20, WORDS) == (
        "《莱山区“十四五”<br class='balance'/>卫生与健康规划》中期评估报告"
    )
    assert balanced("测试市人民政府关于印发测试市“十四五”卫生健康规划的通知", 20, WORDS) == (
        "测试市人民政府关于印发测试市<br class='balance'/>“十四五”卫生健康规划的通知"
    )


def test_no_boundary_leaves_the_title_to_wrap_and_text_is_escaped():
    assert balanced("一二三四五六七八九十一二三四五六七八九十一二", 20) == (
        "一二三四五六七八九十一二三四五六七八九十一二"
    )
    assert balanced("<b>", 20) == "&lt;b&gt;"


def test_report_title_lines_in_the_pdf_and_the_docx(built):
    with pdfplumber.open(built / "laishan-2022.pdf") as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["size"], use_text_flow=True)
        lines = [w["text"] for w in words if round(w["size"]) == 22]
    assert lines == ["《莱山区“十四五”", "卫生与健康规划》中期评估报告"]
    doc = Document(built / "laishan-2022.docx")
    title = next(p for p in doc.paragraphs if p.style.name == "Title")
    assert title._p.find(f".//{qn('w:br')}") is not None
    assert title.text.replace("\n", "") == "《莱山区“十四五”卫生与健康规划》中期评估报告"
