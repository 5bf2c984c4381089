"""The report's optional blocks in the exchange workbook: export, fill, import, report (issue 13)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from helpers import PLANS, run_cli

from plangen.load.monitoring import load_monitoring

BLOCKS = ("resources", "figures", "rankings", "adjustments", "responsibility")


@pytest.fixture
def city(tmp_path: Path) -> Path:
    """A copy of the haibin example and its exported workbook (book.xlsx beside it)."""
    shutil.copytree(PLANS / "haibin", tmp_path / "haibin")
    monitoring = tmp_path / "haibin" / "haibin-2023.yaml"
    result = run_cli("export", monitoring, "-o", tmp_path / "book.xlsx")
    assert result.returncode == 0, result.stderr
    return monitoring


def strip_blocks(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for key in BLOCKS:
        text = re.sub(rf"\n{key}:.*?(?=\n[a-z]|\Z)", "", text, flags=re.S)
    path.write_text(text, encoding="utf-8")
    assert all(f"\n{key}:" not in text for key in BLOCKS)


def test_sheets_are_prefilled_from_the_monitoring_file(city):
    wb = openpyxl.load_workbook(city.parent.parent / "book.xlsx")
    assert wb.sheetnames[3:6] == ["资源与其他数据", "排名情况", "调整建议与责任"]
    figures = wb["资源与其他数据"]
    assert [c.value for c in figures[3]] == ["类别", "项目", "数值", "单位", "年份", "说明"]
    assert [c.value for c in figures[5]] == ["卫生资源", "医疗卫生机构床位", 5855, "张", None, None]
    assert [c.value for c in figures[7]][:5] == [
        "其他监测数据",
        "全市妇女常见病筛查率",
        92.4,
        "%",
        2023,
    ]
    assert [c.value for c in wb["排名情况"][4]] == ["全市居民健康素养水平", 3, "全省", 2023]
    advice = wb["调整建议与责任"]
    rows = {advice.cell(r, 1).value: r for r in range(4, advice.max_row + 1)}
    gps = [c.value for c in advice[rows["gps_per_10000"]]]
    assert gps[:4] == [
        "gps_per_10000",
        "每万人口全科医生数",
        None,
        "海滨市卫生健康委员会、海滨市财政局",
    ]


def test_round_trip_restores_every_block(city):
    original = load_monitoring(city).data
    strip_blocks(city)
    result = run_cli("import", city.parent.parent / "book.xlsx", city)
    assert result.returncode == 0, result.stderr
    # 3 resources + 2 figures + 1 ranking + 1 adjustment + 1 responsibility
    assert "(8 change(s))" in result.stdout
    restored = load_monitoring(city).data
    for key in BLOCKS:
        assert getattr(restored, key) == getattr(original, key), key
    again = run_cli("import", city.parent.parent / "book.xlsx", city)
    assert again.returncode == 0 and "nothing changed" in again.stdout


def test_filled_cells_reach_the_report(city, tmp_path):
    book = city.parent.parent / "book.xlsx"
    wb = openpyxl.load_workbook(book)
    figures = wb["资源与其他数据"]
    figures["C5"] = 5900  # beds 5855 → 5900
    ranks = wb["排名情况"]
    for col, value in enumerate(["每千人口执业（助理）医师数", 5, "全省", 2023], start=1):
        ranks.cell(5, col, value)
    advice = wb["调整建议与责任"]
    row = next(
        r for r in range(4, advice.max_row + 1) if advice.cell(r, 1).value == "doctors_per_1000"
    )
    advice.cell(row, 4, "海滨市卫生健康委员会，海滨市人力资源和社会保障局")
    advice.cell(row, 5, "扩大西山区医师招聘")
    wb.save(book)
    assert run_cli("import", book, city).returncode == 0
    data = load_monitoring(city).data
    assert data.resources[1].value == 5900
    assert [(r.label, r.rank) for r in data.rankings][1] == ("每千人口执业（助理）医师数", 5)
    owners = {r.indicator: r for r in data.responsibility}
    assert owners["doctors_per_1000"].departments == [
        "海滨市卫生健康委员会",
        "海滨市人力资源和社会保障局",
    ]
    out = tmp_path / "out"
    built = run_cli("build", city, "-o", out, "-f", "docx", "-q")
    assert built.returncode == 0, built.stderr
    text = "\n".join(p.text for p in Document(out / "haibin-2023.docx").paragraphs)
    assert "医疗卫生机构床位5900张" in text
    assert "2023年每千人口执业（助理）医师数居全省第5位" in text


def test_an_empty_sheet_leaves_the_file_alone(city):
    book = city.parent.parent / "book.xlsx"
    wb = openpyxl.load_workbook(book)
    ranks = wb["排名情况"]
    for col in range(1, 5):
        ranks.cell(4, col).value = None
    wb.save(book)
    before = city.read_text(encoding="utf-8")
    result = run_cli("import", book, city)
    assert result.returncode == 0 and "nothing changed" in result.stdout
    assert city.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    "sheet, cell, value, message",
    [
        ("资源与其他数据", "C4", "很多", "资源与其他数据!C4: cannot read '很多' as a number"),
        ("资源与其他数据", "A4", "人力", "资源与其他数据!A4: kind '人力' is not one of"),
        ("资源与其他数据", "B4", None, "资源与其他数据!B4: this row has values but no '项目'"),
        ("资源与其他数据", "E4", 23, "资源与其他数据!E4: '23' is not a year"),
        ("排名情况", "B4", 0, "排名情况!B4: rank 0 is not a whole number from 1 up"),
        (
            "调整建议与责任",
            "D10",
            None,
            "调整建议与责任!D10: a measure is given but no responsible unit",
        ),
    ],
)
def test_bad_cells_are_named_and_nothing_is_written(city, sheet, cell, value, message):
    book = city.parent.parent / "book.xlsx"
    wb = openpyxl.load_workbook(book)
    if sheet == "调整建议与责任":
        assert wb[sheet]["A10"].value == "gps_per_10000"  # its 推进措施 stays filled
    wb[sheet][cell] = value
    wb.save(book)
    before = city.read_text(encoding="utf-8")
    result = run_cli("import", book, city)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert city.read_text(encoding="utf-8") == before
