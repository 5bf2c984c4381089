"""Issue 13: the report's sentences say what the data says (fixture: tests/fixtures/evaluation)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES

from plangen.compute.review import review
from plangen.load.monitoring import load_monitoring
from plangen.pipeline.build import render_file

CASES = FIXTURES / "evaluation"


def text(xhtml: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", xhtml))


@pytest.fixture
def report() -> str:
    return text(render_file(CASES / "mon.yaml").xhtml)


def test_one_reason_per_not_assessable_case(report):
    assert "规划目标“达国家要求”为文字表述，没有可比的目标数值，无法测算完成进度" in report
    assert "2022年全区托位数为3个，因缺少2020年基期值，暂无法测算完成进度" in report
    assert "药师数暂无2021—2022年监测数据，无法评估" in report
    assert "床位数最新数据为2020年（5.9张），不晚于2020年基期" in report
    # the text-target indicator has a base: the old sentence blamed the missing base
    assert "高血压规范管理率为70%，因缺少" not in report


def test_binding_summary_names_the_unassessed_one(report):
    assert "1项约束性指标中，高血压规范管理率暂无法评估。" in report
    assert "均达到目标或符合进度要求" not in report


def test_empty_headings_are_omitted():
    xhtml = render_file(CASES / "mon.yaml").xhtml
    headings = re.findall(r"<h[1-4]>(.*?)</h[1-4]>", xhtml)
    assert headings and all(
        w not in h for h in headings for w in ("重点任务完成情况", "存在的主要问题", "对策与措施")
    )
    assert "报告从《规划》实施及执行完成情况和主要进展等方面进行阐述" in text(xhtml)


def test_unknown_nature_prints_nothing(report):
    row = re.search(r"床位数\s+张\s+5\.8\s+7\s+5\.9（2020）\s+-\s+-\s+无法评估\s+(\S*)", report)
    assert row and row.group(1) == "5"  # the next row's number: the nature cell is empty
    assert "None" not in report


def test_approx_passed_reads_achieved_with_capped_progress(report):
    assert re.search(
        r"健康素养水平\s+%\s+25\s+30左右\s+32\.03（2022）\s+\S+\s+≥100%\s+提前实现", report
    )


def test_chart_note_lists_every_left_out_indicator_and_why(report):
    note = re.search(r"注：图中列出[^\n]*", report).group(0)
    assert "有完成进度的2项指标" in note
    for name, why in [
        ("高血压规范管理率", "规划目标为文字表述"),
        ("托位数", "缺少基期值"),
        ("药师数", "暂无监测数据"),
        ("床位数", "暂无基期以后的监测数据"),
    ]:
        assert f"{name}（{why}）" in note


def test_chart_rows_include_achieved_and_reversed():
    result = review(load_monitoring(CASES / "mon.yaml"))
    rows = {row.name: row for row in result.chart}
    assert rows["健康素养水平"].capped and rows["健康素养水平"].progress == 1.0
    # (1.5 - 1.3) / (4 - 1.3) = 0.2 / 2.7
    assert rows["全科医生数"].progress == pytest.approx(0.2 / 2.7)


def test_reversed_indicator_gets_a_bar(tmp_path: Path):
    shutil.copy(CASES / "plan.yaml", tmp_path / "plan.yaml")
    mon = (CASES / "mon.yaml").read_text(encoding="utf-8").replace("{2022: 1.5}", "{2022: 1.0}")
    (tmp_path / "mon.yaml").write_text(mon, encoding="utf-8")
    result = review(load_monitoring(tmp_path / "mon.yaml"))
    rows = {row.name: row.progress for row in result.chart}
    assert rows["全科医生数"] == pytest.approx(-0.3 / 2.7)  # (1.0 - 1.3) / (4 - 1.3)


def binding_summary(tmp_path: Path, natures: dict[str, str | None], values: dict[str, str]) -> str:
    plan = (CASES / "plan.yaml").read_text(encoding="utf-8")
    for key, nature in natures.items():
        line = next(x for x in plan.splitlines() if f"{{id: {key}," in x)
        fixed = re.sub(r", nature: [^}]+}", "}", line)
        if nature:
            fixed = fixed[:-1] + f", nature: {nature}}}"
        plan = plan.replace(line, fixed)
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    mon = (CASES / "mon.yaml").read_text(encoding="utf-8")
    for old, new in values.items():
        mon = mon.replace(old, new)
    (tmp_path / "mon.yaml").write_text(mon, encoding="utf-8")
    body = text(render_file(tmp_path / "mon.yaml").xhtml)
    return re.search(r"无法评估的\d+项。([^\n]*)", body).group(1)


def test_binding_summary_none(tmp_path):
    natures = {"text_target": "预期性", "stale": "预期性"}
    assert binding_summary(tmp_path, natures, {}).startswith("《规划》未设置约束性指标。")


def test_binding_summary_all_on_track(tmp_path):
    # 全科医生数 约束性 at 1.3 → 4 with 2.5 by 2022: (2.5 - 1.3) / 2.7 = 44.4 % ≥ 40 %
    natures = {"text_target": "预期性", "stale": "预期性", "behind": "约束性"}
    summary = binding_summary(tmp_path, natures, {"{2022: 1.5}": "{2022: 2.5}"})
    assert summary == "1项约束性指标均达到目标或符合进度要求。"


def test_binding_summary_names_the_lagging(tmp_path):
    natures = {"text_target": "预期性", "stale": "预期性", "behind": "约束性"}
    summary = binding_summary(tmp_path, natures, {})
    assert summary.startswith("1项约束性指标中，全科医生数进度滞后或反向变化，须重点推进。")


def test_as_of_date_in_the_report(tmp_path: Path):
    shutil.copy(CASES / "plan.yaml", tmp_path / "plan.yaml")
    mon = (
        (CASES / "mon.yaml")
        .read_text(encoding="utf-8")
        .replace("cutoff: 2022", "as_of: 2023-06-30")
    )
    (tmp_path / "mon.yaml").write_text(mon, encoding="utf-8")
    body = text(render_file(tmp_path / "mon.yaml").xhtml)
    # 2.5 of the 5 years from the end of 2020 to the end of 2025
    assert "（数据截至2023年6月30日，时间进度50.0%）" in body
    assert "低于时间进度（50.0%）" in body


def test_projection_column_sentence_and_method_note(report):
    # 全科医生数 1.3 (2020) → 1.5 (2022), growth: rate (1.5 / 1.3) ** 0.5 - 1 = 7.417 %;
    # 1.5 × 1.07417³ = 1.859 → "1.9"; ratio (1.859 - 1.3) / (4 - 1.3) = 0.21 < 0.95
    assert re.search(
        r"全科医生数\s+人\s+1\.3\s+4\s+1\.5（2022）\s+1\.9\s+7\.4%\s+相对滞后，可能难以实现", report
    )
    assert "按基期以来的年均增长率测算，预计2025年为1.9人，可能难以实现规划目标。" in report
    assert (
        "说明：预计2025年值按2020年基期值至最新值的趋势外推至2025年，按年均增长率（复合增长）计算"
        in report
    )
    assert "预计2025年" in report


def test_binding_that_may_miss_is_named(tmp_path):
    natures = {"text_target": "预期性", "stale": "预期性", "behind": "约束性"}
    summary = binding_summary(tmp_path, natures, {})
    assert summary.endswith("按目前趋势，约束性指标全科医生数到2025年可能难以实现。")


def test_linear_method_is_named(tmp_path):
    shutil.copy(CASES / "plan.yaml", tmp_path / "plan.yaml")
    mon = (CASES / "mon.yaml").read_text(encoding="utf-8")
    mon = mon.replace("cutoff: 2022", "cutoff: 2022\n  projection: linear")
    (tmp_path / "mon.yaml").write_text(mon, encoding="utf-8")
    body = text(render_file(tmp_path / "mon.yaml").xhtml)
    # linear: 1.5 + 0.1 × 3 = 1.8
    assert "按基期以来的年均变化量测算，预计2025年为1.8人" in body
    assert "按年均变化量线性计算" in body


def test_trend_panels_for_lagging_indicators(tmp_path: Path):
    shutil.copy(CASES / "plan.yaml", tmp_path / "plan.yaml")
    mon = (CASES / "mon.yaml").read_text(encoding="utf-8")
    mon = mon.replace("behind: {values: {2022: 1.5}}", "behind: {values: {2021: 1.4, 2022: 1.5}}")
    (tmp_path / "mon.yaml").write_text(mon, encoding="utf-8")
    result = review(load_monitoring(tmp_path / "mon.yaml"))
    # only 全科医生数 lags; its path is the base then each year, the line runs to the target
    [panel] = result.trends
    assert panel.name == "全科医生数"
    assert panel.points == [(2020, 1.3), (2021, 1.4), (2022, 1.5)]
    assert panel.line == ((2020, 1.3), (2025, 4.0))
    # growth from 1.3 to 1.5 over two years, three more years: 1.5 × (1.5 / 1.3) ** 1.5
    assert panel.projected == (2025, pytest.approx(1.5 * (1.5 / 1.3) ** 1.5))
    doc = render_file(tmp_path / "mon.yaml")
    assert "trends.png" in doc.resources
    assert "图2　滞后指标变化趋势" in text(doc.xhtml)
