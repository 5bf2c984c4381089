"""Plain text (copied from a web page or saved from Word): one paragraph per line."""

from __future__ import annotations

from pathlib import Path

from plangen.errors import PlanError
from plangen.load.adopt.document import Document, Para, Table
from plangen.load.adopt.tables import find_header, rebuild_rows
from plangen.messages import _


def decode(data: bytes, path: Path) -> str:
    """UTF-8 text; GBK and other encodings are refused with the way to convert them."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = ""
        try:
            data.decode("gb18030")
            guess = _("it looks like GBK (GB18030), the encoding of older Chinese Windows")
        except UnicodeDecodeError:
            guess = _("its encoding is not UTF-8")
        raise PlanError.single(
            path,
            _("cannot read the text: {why}", why=guess),
            _(
                "save it as UTF-8 (Notepad: Save As, Encoding UTF-8), "
                "or run: iconv -f GB18030 -t UTF-8 {name} > {name}.utf8.txt",
                name=path.name,
            ),
            line=line,
        ) from None


def read_text_plan(path: Path, data: bytes) -> Document:
    """Paragraphs by line; tables extracted one cell per line are put back together."""
    lines = decode(data, path).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    doc = Document(path)
    i = 0
    while i < len(lines):
        raw = lines[i]
        text = raw.strip().replace("\u3000", " ").strip()
        if not text:
            i += 1
            continue
        header = find_header(lines, i)
        if header is not None:
            cells, after, tabbed = header
            rows, end = rebuild_rows(lines, after, cells, tabbed)
            if rows:
                doc.items.append(Table([cells, *rows], _("line {n}", n=i + 1)))
                i = end
                continue
        doc.items.append(Para(text, _("line {n}", n=i + 1)))
        i += 1
    return doc
