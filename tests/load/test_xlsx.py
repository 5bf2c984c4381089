"""Reading filled workbooks: accepted number forms, and every bad cell named by sheet!cell."""

import datetime as dt
import shutil

import openpyxl
import pytest
from helpers import PLANS, run_cli

from plangen.errors import PlanError
from plangen.load.plan import load_plan
from plangen.load.xlsx import read_book, read_number
from plangen.load.xlsx_layout import load_layout
from plangen.pipeline.exchange import import_book, load_content
from plangen.write.xlsx import export_workbook


@pytest.mark.parametrize(
    ("cell", "fmt", "expected"),
    [
        (81.58, "General", 81.58),
        (100, "General", 100),
        (0.3203, "0.00%", 32.03),
        ("８１．５８", "General", 81.58),
        (" 32.03% ", "General", 32.03),
        ("366,800", "General", 366800),
        ("1，476", "General", 1476),
        ("-0.5", "General", -0.5),
        ("1:1.3", "General", "1:1.3"),
        ("１：１．３", "General", "1:1.3"),
        (None, "General", None),
        ("", "General", None),
        ("-", "General", None),
    ],
)
def test_accepted_number_forms(cell, fmt, expected):
    assert read_number(cell, fmt) == (expected, "")


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        ("八十一", "text"),
        ("待发布", "text"),
        ("81.5岁", "text"),
        ("1,23", "text"),
        (True, "text"),
        (dt.datetime(2022, 3, 5), "date"),
        (dt.date(2022, 3, 5), "date"),
    ],
)
def test_refused_cells(cell, why):
    assert read_number(cell) == (None, why)


@pytest.fixture
def workspace(tmp_path):
    """A copy of the Laishan plan and its 2022 monitoring file, and a workbook exported from it."""
    for name in ("laishan.yaml", "laishan-2022.yaml"):
        shutil.copy(PLANS / name, tmp_path / name)
    book = tmp_path / "book.xlsx"
    book.write_bytes(export_workbook(load_content(tmp_path / "laishan-2022.yaml"), load_layout()))
    return tmp_path


def edit(book, change):
    wb = openpyxl.load_workbook(book)
    change(wb)
    wb.save(book)


def row_of(ws, key):
    return next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == key)


def problems_of(workspace):
    """Import the workbook into the monitoring copy; return the messages, checking nothing moved."""
    target = workspace / "laishan-2022.yaml"
    before = target.read_bytes()
    with pytest.raises(PlanError) as info:
        import_book(workspace / "book.xlsx", target, load_layout())
    assert target.read_bytes() == before
    assert not list(workspace.glob(".*.part"))
    return [str(p) for p in info.value.problems]


def test_every_bad_cell_is_reported_by_sheet_and_cell(workspace):
    def change(wb):
        ws = wb["指标"]
        life = row_of(ws, "life_expectancy")
        ws.cell(life, 8).value = "八十一"
        ws.cell(life, 9).value = dt.datetime(2022, 3, 5)
        ws.cell(row_of(ws, "gps_per_10000"), 9).value = "待发布"
        wb["基础数据"].cell(4, 5).value = "三十六万"

    edit(workspace / "book.xlsx", change)
    found = problems_of(workspace)
    book = workspace / "book.xlsx"
    assert f"{book}: 指标!H4: cannot read '八十一' as a number" in found[1]
    assert "fix: type digits only" in found[1]
    assert f"{book}: 指标!I4: cannot read the date 2022-03-05 as a number" in found[2]
    assert any(f"{book}: 指标!I20: cannot read '待发布' as a number" in p for p in found)
    assert any(f"{book}: 基础数据!E4: cannot read '三十六万' as a number" in p for p in found)
    assert len(found) == 4


def test_unknown_and_duplicate_ids(workspace):
    def change(wb):
        ws = wb["指标"]
        ws.cell(row_of(ws, "health_literacy_level"), 1).value = "health_literacy"
        ws.cell(row_of(ws, "smoking_rate_over_15"), 1).value = "life_expectancy"

    edit(workspace / "book.xlsx", change)
    found = "\n".join(problems_of(workspace))
    assert "指标!A10: unknown indicator id 'health_literacy' in plan laishan.yaml" in found
    assert "did you mean 'health_literacy_level'?" in found
    assert "指标!A11: id 'life_expectancy' appears again (first in row 4)" in found


def test_missing_id_column(workspace):
    edit(workspace / "book.xlsx", lambda wb: setattr(wb["指标"]["A3"], "value", "代码"))
    (found,) = problems_of(workspace)
    assert "book.xlsx: 指标: no '编号' column" in found


def test_values_after_the_cutoff_and_formulas_without_values(workspace):
    def change(wb):
        ws = wb["指标"]
        ws.cell(row_of(ws, "gps_per_10000"), 10).value = 3
        ws.cell(row_of(ws, "tcm_dept_share"), 9).value = "=1+1"  # openpyxl saves no result

    edit(workspace / "book.xlsx", change)
    found = "\n".join(problems_of(workspace))
    assert "指标!J20: year 2023 is after the cut-off 2022 of the monitoring file" in found
    assert "指标!I23: formula =1+1 has no saved value" in found


def test_rows_are_found_by_id_not_by_order(tmp_path):
    layout = load_layout()
    book = tmp_path / "book.xlsx"
    book.write_bytes(export_workbook(load_content(PLANS / "laishan.yaml"), layout))

    def change(wb):
        ws = wb["指标"]
        ws.move_range("A4:M4", rows=30)  # life_expectancy below everything else
        ws.cell(34, 8).value = 81.3
        ws.cell(row_of(ws, "gps_per_10000"), 8).value = 1.9

    edit(book, change)
    filled = read_book(book, layout, load_plan(PLANS / "laishan.yaml"))
    assert filled.values == {"life_expectancy": {2021: 81.3}, "gps_per_10000": {2021: 1.9}}


def test_typed_values_in_computed_rows_are_not_read(tmp_path):
    layout = load_layout()
    book = tmp_path / "book.xlsx"
    book.write_bytes(export_workbook(load_content(PLANS / "laishan.yaml"), layout))
    edit(
        book,
        lambda wb: setattr(wb["指标"].cell(row_of(wb["指标"], "beds_per_1000"), 8), "value", 6.1),
    )
    assert read_book(book, layout, load_plan(PLANS / "laishan.yaml")).values == {}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "workbook not found"),
        (b"id,2021\nlife_expectancy,81\n", "not an Excel workbook (.xlsx)"),
        (b"PK\x03\x04 broken zip", "not an Excel workbook (.xlsx)"),
    ],
)
def test_unreadable_workbooks_are_refused_by_the_cli(workspace, content, message):
    book = workspace / "book.xlsx"
    if content is None:
        book.unlink()
    else:
        book.write_bytes(content)
    target = workspace / "laishan-2022.yaml"
    before = target.read_bytes()
    result = run_cli("import", book, target)
    assert result.returncode == 1
    assert f"{book}: {message}" in result.stderr and "Traceback" not in result.stderr
    assert "fix:" in result.stderr
    assert target.read_bytes() == before


def test_bad_cell_through_the_cli_exits_1_and_writes_nothing(workspace):
    edit(
        workspace / "book.xlsx",
        lambda wb: setattr(
            wb["指标"].cell(row_of(wb["指标"], "life_expectancy"), 9), "value", "八十一"
        ),
    )
    target = workspace / "laishan-2022.yaml"
    before = target.read_bytes()
    result = run_cli("import", workspace / "book.xlsx", target)
    assert result.returncode == 1, result.stdout
    assert "book.xlsx: 指标!I4: cannot read '八十一' as a number" in result.stderr
    assert target.read_bytes() == before
    new = workspace / "new.yaml"
    assert (
        run_cli(
            "import", workspace / "book.xlsx", new, "--plan", workspace / "laishan.yaml"
        ).returncode
        == 1
    )
    assert not new.exists()


def test_an_import_that_would_be_invalid_writes_nothing(workspace):
    """'0:1' has the form of a ratio, so the reader passes it on, but the monitoring model
    cannot evaluate it: the final load_monitoring check refuses, and the file stays as it was."""
    edit(
        workspace / "book.xlsx",
        lambda wb: setattr(wb["指标"].cell(row_of(wb["指标"], "gps_per_10000"), 9), "value", "0:1"),
    )
    found = problems_of(workspace)
    assert "laishan-2022.yaml: importing" in found[0]
    assert "would make this file invalid; nothing was written" in found[0]
    assert any("value '0:1' is not a number" in p for p in found[1:])


def test_new_file_needs_a_plan_and_values(workspace):
    layout = load_layout()
    with pytest.raises(PlanError, match="no plan was given"):
        import_book(workspace / "book.xlsx", workspace / "new.yaml", layout)
    empty = workspace / "empty.xlsx"
    empty.write_bytes(export_workbook(load_content(workspace / "laishan.yaml"), layout))
    with pytest.raises(PlanError, match="the workbook holds no values"):
        import_book(empty, workspace / "new.yaml", layout, workspace / "laishan.yaml")
    assert not (workspace / "new.yaml").exists()


def test_new_file_header(workspace):
    target = workspace / "sub" / "m.yaml"
    target.parent.mkdir()
    done = import_book(
        workspace / "book.xlsx",
        target,
        load_layout(),
        workspace / "laishan.yaml",
        today=dt.date(2023, 7, 1),
    )
    assert done.created and done.cutoff == 2022
    text = target.read_text(encoding="utf-8")
    assert text.split("\n\n")[0].endswith(
        "monitoring:\n  plan: ../laishan.yaml\n  kind: midterm\n  date: 2023-07-01\n  cutoff: 2022"
    )
    assert "tasks:\n  1:\n    status: 推进中\n" in text
