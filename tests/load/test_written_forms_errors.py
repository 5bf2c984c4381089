"""Every key of the written forms (notice, record, tables, columns, paragraphs) refuses
a mistake at its own line, says how to fix it, and builds nothing."""

from __future__ import annotations

import pytest
from helpers import FIXTURES, run_cli

# (fixture, text as written, the mistake, words of the message, text on the reported line)
CASES = [
    ("notice.yaml", "head: {organ:", "head: {orgn:", "unknown key 'orgn'", "orgn"),
    (
        "notice.yaml",
        "  date: 2021-12-20\n  note",
        "  date: 2021-13-40\n  note",
        "not a valid date",
        "2021-13-40",
    ),
    (
        "notice.yaml",
        "  body:\n    - 现将",
        "  body: 5\n  x:\n    - 现将",
        "expected a list",
        "body: 5",
    ),
    (
        "notice.yaml",
        "cc: [市委各部门",
        "cc: 7\n  y: [市委各部门",
        "expected a list (got 7)",
        "cc: 7",
    ),
    ("notice.yaml", "printed: 2021-12-22", "printed: 昨天", "not a valid date", "昨天"),
    ("notice.yaml", "merge: [类别]", "merge: [分类]", "merge names 分类", "merge: [分类]"),
    ("notice.yaml", "done: false}", "done: maybe}", "expected true or false", "maybe"),
    ("notice.yaml", ", result: 80.6}", "}", "missing required key 'result'", "80以上"),
    ("notice.yaml", "  region: 测试市", "  region: 测试市\n  toc: maybe", "meta.toc", "toc: maybe"),
    ("target-only.yaml", "unit, target]", "unti, target]", "got 'unti'", "unti"),
    ("target-only.yaml", "headers: {domain:", "headers: {domian:", "got 'domian'", "domian"),
    ("action.yaml", "department_line: bare", "department_line: naked", "got 'naked'", "naked"),
    ("action.yaml", "also: [各区人民政府分别负责]", "also: 各区", "expected a list", "also: 各区"),
    (
        "action.yaml",
        "              - text: 完善",
        "              - txt: 完善",
        "unknown key 'txt'",
        "txt",
    ),
]


@pytest.mark.parametrize(("fixture", "written", "mistake", "words", "marker"), CASES)
def test_mistake_reported_at_its_line(tmp_path, fixture, written, mistake, words, marker):
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    assert written in text  # the fixture still holds the form under test
    bad = tmp_path / fixture
    bad.write_text(text.replace(written, mistake, 1), encoding="utf-8")
    out = tmp_path / "build"
    done = run_cli("build", bad, "-o", out)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = bad.read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(lines, 1) if marker in t)
    reported = [m for m in done.stderr.splitlines() if words in m]
    assert reported, done.stderr
    assert reported[0].startswith(f"{bad}:{line}:"), reported[0]
    assert "    fix: " in done.stderr
    assert not out.exists() or not any(out.iterdir())
