"""Projection to the end of the period (issue 13): each rule on hand-computed numbers."""

from __future__ import annotations

import pytest

from plangen.compute.evaluate import evaluate
from plangen.compute.projection import growth, linear, project
from plangen.load.targets import parse_target


def judge(target: str, base: float | None, series: dict, *, method="growth", ceiling=None):
    t = parse_target(target)
    ev = evaluate(
        t, base, series, better=None, nature="预期性", base_year=2020, end_year=2025, cutoff=2022
    )
    direction = t.direction or (
        "higher" if t.value is not None and base is not None and t.value > base else "lower"
    )
    return ev, project(
        t,
        base,
        ev,
        direction=direction,
        base_year=2020,
        end_year=2025,
        method=method,
        ceiling=ceiling,
    )


def test_linear_known_answer():
    # 1.3 in 2020 → 2.2 in 2022: +0.45 a year; three more years → 2.2 + 1.35 = 3.55
    assert linear(1.3, 2020, 2.2, 2022, 2025) == pytest.approx(3.55)


def test_growth_known_answer():
    # 100 → 121 in two years is 10 % a year; three more years: 121 × 1.1³ = 161.051
    assert growth(100, 2020, 121, 2022, 2025) == pytest.approx(161.051)


def test_linear_projection_ratio_and_may_miss():
    # base 1.3, target 4, 2022 value 2.2: linear 3.55; ratio (3.55 - 1.3) / (4 - 1.3) = 0.8333
    ev, p = judge("4", 1.3, {2022: 2.2}, method="linear")
    assert ev.status == "behind"
    assert (p.method, p.value) == ("linear", pytest.approx(3.55))
    assert p.ratio == pytest.approx(2.25 / 2.7)
    assert p.outlook == "may_miss"  # 0.833 < 0.95


def test_growth_projection_can_meet_where_linear_misses():
    # same data, growth: rate = (2.2 / 1.3) ** 0.5 - 1 = 0.30089; 2.2 × 1.30089³ = 4.8433
    ev, p = judge("4", 1.3, {2022: 2.2})
    rate = (2.2 / 1.3) ** 0.5 - 1
    assert p.value == pytest.approx(2.2 * (1 + rate) ** 3)
    assert p.value == pytest.approx(4.8433, abs=1e-4)
    assert (p.method, p.outlook) == ("growth", "will_meet")


def test_ratio_at_095_counts_as_on_track():
    # linear: base 0, target 100, 2022 value 38 → 38 + 19 × 3 = 95: ratio 0.95 → will_meet
    _, p = judge("100", 0.0, {2022: 38.0}, method="linear")
    assert p.value == pytest.approx(95.0)
    assert (p.ratio, p.outlook) == (pytest.approx(0.95), "will_meet")
    # growth cannot start from 0: falls back to linear
    _, p = judge("100", 0.0, {2022: 38.0})
    assert p.method == "linear"


def test_reversed_projects_further_away():
    # 28 → 28.6 (lower is better, target 27左右 … use ≤27): linear 28.6 + 0.3 × 3 = 29.5
    # ratio (29.5 - 28) / (27 - 28) = -1.5
    ev, p = judge("≤27", 28.0, {2022: 28.6}, method="linear")
    assert ev.status == "reversed"
    assert p.value == pytest.approx(29.5)
    assert (p.ratio, p.outlook) == (pytest.approx(-1.5), "may_miss")


def test_projection_is_clamped_to_zero_and_to_100_percent():
    # 10 → 4 in two years, linear: 4 - 3 × 3 = -5 → 0
    _, p = judge("≤2", 10.0, {2022: 4.0}, method="linear")
    assert p.value == 0.0
    # 80 → 95 in two years, linear: 95 + 7.5 × 3 = 117.5 → 100 for a share
    _, p = judge("≥99", 80.0, {2022: 95.0}, method="linear", ceiling=100.0)
    assert p.value == 100.0


def test_no_projection_without_base_later_value_or_numeric_target():
    assert judge("4", None, {2022: 2.2})[1] is None  # no base
    assert judge("4", 1.3, {})[1] is None  # no value
    assert judge("4", 1.3, {2020: 1.3})[1] is None  # value only from the base year
    assert judge("达国家要求", 1.3, {2022: 2.2})[1] is None  # text target


def test_achieved_gets_a_value_but_no_verdict():
    _, p = judge("≥2", 1.3, {2022: 2.2}, method="linear")
    assert p.value == pytest.approx(3.55)
    assert p.outlook is None


def test_several_years_use_base_and_latest():
    # 2021 is on the path but the trend runs base → latest: 1.3 → 2.2 as above
    _, p = judge("4", 1.3, {2021: 2.0, 2022: 2.2}, method="linear")
    assert p.value == pytest.approx(3.55)
