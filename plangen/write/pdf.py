"""PDF writer: the same semantic document laid out by WeasyPrint with print.css.

Resources may only come from the plan's folder, the template folders or the
build's own in-memory files; anything else (file:///etc/passwd, http://…) is
refused, so a shared template or plan cannot read the machine or the network.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

RESOURCE_SCHEME = "plangen-resource:"


class FetchRefused(ValueError):
    """A template or plan asked for something outside the allowed folders."""


class RestrictedFetcher(URLFetcher):
    """Serves in-memory resources and files under allowed roots; refuses the rest."""

    def __init__(self, roots: list[Path], resources: dict[str, bytes] | None = None):
        super().__init__(allowed_protocols=("file", "data", "plangen-resource"))
        self.roots = [r.resolve() for r in roots]
        self.resources = resources or {}
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith(RESOURCE_SCHEME):
            name = url[len(RESOURCE_SCHEME):]
            if name in self.resources:
                return URLFetcherResponse(url, self.resources[name],
                                          {"Content-Type": _mime(name)})
        elif url.startswith("data:"):
            return super().fetch(url, headers)
        elif url.startswith("file:"):
            path = Path(unquote(urlparse(url).path)).resolve()
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _mime(url)})
        self.refused.append(url)
        raise FetchRefused(f"refused to fetch {url}")


def _mime(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
            "svg": "image/svg+xml", "css": "text/css", "gif": "image/gif"}.get(
                ext, "application/octet-stream")


def write_pdf(xhtml: str, stylesheet: Path, base_dir: Path, roots: list[Path],
              resources: dict[str, bytes] | None = None) -> tuple[bytes, list[str]]:
    """Lay out and write the PDF; returns its bytes and the URLs that were refused."""
    fetcher = RestrictedFetcher([base_dir, *roots], resources)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = HTML(string=xhtml, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher)
    css = CSS(filename=str(stylesheet), url_fetcher=fetcher)
    pdf = html.write_pdf(stylesheets=[css], pdf_identifier=b"plangen", uncompressed_pdf=False)
    return pdf, fetcher.refused
