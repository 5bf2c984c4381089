"""The example evaluation: every status is exercised, and the report follows the data."""

import re
import shutil
from pathlib import Path

import pytest
from helpers import PLANS

from plangen.compute.review import review
from plangen.compute.series import indicator_series
from plangen.load.monitoring import load_monitoring
from plangen.pipeline.build import render_file


def test_example_exercises_every_status():
    result = review(load_monitoring(PLANS / "laishan-2022.yaml"))
    assert all(
        result.counts[s] >= 1
        for s in ("achieved", "on_track", "behind", "reversed", "not_assessable")
    )
    assert sum(result.counts.values()) == 21
    paces = {r.evaluation.pace for r in result.results if r.evaluation.status == "on_track"}
    assert {"ahead", "as_expected"} <= paces
    assert result.elapsed == 0.4
    assert [r.indicator.id for r in result.binding_lagging]


def test_derived_indicators_are_recomputed_from_raw_data():
    lm = load_monitoring(PLANS / "laishan-2022.yaml")
    data = lm.data.data
    expected = round(data["doctors"][2022] / data["population"][2022] * 1000, 2)
    assert indicator_series(lm)["doctors_per_1000"][2022] == expected


def counts_sentence(xhtml: str) -> str:
    return re.search(r"《规划》确定的\d+项主要指标中[^<]*", xhtml).group(0)


def test_changing_a_value_changes_status_sentence_counts_and_chart(tmp_path: Path):
    shutil.copy(PLANS / "laishan.yaml", tmp_path / "laishan.yaml")
    mon = tmp_path / "mon.yaml"
    shutil.copy(PLANS / "laishan-2022.yaml", mon)
    before = render_file(mon)
    text = mon.read_text(encoding="utf-8")
    # 人均预期寿命 falls back below its base: achieved → reversed
    assert "81.58" in text
    mon.write_text(text.replace("81.58", "81.0", 1), encoding="utf-8")
    after = render_file(mon)
    assert "人均预期寿命为81.58岁，已达到81.5岁的规划目标" in before.xhtml
    assert "人均预期寿命为81岁，较2020年降低0.26岁" in after.xhtml
    assert counts_sentence(before.xhtml) != counts_sentence(after.xhtml)
    assert before.resources["progress.png"] != after.resources["progress.png"]


def test_new_plan_reviews_the_previous_plan():
    from helpers import FIXTURES

    doc = render_file(FIXTURES / "with-review.yaml")
    rows = re.findall(
        r"<tr><td class=\"seq\">(\d+)</td><td class=\"name\">([^<]+)</td>"
        r"<td class=\"unit\">[^<]*</td><td class=\"num\">([^<]+)</td>"
        r"<td class=\"num\">([^<]+)</td><td class=\"status\">([^<]+)</td>",
        doc.xhtml,
    )
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        ("人均期望寿命", "≥77", "77.4", "已实现"),
        ("婴儿死亡率", "＜3", "1.2", "已实现"),
        ("全科医师（人/千人口）", "＞0.2", "0.15", "未实现"),
        ("高血压患者规范管理率", "达国家要求", "规范管理率达到国家要求。", "已实现"),
    ]
    assert "表1　“十三五”规划主要指标完成情况" in doc.xhtml


def test_review_table_must_match_its_monitoring_plan(tmp_path):
    from helpers import FIXTURES

    from plangen.errors import PlanError

    for name in ("previous.yaml", "previous-2020.yaml", "minimal.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    text = (FIXTURES / "with-review.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "new.yaml"
    plan.write_text(text.replace("plan: previous.yaml", "plan: minimal.yaml"), encoding="utf-8")
    with pytest.raises(PlanError, match="belongs to"):
        render_file(plan)
