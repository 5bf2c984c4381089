"""Script conversion and detection (plangen/script.py)."""

from __future__ import annotations

from plangen.script import (
    has_simplified,
    is_traditional,
    script_counts,
    to_locale,
    to_simplified,
)


def test_taiwan_conversion_is_phrase_level_without_rewording():
    assert to_locale("加强干部队伍建设，保持干燥", "zh_TW") == "加強幹部隊伍建設，保持乾燥"
    assert to_locale("推进信息化建设，社区医院", "zh_TW") == "推進信息化建設，社區醫院"


def test_hong_kong_uses_its_own_character_forms():
    assert to_locale("卫生健康", "zh_HK") == "衞生健康"
    assert to_locale("卫生健康", "zh_TW") == "衛生健康"


def test_mainland_text_is_left_alone():
    assert to_locale("推进信息化建设", "zh_CN") == "推进信息化建设"


def test_reading_traditional_input_in_simplified_form():
    assert to_simplified("約束性") == "约束性"
    assert to_simplified("力爭每年降低1個百分點") == "力争每年降低1个百分点"


def test_detects_the_script_a_text_is_written_in():
    assert is_traditional(["醫療衛生服務體系", "2025年"])
    assert not is_traditional(["医疗卫生服务体系", "2025年"])
    assert not is_traditional(["2025", "≥81"])  # no Chinese: not traditional
    assert script_counts("医療") == (1, 1)


def test_has_simplified_only_for_purely_simplified_strings():
    assert has_simplified("约束性")
    assert not has_simplified("約束性")
    assert not has_simplified("2025年")
    assert not has_simplified("医療")  # mixed: the author's, left alone
