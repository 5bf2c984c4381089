"""Helpers shared by tests: paths and running the installed command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def plangen_exe() -> str:
    """The installed console script, next to the running interpreter."""
    exe = Path(sys.executable).with_name("plangen")
    found = str(exe) if exe.exists() else shutil.which("plangen")
    assert found, "the plangen command is not installed; run scripts/setup.sh"
    return found


def run_cli(
    *args: str | Path, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run `plangen …` as a user would, capturing text output."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [plangen_exe(), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=600,
    )
