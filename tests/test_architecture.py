"""The layering of docs/architecture.md holds, and a wrong-way import would be caught."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_layers_look_only_down():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_a_wrong_way_import_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "plangen", tmp_path / "plangen")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    plan = tmp_path / "plangen" / "load" / "plan.py"
    plan.write_text("from plangen.write import atomic  # noqa\n" + plan.read_text("utf-8"), "utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode == 1
    assert "plangen.load is not allowed to import plangen.write" in done.stdout
    assert "plangen.load.plan -> plangen.write.atomic" in done.stdout
