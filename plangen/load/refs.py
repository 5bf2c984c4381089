"""One folder boundary: a file may only name files in its own folder tree.

A plan or monitoring file shared by e-mail must not make plangen read
`../../secret.yaml` or `/etc/passwd`, and must never echo such a file's content
in an error. References are resolved (`..`, absolute paths, symbolic links)
and refused before anything is opened.
"""

from __future__ import annotations

from pathlib import Path

from plangen.errors import Problem
from plangen.load.source import Path_, Source
from plangen.messages import _


def outside(folder: Path, ref: str | Path) -> bool:
    """True when ref, taken relative to folder, resolves outside folder's tree."""
    base = folder.resolve()
    try:
        target = (folder / ref).resolve()
    except (OSError, RuntimeError, ValueError):  # symlink loops, NUL bytes
        return True
    return not target.is_relative_to(base)


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
            "copy the file into this folder (or a folder below it) "
            "and give its path relative to this file"
        ),
    )
