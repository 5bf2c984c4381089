"""Word files read with python-docx: paragraphs and tables in order, merged cells filled."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from plangen.errors import PlanError
from plangen.load.adopt.document import Document, Para, Table
from plangen.load.adopt.tables import is_heading
from plangen.messages import _

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
SKIP_STYLES = re.compile(r"^(toc|TOC)")
HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$")
NUMERALS = "一二三四五六七八九十"


def _refuse(path: Path, why: str, hint: str) -> PlanError:
    return PlanError.single(path, why, hint)


def read_docx(path: Path, data: bytes) -> Document:
    """The body of a .docx; encrypted, old-format and damaged files are refused."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if data.startswith(OLE_MAGIC):
        raise _refuse(
            path,
            _("the file is password-protected (encrypted) or an old Word 97-2003 .doc"),
            _("open it in Word or WPS, remove the password, and save as .docx"),
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise _refuse(
            path,
            _("the file is not a readable .docx ({why})", why=type(exc).__name__),
            _("open it in Word or WPS and save it again as .docx"),
        ) from None
    except Exception as exc:  # lxml syntax errors in a damaged part
        if type(exc).__module__.startswith("lxml"):
            raise _refuse(
                path,
                _("the file is not a readable .docx ({why})", why=type(exc).__name__),
                _("open it in Word or WPS and save it again as .docx"),
            ) from None
        raise
    return _body(path, document)


def _body(path: Path, document) -> Document:  # noqa: ANN001 - python-docx Document
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    doc = Document(path, title_hint=(document.core_properties.title or "").strip())
    counters = [0, 0, 0, 0]
    n_para = n_table = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n_para += 1
            para = Paragraph(child, document)
            style = para.style.name if para.style is not None else ""
            if SKIP_STYLES.match(style or ""):
                continue
            text = para.text.strip()
            if not text:
                continue
            text = _numbered(text, style or "", counters)
            doc.items.append(Para(text, _("paragraph {n}", n=n_para)))
        elif tag == "tbl":
            n_table += 1
            table = DocxTable(child, document)
            rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
            doc.items.append(Table(_dedupe(rows), _("table {n}", n=n_table)))
    return doc


def _dedupe(rows: list[list[str]]) -> list[list[str]]:
    """A cell merged across columns is repeated by python-docx: keep it once."""
    out = []
    for row in rows:
        if len(row) > 1 and len(set(row)) == 1:
            out.append(row[:1] + [""] * (len(row) - 1))
        else:
            out.append(row)
    return out


def _numbered(text: str, style: str, counters: list[int]) -> str:
    """Headings numbered by Word (or not at all) have no number in their text: the
    style's level gives one (Heading 1 一、, Heading 2 （一）, Heading 3 1., Heading 4 （1）)."""
    m = HEADING_STYLE.match(style)
    if not m or is_heading(text):
        return text  # not a heading style, or its number is in the text already
    level = int(m.group(1)) - 1
    if not 0 <= level <= 3:
        return text
    counters[level] += 1
    for i in range(level + 1, 4):
        counters[i] = 0
    n = counters[level]
    cn = NUMERALS[n - 1] if n <= 10 else str(n)
    return [f"{cn}、", f"（{cn}）", f"{n}.", f"（{n}）"][level] + text
