"""Targets as published plans word them: at least 60 real wordings, each read into the
structured form evaluation uses, and printed exactly as written.

The wordings come from the reference plans (001, 004), the Weihai mid-term report (000)
and the 十四五 plans the issue names (82岁以上, 保持100%, ≤9/10万, 国家级5个/省级12个…).
"""

from __future__ import annotations

import pytest

from plangen.load.targets import TargetSyntaxError, parse_target, text_target

H, L = "higher", "lower"

# written, kind, value, upper, direction, unit
WORDINGS = [
    ("81.5", "eq", 81.5, None, None, ""),
    ("≥2.1", "ge", 2.1, None, H, ""),
    ("≥77", "ge", 77, None, H, ""),
    ("≥0.32", "ge", 0.32, None, H, ""),
    ("＞95", "gt", 95, None, H, ""),
    ("＞0.2", "gt", 0.2, None, H, ""),
    ("＜3", "lt", 3, None, L, ""),
    ("＜25", "lt", 25, None, L, ""),
    ("≤9/10万", "le", 9, None, L, "/10万"),
    ("≤18/10万", "le", 18, None, L, "/10万"),
    ("＜5‰", "lt", 5, None, L, "‰"),
    ("4‰以下", "le", 4, None, L, "‰"),
    ("5.6‰以下", "le", 5.6, None, L, "‰"),
    ("3‰左右", "approx", 3, None, None, "‰"),
    ("83以上", "ge", 83, None, H, ""),
    ("82岁以上", "ge", 82, None, H, "岁"),
    ("81.5岁", "eq", 81.5, None, None, "岁"),
    ("达到81.5岁", "ge", 81.5, None, H, "岁"),
    ("6.5以下", "le", 6.5, None, L, ""),
    ("22%以下", "le", 22, None, L, "%"),
    ("5%以下", "le", 5, None, L, "%"),
    ("30左右", "approx", 30, None, None, ""),
    ("27左右", "approx", 27, None, None, ""),
    ("25%左右", "approx", 25, None, None, "%"),
    ("85%以上", "ge", 85, None, H, "%"),
    ("99%以上", "ge", 99, None, H, "%"),
    ("90%及以上", "ge", 90, None, H, "%"),
    ("100%", "eq", 100, None, None, "%"),
    ("保持100%", "eq", 100, None, None, "%"),
    ("稳定在100%", "eq", 100, None, None, "%"),
    ("维持在95%", "eq", 95, None, None, "%"),
    ("保持在90%以上", "ge", 90, None, H, "%"),
    ("稳定在95%以上", "ge", 95, None, H, "%"),
    ("控制在22以下", "le", 22, None, L, ""),
    ("控制在30%以内", "le", 30, None, L, "%"),
    ("控制在25%", "le", 25, None, L, "%"),
    ("提高到35%以上", "ge", 35, None, H, "%"),
    ("提高到2900", "ge", 2900, None, H, ""),
    ("提升至40%", "ge", 40, None, H, "%"),
    ("降低到14%以下", "le", 14, None, L, "%"),
    ("下降到20%", "le", 20, None, L, "%"),
    ("降至10‰以下", "le", 10, None, L, "‰"),
    ("达到90%", "ge", 90, None, H, "%"),
    ("达到90%以上", "ge", 90, None, H, "%"),
    ("达到4.5个", "ge", 4.5, None, H, "个"),
    ("达到0.85人", "ge", 0.85, None, H, "人"),
    ("力争达到4人", "ge", 4, None, H, "人"),
    ("不低于70%", "ge", 70, None, H, "%"),
    ("不低于50", "ge", 50, None, H, ""),
    ("不少于3家", "ge", 3, None, H, "家"),
    ("不超过5", "le", 5, None, L, ""),
    ("不超过20%", "le", 20, None, L, "%"),
    ("不高于1.5", "le", 1.5, None, L, ""),
    ("低于30%", "lt", 30, None, L, "%"),
    ("高于全省平均水平5个百分点", "text", None, None, None, ""),
    ("超过50%", "gt", 50, None, H, "%"),
    ("80%—90%", "range", 80, 90, None, "%"),
    ("80%-90%", "range", 80, 90, None, "%"),
    ("80%~90%", "range", 80, 90, None, "%"),
    ("3-5", "range", 3, 5, None, ""),
    ("3～5个", "range", 3, 5, None, "个"),
    ("2.5至3.0", "range", 2.5, 3.0, None, ""),
    ("保持在85%—90%之间", "range", 85, 90, None, "%"),
    ("1：1.2", "ratio", 1.2, None, None, ""),
    ("1:0.89", "ratio", 0.89, None, None, ""),
    ("力争每年降低1个百分点", "yearly", 1, None, L, ""),
    ("每年提高2%", "yearly", 2, None, H, ""),
    ("年均增长5%", "yearly", 5, None, H, ""),
    ("同比例增加", "text", None, None, H, ""),
    ("达国家要求", "text", None, None, None, ""),
    ("逐步提高", "text", None, None, H, ""),
    ("持续下降", "text", None, None, L, ""),
    ("国家级5个/省级12个", "multi", None, None, None, ""),
    ("国家级2个、省级5个", "multi", None, None, None, ""),
    ("＜１０", "lt", 10, None, L, ""),
    ("≥９５％", "ge", 95, None, H, "%"),
    ("95 %以上", "ge", 95, None, H, "%"),
]


def test_the_table_holds_at_least_60_real_wordings():
    assert len({w[0] for w in WORDINGS}) >= 60


@pytest.mark.parametrize("written, kind, value, upper, direction, unit", WORDINGS)
def test_wording_is_read_into_its_structured_form(written, kind, value, upper, direction, unit):
    t = parse_target(written)
    assert (t.kind, t.value, t.upper, t.direction, t.unit) == (
        kind,
        value,
        upper,
        direction,
        unit,
    )
    assert t.text == written  # printed exactly as the plan writes it


def test_pairs_keep_each_labelled_value():
    t = parse_target("国家级5个/省级12个")
    assert [(label, p.kind, p.value, p.unit) for label, p in t.parts] == [
        ("国家级", "eq", 5, "个"),
        ("省级", "eq", 12, "个"),
    ]


@pytest.mark.parametrize(
    "bad", ["≥≥3", "8.2.1", "约3~", "3x", "0:1", "较2020年提高10%", "≤9/10万/年", "5个/7"]
)
def test_a_wording_that_cannot_be_read_is_an_error(bad):
    with pytest.raises(TargetSyntaxError):
        parse_target(bad)


def test_text_marked_by_the_author_is_kept_as_text():
    t = text_target("较2020年提高10%")
    assert (t.kind, t.value, t.text, t.direction) == ("text", None, "较2020年提高10%", "higher")
