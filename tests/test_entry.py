"""The console script's exit (plangen/entry.py): status, output and exit handlers kept
although the interpreter's teardown is skipped."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import PLANS, run_cli

from plangen.entry import leave

SCRIPT = """
import atexit, sys
atexit.register(lambda: open({mark!r}, "w").write("ran"))
sys.argv = ["plangen", *{args!r}]
from plangen.entry import main
main()
raise SystemExit("main() returned")
"""


def run_entry(tmp_path, *args: str) -> tuple[subprocess.CompletedProcess, bool]:
    mark = tmp_path / "atexit-ran"
    code = SCRIPT.format(mark=str(mark), args=list(args))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    return done, mark.exists()


@pytest.mark.parametrize(
    "args,status",
    [
        (["validate", str(PLANS / "laishan.yaml")], 0),
        (["validate", "no-such-plan.yaml"], 1),
        (["no-such-command"], 2),
    ],
)
def test_status_and_exit_handlers_survive_the_short_exit(tmp_path, args, status):
    done, handlers_ran = run_entry(tmp_path, *args)
    assert done.returncode == status, done.stderr
    assert handlers_ran
    assert "main() returned" not in done.stderr  # the process ended in main()


def test_piped_output_is_flushed_whole(tmp_path):
    """Every line reaches the pipe although os._exit ends the process."""
    plans = sorted(str(p) for p in PLANS.glob("*.yaml"))
    done, _ = run_entry(tmp_path, "validate", *plans)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(plans) >= 5 and len(lines) == len(plans)
    assert [line.split(": ")[0].split(" ", 1)[1] for line in lines] == plans
    assert done.stdout == run_cli("validate", *plans).stdout


def test_a_message_as_exit_code_is_printed_with_status_1(capfd, monkeypatch):
    # In this process the exit handlers are pytest's own (its temporary folders' locks):
    # they are recorded here, not run.
    calls = []
    monkeypatch.setattr("atexit._run_exitfuncs", lambda: calls.append("handlers"))
    monkeypatch.setattr("os._exit", calls.append)
    leave("plangen: stopped")
    assert calls == ["handlers", 1]
    assert capfd.readouterr().err == "plangen: stopped\n"
    leave(None)
    leave(3)
    assert calls == ["handlers", 1, "handlers", 0, "handlers", 3]
