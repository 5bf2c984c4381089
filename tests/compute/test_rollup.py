"""City roll-up from districts' raw data (issue 13): sums, never averages of ratios."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import PLANS, run_cli

from plangen.compute.review import review
from plangen.compute.rollup import summed
from plangen.compute.series import indicator_series
from plangen.load.monitoring import load_monitoring

CITY = PLANS / "haibin"


@pytest.fixture(scope="module")
def city():
    return load_monitoring(CITY / "haibin-2023.yaml")


def test_raw_data_are_summed_over_districts(city):
    total = summed(city.districts)
    # doctors 2023: 东海 2280 + 西山 572 + 北湖 300 = 3152; population 606000 + 201500 + 98500
    assert total["doctors"][2023] == 3152
    assert total["population"][2023] == 906000


def test_ratio_is_recomputed_from_sums_not_averaged(city):
    result = {r.indicator.id: r for r in review(city).results}
    # Σ医师 / Σ人口 × 1000 = 3152 / 906000 × 1000 = 3.4790 → 3.48
    assert result["doctors_per_1000"].evaluation.latest == pytest.approx(3.48)
    # the wrong answer, the mean of the district ratios:
    # (2280/606000 + 572/201500 + 300/98500) / 3 × 1000 = (3.7624 + 2.8387 + 3.0457) / 3 = 3.2156
    wrong = (2280 / 606000 + 572 / 201500 + 300 / 98500) / 3 * 1000
    assert wrong == pytest.approx(3.2156, abs=1e-4)
    assert abs(result["doctors_per_1000"].evaluation.latest - wrong) > 0.2
    # 孕产妇死亡率 2022: Σ deaths 0 + 1 + 0 = 1 over Σ births 4600 + 1500 + 720 = 6820
    # → 1 / 6820 × 100000 = 14.66 → 14.7 (a district average would be (0 + 66.7 + 0) / 3 = 22.2)
    series = indicator_series(review_input(city))
    assert series["maternal_mortality_rate"][2022] == pytest.approx(14.7)


def review_input(city):
    from plangen.compute.rollup import rolled_up

    return rolled_up(city)


def test_indicator_without_raw_data_or_city_value_is_not_summable(city):
    result = {r.indicator.id: r for r in review(city).results}
    literacy = result["health_literacy_level"].evaluation
    assert (literacy.status, literacy.reason) == ("not_assessable", "not_summable")
    # 人均预期寿命 is given by the city file itself
    assert result["life_expectancy"].evaluation.latest == 81.1


def test_a_year_one_district_lacks_is_not_summed(tmp_path: Path):
    shutil.copytree(CITY, tmp_path / "haibin")
    west = tmp_path / "haibin" / "west-2023.yaml"
    text = west.read_text(encoding="utf-8")
    west.write_text(text.replace("2023: 572}", "2023: null}"), encoding="utf-8")
    city = load_monitoring(tmp_path / "haibin" / "haibin-2023.yaml")
    assert 2023 not in summed(city.districts)["doctors"]
    result = {r.indicator.id: r for r in review(city).results}
    # the latest city figure falls back to 2022: (2220 + 570 + 285) / (604000 + 201000 + 99000)
    doctors = result["doctors_per_1000"].evaluation
    assert doctors.latest_year == 2022
    assert doctors.latest == pytest.approx(round(3075 / 904000 * 1000, 2))


def test_district_table_and_binding_laggards(city):
    table = review(city).districts
    assert table.names == ["东海区", "西山区", "北湖区"]
    gps = table.rows["gps_per_10000"]
    # 东海: (216/606000 − 180/600000) × 10⁴ = 3.564 − 3.0: progress 0.564 / 1.0 = 56.4 % < 60 %
    # 西山: 2.382 − 2.0 = 0.382 / 2.0 = 19.1 %; 北湖: 4.061 ≥ 4 achieved
    assert [c.latest_text for c in gps] == ["3.56", "2.38", "4.06"]
    assert [c.evaluation.status for c in gps] == ["behind", "behind", "achieved"]
    assert [c.lagging for c in gps] == [True, True, False]
    assert table.binding_lagging == [("每万人口全科医生数", ["东海区", "西山区"])]


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("monitoring: west-2023.yaml", "monitoring: east-2023.yaml", "listed twice"),
        ("name: 北湖区", "name: 东海区", "district 东海区 is listed twice"),
        ("monitoring: north-2023.yaml", "monitoring: south-2023.yaml", "district file not found"),
    ],
)
def test_bad_district_lists(tmp_path: Path, old, new, message):
    shutil.copytree(CITY, tmp_path / "haibin")
    city = tmp_path / "haibin" / "haibin-2023.yaml"
    text = city.read_text(encoding="utf-8")
    assert old in text
    city.write_text(text.replace(old, new), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    out = tmp_path / "out"
    result = run_cli("build", city, "-o", out)
    assert result.returncode == 1
    assert message in result.stderr
    assert f"haibin-2023.yaml:{line}:" in result.stderr or f"haibin-2023.yaml:{line - 1}:" in (
        result.stderr
    )
    assert not out.exists()


def test_district_with_another_period(tmp_path: Path):
    shutil.copytree(CITY, tmp_path / "haibin")
    north = tmp_path / "haibin" / "north.yaml"
    north.write_text(
        north.read_text(encoding="utf-8").replace("period: 2021-2025", "period: 2021-2026"),
        encoding="utf-8",
    )
    # the district's own data must still fit its own plan; the city refuses the period
    result = run_cli("validate", tmp_path / "haibin" / "haibin-2023.yaml")
    assert result.returncode == 1
    assert "district 北湖区's plan runs 2020–2026, the city's 2020–2025" in result.stderr
    assert "haibin-2023.yaml:" in result.stderr


def test_district_outside_the_city_folder_is_refused(tmp_path: Path):
    shutil.copytree(CITY, tmp_path / "haibin")
    city = tmp_path / "haibin" / "haibin-2023.yaml"
    text = city.read_text(encoding="utf-8")
    city.write_text(text.replace("monitoring: north-2023.yaml", "monitoring: ../north-2023.yaml"))
    shutil.copy(CITY / "north-2023.yaml", tmp_path / "north-2023.yaml")
    result = run_cli("validate", city)
    assert result.returncode == 1
    line = text[: text.index("monitoring: north-2023.yaml")].count("\n") + 1
    assert f"haibin-2023.yaml:{line}:" in result.stderr
