"""`plangen export`: the plan's indicators as a workbook for statistics offices to fill.

Sheets: indicators (one row each, one column per plan year), the raw data behind
derived indicators, task progress and a help sheet. Wording comes from
templates/exchange/xlsx.yaml; a monitoring file pre-fills what it already holds.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from plangen.compute.outline import base_text, build_outline
from plangen.load.model import Indicator
from plangen.load.monitoring import TaskProgress, Value
from plangen.load.plan import LoadedPlan
from plangen.load.xlsx import task_statuses
from plangen.load.xlsx_layout import Layout
from plangen.write.atomic import fixed_zip

INPUT = PatternFill("solid", fgColor="FFF2CC")  # cells to fill: pale yellow
COMPUTED = PatternFill("solid", fgColor="E7E6E6")  # derived rows: grey, locked
HEAD = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
HEADER_ROW = 3  # row 1: title, row 2: instruction
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d*[1-9])?")  # 4.0 stays text: Excel would show 4


@dataclass
class Content:
    """What the workbook shows: the plan, plus any monitoring values already known."""

    plan: LoadedPlan
    name: str
    date: dt.date
    values: dict[str, dict[int, Value]] = field(default_factory=dict)
    computed: dict[str, dict[int, float | None]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    data: dict[str, dict[int, float | int | None]] = field(default_factory=dict)
    tasks: dict[int, TaskProgress] = field(default_factory=dict)


def export_workbook(content: Content, layout: Layout) -> bytes:
    """The whole workbook as XLSX bytes, byte-identical for the same input."""
    wb = Workbook()
    main = wb.active
    main.title = layout.sheet("indicators")
    _indicator_sheet(main, content, layout)
    _data_sheet(wb.create_sheet(layout.sheet("data")), content, layout)
    _task_sheet(wb.create_sheet(layout.sheet("tasks")), content, layout)
    _help_sheet(wb.create_sheet(layout.sheet("help")), layout)
    wb.active = 0
    return _save(wb, content.date, layout.text("title", title=content.plan.plan.meta.title))


def _indicator_sheet(ws: Worksheet, content: Content, layout: Layout) -> None:
    meta = content.plan.plan.meta
    years = list(range(meta.start, meta.end + 1))
    cols = layout.table["columns"]
    heads = [
        cols["id"],
        cols["domain"],
        cols["name"],
        cols["unit"],
        layout.header("columns", "base", year=meta.base),
        layout.header("columns", "target", year=meta.end),
        cols["nature"],
        *(layout.header("columns", "year", year=y) for y in years),
        cols["source"],
    ]
    widths = [30, 10, 36, 9, 13, 13, 8, *([11] * len(years)), 32]
    _frame(ws, layout.text("title", title=meta.title), layout.text("instruction"), heads, widths)
    first_year = 8
    for row, ind in enumerate(content.plan.plan.indicators, start=HEADER_ROW + 1):
        derived = ind.formula is not None
        fixed = [
            ind.id,
            ind.domain,
            ind.name,
            ind.unit,
            _cell_value(base_text(content.plan, ind)),
            _cell_value(content.plan.targets[ind.id].text),
            ind.nature,
        ]
        for col, value in enumerate(fixed, start=1):
            _put(ws, row, col, value, fill=COMPUTED if derived else None)
        given = content.computed.get(ind.id, {}) if derived else content.values.get(ind.id, {})
        for offset, year in enumerate(years):
            _put(
                ws,
                row,
                first_year + offset,
                given.get(year),
                fill=COMPUTED if derived else INPUT,
                editable=not derived,
                number_format=_number_format(ind),
            )
        note = layout.text("computed") if derived else content.sources.get(ind.id)
        _put(
            ws,
            row,
            first_year + len(years),
            note,
            fill=COMPUTED if derived else INPUT,
            editable=not derived,
        )
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 4)
    _protect(ws)


def _data_sheet(ws: Worksheet, content: Content, layout: Layout) -> None:
    plan = content.plan.plan
    meta = plan.meta
    years = list(range(meta.start, meta.end + 1))
    cols = layout.table["data_columns"]
    heads = [
        cols["id"],
        cols["label"],
        cols["unit"],
        layout.header("data_columns", "base", year=meta.base),
        *(layout.header("columns", "year", year=y) for y in years),
        cols["used_by"],
    ]
    widths = [16, 24, 8, 14, *([12] * len(years)), 40]
    _frame(ws, layout.text("data_title"), layout.text("data_instruction"), heads, widths)
    for row, (name, datum) in enumerate(plan.baseline.items(), start=HEADER_ROW + 1):
        count_format = "#,##0" if isinstance(datum.value, int) else "General"
        for col, value in enumerate([name, datum.label, datum.unit], start=1):
            _put(ws, row, col, value)
        _put(ws, row, 4, datum.value, number_format=count_format)
        series = content.data.get(name, {})
        for offset, year in enumerate(years):
            _put(ws, row, 5 + offset, series.get(year), fill=INPUT, editable=True)
        users = [i.name for i in plan.indicators if i.formula and name in _formula_names(i)]
        _put(ws, row, 5 + len(years), "、".join(users))
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    _protect(ws)


def _task_sheet(ws: Worksheet, content: Content, layout: Layout) -> None:
    cols = layout.table["task_columns"]
    heads = [cols["number"], cols["task"], cols["lead"], cols["status"], cols["progress"]]
    _frame(
        ws, layout.text("tasks_title"), layout.text("tasks_instruction"), heads, [7, 40, 24, 12, 70]
    )
    tasks = build_outline(content.plan).tasks
    choices = DataValidation(
        type="list", formula1=f'"{",".join(task_statuses())}"', allow_blank=True
    )
    ws.add_data_validation(choices)
    for row, (number, task) in enumerate(enumerate(tasks, start=1), start=HEADER_ROW + 1):
        known = content.tasks.get(number)
        _put(ws, row, 1, number)
        _put(ws, row, 2, task.title)
        _put(ws, row, 3, "、".join(task.all_lead))
        _put(ws, row, 4, known.status if known else None, fill=INPUT, editable=True)
        _put(ws, row, 5, known.progress if known else None, fill=INPUT, editable=True)
        choices.add(ws.cell(row, 4))
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    _protect(ws)


def _help_sheet(ws: Worksheet, layout: Layout) -> None:
    ws.column_dimensions["A"].width = 100
    for row, line in enumerate(layout.help, start=1):
        cell = ws.cell(row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _frame(
    ws: Worksheet, title: str, instruction: str, heads: list[str], widths: list[int]
) -> None:
    """Title, instruction line and the bold header row, with column widths."""
    last = get_column_letter(len(heads))
    _literal(ws.cell(1, 1, title)).font = Font(bold=True, size=14)
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


def _put(
    ws: Worksheet,
    row: int,
    col: int,
    value: object,
    *,
    fill: PatternFill | None = None,
    editable: bool = False,
    number_format: str | None = None,
) -> None:
    cell = _literal(ws.cell(row, col, value))
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


def _literal(cell: Cell) -> Cell:
    """Text that a spreadsheet could run as a formula stays text (OWASP formula injection).

    openpyxl makes any string starting with = a live formula; a plan's or a monitoring
    file's text (`=cmd|' /C calc'!A0`) must come back as the same text, never run.
    """
    if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel/WPS show and keep it as text when edited
    return cell


def _protect(ws: Worksheet) -> None:
    """Lock everything but the input cells; no password, so an office can still unprotect."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _cell_value(text: str) -> object:
    """Numbers Excel shows exactly as written become numbers; the rest stays text as written."""
    if _PLAIN_NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    return text or None


def _number_format(ind: Indicator) -> str:
    if ind.formula is not None and ind.decimals:
        return "0." + "0" * ind.decimals
    return "General"


def _formula_names(ind: Indicator) -> list[str]:
    from plangen.formula import names

    return names(ind.formula or "")


def _save(wb: Workbook, date: dt.date, title: str) -> bytes:
    """XLSX bytes with the document's date as every timestamp, so equal input gives equal bytes."""
    stamp = dt.datetime.combine(date, dt.time())
    wb.properties.creator = "plangen"
    wb.properties.title = title
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return fixed_zip(buffer.getvalue(), stamp.timetuple())
