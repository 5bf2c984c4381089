"""Readers of existing plans for `plangen adopt`: DOCX, HTML and text, by file type."""

from __future__ import annotations

from pathlib import Path

from plangen.errors import PlanError
from plangen.load.adopt.document import Document, Para, Table
from plangen.messages import _, os_reason

__all__ = ["Document", "Para", "Table", "read_document"]

MAX_BYTES = 50 * 1024 * 1024


def read_document(path: Path) -> Document:
    """The paragraphs and tables of a plan file; PlanError for what cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PlanError.single(path, _("file not found"), _("check the path")) from None
    except OSError as exc:
        raise PlanError.single(path, _("cannot read the file: {why}", why=os_reason(exc))) from None
    if len(data) > MAX_BYTES:
        raise PlanError.single(path, _("file is larger than 50 MiB"), _("give the plan itself"))
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        from plangen.load.adopt.pdf import refuse_pdf

        refuse_pdf(path, data)
    if suffix == ".docx" or data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        from plangen.load.adopt.docx import read_docx

        return read_docx(path, data)
    if suffix in (".html", ".htm") or data.lstrip()[:15].lower().startswith(
        (b"<!doctype", b"<html")
    ):
        from plangen.load.adopt.html import read_html

        return read_html(path, data)
    if suffix in ("", ".txt", ".text", ".md"):
        from plangen.load.adopt.text import read_text_plan

        return read_text_plan(path, data)
    raise PlanError.single(
        path,
        _("cannot adopt a {suffix} file", suffix=suffix),
        _("give a .docx, .html or .txt file (save other formats as one of these)"),
    )
