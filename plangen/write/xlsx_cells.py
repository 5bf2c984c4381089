"""Cell styles and the framing every sheet of the exchange workbook shares."""

from __future__ import annotations

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

INPUT = PatternFill("solid", fgColor="FFF2CC")  # cells to fill: pale yellow
COMPUTED = PatternFill("solid", fgColor="E7E6E6")  # derived rows: grey, locked
HEAD = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
HEADER_ROW = 3  # row 1: title, row 2: instruction


def frame(ws: Worksheet, title: str, instruction: str, heads: list[str], widths: list[int]) -> None:
    """Title, instruction line and the bold header row, with column widths."""
    last = get_column_letter(len(heads))
    literal(ws.cell(1, 1, title)).font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{last}1")
    note = ws.cell(2, 1, instruction)
    note.alignment = Alignment(wrap_text=True, vertical="top")
    note.font = Font(color="C00000")
    ws.merge_cells(f"A2:{last}2")
    ws.row_dimensions[2].height = 36
    for col, (head, width) in enumerate(zip(heads, widths, strict=True), start=1):
        cell = ws.cell(HEADER_ROW, col, head)
        cell.font = Font(bold=True)
        cell.fill = HEAD
        cell.alignment = CENTER
        cell.border = BOX
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[HEADER_ROW].height = 32


def put(
    ws: Worksheet,
    row: int,
    col: int,
    value: object,
    *,
    fill: PatternFill | None = None,
    editable: bool = False,
    number_format: str | None = None,
) -> None:
    cell = literal(ws.cell(row, col, value))
    cell.border = BOX
    cell.alignment = WRAP
    if fill is not None:
        cell.fill = fill
    if fill is COMPUTED:
        cell.font = Font(color="7F7F7F")
    if number_format:
        cell.number_format = number_format
    cell.protection = Protection(locked=not editable)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def literal(cell: Cell) -> Cell:
    """Text that a spreadsheet could run as a formula stays text (OWASP formula injection).

    openpyxl makes any string starting with = a live formula; a plan's or a monitoring
    file's text (`=cmd|' /C calc'!A0`) must come back as the same text, never run.
    """
    if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel/WPS show and keep it as text when edited
    return cell


def protect(ws: Worksheet) -> None:
    """Lock everything but the input cells; no password, so an office can still unprotect."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
