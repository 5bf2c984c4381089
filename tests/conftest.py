"""Shared fixtures: the repository's example plans, built once through the real CLI."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import FIXTURES, PLANS, run_cli


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """build/ of the example plans (one in traditional script) and the example report,
    in all three formats."""
    out = tmp_path_factory.mktemp("build")
    result = run_cli(
        "build",
        PLANS / "laishan.yaml",
        PLANS / "longhu.yaml",
        PLANS / "laishan-2022.yaml",
        PLANS / "weihai-action.yaml",
        "-o",
        out,
        "-f",
        "docx,pdf,html",
        "-q",
    )
    assert result.returncode == 0, result.stderr
    return out


OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
OFFICE_EXAMPLES = ("laishan", "longhu", "laishan-2022", "weihai-action")


@pytest.fixture(scope="session")
def office_pdfs(built, tmp_path_factory):
    """The DOCX files converted by LibreOffice, once for the session."""
    if OFFICE is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: run BENCH=1 bash scripts/setup.sh "
            "to measure the DOCX as a LibreOffice/WPS user sees it"
        )
    out = tmp_path_factory.mktemp("office")
    profile = tmp_path_factory.mktemp("office-profile")
    docx = [str(built / f"{name}.docx") for name in OFFICE_EXAMPLES]
    subprocess.run(
        [OFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
        + ["--convert-to", "pdf", "--outdir", str(out), *docx],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


@pytest.fixture
def fixture_path():
    return lambda name: FIXTURES / name
