"""HTML writer: the semantic document as one file a browser shows well."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING

from plangen.load.source import decode_utf8
from plangen.write.resources import RESOURCE_SCHEME

if TYPE_CHECKING:
    from plangen.render.document import Rendered


def standalone_html(doc: Rendered, stylesheet: Path) -> str:
    """The XHTML with its stylesheet and in-memory images (the chart) inlined."""
    xhtml = doc.xhtml
    for name, payload in doc.resources.items():
        uri = "data:image/png;base64," + base64.b64encode(payload).decode("ascii")
        xhtml = xhtml.replace(f"{RESOURCE_SCHEME}{name}", uri)
    style = f"<style>{decode_utf8(stylesheet.read_bytes(), str(stylesheet))}</style>"
    return xhtml.replace("</head>", style + "\n</head>", 1)
