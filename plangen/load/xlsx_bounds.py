"""Bounded workbooks: refuse a zip bomb or a sheet stretched to XFD1048576 before openpyxl.

An XLSX is a zip of XML. A few hundred kilobytes can unpack to gigabytes, and one
cell typed at XFD1048576 makes every row × column walk 17 billion cells long.
The exported form has a few hundred rows and a few dozen columns, so the limits
below are far above any real filled form and far below what takes minutes.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from posixpath import join, normpath
from xml.etree import ElementTree

from openpyxl.utils import column_index_from_string
from openpyxl.workbook.workbook import Workbook

from plangen.messages import _

MAX_UNPACKED = 32 * 2**20  # all parts of the workbook, unpacked
MAX_PARTS = 2_000
MAX_ROWS = 10_000
MAX_COLUMNS = 200
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="(?:[A-Z]+\d+:)?([A-Z]{1,3})(\d{1,7})"')
MAX_CELLS = 200_000
_ROW = re.compile(rb"<(?:\w{1,8}:)?row[\s>/]")
_CELL = re.compile(rb"<(?:\w{1,8}:)?c[\s>/]")
_TAG_TAIL = 16  # longer than any tag matched above
_HEAD = 64 * 1024  # the <dimension> element comes first in a sheet part
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass(frozen=True)
class Refusal:
    """Why a workbook is refused: sheet and cell when known (row/column 0 otherwise)."""

    sheet: str
    row: int
    column: int
    message: str
    hint: str


def check_archive(raw: bytes) -> list[Refusal]:
    """Limits read from the zip directory and each sheet's declared size; nothing unpacked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        return []  # openpyxl reports it as “not an Excel workbook”
    with archive:
        parts = archive.infolist()
        unpacked = sum(p.file_size for p in parts)
        if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED:
            return [
                Refusal(
                    "",
                    0,
                    0,
                    _(
                        "workbook unpacks to {size} MiB in {parts} parts, over the limit "
                        "of {limit} MiB; it was not opened",
                        size=unpacked // 2**20,
                        parts=len(parts),
                        limit=MAX_UNPACKED // 2**20,
                    ),
                    _(
                        "copy the filled columns into a workbook written by `plangen export`; "
                        "remove pasted images and extra sheets"
                    ),
                )
            ]
        found = []
        for sheet, part in _sheet_parts(archive).items():
            try:
                with archive.open(part) as fh:
                    head = fh.read(_HEAD)
                    match = _DIMENSION.search(head)
                    if match:
                        col = column_index_from_string(match.group(1).decode())
                        found += _too_far(sheet, int(match.group(2)), col, declared=True)
                    if not found:
                        found += _count(sheet, head, fh)
            except (KeyError, zipfile.BadZipFile, OSError, zlib.error, EOFError):
                continue  # a damaged part: openpyxl's reading reports the workbook as unreadable
        return found


def _count(sheet: str, head: bytes, fh: io.BufferedIOBase) -> list[Refusal]:
    """Rows and cells of a sheet counted in its XML as it unpacks, before openpyxl builds them.

    A sheet of 30 MB of plain rows passes the size limit yet takes openpyxl half a
    minute and 600 MB; counting tags takes a fraction of a second.
    """
    rows = cells = 0
    tail, data = b"", head
    while data:
        chunk = tail + data
        start = len(tail)  # tags ending inside the old tail were counted last round
        rows += sum(1 for m in _ROW.finditer(chunk) if m.end() > start)
        cells += sum(1 for m in _CELL.finditer(chunk) if m.end() > start)
        if rows > MAX_ROWS or cells > MAX_CELLS:
            return [
                Refusal(
                    sheet,
                    0,
                    0,
                    _(
                        "the sheet holds more than {rows} rows or {cells} cells, far more "
                        "than the form; it was not opened",
                        rows=MAX_ROWS,
                        cells=MAX_CELLS,
                    ),
                    _(
                        "delete the rows and columns below and to the right of the form, "
                        "then save again"
                    ),
                )
            ]
        tail, data = chunk[-_TAG_TAIL:], fh.read(2**20)
    return []


def check_loaded(book: Workbook) -> list[Refusal]:
    """The same limits on what openpyxl found, for sheets that declared no size or lied."""
    found: list[Refusal] = []
    for ws in book.worksheets:
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            far = max(ws._cells, key=lambda rc: max(rc[0] / MAX_ROWS, rc[1] / MAX_COLUMNS))
            found += _too_far(ws.title, far[0], far[1], declared=False)
    return found


def _too_far(sheet: str, row: int, col: int, declared: bool) -> list[Refusal]:
    if row <= MAX_ROWS and col <= MAX_COLUMNS:
        return []
    return [
        Refusal(
            sheet,
            row,
            col,
            _(
                "the sheet reaches this cell, far beyond the form "
                "(at most {rows} rows and {cols} columns are read); it was not opened",
                rows=MAX_ROWS,
                cols=MAX_COLUMNS,
            )
            if declared
            else _(
                "a cell this far out is beyond the form (at most {rows} rows and {cols} "
                "columns are read)",
                rows=MAX_ROWS,
                cols=MAX_COLUMNS,
            ),
            _("delete the rows and columns below and to the right of the form, then save again"),
        )
    ]


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the zip, from workbook.xml and its relationships."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml")[: 4 * 2**20])
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels")[: 4 * 2**20])
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, zlib.error, EOFError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") and sheet.get(_REL) in targets:
            target = targets[sheet.get(_REL)]
            part = target.lstrip("/") if target.startswith("/") else join("xl", target)
            out[sheet.get("name", "")] = normpath(part)
    return out
