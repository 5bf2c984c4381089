"""Where templates and their data files are found: user folders first, then the shipped ones.

Every layer looks files up here, so a `-t` folder overrides templates, stylesheets,
chart labels and workbook wording alike.
"""

from __future__ import annotations

from pathlib import Path

from plangen.errors import PlanError
from plangen.messages import _


def shipped_templates() -> Path:
    """The templates folder: inside an installed wheel, or the repository's own."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_templates", here.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise RuntimeError("plangen's templates folder is missing from the installation")


def search_path(user_dir: Path | None) -> list[Path]:
    """User templates first, so a file there overrides the shipped one of the same name."""
    return [p for p in (user_dir, shipped_templates()) if p is not None]


def find(search: list[Path], name: str) -> Path:
    """The first template folder holding name: user folders override shipped ones."""
    for folder in search:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise PlanError.single(
        name,
        _("{name} not found in {folders}", name=name, folders=", ".join(map(str, search))),
        _("restore it, or remove your override folder"),
    )
