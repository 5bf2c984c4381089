"""Plan validation: every user mistake is found, located and explained."""

from pathlib import Path

import pytest

from plangen.errors import PlanError
from plangen.load.plan import load_plan

MINIMAL = Path(__file__).resolve().parent.parent / "fixtures" / "minimal.yaml"


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    """The last line holding needle (a duplicate is reported where it repeats)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [i for i, line in enumerate(lines, start=1) if needle in line]
    assert found, needle
    return found[-1]


def problems(path: Path):
    with pytest.raises(PlanError) as err:
        load_plan(path)
    return err.value.problems


def test_minimal_plan_loads():
    lp = load_plan(MINIMAL)
    assert lp.name == "minimal"
    assert lp.targets["life"].kind == "ge"


@pytest.mark.parametrize(
    "old, new, needle, message, hint",
    [
        ("    unit: 岁", "    unti: 岁", "unti:", "unknown key 'unti'", "did you mean 'unit'"),
        (
            "    decimals: 2",
            "    decimals: two",
            "decimals: two",
            "expected a whole number",
            "whole number",
        ),
        (
            "  - id: doctors_per_1000",
            "  - id: life",
            "id: life",
            "duplicate indicator id 'life'",
            "own id",
        ),
        (
            "support: [区财政局]",
            "support: [区财证局]",
            "区财证局",
            "unknown department '区财证局'",
            "did you mean '区财政局'",
        ),
        ('target: "≥81"', 'target: "≥≥81"', "≥≥81", "cannot read target", "≥2.1"),
        (
            "formula: doctors / population",
            "formula: doctrs / population",
            "doctrs",
            "formula names 'doctrs'",
            "did you mean 'doctors'",
        ),
        ("    nature: 约束性", "    nature: 强制性", "强制性", "expected one of", "listed values"),
        (
            "          - task: 强化应急能力",
            "          - taks: 强化应急能力",
            "taks:",
            "unknown kind of block",
            "did you mean 'task:'",
        ),
        ("  date: 2022-01-05", "  date: 2022-13-45", "2022-13-45", "date", "2022-06-13"),
        ("  period: 2021-2025", "  period: 2025-2021", "2025-2021", "period", ""),
        ("  title: 测试区卫生健康规划\n", "", "issuer:", "missing required key 'title'", "title:"),
    ],
)
def test_mistakes_are_located(tmp_path, old, new, needle, message, hint):
    path = broken(tmp_path, old, new)
    found = problems(path)
    match = [p for p in found if message in p.message]
    assert match, [str(p) for p in found]
    p = match[0]
    assert p.file == str(path)
    if needle != "issuer:":
        assert p.line == line_of(path, needle), str(p)
    else:
        assert p.line in (line_of(path, "meta:"), line_of(path, "region:"))
    assert hint in p.hint


def test_all_problems_are_reported_at_once(tmp_path):
    path = broken(tmp_path, "support: [区财政局]", "support: [区财证局, 区教育局]")
    text = path.read_text(encoding="utf-8").replace('target: "3.5"', 'target: "3..5"')
    path.write_text(text, encoding="utf-8")
    messages = [p.message for p in problems(path)]
    assert any("区财证局" in m for m in messages)
    assert any("区教育局" in m for m in messages)
    assert any("cannot read target" in m for m in messages)


def test_base_and_formula_together_is_an_error(tmp_path):
    path = broken(tmp_path, "    formula: doctors", "    base: 3\n    formula: doctors")
    assert any("either base: or formula:" in p.message for p in problems(path))


def test_short_department_names_resolve(tmp_path):
    lp = load_plan(MINIMAL)
    assert lp.registry.resolve("区卫健局").name == "区卫生健康局"
