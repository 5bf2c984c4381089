"""Impossible data are input mistakes: reported at the value's line, exit 1, no report written."""

import shutil

import pytest
from helpers import FIXTURES, PLANS, run_cli


@pytest.fixture
def folder(tmp_path):
    for name in ("laishan.yaml", "laishan-2022.yaml"):
        shutil.copy(PLANS / name, tmp_path)
    return tmp_path


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return next(i for i, line in enumerate(text.split("\n"), 1) if old.split("\n")[0] in line)


def build(path, out):
    return run_cli("build", path, "-o", out, "-f", "html")


def test_negative_life_expectancy_is_refused_at_its_value(folder):
    monitoring = folder / "laishan-2022.yaml"
    row = edit(monitoring, "{2021: 81.40, 2022: 81.58}", "{2021: 81.40, 2022: -81.58}")
    result = build(monitoring, folder / "out")
    assert result.returncode == 1, result.stderr
    assert f"{monitoring}:{row}:" in result.stderr
    assert (
        "-81.58 is not a plausible value for '人均预期寿命' (expected 0 to … 岁)" in result.stderr
    )
    assert not (folder / "out").exists()


def test_zero_population_is_reported_not_silently_skipped(folder):
    monitoring = folder / "laishan-2022.yaml"
    row = edit(
        monitoring,
        "population: {2021: 364500, 2022: 366800}",
        "population: {2021: 364500, 2022: 0}",
    )
    result = build(monitoring, folder / "out")
    assert result.returncode == 1, result.stderr
    assert f"{monitoring}:{row}:" in result.stderr
    assert "'population' is 0, but '每千人口" in result.stderr and "divides by it" in result.stderr


def test_zero_or_negative_baseline_in_the_plan(tmp_path):
    plan = tmp_path / "plan.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", plan)
    row = edit(plan, "value: 200000}", "value: 0}")
    result = run_cli("validate", plan)
    assert result.returncode == 1 and f"{plan}:{row}:" in result.stderr
    assert "'population' is 0, but '每千人口执业（助理）医师数' divides by it" in result.stderr
    edit(plan, "value: 601}", "value: -601}")
    assert "'doctors' is -601; a count cannot be negative" in run_cli("validate", plan).stderr


def test_a_share_over_100_percent_is_refused_unless_max_allows_it(tmp_path):
    plan = tmp_path / "plan.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", plan)
    edit(plan, "    unit: 岁\n    base: 80.1\n", '    unit: "%"\n    base: 120\n')
    result = run_cli("validate", plan)
    assert result.returncode == 1
    assert "120 is not a plausible value for '人均预期寿命' (expected 0 to 100 %)" in result.stderr
    edit(plan, "    base: 120\n", "    base: 120\n    max: 130\n")
    result = run_cli("validate", plan)
    assert result.returncode == 0, result.stderr
