"""Monitoring files checked against their plan, through the installed command."""

import shutil
from pathlib import Path

import pytest
from helpers import PLANS, run_cli


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(PLANS / "laishan.yaml", tmp_path / "laishan.yaml")
    shutil.copy(PLANS / "laishan-2022.yaml", tmp_path / "mon.yaml")
    return tmp_path


def edit(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1 + new[: len(new)].count("\n") * 0


def test_example_validates(workdir):
    result = run_cli("validate", workdir / "mon.yaml")
    assert result.returncode == 0, result.stderr
    assert "valid monitoring data for laishan.yaml" in result.stdout


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("  life_expectancy:", "  life_expectancyy:", "unknown indicator id 'life_expectancyy'"),
        ("  plan: laishan.yaml", "  plan: laishan-old.yaml", "plan file not found"),
        ("2021:", "20x1:", "expected a whole number"),
        ("2021:", "2031:", "year 2031 is outside"),
        ("\n  35:", "\n  36:", "task 36 does not exist"),
        ("81.58", "'eighty'", "not a number"),
        ("  cutoff: 2022", "  cutoff: 2030", "cut-off 2030 is outside"),
    ],
)
def test_bad_monitoring_input(workdir, old, new, message):
    line = edit(workdir / "mon.yaml", old, new)
    out = workdir / "out"
    for args in (["validate", workdir / "mon.yaml"], ["build", workdir / "mon.yaml", "-o", out]):
        result = run_cli(*args)
        assert result.returncode == 1, result.stdout
        assert message in result.stderr, result.stderr
        assert f"{workdir / 'mon.yaml'}:" in result.stderr
        assert "Traceback" not in result.stderr
    assert not out.exists()
    if "plan file" not in message and "whole number" not in message:
        assert f"mon.yaml:{line}:" in result.stderr or "mon.yaml:" in result.stderr


def test_plan_with_problems_is_reported_through_the_monitoring_file(workdir):
    edit(workdir / "laishan.yaml", "    unit: 岁", "    unti: 岁")
    result = run_cli("validate", workdir / "mon.yaml")
    assert result.returncode == 1
    assert "the plan" in result.stderr and "unknown key 'unti'" in result.stderr


def test_as_of_replaces_cutoff(workdir):
    edit(workdir / "mon.yaml", "  cutoff: 2022", "  as_of: 2023-06-30")
    from plangen.compute.review import review
    from plangen.load.monitoring import load_monitoring

    lm = load_monitoring(workdir / "mon.yaml")
    assert lm.data.monitoring.cutoff == 2023
    assert review(lm).elapsed == pytest.approx(0.5)  # 2.5 of 5 years


@pytest.mark.parametrize(
    "new, message",
    [
        ("  cutoff: 2022\n  as_of: 2023-06-30", "cutoff 2022 and as_of 2023-06-30 name different"),
        ("", "the data's cut-off is missing"),
    ],
)
def test_bad_cut_off(workdir, new, message):
    edit(workdir / "mon.yaml", "  cutoff: 2022", new)
    result = run_cli("validate", workdir / "mon.yaml")
    assert result.returncode == 1
    assert message in result.stderr
    assert f"{workdir / 'mon.yaml'}:" in result.stderr
