"""`plangen export`: the plan's indicators as a workbook for statistics offices to fill.

Sheets: indicators (one row each, one column per plan year), the raw data behind
derived indicators, task progress, the report's optional blocks (write/xlsx_blocks.py)
and a help sheet. Wording comes from
templates/exchange/xlsx.yaml; a monitoring file pre-fills what it already holds.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from plangen.compute.outline import base_text, build_outline
from plangen.load.model import Indicator
from plangen.load.monitoring import Monitoring, TaskProgress, Value
from plangen.load.plan import LoadedPlan
from plangen.load.xlsx import task_statuses
from plangen.load.xlsx_layout import Layout
from plangen.write import xlsx_blocks
from plangen.write.atomic import fixed_zip
from plangen.write.xlsx_cells import COMPUTED, HEADER_ROW, INPUT, frame, protect, put

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
    report: Monitoring | None = None  # its optional blocks pre-fill the last three sheets


def export_workbook(content: Content, layout: Layout) -> bytes:
    """The whole workbook as XLSX bytes, byte-identical for the same input."""
    wb = Workbook()
    main = wb.active
    main.title = layout.sheet("indicators")
    _indicator_sheet(main, content, layout)
    _data_sheet(wb.create_sheet(layout.sheet("data")), content, layout)
    _task_sheet(wb.create_sheet(layout.sheet("tasks")), content, layout)
    report = content.report or Monitoring.model_construct()
    xlsx_blocks.figure_sheet(wb.create_sheet(layout.sheet("figures")), report, layout)
    xlsx_blocks.ranking_sheet(wb.create_sheet(layout.sheet("rankings")), report, layout)
    xlsx_blocks.advice_sheet(
        wb.create_sheet(layout.sheet("advice")), report, content.plan.plan.indicators, layout
    )
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
    frame(ws, layout.text("title", title=meta.title), layout.text("instruction"), heads, widths)
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
            put(ws, row, col, value, fill=COMPUTED if derived else None)
        given = content.computed.get(ind.id, {}) if derived else content.values.get(ind.id, {})
        for offset, year in enumerate(years):
            put(
                ws,
                row,
                first_year + offset,
                given.get(year),
                fill=COMPUTED if derived else INPUT,
                editable=not derived,
                number_format=_number_format(ind),
            )
        note = layout.text("computed") if derived else content.sources.get(ind.id)
        put(
            ws,
            row,
            first_year + len(years),
            note,
            fill=COMPUTED if derived else INPUT,
            editable=not derived,
        )
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 4)
    protect(ws)


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
    frame(ws, layout.text("data_title"), layout.text("data_instruction"), heads, widths)
    for row, (name, datum) in enumerate(plan.baseline.items(), start=HEADER_ROW + 1):
        count_format = "#,##0" if isinstance(datum.value, int) else "General"
        for col, value in enumerate([name, datum.label, datum.unit], start=1):
            put(ws, row, col, value)
        put(ws, row, 4, datum.value, number_format=count_format)
        series = content.data.get(name, {})
        for offset, year in enumerate(years):
            put(ws, row, 5 + offset, series.get(year), fill=INPUT, editable=True)
        users = [i.name for i in plan.indicators if i.formula and name in _formula_names(i)]
        put(ws, row, 5 + len(years), "、".join(users))
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    protect(ws)


def _task_sheet(ws: Worksheet, content: Content, layout: Layout) -> None:
    cols = layout.table["task_columns"]
    heads = [cols["number"], cols["task"], cols["lead"], cols["status"], cols["progress"]]
    frame(
        ws, layout.text("tasks_title"), layout.text("tasks_instruction"), heads, [7, 40, 24, 12, 70]
    )
    tasks = build_outline(content.plan).tasks
    choices = DataValidation(
        type="list", formula1=f'"{",".join(task_statuses())}"', allow_blank=True
    )
    ws.add_data_validation(choices)
    for row, (number, task) in enumerate(enumerate(tasks, start=1), start=HEADER_ROW + 1):
        known = content.tasks.get(number)
        put(ws, row, 1, number)
        put(ws, row, 2, task.title)
        put(ws, row, 3, "、".join(task.all_lead))
        put(ws, row, 4, known.status if known else None, fill=INPUT, editable=True)
        put(ws, row, 5, known.progress if known else None, fill=INPUT, editable=True)
        choices.add(ws.cell(row, 4))
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    protect(ws)


def _help_sheet(ws: Worksheet, layout: Layout) -> None:
    ws.column_dimensions["A"].width = 100
    for row, line in enumerate(layout.help, start=1):
        cell = ws.cell(row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


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
