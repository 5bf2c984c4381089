"""All outputs of one build appear together or not at all.

Every file is first written and fsynced as a temporary next to its target.
Only then are the targets replaced, with signals held, each old file kept as a
hard-linked backup until the last rename has succeeded; a failed rename puts the
backups back. A journal written before the first rename lets the next run
restore the old set if the process died between two renames (power loss,
SIGKILL). Temporaries, backups and journals of dead processes are removed on
the next commit into the same folder.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

from plangen.errors import EX_CANTCREAT, EX_IOERR, OutputError
from plangen.messages import _

JOURNAL = ".plangen-journal"
BACKUP = ".bak"
PART = ".part"
_HELD = (signal.SIGINT, signal.SIGTERM)

# Paths moved into place by this process, in order: what an interrupt message can truthfully name.
COMMITTED: list[Path] = []


def commit(files: dict[Path, bytes]) -> list[Path]:
    """Write every file, then move them all into place; on failure none is replaced."""
    targets = list(files)
    for folder in dict.fromkeys(t.parent for t in targets):
        _prepare(folder)
        recover(folder, [t.name for t in targets if t.parent == folder])
    temps: dict[Path, Path] = {}
    try:
        for target, data in files.items():
            _refuse_folder_in_the_way(target)
            temps[target] = _write_temp(target, data)
        with hold_signals():
            _swap(temps)
    except OSError as exc:
        raise describe(exc, getattr(exc, "plangen_target", None) or targets[0]) from None
    finally:
        for tmp in temps.values():
            _unlink(tmp)
    COMMITTED.extend(targets)
    return targets


def _swap(temps: dict[Path, Path]) -> None:
    """Rename temporaries over their targets; undo every rename if one fails."""
    pid = os.getpid()
    first = next(iter(temps))
    journal = first.parent / f".{first.name}.{pid}{JOURNAL}"
    entries = [
        {"target": str(t), "temp": str(tmp), "backup": str(_backup_name(t, pid))}
        for t, tmp in temps.items()
    ]
    _write_durably(journal, json.dumps(entries, ensure_ascii=False).encode("utf-8"))
    done: list[dict] = []
    try:
        for entry in entries:
            target, backup = Path(entry["target"]), Path(entry["backup"])
            try:
                if target.exists():
                    _keep(target, backup)
                os.replace(entry["temp"], target)
            except OSError as exc:
                exc.plangen_target = target  # type: ignore[attr-defined]
                raise
            done.append(entry)
        _fsync_folders(Path(e["target"]).parent for e in entries)
        journal.unlink()  # the commit point: from here on the new set stands
    except BaseException:
        _undo(done)
        _unlink(journal)
        raise
    finally:
        for entry in entries:
            _unlink(Path(entry["backup"]))


def _undo(done: list[dict]) -> None:
    """Put the old files back (or remove files that did not exist before)."""
    for entry in reversed(done):
        target, backup = Path(entry["target"]), Path(entry["backup"])
        with contextlib.suppress(OSError):
            if backup.exists():
                os.replace(backup, target)
            else:
                target.unlink()


def recover(folder: Path, names: list[str]) -> None:
    """Restore the old set after a crash mid-commit; remove leftovers of dead processes.

    Journals of any output in the folder are honoured; temporaries and backups
    are removed only for the given output names.
    """
    if not folder.is_dir():
        return
    for journal in folder.glob(f".*{JOURNAL}"):
        if _alive(_pid_of(journal.name[: -len(JOURNAL)])):
            continue
        with contextlib.suppress(OSError, ValueError):
            entries = json.loads(journal.read_text(encoding="utf-8"))
            for entry in entries:
                target, temp, backup = (Path(entry[k]) for k in ("target", "temp", "backup"))
                if backup.exists():
                    os.replace(backup, target)  # a no-op when both name the same file…
                    _unlink(backup)  # …so the second name goes explicitly
                elif not temp.exists() and target.exists():
                    target.unlink()  # it was new in the interrupted build
                _unlink(temp)
        _unlink(journal)
    for name in names:
        for leftover in folder.glob(f".{glob.escape(name)}.*{PART}"):
            if not _alive(_pid_of(leftover.name[: -len(PART)])):
                _unlink(leftover)
        for leftover in folder.glob(f".{glob.escape(name)}.*{BACKUP}"):
            pid = _pid_of(leftover.name[: -len(BACKUP)])
            if pid is not None and not _alive(pid):
                _unlink(leftover)


def _pid_of(stem: str) -> int | None:
    """The pid in `.NAME.PID-xxxx` or `.NAME.PID`; None for names of older versions."""
    tail = stem.rsplit(".", 1)[-1].split("-", 1)[0]
    return int(tail) if tail.isdigit() else None


def _alive(pid: int | None) -> bool:
    if pid is None or pid == os.getpid():
        return False  # older plangen's names, or ours: nothing of ours is in flight here
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True


def _prepare(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise describe(exc, folder) from None


def _refuse_folder_in_the_way(target: Path) -> None:
    if target.is_dir():
        exc = IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        exc.plangen_target = target  # type: ignore[attr-defined]
        raise exc


def _write_temp(target: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}-", suffix=PART, dir=target.parent
    )
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException as exc:
        _unlink(tmp)
        if isinstance(exc, OSError):
            exc.plangen_target = target  # type: ignore[attr-defined]
        raise
    return tmp


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _backup_name(target: Path, pid: int) -> Path:
    return target.with_name(f".{target.name}.{pid}{BACKUP}")


def _keep(target: Path, backup: Path) -> None:
    """A second name for the old file, so it can be put back; a copy where links fail."""
    _unlink(backup)
    try:
        os.link(target, backup)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EMLINK):
            raise
        _write_durably(backup, target.read_bytes())


def _fsync_folders(folders: Iterator[Path]) -> None:
    for folder in dict.fromkeys(folders):
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def hold_signals() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the renames are done (delivered right after)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _reasons() -> dict[int, tuple[str, str, int]]:
    """errno → reason in words, fix, exit code; built per call so messages follow the language."""
    return {
        errno.EROFS: (
            _("the disk or folder is read-only"),
            _("choose another output folder with -o"),
            EX_CANTCREAT,
        ),
        errno.EACCES: (
            _(
                "permission denied: the folder or the file is read-only, "
                "or the file is open in another program"
            ),
            _("close the file in Word/WPS and retry, or choose another output folder with -o"),
            EX_CANTCREAT,
        ),
        errno.EISDIR: (
            _("a folder of that name is in the way"),
            _("rename or remove that folder, or choose another output folder with -o"),
            EX_CANTCREAT,
        ),
        errno.ENOTDIR: (
            _("a file is in the way where a folder is needed"),
            _("rename or remove that file, or choose another output folder with -o"),
            EX_CANTCREAT,
        ),
        errno.EBUSY: (
            _("the file is locked by another program"),
            _("close the file in Word/WPS and retry"),
            EX_CANTCREAT,
        ),
        errno.ENOSPC: (
            _("no space left on the disk"),
            _("free some space or choose another output folder with -o"),
            EX_IOERR,
        ),
        errno.EFBIG: (
            _("the file is larger than the disk or a limit allows"),
            _("free some space or choose another output folder with -o"),
            EX_IOERR,
        ),
        errno.ENAMETOOLONG: (
            _("the name is too long"),
            _("use a shorter meta.name or output folder"),
            EX_CANTCREAT,
        ),
    }


_SAME = {
    errno.EPERM: errno.EACCES,
    errno.EEXIST: errno.ENOTDIR,
    errno.ETXTBSY: errno.EBUSY,
    errno.EDQUOT: errno.ENOSPC,
}
_WINDOWS_LOCKED = (32, 33)  # sharing / lock violation: the file is open in Word


def describe(exc: OSError, path: Path) -> OutputError:
    """The OS error in words, with the exit code of sysexits.h (73 or 74)."""
    code = exc.errno
    if getattr(exc, "winerror", None) in _WINDOWS_LOCKED:
        code = errno.EBUSY
    code = _SAME.get(code, code)
    reasons = _reasons()
    if code in reasons:
        reason, hint, status = reasons[code]
        return OutputError(path, reason, hint, status)
    return OutputError(
        path,
        exc.strerror or str(exc),
        _("check the output folder, or choose another one with -o"),
        EX_IOERR,
    )
