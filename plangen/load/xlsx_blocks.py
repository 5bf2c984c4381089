"""Read the report's optional blocks back from the workbook (sheets of write/xlsx_blocks.py).

Each sheet that holds at least one row replaces its blocks as a whole list; an empty
sheet leaves the monitoring file's blocks alone. Bad cells are named by sheet!cell.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from openpyxl.worksheet.worksheet import Worksheet

from plangen.messages import _

if TYPE_CHECKING:
    from plangen.load.xlsx import _Reader

_DEPARTMENT_SPLIT = re.compile(r"[、，,；;\n]+")


def figures(reader: _Reader, ws: Worksheet, formulas: Worksheet) -> None:
    """resources: and figures: rows, told apart by the kind column."""
    cols = ("kind", "value", "unit", "year", "note")
    table = reader._table(ws, formulas, "figure_columns", ("label",), cols)
    if table is None:
        return
    kinds = {str(v): k for k, v in reader.layout.table["figure_kinds"].items()}
    found: dict[str, list[dict[str, object]]] = {k: [] for k in kinds.values()}
    any_row = False
    for row, cells in _rows(ws, table.header_row, table.columns):
        any_row = True
        label, kind = cells.get("label", ""), cells.get("kind", "")
        block = kinds.get(str(kind).strip())
        if not _need(reader, ws, row, table.columns, "label", label, "figure_columns"):
            continue
        if block is None:
            reader.problem(
                ws,
                row,
                table.columns.get("kind", 0),
                _(
                    "kind '{kind}' is not one of {choices}",
                    kind=kind,
                    choices="、".join(kinds),
                ),
                _("choose the kind from the cell's list"),
            )
            continue
        value = _number(reader, ws, row, table.columns, "value", cells, required=True)
        year = _year(reader, ws, row, table.columns, cells)
        if value is None:
            continue
        entry: dict[str, object] = {"label": str(label).strip(), "value": value}
        if cells.get("unit"):
            entry["unit"] = str(cells["unit"]).strip()
        if year is not None:
            entry["year"] = year
        if cells.get("note"):
            entry["note"] = str(cells["note"]).strip()
        found[block].append(entry)
    if any_row:
        reader.filled.blocks.update(found)


def rankings(reader: _Reader, ws: Worksheet, formulas: Worksheet) -> None:
    """rankings: rows (项目, 位次, 范围, 年份)."""
    table = reader._table(ws, formulas, "ranking_columns", ("label",), ("rank", "scope", "year"))
    if table is None:
        return
    found: list[dict[str, object]] = []
    any_row = False
    for row, cells in _rows(ws, table.header_row, table.columns):
        any_row = True
        label = cells.get("label", "")
        if not _need(reader, ws, row, table.columns, "label", label, "ranking_columns"):
            continue
        rank = _number(reader, ws, row, table.columns, "rank", cells, required=True)
        year = _year(reader, ws, row, table.columns, cells)
        if rank is None:
            continue
        if not isinstance(rank, int) or rank < 1:
            reader.problem(
                ws,
                row,
                table.columns["rank"],
                _("rank {rank} is not a whole number from 1 up", rank=rank),
                _("type the place, e.g. 3"),
            )
            continue
        entry: dict[str, object] = {"label": str(label).strip(), "rank": rank}
        if cells.get("scope"):
            entry["scope"] = str(cells["scope"]).strip()
        if year is not None:
            entry["year"] = year
        found.append(entry)
    if any_row:
        reader.filled.blocks["rankings"] = found


def advice(reader: _Reader, ws: Worksheet, formulas: Worksheet) -> None:
    """adjustments: and responsibility:, one row per plan indicator found by its id."""
    optional = ("advice", "departments", "action")
    table = reader._table(ws, formulas, "advice_columns", ("id",), optional)
    if table is None:
        return
    ids = {ind.id: ind for ind in reader.lp.plan.indicators}
    adjustments: list[dict[str, object]] = []
    owners: list[dict[str, object]] = []
    for row, key in reader._rows(table, ids, "indicators"):
        cells = {k: _cell_text(ws.cell(row, c).value) for k, c in table.columns.items()}
        if cells.get("advice"):
            adjustments.append({"indicator": key, "advice": cells["advice"]})
        departments = [d.strip() for d in _DEPARTMENT_SPLIT.split(cells.get("departments", ""))]
        departments = [d for d in departments if d]
        if departments:
            entry: dict[str, object] = {"indicator": key, "departments": departments}
            if cells.get("action"):
                entry["action"] = cells["action"]
            owners.append(entry)
        elif cells.get("action"):
            reader.problem(
                ws,
                row,
                table.columns.get("departments", 0),
                _("a measure is given but no responsible unit"),
                _("name the units, separated by 、"),
            )
    if adjustments or owners:
        reader.filled.blocks["adjustments"] = adjustments
        reader.filled.blocks["responsibility"] = owners


def _rows(ws: Worksheet, header_row: int, columns: dict[str, int]):
    """(row, {key: raw value}) of every row with anything in the known columns."""
    for row in range(header_row + 1, ws.max_row + 1):
        cells = {key: ws.cell(row, col).value for key, col in columns.items()}
        cells = {k: v for k, v in cells.items() if _cell_text(v)}
        if cells:
            yield row, cells


def _need(
    reader: _Reader,
    ws: Worksheet,
    row: int,
    columns: dict[str, int],
    key: str,
    value: object,
    group: str,
) -> bool:
    """A row with values must name its item; say so at the empty cell otherwise."""
    if _cell_text(value):
        return True
    header = reader.layout.header(group, key)
    reader.problem(
        ws,
        row,
        columns.get(key, 0),
        _("this row has values but no '{header}'", header=header),
        _("fill in '{header}' or clear the row", header=header),
    )
    return False


def _number(
    reader: _Reader,
    ws: Worksheet,
    row: int,
    columns: dict[str, int],
    key: str,
    cells: dict[str, object],
    *,
    required: bool,
) -> int | float | None:
    """A numeric cell, or None after reporting why it cannot be used."""
    col = columns.get(key, 0)
    value, why = reader.read_number(cells.get(key), ws.cell(row, col).number_format if col else "")
    if why or isinstance(value, str):
        reader.problem(
            ws,
            row,
            col,
            _("cannot read '{text}' as a number", text=cells.get(key)),
            _("type digits only, e.g. 1286"),
        )
        return None
    if value is None and required:
        reader.problem(ws, row, col, _("the number is missing"), _("type the number"))
    return value


def _year(
    reader: _Reader, ws: Worksheet, row: int, columns: dict[str, int], cells: dict[str, object]
) -> int | None:
    """An optional four-digit year."""
    if "year" not in cells:
        return None
    year = _number(reader, ws, row, columns, "year", cells, required=False)
    if year is None:
        return None
    if not isinstance(year, int) or not 1900 <= year <= 2100:
        reader.problem(
            ws,
            row,
            columns["year"],
            _("'{text}' is not a year", text=cells["year"]),
            _("type the year in four digits, e.g. 2023"),
        )
        return None
    return year


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip()
