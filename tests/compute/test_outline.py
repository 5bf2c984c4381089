"""Generated numbering: Chinese numerals, headings, tasks, boxes, tables, formulas."""

import pytest
from helpers import FIXTURES, PLANS

from plangen import formula
from plangen.compute.numbering import cn_numeral
from plangen.compute.outline import build_outline
from plangen.load.plan import load_plan


@pytest.mark.parametrize(
    "n, text",
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
    ],
)
def test_chinese_numerals(n, text):
    assert cn_numeral(n) == text


def test_laishan_numbering_is_continuous():
    outline = build_outline(load_plan(PLANS / "laishan.yaml"))
    assert [c.number for c in outline.chapters] == list(range(1, 14))
    assert [t.number for t in outline.tasks] == list(range(1, 36))
    assert [b.number for b in outline.boxes] == list(range(1, 10))
    assert [t.number for t in outline.tables] == [1]
    first = outline.tasks[0]
    assert first.lead == ["区卫生健康局"] and "区财政局" in first.support


def test_per_section_numbering_restarts():
    outline = build_outline(load_plan(FIXTURES / "minimal.yaml"))
    assert [t.number for t in outline.tasks] == [1, 2, 1]
    sections = outline.chapters[0].children
    assert [(s.depth, s.number) for s in sections] == [(2, 1), (2, 2)]


def test_indicator_table_spans():
    outline = build_outline(load_plan(PLANS / "longhu.yaml"))
    rows = outline.tables[0].table.rows
    spans = [r.spans["target"] for r in rows[4:10]]  # 达国家要求 rows 5–10
    assert spans[0] == 6 and spans[1:] == [0] * 5
    assert rows[0].spans["domain"] == 3


def test_derived_value_is_computed_and_rounded():
    outline = build_outline(load_plan(FIXTURES / "minimal.yaml"))
    row = outline.tables[0].table.rows[1]
    assert row.derived and row.base_text == "3.01"  # 601 / 200000 * 1000 = 3.005 → 3.01


def test_formula_safety_and_values():
    assert formula.evaluate("a / b * 1000", {"a": 1, "b": 4}) == 250
    assert formula.evaluate("a / b", {"a": 1, "b": 0}) is None
    assert formula.names("(doctors + nurses) / population") == ["doctors", "nurses", "population"]
    for bad in ("__import__('os')", "a ** 2", "a.b", "[a]", "a if b else c"):
        with pytest.raises(formula.FormulaError):
            formula.names(bad)
