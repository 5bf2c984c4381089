"""One folder boundary: a file may only name files in its own folder tree.

A plan or monitoring file shared by e-mail must not make plangen read
`../../secret.yaml` or `/etc/passwd`, and must never echo such a file's content
in an error. References are resolved (`..`, absolute paths, symbolic links)
and refused before anything is opened.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from plangen.errors import Problem
from plangen.load.source import Path_, Source
from plangen.messages import _

ALLOW_VAR = "PLANGEN_ALLOW"  # folders given with --allow, os.pathsep-separated


def allowed() -> list[Path]:
    """Folders the user allowed explicitly (--allow DIR), besides each file's own."""
    return [Path(p).resolve() for p in os.environ.get(ALLOW_VAR, "").split(os.pathsep) if p]


def allow(folders: list[Path]) -> None:
    """Allow folders for this process and the build processes it starts."""
    if folders:
        os.environ[ALLOW_VAR] = os.pathsep.join(
            [*(str(p) for p in allowed()), *(str(Path(f).resolve()) for f in folders)]
        )


@contextlib.contextmanager
def allowing(folder: Path) -> Iterator[None]:
    """Allow one folder for the duration (a plan named explicitly on the command line)."""
    before = os.environ.get(ALLOW_VAR)
    allow([folder])
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ALLOW_VAR, None)
        else:
            os.environ[ALLOW_VAR] = before


def outside(folder: Path, ref: str | Path) -> bool:
    """True when ref, taken relative to folder, resolves outside folder's tree and --allow."""
    try:
        target = (folder / ref).resolve()
    except (OSError, RuntimeError, ValueError):  # symlink loops, NUL bytes
        return True
    return not any(target.is_relative_to(base) for base in (folder.resolve(), *allowed()))


def is_file(path: Path) -> bool:
    """Path.is_file() that answers False for names the system refuses (too long, NUL)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def boundary_problem(src: Source, at: Path_, folder: Path, ref: str) -> Problem:
    """The refusal, naming the reference as written and the folder it must stay in."""
    return src.problem(
        at,
        _(
            "{ref} is outside this file's folder {folder}; it was not opened",
            ref=ref,
            folder=folder,
        ),
        _(
            "copy the file into this folder (or a folder below it) and give its path "
            "relative to this file, or allow its folder with --allow DIR"
        ),
    )
