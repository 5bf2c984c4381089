"""The PDF's font files, pinned by templates/base/fonts.yaml rather than found by name.

print.css asks for `url(plangen-font:FILE)`; the PDF writer's fetcher serves the
bytes from here, so what WeasyPrint sets the text in is the same on every machine
that has the packages setup installs, whatever else fontconfig knows about.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from plangen.errors import PlanError
from plangen.load import refs, source
from plangen.lookup import find
from plangen.messages import _

SCHEME = "plangen-font:"
TABLE = "base/fonts.yaml"


def table(search: list[Path]) -> dict[str, Any]:
    """fonts.yaml from the template search path (a -t folder may pin other files)."""
    src = source.load(find(search, TABLE))
    data = src.data
    if not isinstance(data, dict):
        raise PlanError(
            [
                src.problem(
                    (),
                    _("expected keys with values"),
                    _("write keys with values here (key: value)"),
                )
            ]
        )
    problems = []
    if "files" not in data:
        problems.append(
            src.problem(
                (),
                _("{name} lacks {keys}", name=TABLE, keys="files"),
                _("copy the shipped file and edit it"),
            )
        )
    elif not isinstance(data["files"], dict) or not all(
        isinstance(f, str) and isinstance(p, str) for f, p in data["files"].items()
    ):
        problems.append(
            src.problem(
                ("files",),
                _("expected keys with values"),
                _("write one `font file: package` per line"),
            )
        )
    folders = data.get("folders", [])
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        problems.append(
            src.problem(
                ("folders",), _("expected a list"), _("write a list here: one `- item` per line")
            )
        )
    if problems:
        raise PlanError(problems)
    return data


def folders(spec: dict[str, Any]) -> list[Path]:
    """PLANGEN_FONT_PATH first (machines without root), then the folders of fonts.yaml."""
    extra = [Path(p) for p in os.environ.get("PLANGEN_FONT_PATH", "").split(":") if p]
    return extra + [Path(p) for p in spec.get("folders", [])]


def locate(name: str, spec: dict[str, Any]) -> Path | None:
    """The pinned file called name, or None when it is not installed (or not pinned)."""
    if name not in spec.get("files", {}) or "/" in name:
        return None
    return next((d / name for d in folders(spec) if refs.is_file(d / name)), None)


def missing(search: list[Path]) -> list[tuple[str, str]]:
    """(file, package) of every pinned font that is not installed."""
    spec = table(search)
    return [(f, str(pkg)) for f, pkg in spec["files"].items() if locate(f, spec) is None]


def font_bytes(name: str, search: list[Path]) -> bytes:
    """The bytes of a pinned font; FileNotFoundError when it is not installed."""
    path = locate(name, table(search))
    if path is None:
        raise FileNotFoundError(f"pinned font {name} is not installed")
    return path.read_bytes()


def require(search: list[Path]) -> None:
    """PlanError naming the packages to install when a pinned font is missing.

    Falling back to whatever fontconfig finds would give other pages on this
    machine than on the next, which is the fault pinning exists to prevent.
    """
    absent = missing(search)
    if absent:
        raise PlanError.single(
            find(search, TABLE),
            _("pinned fonts are not installed: {files}", files=", ".join(f for f, _p in absent)),
            _(
                "install them: sudo apt-get install {packages} (or run scripts/setup.sh)",
                packages=" ".join(sorted({p for _f, p in absent})),
            ),
        )
