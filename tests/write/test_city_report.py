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
    assert len(doc.inline_shapes) == 2  # the progress chart and the trend panels
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


def test_optional_blocks_of_a_real_report(out):
    doc = Document(out / "haibin-2023.docx")
    text = "\n".join(p.text for p in doc.paragraphs)
    # resources: beds 4100 + 1175 + 580 = 5855, doctors 2280 + 572 + 300 = 3152 (the districts' 2023 data)
    assert "1.卫生资源。截至2023年底，全市医疗卫生机构1286个（其中医院38个" in text
    assert "医疗卫生机构床位5855张" in text and "执业（助理）医师3152人" in text
    assert "5.其他监测数据。2023年全市妇女常见病筛查率92.4%" in text
    assert "2023年全市居民健康素养水平居全省第3位。" in text
    assert "（二）指标调整建议。居民健康素养水平（2025年目标30左右，无法评估）：" in text
    assert (
        "（三）滞后指标责任落实。每万人口全科医生数（相对滞后）由海滨市卫生健康委员会、海滨市财政局负责"
        in text
    )


def test_advice_must_name_a_plan_indicator(tmp_path):
    import shutil

    shutil.copytree(PLANS / "haibin", tmp_path / "haibin")
    city = tmp_path / "haibin" / "haibin-2023.yaml"
    text = city.read_text(encoding="utf-8").replace(
        "  - indicator: gps_per_10000", "  - indicator: gps_per_1000"
    )
    city.write_text(text, encoding="utf-8")
    line = text[: text.index("indicator: gps_per_1000")].count("\n") + 1
    result = run_cli("validate", city)
    assert result.returncode == 1
    assert f"haibin-2023.yaml:{line}:" in result.stderr
    assert "did you mean 'gps_per_10000'?" in result.stderr


def test_pdf_table_cells_with_pdfplumber(out):
    import pdfplumber

    with pdfplumber.open(out / "haibin-2023.pdf") as pdf:
        tables = [t for page in pdf.pages for t in page.extract_tables()]
        images = sum(len(page.images) for page in pdf.pages)
    assert images == 2  # 图1 progress chart and 图2 trend panels

    def flat(row):
        return [(c or "").replace("\n", "") for c in row]

    districts = [
        flat(r)
        for t in tables
        if flat(t[0])[3:] == ["全市", "东海区", "西山区", "北湖区"]
        for r in t[1:]
    ]
    rows = {r[1]: r for r in districts}
    # 全市 3.36 = Σ全科医生 / Σ人口 × 10⁴; 东海 and 西山 lag against their own plans
    assert rows["每万人口全科医生数"][3:] == ["3.36", "3.56滞后▲", "2.38滞后▲", "4.06已实现"]
    assert rows["每千人口执业（助理）医师数"][3] == "3.48"  # 3152 / 906000 × 1000
    main = {r[1]: r for t in tables if "评估结论" in flat(t[0]) for r in map(flat, t[1:])}
    # base 2.78 → 3.36 (2023), target 4: (3.36 − 2.78) / 1.22 = 47.5 % < 60 %;
    # growth projection 3.36 × (3.36 / 2.78)^(2/3) = 3.81 < 4 → 可能难以实现, ★ for 约束性
    assert main["每万人口全科医生数"][5:9] == [
        "3.36（2023）",
        "3.81",
        "47.5%",
        "相对滞后，可能难以实现★",
    ]
