"""One build, one transaction: every output new, or every output as it was; true exit codes.

Each case builds a good set first, then makes the second build fail in one way a
user's machine does (folder read-only, disk full, a folder or a locked file in
the way, SIGTERM) and compares sha256 digests of the outputs before and after.
"""

import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import FIXTURES, PLANS, plangen_exe, run_cli

from plangen.write import transaction

EX_CANTCREAT, EX_IOERR = 73, 74


def digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture
def plan(tmp_path):
    """minimal.yaml copied so that it can be edited into a second, different draft."""
    path = tmp_path / "src" / "minimal.yaml"
    path.parent.mkdir()
    shutil.copy(FIXTURES / "minimal.yaml", path)
    return path


def second_draft(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("测试区卫生健康规划", "测试区卫生健康规划（修改稿）"), encoding="utf-8"
    )


def build_twice(plan: Path, out: Path, formats: str = "docx,pdf"):
    first = run_cli("build", plan, "-o", out, "-f", formats, "-q")
    assert first.returncode == 0, first.stderr
    second_draft(plan)
    return digests(out)


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


@contextmanager
def tmpfs(folder: Path, options: str):
    folder.mkdir(exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("needs root to mount a small or read-only file system")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_folder_in_the_way_exits_73_and_replaces_nothing(plan, tmp_path):
    out = tmp_path / "out"
    build_twice(plan, out, "docx,html")
    (out / "minimal.docx").unlink()
    (out / "minimal.docx").mkdir()
    before = digests(out)
    result = run_cli("build", plan, "-o", out, "-f", "html,docx")
    assert result.returncode == EX_CANTCREAT, result.stderr
    assert (
        f"cannot write {out / 'minimal.docx'}: a folder of that name is in the way" in result.stderr
    )
    assert "internal error" not in result.stderr
    assert digests(out) == before and leftovers(out) == []  # minimal.html not replaced


def test_a_file_where_the_output_folder_should_be_exits_73(plan, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("keep", encoding="utf-8")
    result = run_cli("build", plan, "-o", blocker / "sub", "-f", "html")
    assert result.returncode == EX_CANTCREAT, result.stderr
    assert "a file is in the way where a folder is needed" in result.stderr
    assert blocker.read_text(encoding="utf-8") == "keep"


def test_read_only_folder_exits_73_in_the_users_language(plan, tmp_path):
    with tmpfs(tmp_path / "ro", "ro,size=64k") as out:
        result = run_cli("build", plan, "-o", out, "-f", "docx", env={"PLANGEN_LANG": "zh_CN"})
    assert result.returncode == EX_CANTCREAT, result.stderr
    assert f"无法写入 {out / 'minimal.docx'}：磁盘或文件夹是只读的" in result.stderr


def test_disk_full_exits_74_and_keeps_the_old_set(plan, tmp_path):
    with tmpfs(tmp_path / "small", "size=120k") as out:
        before = build_twice(plan, out, "html,docx")
        result = run_cli("build", plan, "-o", out, "-f", "html,docx,pdf")
        assert result.returncode == EX_IOERR, result.stderr
        assert f"cannot write {out / 'minimal.pdf'}: no space left on the disk" in result.stderr
        assert digests(out) == before and leftovers(out) == []


def test_a_locked_second_file_undoes_the_first(plan, tmp_path):
    out = tmp_path / "out"
    before = build_twice(plan, out)
    locked = out / "minimal.pdf"
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode:
        pytest.skip("needs chattr (root) to lock a file")
    try:
        result = run_cli("build", plan, "-o", out, "-f", "docx,pdf")
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=False)
    assert result.returncode == EX_CANTCREAT, result.stderr
    assert f"cannot write {locked}: permission denied" in result.stderr
    assert "close the file in Word/WPS and retry" in result.stderr
    assert digests(out) == before and leftovers(out) == []  # the DOCX went back too


@pytest.mark.parametrize("delay", [0.6, 1.4])
def test_sigterm_replaces_nothing_removes_temporaries_and_says_so(tmp_path, delay):
    out = tmp_path / "out"
    assert run_cli("build", PLANS / "laishan.yaml", "-o", out, "-q").returncode == 0
    before = digests(out)
    text = (PLANS / "laishan.yaml").read_text(encoding="utf-8")
    draft = tmp_path / "laishan.yaml"
    draft.write_text(
        text.replace("莱山区“十四五”卫生与健康规划", "莱山区“十四五”卫生与健康规划（二稿）", 1),
        encoding="utf-8",
    )
    for src in PLANS.glob("*.yaml"):
        if src.name != "laishan.yaml":
            shutil.copy(src, tmp_path / src.name)
    proc = subprocess.Popen(
        [plangen_exe(), "build", str(draft), "-o", str(out), "-q"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=PLANS.parent,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    after = digests(out)
    assert leftovers(out) == []
    if proc.returncode == 0:  # finished before the signal: the whole new set
        assert after["laishan.docx"] != before["laishan.docx"]
        assert after["laishan.pdf"] != before["laishan.pdf"]
        return
    if proc.returncode == -signal.SIGTERM:  # still importing: killed before any work
        assert after == before
        return
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "interrupted; no output was changed" in err and "Traceback" not in err
    assert after == before


def test_stale_temporaries_of_dead_processes_are_removed_next_run(plan, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead, alive = dead_pid(), os.getpid()
    stale = [
        f".minimal.pdf.{dead}-abc.part",
        ".minimal.pdf.k2j3h4x8.part",
        f".minimal.docx.{dead}.bak",
    ]
    kept = [f".minimal.pdf.{alive}-abc.part", ".notes.bak", "minimal.pdf.part"]
    for name in stale + kept:
        (out / name).write_bytes(b"x" * 1000)
    result = run_cli("build", plan, "-o", out, "-f", "docx,pdf", "-q")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(kept + ["minimal.docx", "minimal.pdf"])


def test_a_crash_between_two_renames_is_undone_by_the_next_run(plan, tmp_path):
    """As after SIGKILL or power loss mid-commit: new DOCX in place, new PDF still a temporary."""
    out = tmp_path / "out"
    before = build_twice(plan, out)
    pid = dead_pid()
    docx, pdf = out / "minimal.docx", out / "minimal.pdf"
    backup = out / f".minimal.docx.{pid}.bak"
    os.link(docx, backup)
    (out / "new").write_bytes(b"new docx")
    os.replace(out / "new", docx)
    temp = out / f".minimal.pdf.{pid}-zz.part"
    temp.write_bytes(b"new pdf")
    entries = [
        {
            "target": str(docx),
            "temp": str(out / f".minimal.docx.{pid}-yy.part"),
            "backup": str(backup),
        },
        {"target": str(pdf), "temp": str(temp), "backup": str(out / f".minimal.pdf.{pid}.bak")},
    ]
    (out / f".minimal.docx.{pid}.plangen-journal").write_text(json.dumps(entries), encoding="utf-8")
    plan.write_text("meta: [broken\n", encoding="utf-8")  # the next run fails on its input
    result = run_cli("build", plan, "-o", out, "-f", "docx,pdf")
    assert result.returncode == 1
    assert digests(out) == before and leftovers(out) == []


def test_recover_keeps_journals_of_running_processes(tmp_path):
    parent = tmp_path / f".y.docx.{os.getppid()}.plangen-journal"
    parent.write_text("[]", encoding="utf-8")
    transaction.recover(tmp_path, [])
    assert parent.exists()  # a live process's commit in progress
