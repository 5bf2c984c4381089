"""Load the DOCX stylesheet (docx-styles.yaml) from the template search path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plangen.errors import PlanError
from plangen.load import source
from plangen.messages import _


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


def load_docx_styles(search: list[Path]) -> dict[str, Any]:
    src = source.load(find(search, "base/docx-styles.yaml"))
    if not isinstance(src.data, dict) or "paragraph" not in src.data:
        raise PlanError(
            [
                src.problem(
                    (),
                    _("docx-styles.yaml needs page:, fonts:, paragraph:"),
                    _("copy the shipped file and edit it"),
                )
            ]
        )
    return src.data
