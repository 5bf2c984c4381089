"""PDF writer on Typst: the semantic document as Typst markup, compiled with base/print.typ.

The compiler is the `typst` package's (inside its wheel: nothing is downloaded).
It sees one temporary folder as its whole world: the markup, the stylesheet, the
images the build allowed (write.resources) and links to the pinned font files of
fonts.yaml; system fonts are not read, so the pages are the same on any machine.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import typst

from plangen.errors import PlanError
from plangen.messages import _
from plangen.render import pinned
from plangen.write.resources import Resources
from plangen.write.typst_markup import STYLESHEET_MODULE, to_markup

PAGES_LABEL = "<plangen-pages>"  # print.typ's record of the page at each anchor


@dataclass
class TypstLayout:
    """The compiled PDF and the number printed where each id starts (the DOCX TOC cites it)."""

    data: bytes
    pages: dict[str, str]

    def pdf(self) -> bytes:
        return self.data

    def anchor_pages(self) -> dict[str, str]:
        return self.pages

    def row_pages(self) -> dict[str, int]:
        """None: Typst does not cut merged groups, so the DOCX keeps its groups whole too."""
        return {}


def write_typst_pdf(
    xhtml: str, stylesheet: Path, resources: Resources, when: dt.date | None = None
) -> bytes:
    """Compile the document; refused URLs are left in resources.refused."""
    return lay_out_typst(xhtml, stylesheet, resources, when).pdf()


def lay_out_typst(
    xhtml: str, stylesheet: Path, resources: Resources, when: dt.date | None = None
) -> TypstLayout:
    """Compile the document and read its anchors' pages from the same compilation."""
    pinned.require(resources.search)
    markup = to_markup(xhtml, resources)
    with tempfile.TemporaryDirectory(prefix="plangen-typst-") as tmp:
        root = Path(tmp)
        (root / STYLESHEET_MODULE).write_bytes(stylesheet.read_bytes())
        for name, data in markup.images.items():
            (root / name).write_bytes(data)
        main = root / "main.typ"
        main.write_text(markup.source, encoding="utf-8")
        fonts = typst.Fonts(
            include_system_fonts=False,
            include_embedded_fonts=False,
            font_paths=[str(_font_folder(root / "fonts", resources.search))],
        )
        stamp = dt.datetime.combine(when or dt.date(2000, 1, 1), dt.time(), dt.UTC)
        compiler = typst.Compiler(str(main), root=str(root), font_paths=fonts)
        try:
            pdf = compiler.compile(timestamp=stamp)
            # The query reads the document just compiled (Typst memoises it): no new layout.
            found = json.loads(compiler.query(PAGES_LABEL, field="value"))
        except typst.TypstError as exc:  # a broken print.typ of a -t folder
            raise PlanError.single(
                stylesheet,
                _("Typst cannot lay out the document: {reason}", reason=exc.message),
                _("check the functions {file} defines against the shipped one", file=stylesheet),
            ) from None
    assert isinstance(pdf, bytes)
    pages = found[0] if found and isinstance(found[0], dict) else {}  # an older print.typ: none
    return TypstLayout(_declare_language(pdf, markup.lang), pages)


# print.typ sets mainland text by Typst's Taiwan punctuation rules (see there).
_TYPST_LANG = (b"/Lang(zh-TW)", b"<rdf:li>zh-TW</rdf:li>")


def _declare_language(pdf: bytes, lang: str) -> bytes:
    """The document's own language in the catalog and XMP, in place (same length)."""
    tag = lang.encode("ascii", "replace")
    if len(tag) != len(b"zh-TW") or tag.lower() == b"zh-tw":
        return pdf
    for old in _TYPST_LANG:
        pdf = pdf.replace(old, old.replace(b"zh-TW", tag))
    return pdf


def _font_folder(folder: Path, search: list[Path]) -> Path:
    """A folder holding only the pinned font files (Typst takes folders, not files)."""
    folder.mkdir()
    spec = pinned.table(search)
    for name in spec.get("files", {}):
        path = pinned.locate(name, spec)
        if path is not None:
            (folder / name).symlink_to(path.resolve())
    return folder
