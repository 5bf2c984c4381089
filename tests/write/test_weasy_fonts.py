"""WeasyPrint's copies of the pinned fonts leave /tmp with the process (plangen/write/weasy.py).

WeasyPrint deletes its font folder in FontConfiguration.__del__; a process ended by
os._exit (plangen's console script, every -j worker) never ran it, and each PDF build
left 47 MB behind. The builds below run with TMPDIR in the test's own folder.
"""

from __future__ import annotations

from helpers import FIXTURES, PLANS, run_cli


def leftovers(tmp) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith("weasyprint-"))


def test_a_pdf_build_leaves_no_font_folder(tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    done = run_cli(
        "build", FIXTURES / "minimal.yaml", "-o", tmp_path / "out", env={"TMPDIR": str(tmp)}
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "minimal.pdf").stat().st_size > 10_000
    assert leftovers(tmp) == []


def test_batch_workers_leave_no_font_folder(tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    plans = [FIXTURES / "minimal.yaml", PLANS / "laishan-2022.yaml", FIXTURES / "notice.yaml"]
    args = ("build", *plans, "-j", "2", "-f", "pdf", "-o", tmp_path / "out")
    done = run_cli(*args, env={"TMPDIR": str(tmp)})
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 3
    assert leftovers(tmp) == []
