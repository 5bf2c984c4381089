"""Evaluate a whole plan against its monitoring data: rows for tables and sentences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from plangen.compute.evaluate import (
    Evaluation,
    direction_of,
    evaluate,
    reference_value,
    summarise,
    time_elapsed,
    time_elapsed_on,
)
from plangen.compute.outline import (
    SectionNode,
    TaskNode,
    base_text,
    build_outline,
    derived_value,
    walk,
)
from plangen.compute.projection import Projection, project
from plangen.compute.rollup import (
    DistrictTable,
    district_table,
    mark_not_summable,
    not_summable,
    rolled_up,
)
from plangen.compute.series import indicator_series
from plangen.load.model import Indicator
from plangen.load.monitoring import LoadedMonitoring
from plangen.load.targets import format_number
from plangen.load.vocabulary import BINDING, LAGGING


@dataclass
class IndicatorResult:
    """One indicator's evaluation with display text for the report."""

    seq: int
    indicator: Indicator
    evaluation: Evaluation
    base_text: str
    target_text: str
    latest_text: str
    direction: str | None
    change_text: str  # absolute change since the base, as a positive number
    moved: str | None  # "up" | "down" | None
    source: str | None
    projection: Projection | None = None
    projection_text: str = ""
    base_value: float | None = None
    target_value: float | None = None  # the number progress aims at (numeric targets only)


@dataclass
class TaskResult:
    node: TaskNode
    status: str | None
    progress: str


@dataclass
class ChapterTasks:
    chapter: SectionNode
    tasks: list[TaskResult] = field(default_factory=list)


@dataclass(frozen=True)
class ChartRow:
    """One bar of the progress chart: the figure drawn and whether it is capped at 100 %."""

    name: str
    progress: float
    capped: bool  # target passed: drawn at 100 %, labelled ≥100%
    projected: float | None = None  # projected change / needed change at the end year


@dataclass(frozen=True)
class TrendPanel:
    """One lagging indicator's path against the straight line from base to target."""

    name: str
    unit: str
    points: list[tuple[int, float]]  # the base, then every known value to the cut-off
    line: tuple[tuple[int, float], tuple[int, float]]  # (base year, base) → (end year, target)
    projected: tuple[int, float] | None


@dataclass
class Review:
    """Everything the report templates show, computed."""

    results: list[IndicatorResult]
    counts: dict[str, int]
    binding_lagging: list[IndicatorResult]
    elapsed: float
    chapters: list[ChapterTasks]
    task_counts: dict[str, int]
    domains: list[tuple[str, list[IndicatorResult]]]
    binding: list[IndicatorResult] = field(default_factory=list)
    binding_unassessed: list[IndicatorResult] = field(default_factory=list)
    chart: list[ChartRow] = field(default_factory=list)
    chart_omitted: list[IndicatorResult] = field(default_factory=list)
    binding_may_miss: list[IndicatorResult] = field(default_factory=list)
    method: str = "growth"
    districts: DistrictTable | None = None  # a city report rolled up from districts
    trends: list[TrendPanel] = field(default_factory=list)


def review(lm: LoadedMonitoring) -> Review:
    """Evaluate every indicator and gather task progress by chapter.

    A city file listing districts is evaluated on the districts' summed raw data
    (compute/rollup.py) and gains the district comparison table.
    """
    unsummable = not_summable(lm)
    lm = rolled_up(lm)
    plan = lm.plan
    meta = plan.plan.meta
    head = lm.data.monitoring
    series = indicator_series(lm)
    results = []
    for seq, ind in enumerate(plan.plan.indicators, start=1):
        given = lm.data.indicators.get(ind.id)
        base = _base_value(lm, ind)
        target = plan.targets[ind.id]
        ev = evaluate(
            target,
            base,
            series.get(ind.id, {}),
            better=ind.better,
            nature=ind.nature,
            base_year=meta.base,
            end_year=meta.end,
            cutoff=head.cutoff,
            tolerance=head.tolerance,
            band=head.band,
            manual_status=given.status if given else None,
            evidence=given.evidence if given else None,
            as_of=head.as_of,
        )
        if ind.id in unsummable:
            ev = mark_not_summable(ev)
        result = _result(lm, seq, ind, base, ev, given.source if given else None)
        result.projection = project(
            target,
            base,
            ev,
            direction=result.direction,  # type: ignore[arg-type]
            base_year=meta.base,
            end_year=meta.end,
            method=head.projection,
            tolerance=head.tolerance,
            ceiling=100.0 if ind.unit == "%" else None,
        )
        result.base_value = base
        if target.kind not in ("text", "yearly") and target.value is not None:
            result.target_value = target.value if base is None else reference_value(target, base)
        if result.projection is not None:
            result.projection_text = _projected_text(result.projection.value, base, ev, ind)
        results.append(result)
    outline = build_outline(plan)
    chapters = []
    for chapter in outline.chapters:
        tasks = [
            TaskResult(t, *_task_progress(lm, outline.tasks.index(t) + 1))
            for t in walk(chapter.children)
            if isinstance(t, TaskNode)
        ]
        if tasks:
            chapters.append(ChapterTasks(chapter, tasks))
    task_counts: dict[str, int] = {}
    for progress in lm.data.tasks.values():
        task_counts[progress.status] = task_counts.get(progress.status, 0) + 1
    domains: list[tuple[str, list[IndicatorResult]]] = []
    for r in results:
        if domains and domains[-1][0] == r.indicator.domain:
            domains[-1][1].append(r)
        else:
            domains.append((r.indicator.domain, [r]))
    binding = [r for r in results if r.indicator.nature == BINDING]
    chart, omitted = chart_rows(results)
    return Review(
        results,
        summarise(r.evaluation for r in results),
        [r for r in results if r.evaluation.binding_lag],
        elapsed_at(meta.base, meta.end, head.cutoff, head.as_of),
        chapters,
        task_counts,
        domains,
        binding,
        [r for r in binding if r.evaluation.status == "not_assessable"],
        chart,
        omitted,
        [r for r in binding if r.projection and r.projection.outlook == "may_miss"],
        head.projection,
        _district_table(lm),
        trend_panels(results, series, meta.base, meta.end, head.cutoff),
    )


def trend_panels(
    results: list[IndicatorResult],
    series: dict[str, dict[int, float | None]],
    base_year: int,
    end_year: int,
    cutoff: int,
) -> list[TrendPanel]:
    """Panels for the lagging and reversed indicators that have a base and a numeric target."""
    panels = []
    for r in results:
        ev, target = r.evaluation, r.target_value
        if ev.status not in LAGGING or r.base_value is None or target is None:
            continue
        known = series.get(r.indicator.id, {})
        points = [(base_year, r.base_value)] + sorted(
            (y, v) for y, v in known.items() if v is not None and base_year < y <= cutoff
        )
        projected = (end_year, r.projection.value) if r.projection else None
        line = ((base_year, r.base_value), (end_year, target))
        panels.append(TrendPanel(r.indicator.name, r.indicator.unit, points, line, projected))
    return panels


def _district_table(lm: LoadedMonitoring) -> DistrictTable | None:
    """Each district reviewed against its own plan, laid out in the city's indicator order."""
    if not lm.districts:
        return None
    names = [name for name, _ in lm.districts]
    results = [review(district).results for _, district in lm.districts]
    return district_table(names, results, [ind.id for ind in lm.plan.plan.indicators])


def elapsed_at(base: int, end: int, cutoff: int, as_of: dt.date | None) -> float:
    """时间进度 at the end of the cut-off year, or at the as_of date when given."""
    return time_elapsed(base, end, cutoff) if as_of is None else time_elapsed_on(base, end, as_of)


def chart_rows(results: list[IndicatorResult]) -> tuple[list[ChartRow], list[IndicatorResult]]:
    """Bars for every indicator with a progress figure (achieved ones capped at 100 %).

    The rest are returned too, so the report can say which are left out and why.
    """
    rows: list[ChartRow] = []
    omitted: list[IndicatorResult] = []
    for r in results:
        ev = r.evaluation
        ahead = r.projection.ratio if r.projection and r.projection.outlook else None
        if ev.status == "achieved":
            capped = ev.progress is None or ev.progress >= 1
            rows.append(ChartRow(r.indicator.name, 1.0 if capped else ev.progress, capped))
        elif ev.progress is not None:
            rows.append(ChartRow(r.indicator.name, ev.progress, False, ahead))
        else:
            omitted.append(r)
    return rows, omitted


def _base_value(lm: LoadedMonitoring, ind: Indicator) -> float | None:
    if ind.formula is not None:
        return derived_value(lm.plan, ind)
    base = lm.plan.bases.get(ind.id)
    return base.value if base is not None else None


def _result(
    lm: LoadedMonitoring,
    seq: int,
    ind: Indicator,
    base: float | None,
    ev: Evaluation,
    source: str | None,
) -> IndicatorResult:
    target = lm.plan.targets[ind.id]
    decimals = ind.decimals if ind.formula is not None else None
    latest = "" if ev.latest is None else format_number(ev.latest, decimals)
    change, moved = "", None
    if ev.latest is not None and base is not None:
        diff = ev.latest - base
        change = format_number(abs(round(diff, 6)), decimals)
        moved = "up" if diff > 0 else "down" if diff < 0 else None
    return IndicatorResult(
        seq,
        ind,
        ev,
        base_text(lm.plan, ind),
        target.text,
        latest,
        direction_of(target, base, ind.better),
        change,
        moved,
        source,
    )


def _projected_text(value: float, base: float | None, ev: Evaluation, ind: Indicator) -> str:
    """The projection shown with as many decimals as the figures it comes from (at least 1)."""
    if ind.formula is not None and ind.decimals is not None:
        return format_number(value, ind.decimals)
    places = max(_decimals(base), _decimals(ev.latest))
    if places == 0 and abs(value - round(value)) > 1e-9:
        places = 1
    return format_number(round(value, places), places)


def _decimals(value: float | None) -> int:
    if value is None:
        return 0
    text = format_number(value)
    return len(text.split(".")[1]) if "." in text else 0


def _task_progress(lm: LoadedMonitoring, number: int) -> tuple[str | None, str]:
    item = lm.data.tasks.get(number)
    return (item.status, item.progress) if item else (None, "")
