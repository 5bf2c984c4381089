"""Written tables: merged neighbours, and 是否完成 judged from a target and a result."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from docx import Document
from helpers import FIXTURES, run_cli

from plangen.compute.outline import Cell, _merge_down, completed


@pytest.mark.parametrize(
    "target, result, expected",
    [
        ("80以上", 80.6, True),  # 80.6 ≥ 80
        ("≤12", 14.1, False),  # 14.1 > 12: missed, 未完成
        ("30左右", 31.2, True),  # within ±5%: 28.5 … 31.5
        ("30左右", 32.0, False),
        ("≥95%", "96.2%", True),  # a result written with its unit
        (85, 84.9, False),  # a plain number: reached or not (direction unknown: equality)
        ("国家级5个/省级12个", "国家级3个/省级14个", None),  # pairs: say done: yourself
        ("≥30", "28/60", None),  # a text result cannot be compared
        ("达国家要求", 1, None),
    ],
)
def test_completed_compares_by_number_only_when_both_read_as_numbers(target, result, expected):
    assert completed(target, result) is expected


def test_equal_neighbours_merge_and_blanks_never_do():
    cells = [Cell(t) for t in ("机构", "机构", "床位", "", "")]
    _merge_down(cells)
    assert [c.span for c in cells] == [2, 0, 1, 1, 1]


def test_completion_and_written_tables_in_docx_and_pdf(tmp_path):
    done = run_cli("build", FIXTURES / "notice.yaml", "-o", tmp_path, "-f", "docx,pdf")
    assert done.returncode == 0, done.stderr
    doc = Document(io.BytesIO((tmp_path / "notice.docx").read_bytes()))
    completion, written = doc.tables[0], doc.tables[1]
    rows = [[c.text for c in r.cells] for r in completion.rows]
    assert rows[0] == ["类别", "指标", "单位", "规划目标", "完成情况", "是否完成"]
    assert [r[5] for r in rows[1:]] == ["已完成", "未完成", "未完成", "已完成"]
    assert rows[4][4] == "28/60"
    merged = (
        completion.rows[2]
        .cells[0]
        ._tc.tcPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}vMerge")
    )
    assert merged is not None  # 健康水平 spans its two rows
    assert [c.text for c in written.rows[0].cells] == ["类别", "项目", "单位", "2015年", "2020年"]
    assert len(written.rows) == 4 and len(written.columns) == 5
    notes = [p.text for p in doc.paragraphs if p.style.name == "Note"]
    assert "注：完成情况为2020年数据。" in notes and "注：示例数据。" in notes
    with pdfplumber.open(tmp_path / "notice.pdf") as pdf:
        text = "".join("".join(p.extract_text().split()) for p in pdf.pages)
    assert "表1“十三五”规划主要指标完成情况" in text and "表2“十三五”末卫生资源" in text
    assert "14.1未完成" in text and "28/60已完成" in text


def test_a_row_of_the_wrong_width_is_an_error_at_its_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = (FIXTURES / "notice.yaml").read_text(encoding="utf-8")
    bad.write_text(
        text.replace("[机构, 其中：医院, 个, 61, 74]", "[机构, 其中：医院, 个, 61]"), "utf-8"
    )
    done = run_cli("validate", bad)
    assert done.returncode == 1
    assert "row 2 has 4 cells; the header has 5" in done.stderr
    line = next(
        n
        for n, t in enumerate(bad.read_text("utf-8").splitlines(), 1)
        if "[机构, 其中：医院, 个, 61]" in t
    )
    assert f"bad.yaml:{line}:" in done.stderr  # at the row itself
    assert "fix: give every row one cell per header column" in done.stderr
