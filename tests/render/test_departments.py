"""Per-department task lists agree with the plan's 重点任务分工表, row for row."""

from __future__ import annotations

import docx
import pytest
from helpers import FIXTURES, PLANS, run_cli

from plangen.pipeline.build import render_departments, render_file


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def weihai(tmp_path_factory):
    out = tmp_path_factory.mktemp("weihai")
    result = run_cli(
        "build", PLANS / "weihai-action.yaml", "-o", out, "-f", "docx", "--by-department", "-q"
    )
    assert result.returncode == 0, result.stderr
    return out


def test_every_department_list_matches_the_appendix(weihai):
    plan = docx.Document(weihai / "weihai-action.docx")
    header, *appendix = rows(plan.tables[-1])
    assert header[-1] == "完成時限"  # the example gives deadlines, so the column appears
    by_seq = {r[0]: r for r in appendix}
    files = sorted((weihai / "weihai-action-departments").glob("*.docx"))
    assert len(files) > 20
    for path in files:
        dept = path.stem
        lines = rows(docx.Document(path).tables[0])[1:]
        listed = {r[0] for r in lines}
        involved = {seq for seq, r in by_seq.items() if dept in r[2].split("、") + r[3].split("、")}
        assert listed == involved, dept
        for seq, title, role, lead, support, deadline in lines:
            assert [seq, title, lead, support, deadline] == by_seq[seq], (dept, seq)
            assert role == ("牽頭" if dept in lead.split("、") else "配合")


def test_department_list_shows_the_indicators_of_its_tasks():
    docs = {d.name: d for d in render_departments(PLANS / "weihai-action.yaml")}
    health = docs["市衛生健康委"].xhtml  # named in the document's script
    assert "相關主要指標" in health and "嚴重精神障礙患者規範管理率" in health
    plan = render_file(PLANS / "weihai-action.yaml").xhtml
    assert health.count("<tr>") > 10 and "完成時限" in plan


def test_plans_without_deadlines_keep_the_four_column_appendix():
    doc = render_file(FIXTURES / "minimal.yaml").xhtml
    assert "完成时限" not in doc
    docs = render_departments(FIXTURES / "minimal.yaml")
    assert [d.name for d in docs] == ["区卫生健康局", "区财政局"]
    assert "相关主要指标" not in docs[1].xhtml
