"""`plangen export` and `plangen import`: the plan's indicators to a workbook and back.

Import edits the monitoring YAML only when the result loads as valid monitoring data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from plangen.compute.series import indicator_series
from plangen.errors import PlanError
from plangen.load import refs, source
from plangen.load.monitoring import Monitoring, load_monitoring
from plangen.load.plan import load_plan
from plangen.load.xlsx import CellProblem, Filled, read_book
from plangen.load.xlsx_layout import Layout
from plangen.messages import _
from plangen.pipeline.build import output_path
from plangen.write.atomic import write_bytes
from plangen.write.monitoring_yaml import new_text, update_text
from plangen.write.xlsx import Content, export_workbook


def export_file(path: Path, layout: Layout, out: Path | None = None) -> Path:
    """A plan as an empty form, a monitoring file pre-filled; build/NAME-indicators.xlsx."""
    content = load_content(path)
    out = out or output_path(Path("build"), f"{content.name}-indicators", "xlsx")
    write_bytes(out, export_workbook(content, layout))
    return out


def load_content(path: Path) -> Content:
    """A plan gives an empty form; a monitoring file gives one pre-filled from its data."""
    src = source.load(path)
    if src.kind != source.MONITORING:
        lp = load_plan(path, src)
        return Content(lp, lp.name, lp.plan.meta.date)
    lm = load_monitoring(path, src)
    derived = {i.id for i in lm.plan.plan.indicators if i.formula is not None}
    return Content(
        lm.plan,
        lm.name,
        lm.data.monitoring.date,
        values={k: dict(v.values) for k, v in lm.data.indicators.items()},
        computed={k: v for k, v in indicator_series(lm).items() if k in derived},
        sources={k: v.source for k, v in lm.data.indicators.items() if v.source},
        data={k: dict(v) for k, v in lm.data.data.items()},
        tasks=dict(lm.data.tasks),
        report=lm.data,
    )


@dataclass
class Imported:
    """What an import did, for the command's one-line summary."""

    path: Path
    created: bool
    changes: int
    cutoff: int


def import_book(
    book: Path, target: Path, layout: Layout, plan: Path | None = None, today: dt.date | None = None
) -> Imported:
    """Read book and update (or create) target; nothing is written unless all is valid."""
    if plan is not None:  # named on the command line: its folder is allowed explicitly
        with refs.allowing(plan.parent):
            return _import(book, target, layout, plan, today)
    return _import(book, target, layout, plan, today)


def _import(
    book: Path, target: Path, layout: Layout, plan: Path | None, today: dt.date | None
) -> Imported:
    if target.exists():
        lm = _existing(target, plan)
        filled = read_book(book, layout, lm.plan, lm.data.monitoring.cutoff)
        filled.blocks = {k: v for k, v in filled.blocks.items() if _differs(k, v, lm.data)}
        text, changes = update_text(target.read_text(encoding="utf-8"), filled, lm.plan)
        result = Imported(target, False, changes, lm.data.monitoring.cutoff)
        if changes == 0:
            return result
    else:
        if plan is None:
            raise PlanError(
                [
                    CellProblem(
                        str(target),
                        0,
                        0,
                        _("file does not exist, and no plan was given"),
                        _("add --plan PLAN.yaml to create a new monitoring file"),
                    )
                ]
            )
        lp = load_plan(plan)
        filled = read_book(book, layout, lp)
        cutoff = _cutoff(book, filled)
        text = new_text(filled, lp, target, cutoff, today or dt.date.today(), book.name)
        result = Imported(target, True, _count(filled), cutoff)
    _validate(text, target, book)
    write_bytes(target, text.encode("utf-8"))
    return result


def _existing(target: Path, plan: Path | None):
    src = source.load(target)
    if src.kind != source.MONITORING:
        raise PlanError(
            [
                src.problem(
                    (),
                    _(
                        "{file} is not a monitoring file (it has no monitoring: header)",
                        file=target,
                    ),
                    _(
                        "give the monitoring YAML as the second argument; "
                        "a new file name creates one"
                    ),
                )
            ]
        )
    lm = load_monitoring(target, src)
    if plan is not None and plan.resolve() != lm.plan.path.resolve():
        raise PlanError(
            [
                src.problem(
                    ("monitoring", "plan"),
                    _(
                        "{file} belongs to {owner}, not {plan}",
                        file=target,
                        owner=lm.plan.path,
                        plan=plan,
                    ),
                    _("leave out --plan, or import into a new file"),
                )
            ]
        )
    return lm


def _cutoff(book: Path, filled: Filled) -> int:
    years = filled.years()
    if not years:
        raise PlanError(
            [
                CellProblem(
                    str(book),
                    0,
                    0,
                    _("the workbook holds no values"),
                    _("fill the yellow cells, then import again"),
                )
            ]
        )
    return max(years)


def _count(filled: Filled) -> int:
    return (
        sum(len(s) for s in (*filled.values.values(), *filled.data.values()))
        + len(filled.sources)
        + len(filled.tasks)
        + sum(len(entries) for entries in filled.blocks.values())
    )


def _differs(key: str, entries: list[dict[str, object]], data: Monitoring) -> bool:
    """Whether a block read from the workbook says something else than the file's."""
    adapter = TypeAdapter(Monitoring.model_fields[key].annotation)
    try:
        return adapter.validate_python(entries) != getattr(data, key)
    except ValidationError:
        return True  # written, then refused with its line by _validate


def _validate(text: str, target: Path, book: Path) -> None:
    """The new text must load as monitoring data; otherwise nothing is written."""
    try:
        load_monitoring(target, source.parse(text, str(target)))
    except PlanError as exc:
        raise PlanError(
            [
                CellProblem(
                    str(target),
                    0,
                    0,
                    _(
                        "importing {book} would make this file invalid; nothing was written",
                        book=book,
                    ),
                    _(
                        "correct the problems below (lines as they would be "
                        "after the import) in the workbook, then import "
                        "again"
                    ),
                ),
                *exc.problems,
            ]
        ) from None
