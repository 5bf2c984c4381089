"""PDF writer: the same semantic document laid out by WeasyPrint with print.css.

Every URL WeasyPrint asks for goes through write.resources, so a shared
template or plan cannot read the machine or the network.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from plangen.errors import PlanError
from plangen.load.source import decode_utf8
from plangen.messages import _
from plangen.render import pinned
from plangen.write import cjk_justify
from plangen.write.pdf_groups import row_pages, split_groups, tag_rows
from plangen.write.pdf_lastline import (
    escalate,
    loosen,
    short_last_lines,
    tag_paragraphs,
    trial_document,
    trial_levels,
)
from plangen.write.pdf_text import mark_latin_runs
from plangen.write.resources import Resources, mime
from plangen.write.weasy import (
    CSS,
    HTML,
    Document,
    FontConfiguration,
    URLFetcher,
    URLFetcherResponse,
    remove_fonts_at_exit,
)

_FOLIO = re.compile(r"\d+")
_RELAYOUTS = 4  # at most this many extra layouts to mend what the first one shows


class RestrictedFetcher(URLFetcher):
    """WeasyPrint's fetcher, narrowed to what Resources allows."""

    def __init__(self, resources: Resources):
        super().__init__(allowed_protocols=("file", "data", "plangen-resource", "plangen-font"))
        self.resources = resources

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith(pinned.SCHEME):  # a pinned font file (fonts.yaml), by name only
            data = pinned.font_bytes(url[len(pinned.SCHEME) :], self.resources.search)
            return URLFetcherResponse(url, data, {"Content-Type": "font/sfnt"})
        return URLFetcherResponse(url, self.resources.get(url), {"Content-Type": mime(url)})


@dataclass
class Layout:
    """The laid-out pages: written as the PDF, and read for the pages the DOCX TOC cites."""

    document: Document
    fonts: FontConfiguration

    def pdf(self) -> bytes:
        return self.document.write_pdf(pdf_identifier=b"plangen")

    def anchor_pages(self) -> dict[str, str]:
        """The page number printed on the page where each id starts ('' when unnumbered)."""
        found: dict[str, str] = {}
        for page in self.document.pages:
            folio = _folio(page._page_box)
            for anchor in page.anchors:
                found.setdefault(anchor, folio)
        return found

    def row_pages(self) -> dict[str, int]:
        """The page each row of a table with merged cells starts on (pdf_groups.ROW ids)."""
        return row_pages(self.document.pages)


def _folio(page_box) -> str:
    """The number in the page's margin boxes, as the reader sees it."""
    for box in page_box.children:
        if getattr(box, "at_keyword", None):
            match = _FOLIO.search("".join(_texts(box)))
            if match:
                return match.group()
    return ""


def _texts(box):
    text = getattr(box, "text", None)
    if isinstance(text, str):
        yield text
    for child in getattr(box, "children", ()):
        yield from _texts(child)


MAX_CSS_DEPTH = 16  # print.css nests two deep (@media, @page); 200 took WeasyPrint minutes


def refuse_deep_nesting(text: str, stylesheet: Path) -> None:
    """Blocks nested past MAX_CSS_DEPTH (closing braces left out) refused at the brace."""
    depth, line, col, i = 0, 1, 0, 0
    while i < len(text):
        ch = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = len(text) if end < 0 else end + 2
            skipped = text[i:end]
            line += skipped.count("\n")
            col = len(skipped) - skipped.rfind("\n") - 1 if "\n" in skipped else col + len(skipped)
            i = end
            continue
        col += 1
        if ch == "\n":
            line, col = line + 1, 0
        elif ch == "{":
            depth += 1
            if depth > MAX_CSS_DEPTH:
                raise PlanError.single(
                    stylesheet,
                    _("blocks nested more than {limit} deep here", limit=MAX_CSS_DEPTH),
                    _("a closing brace } is probably missing above"),
                    line,
                    col,
                )
        elif ch == "}":
            depth = max(depth - 1, 0)
        i += 1


# print.css parsed, with its @font-face fonts registered, by file, version and where
# its URLs resolve: batch workers and `plangen serve` pay for it once, not per build.
_STYLESHEETS: dict[tuple[str, ...], tuple[CSS, FontConfiguration]] = {}
_KEEP = 8


def compiled_stylesheet(stylesheet: Path, resources: Resources) -> tuple[CSS, FontConfiguration]:
    """The stylesheet and the font configuration holding its fonts, made once per process."""
    stat = stylesheet.stat()
    key = (
        str(stylesheet.resolve()),
        str(stat.st_mtime_ns),
        str(stat.st_size),
        resources.base_url,
        *map(str, resources.search),
    )
    if key in _STYLESHEETS:
        return _STYLESHEETS[key]
    refused = len(resources.refused)
    fonts = FontConfiguration()  # where the stylesheet's @font-face rules are registered
    remove_fonts_at_exit(fonts)
    text = decode_utf8(stylesheet.read_bytes(), str(stylesheet))
    refuse_deep_nesting(text, stylesheet)
    try:
        css = CSS(
            string=text,
            url_fetcher=RestrictedFetcher(resources),
            base_url=stylesheet.parent.resolve().as_uri() + "/",
            font_config=fonts,
        )
    except (SyntaxError, RecursionError, ValueError, TypeError, LookupError) as exc:
        raise PlanError.single(  # WeasyPrint is lenient; what it cannot parse at all
            stylesheet,
            _("this stylesheet cannot be applied: {what}", what=f"{type(exc).__name__}: {exc}"),
            _("compare your copy with the shipped print.css, or remove it"),
        ) from None
    if len(resources.refused) == refused:  # a refusal must be seen by every build
        if len(_STYLESHEETS) >= _KEEP:
            _STYLESHEETS.clear()
        _STYLESHEETS[key] = (css, fonts)
    return css, fonts


def lay_out(xhtml: str, stylesheet: Path, resources: Resources) -> Layout:
    """Lay the document out into pages; refused URLs are left in resources.refused."""
    pinned.require(resources.search)
    cjk_justify.install()
    fetcher = RestrictedFetcher(resources)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    css, fonts = compiled_stylesheet(stylesheet, resources)

    def render(text: str) -> Document:
        html = HTML(string=text, base_url=resources.base_url, url_fetcher=fetcher)
        return html.render(stylesheets=[css], font_config=fonts)

    tagged = tag_paragraphs(tag_rows(mark_latin_runs(xhtml)))
    text = tagged
    document = render(text)
    # What the first layout shows is mended and the document laid out again: merged
    # cells cut at page breaks (pdf_groups), paragraphs ending in one character set
    # loose (pdf_lastline). The level of looseness that mends a paragraph is found on a
    # small trial document, not by laying the whole one out once per level. Both mends
    # are decided again from each new layout, from the untouched document, until
    # nothing changes: the last layout is always one whose mends were decided from it.
    loose: dict[str, tuple[int, int]] = {}
    for _attempt in range(_RELAYOUTS):
        found = short_last_lines(document.pages)
        new = {pid: count for pid, count in found.items() if pid not in loose}
        loose = escalate(loose, {pid: count for pid, count in found.items() if pid in loose})
        if new:
            trial = render(trial_document(tagged, new))
            loose |= trial_levels(new, short_last_lines(trial.pages))
        base = loosen(tagged, loose)
        revised = split_groups(base, row_pages(document.pages)) or base
        if revised == text:
            break
        text = revised
        document = render(text)
    return Layout(document, fonts)


def write_pdf(xhtml: str, stylesheet: Path, resources: Resources) -> bytes:
    """Lay out and write the PDF; refused URLs are left in resources.refused."""
    return lay_out(xhtml, stylesheet, resources).pdf()
