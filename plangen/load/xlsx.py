"""Read a filled indicator workbook back: values by id and year, every bad cell located.

Rows are found by the id column and columns by their headers (see
templates/exchange/xlsx.yaml), so rows and columns may be moved. All problems are
collected, each named by sheet and cell (指标!F7), before anything is written.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from plangen.errors import PlanError, Problem
from plangen.load import xlsx_blocks, xlsx_bounds
from plangen.load.monitoring import TaskStatus
from plangen.load.plan import LoadedPlan
from plangen.load.targets import normalise
from plangen.load.xlsx_layout import Layout
from plangen.messages import _

MAX_BYTES = 20 * 1024 * 1024
HEADER_SEARCH_ROWS = 10
Number = int | float
CellValue = Number | str  # a ratio such as 1:1.3 stays text, as in monitoring files
_EMPTY_MARKS = {"-", "—", "－", "–", "/", "／"}
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?%?")
_PLAIN = re.compile(r"[+-]?\d+(?:\.\d+)?%?")
_RATIO = re.compile(r"\d+(?:\.\d+)?:\d+(?:\.\d+)?")


@dataclass(frozen=True)
class CellProblem(Problem):
    """A problem in a workbook, located as sheet!A1 instead of line:column."""

    sheet: str = ""

    def __str__(self) -> str:
        where = self.sheet
        if self.sheet and self.line:
            where += (
                f"!{get_column_letter(self.column)}{self.line}"
                if self.column
                else f"!{self.line}:{self.line}"
            )
        text = ": ".join(part for part in (self.file, where, self.message) if part)
        if self.hint:
            text += "\n    " + _("fix: {hint}", hint=self.hint)
        return text


@dataclass
class Filled:
    """What the workbook holds, keyed the way monitoring files are."""

    values: dict[str, dict[int, CellValue]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    data: dict[str, dict[int, Number]] = field(default_factory=dict)
    tasks: dict[int, tuple[str, str]] = field(default_factory=dict)  # number → status, progress
    # optional report blocks (resources, figures, ...) as monitoring YAML entries; a block
    # is present only when its sheet holds at least one row, and then holds the whole list
    blocks: dict[str, list[dict[str, object]]] = field(default_factory=dict)

    def years(self) -> set[int]:
        """Every year with at least one value, raw data included."""
        return {y for series in (*self.values.values(), *self.data.values()) for y in series}


def open_book(path: Path) -> tuple[Workbook, Workbook]:
    """The workbook twice: cached values, and formulas (to spot formulas never calculated)."""
    name = str(path)
    if not path.is_file():
        raise PlanError(
            [
                CellProblem(
                    name,
                    0,
                    0,
                    _("workbook not found"),
                    _("check the path; export one with `plangen export PLAN`"),
                )
            ]
        )
    if path.stat().st_size > MAX_BYTES:
        raise PlanError(
            [
                CellProblem(
                    name,
                    0,
                    0,
                    _("workbook is over {limit} MiB", limit=MAX_BYTES // 2**20),
                    _("keep only the exported sheets"),
                )
            ]
        )
    raw = path.read_bytes()
    _refuse(name, xlsx_bounds.check_archive(raw))
    try:
        books = (
            load_workbook(io.BytesIO(raw), data_only=True),
            load_workbook(io.BytesIO(raw), data_only=False),
        )
    except Exception as exc:  # openpyxl on a damaged archive raises anything at all
        raise _unreadable(name, exc) from None
    _refuse(name, xlsx_bounds.check_loaded(books[0]))
    return books


def _unreadable(name: str, exc: Exception) -> PlanError:
    """openpyxl could not read the file: broken zip, damaged XML, a part missing or wrong."""
    reason = type(exc).__name__
    text = exc.msg if isinstance(exc, SyntaxError) and exc.msg else str(exc)
    detail = text.splitlines()[0][:160] if text else ""
    if isinstance(exc, SyntaxError | zipfile.BadZipFile) and detail:
        reason = f"{reason}: {detail}"  # where inside the damaged part, for whoever repairs it
    return PlanError(
        [
            CellProblem(
                name,
                0,
                0,
                _("not an Excel workbook (.xlsx): {reason}", reason=reason),
                _(
                    "save it from Excel or WPS as “Excel 工作簿 (*.xlsx)”; "
                    "old .xls and .csv files cannot be read"
                ),
            )
        ]
    )


def _refuse(name: str, refusals: list[xlsx_bounds.Refusal]) -> None:
    if refusals:
        raise PlanError(
            [CellProblem(name, r.row, r.column, r.message, r.hint, sheet=r.sheet) for r in refusals]
        )


def read_book(path: Path, layout: Layout, lp: LoadedPlan, cutoff: int | None = None) -> Filled:
    """Everything the workbook holds for lp, or PlanError listing every unreadable cell."""
    values, formulas = open_book(path)
    reader = _Reader(str(path), layout, lp, cutoff)
    name = layout.sheet("indicators")
    if name not in values.sheetnames:
        raise PlanError(
            [
                CellProblem(
                    str(path),
                    0,
                    0,
                    _(
                        "no sheet named '{name}'; the workbook has {sheets}",
                        name=name,
                        sheets="、".join(values.sheetnames),
                    ),
                    _(
                        "import the workbook written by `plangen export`, "
                        "or rename the indicator sheet"
                    ),
                )
            ]
        )
    reader.indicators(values[name], formulas[name])
    for key, read in (
        ("data", reader.data),
        ("tasks", reader.tasks),
        ("figures", partial(xlsx_blocks.figures, reader)),
        ("rankings", partial(xlsx_blocks.rankings, reader)),
        ("advice", partial(xlsx_blocks.advice, reader)),
    ):
        sheet = layout.sheet(key)
        if sheet in values.sheetnames:
            read(values[sheet], formulas[sheet])
    if reader.problems:
        raise PlanError(reader.problems)
    return reader.filled


def read_number(value: object, number_format: str = "General") -> tuple[CellValue | None, str]:
    """A cell as a number (or ratio text); the second item names the problem, if any."""
    if value is None:
        return None, ""
    if isinstance(value, bool):
        return None, "text"
    if isinstance(value, int | float):
        if "%" in number_format:  # 32.03% typed in Excel is stored as 0.3203
            value = round(value * 100, 10)
        return _tidy(value), ""
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return None, "date"
    text = normalise(str(value)).replace("－", "-")
    if text in _EMPTY_MARKS or not text:
        return None, ""
    if _GROUPED.fullmatch(text):
        text = re.sub("[,，]", "", text)
    if _PLAIN.fullmatch(text):
        number = text.rstrip("%")
        return _tidy(float(number) if "." in number else int(number)), ""
    if _RATIO.fullmatch(text):
        return text, ""
    return None, "text"


def task_statuses() -> list[str]:
    """The task statuses the monitoring model accepts (its Literal, under any Annotated)."""
    from typing import Literal, get_args, get_origin

    kind: object = TaskStatus
    while get_origin(kind) is not Literal:
        kind = get_args(kind)[0]
    return [str(v) for v in get_args(kind)]


def _tidy(value: Number) -> Number:
    return (
        int(value)
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15
        else value
    )


@dataclass
class _Table:
    """A sheet's header row and the columns found in it."""

    ws: Worksheet
    formulas: Worksheet
    header_row: int
    columns: dict[str, int]
    years: dict[int, int]  # year → column


class _Reader:
    read_number = staticmethod(read_number)  # for load/xlsx_blocks.py

    def __init__(self, file: str, layout: Layout, lp: LoadedPlan, cutoff: int | None):
        self.file = file
        self.layout = layout
        self.lp = lp
        self.cutoff = cutoff
        self.filled = Filled()
        self.problems: list[Problem] = []

    def problem(self, ws: Worksheet, row: int, col: int, message: str, hint: str = "") -> None:
        self.problems.append(CellProblem(self.file, row, col, message, hint, sheet=ws.title))

    def indicators(self, ws: Worksheet, formulas: Worksheet) -> None:
        table = self._table(ws, formulas, "columns", ("id",), ("source",))
        if table is None:
            return
        plan_ids = {ind.id: ind for ind in self.lp.plan.indicators}
        for row, key in self._rows(table, plan_ids, "indicators"):
            if plan_ids[key].formula is not None:
                continue  # computed from the raw data sheet; its cells are only shown
            series = self._series(table, row)
            if series:
                self.filled.values[key] = series
            if "source" in table.columns:
                note = ws.cell(row, table.columns["source"]).value
                if note is not None and str(note).strip():
                    self.filled.sources[key] = str(note).strip()

    def data(self, ws: Worksheet, formulas: Worksheet) -> None:
        table = self._table(ws, formulas, "data_columns", ("id",), ())
        if table is None:
            return
        for row, key in self._rows(table, self.lp.plan.baseline, "data"):
            series = self._series(table, row)
            for year, value in series.items():
                if isinstance(value, str):
                    col = table.years[year]
                    self.problem(
                        ws,
                        row,
                        col,
                        _("cannot read '{text}' as a number", text=value),
                        _("raw data are counts: type digits only"),
                    )
            if series:
                self.filled.data[key] = {y: v for y, v in series.items() if not isinstance(v, str)}

    def tasks(self, ws: Worksheet, formulas: Worksheet) -> None:
        from plangen.load.plan import iter_tasks

        table = self._table(ws, formulas, "task_columns", ("number", "status"), ("progress",))
        if table is None:
            return
        count = sum(1 for _ in iter_tasks(self.lp.plan))
        statuses = task_statuses()
        number_col, status_col = table.columns["number"], table.columns["status"]
        progress_col = table.columns.get("progress")
        for row in range(table.header_row + 1, ws.max_row + 1):
            status = _text(ws.cell(row, status_col).value)
            progress = _text(ws.cell(row, progress_col).value) if progress_col else ""
            if not status and not progress:
                continue
            number, why = read_number(ws.cell(row, number_col).value)
            if why or not isinstance(number, int) or not 1 <= number <= count:
                self.problem(
                    ws,
                    row,
                    number_col,
                    _(
                        "task {number} does not exist; the plan has tasks 1–{count}",
                        number=ws.cell(row, number_col).value,
                        count=count,
                    ),
                    _("use the task numbers of the task division table"),
                )
            elif status not in statuses:
                self.problem(
                    ws,
                    row,
                    status_col,
                    _(
                        "status '{status}' is not one of {choices}",
                        status=status,
                        choices="、".join(statuses),
                    )
                    if status
                    else _("progress is given but the status is empty"),
                    _("choose the status from the cell's list"),
                )
            else:
                self.filled.tasks[number] = (status, progress)

    def _table(
        self,
        ws: Worksheet,
        formulas: Worksheet,
        group: str,
        required: tuple[str, ...],
        optional: tuple[str, ...],
    ) -> _Table | None:
        """Find the header row (the one holding the id header) and its columns."""
        heads = {key: self.layout.header(group, key) for key in (*required, *optional)}
        first = heads[required[0]]
        for row in range(1, min(ws.max_row, HEADER_SEARCH_ROWS) + 1):
            cells = {col: _text(ws.cell(row, col).value) for col in range(1, ws.max_column + 1)}
            if first not in cells.values() and not (required[0] == "id" and "id" in cells.values()):
                continue
            columns: dict[str, int] = {}
            years: dict[int, int] = {}
            for col, text in cells.items():
                key = next((k for k, h in heads.items() if h == text), None)
                if key is None and required[0] == "id" and text == "id":
                    key = "id"
                year = self.layout.year_of(text) if group != "task_columns" else None
                if key is not None or year is not None:
                    if key in columns or year in years:
                        self.problem(
                            ws,
                            row,
                            col,
                            _("column '{header}' appears twice", header=text),
                            _("keep one column per header"),
                        )
                        continue
                    if key is not None:
                        columns[key] = col
                    else:
                        years[year] = col  # type: ignore[index]
            self._check_year_columns(ws, row, years)
            for key in required:
                if key not in columns:
                    self.problem(
                        ws,
                        row,
                        0,
                        _("no '{header}' column in the header row", header=heads[key]),
                        _("restore the header as exported: {header}", header=heads[key]),
                    )
            return (
                _Table(ws, formulas, row, columns, years)
                if all(k in columns for k in required)
                else None
            )
        self.problem(
            ws,
            0,
            0,
            _(
                "no '{header}' column: none of the first {rows} rows holds that header",
                header=first,
                rows=HEADER_SEARCH_ROWS,
            ),
            _(
                "rows are matched by their id; restore the '{header}' column as exported",
                header=first,
            ),
        )
        return None

    def _check_year_columns(self, ws: Worksheet, row: int, years: dict[int, int]) -> None:
        meta = self.lp.plan.meta
        for year, col in list(years.items()):
            if not meta.base <= year <= meta.end:
                self.problem(
                    ws,
                    row,
                    col,
                    _(
                        "year {year} is outside the plan period {first}–{last}",
                        year=year,
                        first=meta.base,
                        last=meta.end,
                    ),
                    _("remove the column or correct its year"),
                )
                del years[year]

    def _rows(self, table: _Table, known: dict, kind: str):
        """(row, id) of every row with an id, checking ids are known and unique."""
        ws, col = table.ws, table.columns["id"]
        seen: dict[str, int] = {}
        for row in range(table.header_row + 1, ws.max_row + 1):
            key = _text(ws.cell(row, col).value)
            if not key:
                if any(ws.cell(row, c).value is not None for c in table.years.values()):
                    self.problem(
                        ws,
                        row,
                        col,
                        _("this row has values but no id"),
                        _("copy the id from the exported workbook"),
                    )
                continue
            if key not in known:
                near = difflib.get_close_matches(key, list(known), n=1)
                message = (
                    _("unknown indicator id '{id}' in plan {plan}", id=key, plan=self.lp.path.name)
                    if kind == "indicators"
                    else _("'{name}' is not in the plan's baseline data", name=key)
                )
                self.problem(
                    ws,
                    row,
                    col,
                    message,
                    _("did you mean '{name}'?", name=near[0])
                    if near
                    else _(
                        "use the ids of the exported workbook; export it again if the plan changed"
                    ),
                )
                continue
            if key in seen:
                self.problem(
                    ws,
                    row,
                    col,
                    _("id '{id}' appears again (first in row {row})", id=key, row=seen[key]),
                    _("keep one row per id"),
                )
                continue
            seen[key] = row
            yield row, key

    def _series(self, table: _Table, row: int) -> dict[int, CellValue]:
        series: dict[int, CellValue] = {}
        for year, col in sorted(table.years.items()):
            cell = table.ws.cell(row, col)
            value, why = read_number(cell.value, cell.number_format)
            formula = table.formulas.cell(row, col).value
            if cell.value is None and isinstance(formula, str) and formula.startswith("="):
                self.problem(
                    table.ws,
                    row,
                    col,
                    _("formula {formula} has no saved value", formula=formula),
                    _("open and save the workbook in Excel or WPS, or type the value"),
                )
            elif why == "date":
                shown = (
                    cell.value.date()
                    if isinstance(cell.value, dt.datetime) and cell.value.time() == dt.time()
                    else cell.value
                )
                self.problem(
                    table.ws,
                    row,
                    col,
                    _("cannot read the date {text} as a number", text=shown),
                    _(
                        "Excel turned the entry into a date: format the cell as "
                        "text or General and type the number again"
                    ),
                )
            elif why:
                self.problem(
                    table.ws,
                    row,
                    col,
                    _("cannot read '{text}' as a number", text=cell.value),
                    _(
                        "type digits only, e.g. 81.58 (full-width digits, % and "
                        "thousands commas are fine); leave the cell empty when there "
                        "is no value"
                    ),
                )
            elif value is not None and self.cutoff is not None and year > self.cutoff:
                self.problem(
                    table.ws,
                    row,
                    col,
                    _(
                        "year {year} is after the cut-off {cutoff} of the monitoring file",
                        year=year,
                        cutoff=self.cutoff,
                    ),
                    _("clear the cell, or raise monitoring: cutoff: in the monitoring file first"),
                )
            elif value is not None:
                series[year] = value
        return series


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
