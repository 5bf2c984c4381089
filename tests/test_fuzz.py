"""The fuzz campaign's short profile (the long one, 10,000 cases, runs outside CI).

benchmarks/fuzz.py mutates plans, monitoring files, template overrides and
workbooks and runs the CLI on each; any exit 70, traceback, or output written on
a failed run is a finding and makes it exit 1.
"""

import re
import subprocess
import sys

from helpers import ROOT

KINDS = ("plan", "monitoring", "template", "workbook")


def test_short_fuzz_campaign_finds_no_internal_error(tmp_path):
    count = 60
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "fuzz.py"), "--count", str(count)]
        + ["--seed", "16", "--sample", "30", "--findings", str(tmp_path / "findings")],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "no internal error, no traceback, nothing written on failure" in done.stdout
    header = next(line for line in done.stdout.splitlines() if line.startswith("kind "))
    names = re.split(r"\s{2,}", header.strip())[1:]
    rows = {}
    for line in done.stdout.splitlines():
        if line.split(" ", 1)[0] in KINDS:
            kind, *numbers = line.split()
            rows[kind] = dict(zip(names, map(int, numbers), strict=True))
    assert set(rows) == set(KINDS)
    assert sum(sum(r.values()) for r in rows.values()) == count
    assert sum(r.get("ok", 0) for r in rows.values()) > 0  # mutations reach the writers
    assert sum(r.get("input error", 0) for r in rows.values()) > 0
    assert all(r.get("internal", 0) == 0 for r in rows.values())
