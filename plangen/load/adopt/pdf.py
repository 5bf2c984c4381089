"""PDF input is refused: plans are adopted from Word or text, where the words are exact."""

from __future__ import annotations

import io
from pathlib import Path
from typing import NoReturn

from plangen.errors import PlanError
from plangen.messages import _


def refuse_pdf(path: Path, data: bytes) -> NoReturn:
    """Say whether the PDF is scanned images (no text at all) or has text to copy."""
    chars = 0
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        for page in reader.pages[:5]:
            chars += len((page.extract_text() or "").strip())
    except Exception:  # a damaged PDF reads as one without text
        chars = 0
    if chars == 0:
        raise PlanError.single(
            path,
            _("this PDF holds only images (a scan): there is no text to read"),
            _("ask for the Word file, or run OCR and save the text as UTF-8 .txt"),
        )
    raise PlanError.single(
        path,
        _("PDF files are not adopted: their lines and tables do not survive extraction"),
        _("give the Word file, or copy the text into a UTF-8 .txt file"),
    )
