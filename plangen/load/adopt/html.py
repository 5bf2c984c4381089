"""Web pages (saved .html): block elements in order, tables with their cells."""

from __future__ import annotations

from pathlib import Path

from plangen.errors import PlanError
from plangen.load.adopt.document import Document, Para, Table
from plangen.load.adopt.text import decode
from plangen.messages import _

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "td", "th", "pre", "blockquote"}
SKIP = {"script", "style", "nav", "header", "footer", "noscript", "template"}


def read_html(path: Path, data: bytes) -> Document:
    """Paragraphs from block elements (the innermost ones), tables as rows of cells."""
    import lxml.html

    text = (
        decode(data, path) if b"charset=gb" not in data[:2048].lower() else data.decode("gb18030")
    )
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml's ParserError and friends
        raise PlanError.single(path, _("cannot read the HTML ({why})", why=exc)) from None
    title = root.findtext(".//title") or ""
    doc = Document(path, title_hint=title.strip())
    _walk(root.find("body") if root.find("body") is not None else root, doc, [0])
    return doc


def _walk(el, doc: Document, count: list[int]) -> None:  # noqa: ANN001 - lxml element
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in SKIP:
            continue
        if tag == "table":
            count[0] += 1
            rows = []
            for tr in child.iter("tr"):
                cells = []
                for cell in tr:
                    if cell.tag not in ("td", "th"):
                        continue
                    value = "\n".join(t.strip() for t in cell.itertext() if t.strip())
                    cells.extend([value] * int(cell.get("colspan", "1") or 1))
                rows.append(cells)
            doc.items.append(Table(rows, _("table {n}", n=count[0])))
            continue
        inner = any(isinstance(c.tag, str) and (c.tag in BLOCKS or c.tag == "table") for c in child)
        if tag in BLOCKS and not inner:
            for line in child.text_content().split("\n"):
                if line.strip():
                    doc.items.append(
                        Para(line.strip(), _("<{tag}> {n}", tag=tag, n=len(doc.items) + 1))
                    )
        else:
            _walk(child, doc, count)
