"""Tests for the evaluation engine, one or more per rule."""

from __future__ import annotations

import pytest

from plangen.compute.evaluate import (
    Evaluation,
    evaluate,
    latest_value,
    summarise,
    target_met,
    time_elapsed,
)
from plangen.load.targets import parse_target

PLAN = {"base_year": 2020, "end_year": 2025, "cutoff": 2022}


def run(target, base, series, *, better=None, nature="预期性", **kwargs) -> Evaluation:
    """Evaluate a 2021–2025 plan at the end of 2022 unless told otherwise."""
    options = {**PLAN, **kwargs}
    base_value = parse_target(base).value if isinstance(base, str) else base
    return evaluate(
        parse_target(target), base_value, series, better=better, nature=nature, **options
    )


# time_elapsed


def test_time_elapsed_midterm_is_forty_percent():
    assert time_elapsed(2020, 2025, 2022) == pytest.approx(0.4)


def test_time_elapsed_clamps_before_base_and_after_end():
    assert time_elapsed(2020, 2025, 2018) == 0.0
    assert time_elapsed(2020, 2025, 2027) == 1.0


def test_time_elapsed_zero_length_plan_does_not_divide_by_zero():
    assert time_elapsed(2020, 2020, 2020) == 1.0


# latest_value


def test_latest_value_skips_missing_latest_year():
    assert latest_value({2021: 80.0, 2022: None}, 2022) == (2021, 80.0)


def test_latest_value_uses_later_year_when_earlier_missing():
    assert latest_value({2021: None, 2022: 81.0}, 2022) == (2022, 81.0)


def test_latest_value_ignores_years_after_cutoff():
    assert latest_value({2021: 80.0, 2023: 82.0}, 2022) == (2021, 80.0)


def test_latest_value_none_without_data():
    assert latest_value({2021: None}, 2022) is None
    assert latest_value({}, 2022) is None


# target_met


@pytest.mark.parametrize(
    ("written", "value", "met"),
    [
        ("≥90", 90.0, True),
        ("≥90", 89.9, False),
        (">90", 90.0, False),
        (">90", 90.1, True),
        ("≤3", 3.0, True),
        ("≤3", 3.1, False),
        ("＜3", 2.9, True),
        ("＜3", 3.0, False),
        ("10-20", 10.0, True),
        ("10-20", 20.0, True),
        ("10-20", 20.5, False),
    ],
)
def test_target_met_comparators(written, value, met):
    assert target_met(parse_target(written), value, None, 0.05) is met


def test_target_met_approx_within_tolerance():
    target = parse_target("27左右")
    assert target_met(target, 27.6, None, 0.05)
    assert target_met(target, 28.35, None, 0.05)
    assert not target_met(target, 28.5, None, 0.05)


def test_target_met_approx_zero_uses_absolute_tolerance():
    target = parse_target("0左右")
    assert target_met(target, 0.04, None, 0.05)
    assert not target_met(target, 0.06, None, 0.05)


def test_target_met_eq_and_ratio_follow_direction():
    assert target_met(parse_target("80"), 81.0, "higher", 0.05)
    assert not target_met(parse_target("80"), 81.0, "lower", 0.05)
    assert target_met(parse_target("80"), 80.0, None, 0.05)
    assert not target_met(parse_target("80"), 80.5, None, 0.05)
    assert target_met(parse_target("1:1.2"), 1.25, "higher", 0.05)


def test_target_met_never_for_text_or_yearly():
    assert not target_met(parse_target("同比例增加"), 1.0, "higher", 0.05)
    assert not target_met(parse_target("每年降低1个百分点"), 5.0, "lower", 0.05)


# achieved


def test_lower_is_better_under_ceiling_is_achieved():
    result = run("3.3", 2.48, {2022: 2.2}, better="lower")
    assert (result.status, result.reason) == ("achieved", "target_met")
    assert result.pace is None and result.progress is None


def test_lower_is_better_approx_within_tolerance_is_achieved():
    result = run("27左右", 28.0, {2022: 27.6}, better="lower")
    assert result.status == "achieved"


def test_target_already_met_at_base_stays_achieved():
    result = run("＜3", 2.48, {2022: 2.5})
    assert (result.status, result.latest, result.latest_year) == ("achieved", 2.5, 2022)


def test_achieved_checked_even_without_base():
    assert run("≥80", None, {2022: 81.0}).status == "achieved"


# higher is better


def test_higher_is_better_on_track_as_expected():
    result = run("≥82", 80.0, {2021: 80.5, 2022: 81.0})
    assert (result.status, result.pace, result.reason) == ("on_track", "as_expected", "progress")
    assert result.progress == pytest.approx(0.5)
    assert result.elapsed == pytest.approx(0.4)


def test_higher_is_better_on_track_ahead_beyond_band():
    result = run("≥82", 80.0, {2022: 81.2})
    assert (result.status, result.pace) == ("on_track", "ahead")
    assert result.progress == pytest.approx(0.6)


def test_progress_equal_to_elapsed_is_on_track():
    result = run("≥82", 80.0, {2022: 80.8})
    assert (result.status, result.pace) == ("on_track", "as_expected")


def test_higher_is_better_behind():
    result = run("≥82", 80.0, {2022: 80.4})
    assert result.status == "behind"
    assert result.progress == pytest.approx(0.2)
    assert result.pace is None


def test_no_change_is_behind():
    result = run("≥82", 80.0, {2022: 80.0})
    assert (result.status, result.progress) == ("behind", 0.0)


def test_higher_is_better_moving_down_is_reversed():
    result = run("≥82", 80.0, {2022: 79.0})
    assert result.status == "reversed"
    assert result.progress == pytest.approx(-0.5)


# lower is better


def test_smoking_rate_slow_decline_is_behind():
    result = run("22以下", "25左右", {2022: 24.5})
    assert result.status == "behind"
    assert result.progress == pytest.approx(1 / 6, abs=1e-4)


def test_smoking_rate_rising_is_reversed():
    result = run("22以下", "25左右", {2022: 26.0})
    assert result.status == "reversed"
    assert result.progress == pytest.approx(-1 / 3)


# zero base, target equal to base, slipping past a met limit


def test_zero_base_progress():
    result = run("≥20", 0.0, {2022: 5.0})
    assert result.progress == pytest.approx(0.25)
    assert result.status == "behind"


def test_target_equal_to_base_moving_away_is_reversed():
    result = run("100", 100.0, {2022: 98.0})
    assert (result.status, result.reason, result.progress) == ("reversed", "progress", None)


def test_target_equal_to_base_held_is_achieved():
    assert run("100", 100.0, {2022: 100.0}).status == "achieved"


def test_ceiling_met_at_base_then_exceeded_is_reversed():
    result = run("3.3", 2.48, {2022: 3.5}, better="lower")
    assert (result.status, result.reason) == ("reversed", "limit_crossed")
    # moved 1.02 the wrong way (up) against a margin |3.3 - 2.48| = 0.82: -1.02 / 0.82
    assert result.progress == pytest.approx(-1.02 / 0.82)


def test_floor_met_at_base_then_lost_is_reversed():
    result = run("≥90", 95.0, {2022: 88.0})
    assert (result.status, result.reason) == ("reversed", "limit_crossed")


def test_range_progress_uses_bound_nearer_base():
    result = run("10-20", 30.0, {2022: 26.0})
    assert result.progress == pytest.approx(0.4)
    assert result.status == "on_track"


# approx outside tolerance


def test_approx_outside_tolerance_judged_by_progress():
    behind = run("27左右", 30.0, {2022: 29.5}, better="lower")
    assert (behind.status, behind.reason) == ("behind", "progress")
    assert behind.progress == pytest.approx(1 / 6)
    reversed_ = run("27左右", 30.0, {2022: 31.0}, better="lower")
    assert reversed_.status == "reversed"


# direction


def test_direction_inferred_from_base_for_plain_number():
    assert run("90", 80.0, {2022: 91.0}).status == "achieved"
    assert run("5", 8.0, {2022: 4.5}).status == "achieved"


def test_explicit_better_overrides_inference():
    assert run("90", 80.0, {2022: 91.0}, better="lower").status != "achieved"


# missing data


def test_missing_latest_year_uses_previous_year():
    result = run("≥82", 80.0, {2021: 80.8, 2022: None})
    assert (result.latest_year, result.latest) == (2021, 80.8)


def test_missing_earlier_year_uses_cutoff_year():
    result = run("≥82", 80.0, {2021: None, 2022: 81.0})
    assert (result.latest_year, result.latest) == (2022, 81.0)


def test_values_after_cutoff_are_ignored():
    result = run("≥82", 80.0, {2022: 80.4, 2023: 83.0})
    assert (result.status, result.latest_year) == ("behind", 2022)


def test_no_value_is_not_assessable():
    result = run("≥82", 80.0, {2021: None})
    assert (result.status, result.reason, result.latest) == ("not_assessable", "no_value", None)


def test_no_data_uses_manual_status():
    result = run("≥82", 80.0, {}, manual_status="on_track", evidence="据抽样调查")
    assert (result.status, result.reason, result.evidence) == ("on_track", "manual", "据抽样调查")


def test_data_overrides_manual_status():
    result = run("≥82", 80.0, {2022: 79.0}, manual_status="achieved")
    assert (result.status, result.reason) == ("reversed", "progress")


def test_no_base_and_not_met_is_not_assessable():
    result = run("≥82", None, {2022: 81.0})
    assert (result.status, result.reason) == ("not_assessable", "no_base")
    assert result.latest == 81.0


def test_no_base_uses_manual_status_when_given():
    result = run("≥82", None, {2022: 81.0}, manual_status="behind")
    assert (result.status, result.reason) == ("behind", "manual")


# text targets


def test_text_target_with_manual_status():
    result = run(
        "同比例增加",
        None,
        {},
        manual_status="on_track",
        evidence="健康预期寿命与人均预期寿命同步提高。",
    )
    assert (result.status, result.reason) == ("on_track", "manual")
    assert result.evidence == "健康预期寿命与人均预期寿命同步提高。"


def test_text_target_without_manual_status():
    result = run("达国家要求", None, {})
    assert (result.status, result.reason) == ("not_assessable", "text_target")


def test_text_target_manual_behind_flags_binding_lag():
    result = run("达国家要求", None, {}, manual_status="behind", nature="约束性")
    assert result.binding_lag


def test_invalid_manual_status_raises():
    with pytest.raises(ValueError, match="unknown status"):
        run("同比例增加", None, {}, manual_status="已完成")
    with pytest.raises(ValueError):
        run("≥82", 80.0, {2022: 81.0}, manual_status="done")


# yearly targets

YEARLY = "力争每年降低1个百分点"


def test_yearly_on_track():
    result = run(YEARLY, None, {2020: 52.0, 2021: 51.2, 2022: 49.8})
    assert (result.status, result.reason) == ("on_track", "yearly")
    assert result.progress == pytest.approx(1.1)
    assert (result.latest_year, result.latest) == (2022, 49.8)


def test_yearly_pace_ahead_beyond_band():
    result = run(YEARLY, None, {2020: 52.0, 2022: 49.0})
    assert (result.status, result.pace) == ("on_track", "ahead")


def test_yearly_behind():
    result = run(YEARLY, None, {2020: 52.0, 2022: 51.5})
    assert result.status == "behind"
    assert result.progress == pytest.approx(0.25)


def test_yearly_no_change_is_behind():
    assert run(YEARLY, None, {2020: 52.0, 2022: 52.0}).status == "behind"


def test_yearly_rising_is_reversed():
    result = run(YEARLY, None, {2020: 52.0, 2022: 53.0})
    assert result.status == "reversed"


def test_yearly_single_point_is_not_assessable():
    result = run(YEARLY, None, {2022: 49.8})
    assert (result.status, result.reason) == ("not_assessable", "no_base")


def test_yearly_single_point_uses_manual_status():
    result = run(YEARLY, None, {2022: 49.8}, manual_status="on_track")
    assert (result.status, result.reason) == ("on_track", "manual")


def test_yearly_base_counts_as_base_year_point():
    result = run(YEARLY, 52.0, {2022: 49.8})
    assert result.status == "on_track"
    assert result.progress == pytest.approx(1.1)


def test_yearly_increase_target():
    result = run("每年提高2%", None, {2020: 10.0, 2022: 13.0})
    assert result.status == "behind"
    assert result.progress == pytest.approx(0.75)


def test_yearly_ignores_points_after_cutoff():
    result = run(YEARLY, None, {2020: 52.0, 2022: 51.5, 2023: 45.0})
    assert result.status == "behind"


# binding lag


def test_binding_lag_for_binding_indicator_behind():
    assert run("≥82", 80.0, {2022: 80.4}, nature="约束性").binding_lag


def test_binding_lag_for_binding_indicator_reversed():
    assert run("≥82", 80.0, {2022: 79.0}, nature="约束性").binding_lag


def test_no_binding_lag_for_expected_indicator():
    assert not run("≥82", 80.0, {2022: 80.4}, nature="预期性").binding_lag


def test_no_binding_lag_when_binding_indicator_on_track():
    assert not run("≥82", 80.0, {2022: 81.0}, nature="约束性").binding_lag


# summarise


def test_summarise_counts_all_five_keys():
    evaluations = [
        run("≥82", 80.0, {2022: 83.0}),
        run("≥82", 80.0, {2022: 81.0}),
        run("≥82", 80.0, {2022: 81.5}),
        run("≥82", 80.0, {2022: 79.0}),
    ]
    assert summarise(evaluations) == {
        "achieved": 1,
        "on_track": 2,
        "behind": 0,
        "reversed": 1,
        "not_assessable": 0,
    }


def test_summarise_empty_has_all_keys():
    assert summarise([]) == dict.fromkeys(
        ("achieved", "on_track", "behind", "reversed", "not_assessable"), 0
    )


# Issue 13: one reason per 无法评估 case


def test_reason_text_target_even_with_a_base_and_a_value():
    # base 80, target 达国家要求: no number to measure against, whatever the data
    result = run("达国家要求", 80.0, {2022: 85.0})
    assert (result.status, result.reason, result.latest) == ("not_assessable", "text_target", 85.0)


def test_reason_no_base():
    result = run("≥82", None, {2022: 81.0})
    assert (result.status, result.reason) == ("not_assessable", "no_base")


def test_reason_no_value():
    result = run("≥82", 80.0, {2021: None, 2022: None})
    assert (result.status, result.reason) == ("not_assessable", "no_value")


def test_reason_stale_value_from_the_base_year():
    # the only value is the 2020 one: the base year, nothing since the plan began
    result = run("≥82", 80.0, {2020: 80.0})
    assert (result.status, result.reason, result.latest_year) == ("not_assessable", "stale", 2020)


def test_stale_value_meeting_the_target_is_still_not_assessable():
    result = run("≥82", None, {2020: 83.0})
    assert (result.status, result.reason) == ("not_assessable", "stale")


# Issue 13: 左右 and ranges


def test_approx_passed_in_better_direction_is_achieved():
    # base 25, target 30左右 (±5 % → 28.5–31.5), value 32.03 above the band, higher is better
    # progress (32.03 - 25) / (30 - 25) = 7.03 / 5 = 1.406
    result = run("30左右", 25.0, {2022: 32.03})
    assert (result.status, result.reason) == ("achieved", "target_met")
    assert result.progress == pytest.approx(1.406)


def test_approx_inside_band_below_target_is_achieved_with_its_progress():
    # 29 is inside 28.5–31.5; progress (29 - 25) / 5 = 0.8
    result = run("30左右", 25.0, {2022: 29.0})
    assert result.status == "achieved"
    assert result.progress == pytest.approx(0.8)


def test_approx_passed_in_worse_direction_is_not_achieved():
    # lower is better (base 28 → 27左右, band 25.65–28.35); 24 is below the band: achieved.
    assert run("27左右", 29.0, {2022: 24.0}).status == "achieved"
    # higher is better but the value went past the band downwards: not achieved, moved back
    result = run("30左右", 25.0, {2022: 20.0})
    assert result.status == "reversed"
    assert result.progress == pytest.approx(-1.0)  # (20 - 25) / (30 - 25)


def test_range_inside_and_passed():
    # range 10–20 from a base of 5, higher is better (inferred: 10 > 5)
    assert run("10-20", 5.0, {2022: 15.0}).status == "achieved"
    assert run("10-20", 5.0, {2022: 25.0}).status == "achieved"  # passed upwards
    behind = run("10-20", 5.0, {2022: 6.0})
    # progress toward the nearer bound: (6 - 5) / (10 - 5) = 0.2 < 0.4 elapsed
    assert (behind.status, behind.progress) == ("behind", pytest.approx(0.2))


def test_range_without_direction_counts_only_inside():
    # no base and no better: only the band itself is met
    assert target_met(parse_target("10-20"), 25.0, None, 0.05) is False
    assert target_met(parse_target("10-20"), 20.0, None, 0.05) is True


def test_achieved_from_a_base_that_already_met_the_target_has_no_progress():
    # base 2.48 is already under the ceiling 3.3: "(2.2 - 2.48) / (3.3 - 2.48)" means nothing
    result = run("3.3", 2.48, {2022: 2.2}, better="lower")
    assert (result.status, result.progress) == ("achieved", None)


def test_unknown_nature_never_flags_binding_lag():
    result = run("≥82", 80.0, {2022: 79.0}, nature=None)
    assert (result.status, result.binding_lag) == ("reversed", False)


# Issue 13: cut-off by date


def test_time_elapsed_on_month_end_counts_whole_months():
    import datetime as dt

    from plangen.compute.evaluate import time_elapsed_on

    # 2021 and 2022 in full (2 years) + January–June 2023 (6 / 12) = 2.5 of 5 years
    assert time_elapsed_on(2020, 2025, dt.date(2023, 6, 30)) == pytest.approx(0.5)
    # 15 June: 5 months + 15/30 of June = 5.5 months → (2 + 5.5 / 12) / 5
    assert time_elapsed_on(2020, 2025, dt.date(2023, 6, 15)) == pytest.approx((2 + 5.5 / 12) / 5)
    # the end of 2022 is the same as cutoff 2022
    assert time_elapsed_on(2020, 2025, dt.date(2022, 12, 31)) == pytest.approx(0.4)


def test_as_of_sets_elapsed_and_lets_the_cut_off_year_count():
    import datetime as dt

    # base 1.3 → 4; 2023 value 2.5: (2.5 - 1.3) / 2.7 = 44.4 % < 50 % elapsed at 2023-06-30
    result = run("4", 1.3, {2022: 2.0, 2023: 2.5}, cutoff=2023, as_of=dt.date(2023, 6, 30))
    assert (result.status, result.latest_year) == ("behind", 2023)
    assert result.elapsed == pytest.approx(0.5)
    assert result.progress == pytest.approx(1.2 / 2.7)
