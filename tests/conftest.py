"""Shared fixtures: the repository's example plans, built once through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES, PLANS, run_cli


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """build/ of the two example plans and the example report, in all three formats."""
    out = tmp_path_factory.mktemp("build")
    result = run_cli(
        "build",
        PLANS / "laishan.yaml",
        PLANS / "longhu.yaml",
        PLANS / "laishan-2022.yaml",
        "-o",
        out,
        "-f",
        "docx,pdf,html",
        "-q",
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def fixture_path():
    return lambda name: FIXTURES / name
