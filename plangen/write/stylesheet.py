"""Load the DOCX stylesheet (docx-styles.yaml) from the template search path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plangen.errors import PlanError
from plangen.load import source
from plangen.lookup import find
from plangen.messages import _


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
