"""The city report rolled up from three districts (plans/haibin), opened as DOCX and PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx_view import docx_view
from helpers import PLANS, run_cli
from pypdf import PdfReader


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("city")
    result = run_cli("build", PLANS / "haibin" / "haibin-2023.yaml", "-o", folder, "-f", "docx,pdf")
    assert result.returncode == 0, result.stderr
    return folder


def test_docx_district_table_cells(out, snapshot):
    doc = Document(out / "haibin-2023.docx")
    table = next(t for t in doc.tables if t.rows[0].cells[3].text == "全市")
    assert [c.text for c in table.rows[0].cells] == [
        "序号", "指标", "单位", "全市", "东海区", "西山区", "北湖区",
    ]  # fmt: skip
    gps = [c.text for c in table.rows[7].cells]
    assert gps == [
        "7", "每万人口全科医生数", "人", "3.36",
        "3.56滞后▲", "2.38滞后▲", "4.06已实现",
    ]  # fmt: skip
    doctors = [c.text for c in table.rows[5].cells]
    assert doctors[3] == "3.48"  # 3152 / 906000 × 1000, not the mean 3.22
    assert len(doc.inline_shapes) == 1  # the progress chart
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "约束性指标每万人口全科医生数在东海区、西山区进度滞后或反向变化" in text
    assert "居民健康素养水平没有可加总的原始数据" in text
    assert docx_view((out / "haibin-2023.docx").read_bytes()) == snapshot


def test_pdf_has_both_tables_and_the_chart(out):
    reader = PdfReader(out / "haibin-2023.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    flat = "".join(text.split())
    assert "表1主要指标完成情况" in flat and "表2各区主要指标完成情况" in flat
    assert "2.38滞后▲" in flat
    assert any(page.images for page in reader.pages)
