"""PDF writer: the same semantic document laid out by WeasyPrint with print.css.

Every URL WeasyPrint asks for goes through write.resources, so a shared
template or plan cannot read the machine or the network.
"""

from __future__ import annotations

import logging
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from plangen.load.source import decode_utf8
from plangen.write import cjk_justify, pinned
from plangen.write.pdf_text import mark_latin_runs
from plangen.write.resources import Resources, mime


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


def write_pdf(xhtml: str, stylesheet: Path, resources: Resources) -> bytes:
    """Lay out and write the PDF; refused URLs are left in resources.refused."""
    pinned.require(resources.search)
    cjk_justify.install()
    fetcher = RestrictedFetcher(resources)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = HTML(string=mark_latin_runs(xhtml), base_url=resources.base_url, url_fetcher=fetcher)
    fonts = FontConfiguration()  # where the stylesheet's @font-face rules are registered
    css = CSS(
        string=decode_utf8(stylesheet.read_bytes(), str(stylesheet)),
        url_fetcher=fetcher,
        base_url=stylesheet.parent.resolve().as_uri() + "/",
        font_config=fonts,
    )
    return html.write_pdf(stylesheets=[css], pdf_identifier=b"plangen", font_config=fonts)
