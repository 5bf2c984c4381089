"""`plangen export` reopened with openpyxl, and the export → fill → import → report round trip."""

import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from helpers import PLANS, run_cli

from plangen.load.plan import load_plan
from plangen.load.xlsx_layout import load_layout
from plangen.pipeline.exchange import load_content
from plangen.write.xlsx import export_workbook

YEARS = ["2021年", "2022年", "2023年", "2024年", "2025年"]
HEADERS = [
    "编号",
    "领域",
    "指标",
    "单位",
    "基期值（2020年）",
    "目标值（2025年）",
    "属性",
    *YEARS,
    "数据来源",
]
DERIVED = {"beds_per_1000", "doctors_per_1000", "nurses_per_1000"}


def rows_by_id(ws):
    return {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}


@pytest.fixture(scope="module")
def plan_book(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "laishan.xlsx"
    result = run_cli("export", PLANS / "laishan.yaml", "-o", out)
    assert result.returncode == 0, result.stderr
    return openpyxl.load_workbook(out)


def test_main_sheet_lists_every_indicator_under_a_bold_frozen_header(plan_book):
    ws = plan_book["指标"]
    assert plan_book.sheetnames == [
        "指标", "基础数据", "任务进展", "资源与其他数据", "排名情况", "调整建议与责任", "填报说明",
    ]  # fmt: skip
    assert [c.value for c in ws[3]] == HEADERS
    assert all(c.font.b for c in ws[3])
    assert ws.freeze_panes == "D4"
    ids = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1)]
    assert ids == [ind.id for ind in load_plan(PLANS / "laishan.yaml").plan.indicators]
    assert len(ids) == 21
    life = rows_by_id(ws)["life_expectancy"]
    assert [c.value for c in ws[life]][:7] == [
        "life_expectancy",
        "健康水平",
        "人均预期寿命",
        "岁",
        81.26,
        81.5,
        "预期性",
    ]
    assert "黄色单元格" in ws["A2"].value  # the instruction line


def test_year_cells_are_empty_unlocked_inputs_and_the_sheet_is_protected(plan_book):
    ws = plan_book["指标"]
    assert ws.protection.sheet
    row = rows_by_id(ws)["gps_per_10000"]
    for col in range(8, 14):  # five years and the source column
        cell = ws.cell(row, col)
        assert cell.value is None and cell.protection.locked is False
        assert cell.fill.fgColor.rgb.endswith("FFF2CC")
    assert ws.cell(row, 3).protection.locked  # the plan's own text is not for editing


def test_derived_rows_are_greyed_locked_and_marked_computed(plan_book):
    ws = plan_book["指标"]
    rows = rows_by_id(ws)
    for key in DERIVED:
        cell = ws.cell(rows[key], 9)
        assert cell.protection.locked and cell.fill.fgColor.rgb.endswith("E7E6E6")
        assert ws.cell(rows[key], 13).value == "计算指标"
    assert ws.cell(rows["doctors_per_1000"], 5).value == 4.03  # base computed from baseline


def test_raw_data_sheet_has_one_row_per_baseline_datum(plan_book):
    ws = plan_book["基础数据"]
    assert [c.value for c in ws[3]] == [
        "编号",
        "数据项",
        "单位",
        "基期值（2020年）",
        *YEARS,
        "用于计算",
    ]
    population = [c.value for c in ws[4]]
    assert population[:4] == ["population", "常住人口", "人", 362000]
    assert population[4:9] == [None] * 5
    assert "每千人口执业（助理）医师数" in population[9]
    assert [ws.cell(r, 1).value for r in range(4, ws.max_row + 1)] == [
        "population",
        "doctors",
        "nurses",
        "beds",
    ]


def test_task_sheet_offers_the_four_statuses(plan_book):
    ws = plan_book["任务进展"]
    assert ws.max_row - 3 == 35
    assert [ws.cell(4, c).value for c in (1, 2)] == [1, "加强公共卫生服务体系及机制建设"]
    (rule,) = ws.data_validations.dataValidation
    assert rule.formula1 == '"已完成,推进中,滞后,未启动"'
    assert "D4" in str(rule.sqref) and "D38" in str(rule.sqref)


def test_monitoring_export_is_prefilled():
    content = load_content(PLANS / "laishan-2022.yaml")
    assert content.name == "laishan-2022"
    import io

    wb = openpyxl.load_workbook(io.BytesIO(export_workbook(content, load_layout())))
    ws = wb["指标"]
    rows = rows_by_id(ws)
    life = rows["life_expectancy"]
    assert [ws.cell(life, c).value for c in range(8, 14)] == [
        81.4,
        81.58,
        None,
        None,
        None,
        "区卫生健康局死因监测资料",
    ]
    assert ws.cell(rows["youth_myopia_rate"], 9).value == 51.9
    doctors = rows["doctors_per_1000"]  # computed from raw data: 1493 / 366800 * 1000
    assert ws.cell(doctors, 9).value == 4.07 and ws.cell(doctors, 9).number_format == "0.00"
    data = wb["基础数据"]
    assert [data.cell(4, c).value for c in (5, 6, 7)] == [364500, 366800, None]
    tasks = wb["任务进展"]
    assert tasks.cell(23, 4).value == "未启动"  # task 20


def test_export_is_byte_identical_and_defaults_to_build(tmp_path):
    shutil.copy(PLANS / "laishan.yaml", tmp_path / "laishan.yaml")
    first = run_cli("export", "laishan.yaml", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    out = tmp_path / "build" / "laishan-indicators.xlsx"
    data = out.read_bytes()
    assert run_cli("export", "laishan.yaml", cwd=tmp_path).returncode == 0
    assert out.read_bytes() == data


def test_headers_come_from_the_data_table(tmp_path):
    shipped = load_layout().file
    override = tmp_path / "tpl" / "exchange"
    override.mkdir(parents=True)
    text = Path(shipped).read_text(encoding="utf-8").replace("  id: 编号", "  id: 指标代码")
    (override / "xlsx.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "book.xlsx"
    result = run_cli("export", PLANS / "laishan.yaml", "-o", out, "-t", tmp_path / "tpl")
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(out)["指标"]["A3"].value == "指标代码"
    fill(out, {("指标", "gps_per_10000", 9): 2.4})
    imported = run_cli(
        "import", out, tmp_path / "m.yaml", "--plan", PLANS / "laishan.yaml", "-t", tmp_path / "tpl"
    )
    assert imported.returncode == 0, imported.stderr
    assert "gps_per_10000:\n    values: {2022: 2.4}" in (tmp_path / "m.yaml").read_text()


def fill(path, cells):
    """Type values into an exported workbook: {(sheet, row id, column): value}."""
    wb = openpyxl.load_workbook(path)
    for (sheet, key, col), value in cells.items():
        ws = wb[sheet]
        row = key if isinstance(key, int) else rows_by_id(ws)[key]
        ws.cell(row, col).value = value
    wb.save(path)


def test_round_trip_export_fill_import_report(tmp_path):
    book = tmp_path / "book.xlsx"
    assert run_cli("export", PLANS / "laishan.yaml", "-o", book).returncode == 0
    fill(
        book,
        {
            ("指标", "life_expectancy", 8): 81.33,
            ("指标", "life_expectancy", 9): "８１．６２",
            ("指标", "health_literacy_level", 9): "31.5%",
            ("指标", "gps_per_10000", 9): 2.6,
            ("指标", "gps_per_10000", 13): "区卫健局年报",
            ("基础数据", "population", 6): "366,800",
            ("基础数据", "doctors", 6): 1500,
            ("任务进展", 4, 4): "推进中",
            ("任务进展", 4, 5): "进展顺利",
        },
    )
    monitoring = tmp_path / "laishan-2022.yaml"
    result = run_cli("import", book, monitoring, "--plan", PLANS / "laishan.yaml")
    assert result.returncode == 0, result.stderr
    text = monitoring.read_text(encoding="utf-8")
    assert "cutoff: 2022" in text and "kind: midterm" in text
    assert "life_expectancy:\n    values: {2021: 81.33, 2022: 81.62}" in text
    assert "population: {2022: 366800}" in text
    # the plan is in the repository's plans/, outside this folder: allowed explicitly
    built = run_cli(
        "build", monitoring, "-o", tmp_path / "out", "-f", "docx", "-q", "--allow", PLANS
    )
    assert built.returncode == 0, built.stderr
    rows = {
        r.cells[1].text: [c.text for c in r.cells]
        for t in Document(tmp_path / "out" / "laishan-2022.docx").tables
        for r in t.rows
    }
    assert rows["人均预期寿命"][5] == "81.62（2022）"
    assert rows["居民健康素养水平"][5] == "31.5（2022）"
    assert rows["每万人口全科医生数"][5] == "2.6（2022）"
    assert rows["每千人口执业（助理）医师数"][5] == "4.09（2022）"  # 1500 / 366800 * 1000


def test_import_into_a_copy_keeps_comments_and_changes_one_line(tmp_path):
    for name in ("laishan.yaml", "laishan-2022.yaml"):
        shutil.copy(PLANS / name, tmp_path / name)
    monitoring = tmp_path / "laishan-2022.yaml"
    before = monitoring.read_text(encoding="utf-8")
    book = tmp_path / "book.xlsx"
    assert run_cli("export", monitoring, "-o", book).returncode == 0
    fill(book, {("指标", "infant_mortality_rate", 9): 1.95})
    result = run_cli("import", book, monitoring)
    assert result.returncode == 0, result.stderr
    after = monitoring.read_text(encoding="utf-8")
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert changed == [
        (
            "    values: {2021: 2.31, 2022: 2.02}        # 2022: Weihai",
            "    values: {2021: 2.31, 2022: 1.95}        # 2022: Weihai",
        )
    ]
    again = run_cli("import", book, monitoring)
    assert again.returncode == 0 and "nothing changed" in again.stdout
    assert monitoring.read_text(encoding="utf-8") == after


def test_an_indicator_new_to_the_file_is_inserted_in_plan_order(tmp_path):
    for name in ("laishan.yaml", "laishan-2022.yaml"):
        shutil.copy(PLANS / name, tmp_path / name)
    monitoring = tmp_path / "laishan-2022.yaml"
    book = tmp_path / "book.xlsx"
    assert run_cli("export", monitoring, "-o", book).returncode == 0
    fill(book, {("指标", "pharmacists_per_1000", 9): 0.52})
    assert run_cli("import", book, monitoring).returncode == 0
    text = monitoring.read_text(encoding="utf-8")
    entry = "  pharmacists_per_1000:\n    values: {2022: 0.52}\n"
    assert entry in text
    assert (
        text.index("  tcm_doctors_per_1000:")
        < text.index(entry)
        < text.index("  public_health_staff_per_1000:")
    )
    assert "# pharmacists_per_1000: no data" in text  # the comment stays
