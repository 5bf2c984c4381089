"""The report's optional blocks as workbook sheets, so an office can fill them with the values.

resources/figures share one sheet (a 类别 column tells them apart), rankings have
their own, and adjustments/responsibility are one row per plan indicator. Read
back by load/xlsx_blocks.py; wording from templates/exchange/xlsx.yaml.
"""

from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from plangen.load.model import Indicator
from plangen.load.monitoring import Figure, Monitoring
from plangen.load.xlsx_layout import Layout
from plangen.write.xlsx_cells import HEADER_ROW, INPUT, frame, protect, put

SPARE_ROWS = 10  # empty input rows below the entries of a free list
DEPARTMENT_JOIN = "、"  # as 牵头单位 lists are written; load/xlsx_blocks.py splits on it


def figure_sheet(ws: Worksheet, report: Monitoring, layout: Layout) -> None:
    """resources: and figures: as one list; the kind column says which block a row feeds."""
    cols = layout.table["figure_columns"]
    kinds = layout.table["figure_kinds"]
    keys = ("kind", "label", "value", "unit", "year", "note")
    frame(
        ws,
        layout.text("figures_title"),
        layout.text("figures_instruction"),
        [cols[k] for k in keys],
        [14, 30, 12, 8, 8, 50],
    )
    entries: list[tuple[str, Figure]] = [
        *((kinds["resources"], f) for f in report.resources),
        *((kinds["figures"], f) for f in report.figures),
    ]
    rows = _free_rows(ws, [[kind, f.label, f.value, f.unit, f.year, f.note] for kind, f in entries])
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(str(kinds[k]) for k in ("resources", "figures")) + '"',
        allow_blank=True,
    )
    ws.add_data_validation(choices)
    for row in rows:
        choices.add(ws.cell(row, 1))


def ranking_sheet(ws: Worksheet, report: Monitoring, layout: Layout) -> None:
    """rankings: one row each (项目, 位次, 范围, 年份)."""
    cols = layout.table["ranking_columns"]
    keys = ("label", "rank", "scope", "year")
    frame(
        ws,
        layout.text("rankings_title"),
        layout.text("rankings_instruction"),
        [cols[k] for k in keys],
        [36, 8, 12, 8],
    )
    _free_rows(ws, [[r.label, r.rank, r.scope, r.year] for r in report.rankings])


def advice_sheet(
    ws: Worksheet, report: Monitoring, indicators: list[Indicator], layout: Layout
) -> None:
    """adjustments: and responsibility: side by side, one locked row per plan indicator."""
    cols = layout.table["advice_columns"]
    keys = ("id", "name", "advice", "departments", "action")
    frame(
        ws,
        layout.text("advice_title"),
        layout.text("advice_instruction"),
        [cols[k] for k in keys],
        [30, 36, 50, 30, 50],
    )
    advice = {a.indicator: a.advice for a in report.adjustments}
    owners = {r.indicator: r for r in report.responsibility}
    for row, ind in enumerate(indicators, start=HEADER_ROW + 1):
        owner = owners.get(ind.id)
        put(ws, row, 1, ind.id)
        put(ws, row, 2, ind.name)
        put(ws, row, 3, advice.get(ind.id), fill=INPUT, editable=True)
        departments = DEPARTMENT_JOIN.join(owner.departments) if owner else None
        put(ws, row, 4, departments, fill=INPUT, editable=True)
        put(ws, row, 5, owner.action if owner else None, fill=INPUT, editable=True)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    protect(ws)


def _free_rows(ws: Worksheet, entries: list[list[object]]) -> range:
    """The entries, then spare empty rows; all cells are inputs and the sheet stays
    unprotected so rows can be inserted."""
    rows = range(HEADER_ROW + 1, HEADER_ROW + 1 + len(entries) + SPARE_ROWS)
    for row in rows:
        values = entries[row - HEADER_ROW - 1] if row - HEADER_ROW - 1 < len(entries) else []
        for col in range(1, ws.max_column + 1):
            value = values[col - 1] if values else None
            put(ws, row, col, value if value != "" else None, fill=INPUT, editable=True)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    return rows
