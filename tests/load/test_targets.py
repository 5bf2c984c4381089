"""Targets as plans write them: parsed form, direction, errors."""

import pytest

from plangen.load.targets import TargetSyntaxError, format_number, parse_target


@pytest.mark.parametrize(
    "text, kind, value, direction",
    [
        ("81.5", "eq", 81.5, None),
        ("≥2.1", "ge", 2.1, "higher"),
        ("＜3", "lt", 3.0, "lower"),
        ("＞95", "gt", 95.0, "higher"),
        ("83以上", "ge", 83.0, "higher"),
        ("6.5以下", "le", 6.5, "lower"),
        ("30左右", "approx", 30.0, None),
        ("1：1.2", "ratio", 1.2, None),
        ("1:0.89", "ratio", 0.89, None),
        ("同比例增加", "text", None, "higher"),
        ("力争每年降低1个百分点", "yearly", 1.0, "lower"),
        ("达国家要求", "text", None, None),
        ("100%", "eq", 100.0, None),
        ("＜１０", "lt", 10.0, "lower"),
        ("3-5", "range", 3.0, None),
    ],
)
def test_parse(text, kind, value, direction):
    t = parse_target(text)
    assert (t.kind, t.value, t.direction) == (kind, value, direction)
    assert t.text == text  # always shown as written


def test_numbers_from_yaml_keep_their_written_form():
    assert parse_target(4.0).text == "4"
    assert parse_target(81.26).text == "81.26"
    assert parse_target(100).text == "100"


@pytest.mark.parametrize("bad", ["≥≥3", "8.2.1", "约3~", "3x", "0:1"])
def test_unreadable_numbers_are_errors(bad):
    with pytest.raises(TargetSyntaxError):
        parse_target(bad)


def test_format_number_rounds_half_up():
    assert format_number(4.0304, 2) == "4.03"
    assert format_number(3.5994, 1) == "3.6"
    assert format_number(0.125, 2) == "0.13"
    assert format_number(2.0) == "2"
