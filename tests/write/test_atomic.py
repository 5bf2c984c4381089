"""Outputs are replaced whole or not at all, and are the same bytes for the same input."""

import signal
import subprocess
import sys
import time
import zipfile

import pytest
from helpers import FIXTURES, PLANS, plangen_exe, run_cli

from plangen.write import atomic, transaction


def test_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.docx"
    target.write_bytes(b"good old build")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(transaction.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_bytes(target, b"new half-written build" * 1000)
    assert target.read_bytes() == b"good old build"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]  # temp file removed


def test_written_file_has_normal_permissions(tmp_path):
    target = tmp_path / "x.pdf"
    atomic.write_bytes(target, b"data")
    assert target.stat().st_mode & 0o044 == 0o044  # readable by others, as with umask 022


def test_killed_build_leaves_old_or_complete_new_files(tmp_path):
    out = tmp_path / "out"
    assert run_cli("build", PLANS / "laishan.yaml", "-o", out, "-f", "docx").returncode == 0
    old = (out / "laishan.docx").read_bytes()
    for delay in (0.3, 0.8, 1.5):
        proc = subprocess.Popen(
            [
                plangen_exe(),
                "build",
                str(PLANS / "laishan.yaml"),
                "-o",
                str(out),
                "-f",
                "docx,pdf",
                "-q",
            ]
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = (out / "laishan.docx").read_bytes()
        assert data == old or zipfile.is_zipfile(out / "laishan.docx")
        pdf = out / "laishan.pdf"
        if pdf.exists():
            assert pdf.read_bytes().rstrip().endswith(b"%%EOF")


def test_ctrl_c_exits_cleanly(tmp_path):
    proc = subprocess.Popen(
        [plangen_exe(), "build", str(PLANS / "laishan.yaml"), "-o", str(tmp_path), "-f", "pdf"],
        stderr=subprocess.PIPE,
        text=True,
    )
    first = proc.stderr.readline()  # "… building …": started, however busy the machine
    assert "building" in first, first
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    if proc.returncode != 0:  # the build may have finished before the signal
        assert proc.returncode == 130, err
        assert "interrupted; no output was changed" in err and "Traceback" not in err
        assert not (tmp_path / "laishan.pdf").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


# The console script's code with a signal sent while plangen's commands are being
# imported: the slow half-second in which a loaded machine used to see exit -2.
# (plangen.cli is that import; pipeline.build is now imported by the build command itself.)
START_UP = """
import builtins, os, signal, sys
real = builtins.__import__
def arriving(name, *args, **kwargs):
    if name == "plangen.cli":
        os.kill(os.getpid(), signal.{sig})
    return real(name, *args, **kwargs)
builtins.__import__ = arriving
sys.argv = ["plangen", "build", {plan!r}, "-o", {out!r}]
from plangen.entry import main
sys.exit(main())
"""


@pytest.mark.parametrize("sig,code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_signal_during_start_up_exits_cleanly(tmp_path, sig, code):
    script = START_UP.format(sig=sig, plan=str(PLANS / "laishan.yaml"), out=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == code, done.stderr
    assert done.stderr.splitlines() == ["interrupted; no output was changed"]
    assert list(tmp_path.iterdir()) == []


def test_same_input_gives_identical_bytes(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        result = run_cli("build", PLANS / "laishan.yaml", PLANS / "laishan-2022.yaml", "-o", out)
        assert result.returncode == 0, result.stderr
        time.sleep(1.1)  # a clock-dependent stamp would now differ
    for name in ("laishan.docx", "laishan.pdf", "laishan-2022.docx", "laishan-2022.pdf"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_docx_zip_entries_have_a_fixed_date(tmp_path):
    result = run_cli("build", FIXTURES / "minimal.yaml", "-o", tmp_path, "-f", "docx")
    assert result.returncode == 0
    with zipfile.ZipFile(tmp_path / "minimal.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(2022, 1, 5, 0, 0, 0)}


def test_source_date_epoch_sets_the_docx_date(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    result = run_cli("build", FIXTURES / "minimal.yaml", "-o", tmp_path, "-f", "docx", env=env)
    assert result.returncode == 0
    with zipfile.ZipFile(tmp_path / "minimal.docx") as z:
        assert {i.date_time[:3] for i in z.infolist()} == {(2023, 11, 14)}
