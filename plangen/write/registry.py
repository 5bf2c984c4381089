"""The output formats: one Writer per format, and the registry every command reads.

`--format`, FORMATS, `plangen build --help` and docs/architecture.md all derive
from WRITERS; adding a format means adding one class here and one module beside it.
Heavy libraries (WeasyPrint, python-docx) are imported only when a writer runs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from plangen.errors import PlanError, Problem
from plangen.lookup import find
from plangen.messages import _
from plangen.write.resources import Resources

if TYPE_CHECKING:
    from plangen.render.document import Rendered
    from plangen.write.pdf import Layout
    from plangen.write.typst_pdf import TypstLayout

STYLESHEET = "base/print.css"
TYPST_STYLESHEET = "base/print.typ"


class Writer(Protocol):
    """Turns one semantic document into the bytes of one file format."""

    name: str
    suffix: str
    description: str  # msgid, shown in --help

    def write(self, doc: Rendered, resources: Resources) -> bytes: ...


class DocxWriter:
    name, suffix, description = "docx", ".docx", "Word document (WPS, LibreOffice)"

    def write(self, doc: Rendered, resources: Resources) -> bytes:
        from plangen.write.docx import UnknownElement, write_docx
        from plangen.write.stylesheet import load_docx_styles

        try:
            return write_docx(
                doc.xhtml,
                load_docx_styles(resources.search),
                resources,
                when=stamp(doc.date),
                pages=doc.pages,
                rows=doc.rows,
                stylesheet=find(resources.search, STYLESHEET),
            )
        except UnknownElement as exc:
            raise unknown_element(exc.tag, resources.search) from None


class PdfWriter:
    name, suffix, description = "pdf", ".pdf", "PDF laid out by WeasyPrint"

    def write(self, doc: Rendered, resources: Resources) -> bytes:
        return self.lay_out(doc, resources).pdf()

    def lay_out(self, doc: Rendered, resources: Resources) -> Layout:
        """The pages before they are written: the DOCX table of contents cites them."""
        from plangen.write.pdf import lay_out

        return lay_out(doc.xhtml, find(resources.search, STYLESHEET), resources)


class TypstPdfWriter:
    name, suffix, description = "pdf", ".pdf", "PDF laid out by Typst"

    def write(self, doc: Rendered, resources: Resources) -> bytes:
        return self.lay_out(doc, resources).pdf()

    def lay_out(self, doc: Rendered, resources: Resources) -> TypstLayout:
        """The compiled PDF with the page of each id: the DOCX TOC cites them."""
        try:
            import typst  # noqa: F401  (the optional extra)
        except ImportError:
            raise PlanError.single(
                doc.path,
                _("the Typst engine is not installed"),
                _("install it: pip install 'plangen[typst]', or leave out --pdf-engine typst"),
            ) from None
        from plangen.write.typst_markup import UnknownTypstElement
        from plangen.write.typst_pdf import lay_out_typst

        try:
            return lay_out_typst(
                doc.xhtml, find(resources.search, TYPST_STYLESHEET), resources, stamp(doc.date)
            )
        except UnknownTypstElement as exc:
            raise unknown_element(exc.tag, resources.search, "Typst") from None


class HtmlWriter:
    name, suffix, description = "html", ".html", "one HTML file for a browser"

    def write(self, doc: Rendered, resources: Resources) -> bytes:
        from plangen.write.html import standalone_html

        return standalone_html(doc, find(resources.search, STYLESHEET)).encode("utf-8")


PDF = PdfWriter()
TYPST_PDF = TypstPdfWriter()
WRITERS: dict[str, Writer] = {w.name: w for w in (DocxWriter(), PDF, HtmlWriter())}
FORMATS = tuple(WRITERS)
# Who lays out the PDF (--pdf-engine): the same semantic document either way.
PDF_ENGINES: dict[str, PdfWriter | TypstPdfWriter] = {"weasyprint": PDF, "typst": TYPST_PDF}
DEFAULT_PDF_ENGINE = "weasyprint"
# The DOCX writer fills its table of contents with the PDF's page numbers when the
# document has one (<nav class="toc">), and cuts merged group cells that may outgrow
# a page where the PDF cuts them: the chosen engine lays the pages out for it
# (WeasyPrint: about a second; Typst: a tenth of that).
_TOC = re.compile(r'<nav\b[^>]*\bclass="(?:[^"]* )?toc[ "]')


def write_all(
    doc: Rendered, resources: Resources, formats: list[str], pdf_engine: str = DEFAULT_PDF_ENGINE
) -> dict[str, bytes]:
    """Every format of one document; the PDF laid out for the DOCX TOC is written as it is.

    The DOCX TOC's page numbers are those of the chosen engine's pages, so the DOCX and
    the PDF built with it cite the same pages.
    """
    data: dict[str, bytes] = {}
    engine = PDF_ENGINES[pdf_engine]
    if "docx" in formats and _needs_layout(doc.xhtml):
        layout = engine.lay_out(doc, resources)
        doc.pages = layout.anchor_pages()
        doc.rows = layout.row_pages()
        if "pdf" in formats:
            data["pdf"] = layout.pdf()
    for fmt in formats:
        if fmt not in data:
            writer = engine if fmt == "pdf" else WRITERS[fmt]
            data[fmt] = writer.write(doc, resources)
    return data


def _needs_layout(xhtml: str) -> bool:
    """A 目录 to number, or a group cell that may cross a page: the DOCX needs the pages."""
    from plangen.write.docx_groups import has_long_group  # a PDF-only build parses no XML

    return bool(_TOC.search(xhtml)) or has_long_group(xhtml)


def stamp(date: dt.date) -> dt.date:
    """The date stored in the file: SOURCE_DATE_EPOCH when set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return date


def unknown_element(tag: str, search: list[Path], engine: str = "DOCX") -> PlanError:
    """Name the template line that writes <tag>, so the author knows what to change."""
    file, line = _written_at(tag, search)
    message = (
        _("the DOCX writer does not know <{tag}>; its text would be lost in Word", tag=tag)
        if engine == "DOCX"
        else _("the Typst writer does not know <{tag}>; its text would be lost in the PDF", tag=tag)
    )
    return PlanError(
        [
            Problem(
                file,
                line,
                1,
                message,
                _(
                    "use an element of the vocabulary in docs/templates.md "
                    "(p, h1–h4, section, div.box, table, figure, ul/ol)"
                ),
            )
        ]
    )


def _written_at(tag: str, search: list[Path]) -> tuple[str, int]:
    opening = f"<{tag}"
    for folder in search:
        for template in sorted(folder.rglob("*.j2")):
            lines = template.read_text(encoding="utf-8").splitlines()
            for number, text in enumerate(lines, start=1):
                rest = text.split(opening, 1)
                if len(rest) == 2 and rest[1][:1] in ("", " ", ">", "/"):
                    return str(template), number
    return f"<{tag}>", 1
