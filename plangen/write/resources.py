"""Where images and stylesheets may come from, for every writer alike.

Allowed: the build's in-memory resources (the chart), data: URIs, and files
under the plan's folder or a template folder. Refused: every other file
(file:///etc/passwd, ../../secret) and the network (http://, ftp://, …).
"""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

RESOURCE_SCHEME = "plangen-resource:"


class FetchRefused(ValueError):
    """A template or plan asked for something outside the allowed folders."""


class Resources:
    """Resolves a src/href to bytes under the rules above, remembering refusals."""

    def __init__(self, base_dir: Path, roots: list[Path], memory: dict[str, bytes] | None = None):
        self.base_url = base_dir.resolve().as_uri() + "/"
        self.search = list(roots)  # template folders, user's first: where writers find styles
        self.roots = [r.resolve() for r in (base_dir, *roots)]
        self.memory = memory or {}
        self.refused: list[str] = []

    def get(self, src: str) -> bytes:
        """Bytes of src (relative to the plan's folder), or FetchRefused."""
        url = src if ":" in src.split("/")[0] else urljoin(self.base_url, src)
        if url.startswith(RESOURCE_SCHEME) and url[len(RESOURCE_SCHEME) :] in self.memory:
            return self.memory[url[len(RESOURCE_SCHEME) :]]
        if url.startswith("data:") and ";base64," in url:
            return base64.b64decode(url.split(";base64,", 1)[1])
        if url.startswith("file:"):
            path = Path(unquote(urlparse(url).path)).resolve()
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                return path.read_bytes()
        self.refused.append(src)
        raise FetchRefused(f"refused to fetch {src}")


def mime(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower()
    return {
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "svg": "image/svg+xml",
        "css": "text/css",
        "gif": "image/gif",
    }.get(ext, "application/octet-stream")
