"""`plangen diff OLD NEW` run as a user runs it: outputs, no changes, bad inputs."""

import pytest
from helpers import FIXTURES, PLANS, run_cli

OLD = FIXTURES / "diff" / "old.yaml"
NEW = FIXTURES / "diff" / "new.yaml"


def test_diff_writes_docx_and_html_named_after_the_new_draft(tmp_path):
    result = run_cli("diff", OLD, NEW, "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "test-plan-diff.docx",
        "test-plan-diff.html",
    ]
    assert "✓" in result.stdout and "test-plan-diff.docx" in result.stdout


def test_same_draft_twice_is_a_short_no_changes_report(tmp_path):
    result = run_cli("diff", OLD, OLD, "-o", tmp_path, "-f", "html", "-q")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    html = (tmp_path / "test-plan-diff.html").read_text(encoding="utf-8")
    assert "修改稿与原稿内容一致，未作修改。" in html
    assert "<del>" not in html and "<ins>" not in html and "重点任务</h1>" not in html


def test_pdf_on_request(tmp_path):
    result = run_cli("diff", OLD, NEW, "-o", tmp_path, "-f", "pdf", "-q")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "test-plan-diff.pdf").read_bytes().startswith(b"%PDF")


def invalid_copy(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        NEW.read_text(encoding="utf-8").replace("  region: 测试区", "  region: [测试区"),
        encoding="utf-8",
    )
    return bad


@pytest.mark.parametrize("case", ["missing", "invalid", "monitoring", "both"])
def test_bad_input_exits_1_with_file_line_and_writes_nothing(tmp_path, case):
    out = tmp_path / "out"
    old, new = {
        "missing": (OLD, tmp_path / "nope.yaml"),
        "invalid": (OLD, invalid_copy(tmp_path)),
        "monitoring": (PLANS / "laishan-2022.yaml", NEW),
        "both": (tmp_path / "nope.yaml", invalid_copy(tmp_path)),
    }[case]
    result = run_cli("diff", old, new, "-o", out)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "fix:" in result.stderr
    expected = {
        "missing": [f"{tmp_path / 'nope.yaml'}:1:1: cannot read file"],
        "invalid": [f"{tmp_path / 'bad.yaml'}:", "YAML syntax error"],
        "monitoring": [
            f"{PLANS / 'laishan-2022.yaml'}:",
            "this is a monitoring file; plangen diff compares two drafts of a plan",
        ],
        "both": ["nope.yaml:1:1: cannot read file", "bad.yaml:", "YAML syntax error"],
    }[case]
    for text in expected:
        assert text in result.stderr
    assert "no comparison written" in result.stderr
    assert not out.exists()


def test_a_failed_diff_leaves_the_previous_report_untouched(tmp_path):
    assert run_cli("diff", OLD, NEW, "-o", tmp_path, "-q").returncode == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert run_cli("diff", OLD, invalid_copy(tmp_path), "-o", tmp_path).returncode == 1
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name != "bad.yaml"}
    assert after == before
