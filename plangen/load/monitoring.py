"""Monitoring data: values by year, task progress, problems and measures.

Checked against its plan: unknown indicator ids or task numbers, years outside
the plan period or after the cut-off, and values of the wrong type are errors
that name the line to fix.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from plangen.errors import PlanError, Problem
from plangen.load import plausible, refs, source
from plangen.load.model import SIMPLIFIED, BoxItem, Date, Number, Strict, Text
from plangen.load.plan import LoadedPlan, iter_tasks, load_plan
from plangen.load.targets import TargetSyntaxError, parse_target
from plangen.load.validate import validate
from plangen.load.vocabulary import Status, TaskState
from plangen.messages import _

TaskStatus = Annotated[TaskState, SIMPLIFIED]
Value = Number | str | None


class Header(Strict):
    plan: Text
    kind: Literal["midterm", "final"] = "midterm"
    date: Date
    cutoff: int | None = None  # data to the end of this year; set from as_of when absent
    as_of: Date | None = None  # data to this day: time elapsed counts months
    title: str | None = None
    tolerance: Annotated[float, Field(ge=0, le=1)] = 0.05
    band: Annotated[float, Field(ge=0, le=1)] = 0.10
    projection: Literal["growth", "linear"] = "growth"  # trend to the end year


class IndicatorData(Strict):
    values: dict[int, Value] = {}
    source: str | None = None
    status: Status | None = None
    evidence: str | None = None


class TaskProgress(Strict):
    status: TaskStatus
    progress: str = ""


class Figure(Strict):
    """A number a report quotes: a resource total or a figure that is no plan indicator."""

    label: Text
    value: Number
    unit: str = ""
    year: int | None = None
    note: Text | None = None  # e.g. 其中医院71个、基层医疗卫生机构2538个


class Ranking(Strict):
    label: Text
    rank: Annotated[int, Field(ge=1)]
    scope: Text = "全省"
    year: int | None = None


class Adjustment(Strict):
    """Advice to adjust an indicator (指标调整建议)."""

    indicator: str
    advice: Text


class Responsibility(Strict):
    """Who answers for a lagging indicator (责任落实)."""

    indicator: str
    departments: list[Text]
    action: Text | None = None


class DistrictRef(Strict):
    name: Text
    monitoring: Text  # the district's monitoring file, relative to this one


class Monitoring(Strict):
    monitoring: Header
    districts: list[DistrictRef] = []  # a city report rolled up from these
    overview: list[Text] = []
    data: dict[str, dict[int, Number | None]] = {}
    indicators: dict[str, IndicatorData] = {}
    tasks: dict[int, TaskProgress] = {}
    problems: list[Text | BoxItem] = []
    measures: list[Text | BoxItem] = []
    resources: list[Figure] = []  # 卫生资源 totals quoted before the indicators
    figures: list[Figure] = []  # other figures the report quotes
    rankings: list[Ranking] = []
    adjustments: list[Adjustment] = []
    responsibility: list[Responsibility] = []


@dataclass
class LoadedMonitoring:
    """Monitoring data checked against its plan."""

    path: Path
    data: Monitoring
    plan: LoadedPlan
    source: source.Source
    districts: list[tuple[str, LoadedMonitoring]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """Output name: the monitoring file's own, never the plan's (they share build/)."""
        stem = self.path.stem
        return stem if stem != self.plan.name else f"{stem}-{self.data.monitoring.kind}"


def load_monitoring(path: Path, src: source.Source | None = None) -> LoadedMonitoring:
    """Load monitoring data and its plan, checking one against the other."""
    src = src or source.load(path)
    data = validate(src, Monitoring)
    plan_path = path.parent / data.monitoring.plan
    if refs.outside(path.parent, data.monitoring.plan):
        raise PlanError(
            [refs.boundary_problem(src, ("monitoring", "plan"), path.parent, data.monitoring.plan)]
        )
    if not refs.is_file(plan_path):
        raise PlanError(
            [
                src.problem(
                    ("monitoring", "plan"),
                    _("plan file not found: {path}", path=plan_path),
                    _("give the plan's path relative to this file"),
                )
            ]
        )
    try:
        plan = load_plan(plan_path)
    except PlanError as exc:
        raise PlanError(
            [
                src.problem(
                    ("monitoring", "plan"),
                    _(
                        "the plan {path} has {count} problem(s)",
                        path=plan_path,
                        count=len(exc.problems),
                    ),
                    _("run `plangen validate {path}`", path=plan_path),
                ),
                *exc.problems,
            ]
        ) from None
    problems = _check(src, data, plan)
    if problems:
        raise PlanError(problems)
    return LoadedMonitoring(path, data, plan, src, _load_districts(path, src, data, plan))


def _load_districts(
    path: Path, src: source.Source, data: Monitoring, plan: LoadedPlan
) -> list[tuple[str, LoadedMonitoring]]:
    """Each district's monitoring file, loaded and checked against the city's.

    Missing or repeated districts, a district file that lists districts itself,
    and a district plan over another period are reported at the city file's line.
    """
    loaded: list[tuple[str, LoadedMonitoring]] = []
    problems: list[Problem] = []
    names: set[str] = set()
    files: set[Path] = set()
    for i, ref in enumerate(data.districts):
        at = ("districts", i)
        district_path = path.parent / ref.monitoring
        if ref.name in names or district_path.resolve() in files:
            problems.append(
                src.problem(
                    at,
                    _("district {name} is listed twice", name=ref.name),
                    _("list each district once"),
                )
            )
            continue
        names.add(ref.name)
        files.add(district_path.resolve())
        if refs.outside(path.parent, ref.monitoring):
            problems.append(
                refs.boundary_problem(src, (*at, "monitoring"), path.parent, ref.monitoring)
            )
            continue
        if not refs.is_file(district_path):
            problems.append(
                src.problem(
                    (*at, "monitoring"),
                    _("district file not found: {path}", path=district_path),
                    _("give the district's monitoring file relative to this file"),
                )
            )
            continue
        try:
            district = load_monitoring(district_path)
        except PlanError as exc:
            problems += exc.problems
            continue
        problems += _district_problems(src, at, ref.name, district, data, plan)
        loaded.append((ref.name, district))
    if problems:
        raise PlanError(problems)
    return loaded


def _district_problems(
    src: source.Source,
    at: tuple,
    name: str,
    district: LoadedMonitoring,
    data: Monitoring,
    plan: LoadedPlan,
) -> list[Problem]:
    """A district must cover the city's period and cut-off and list no districts itself."""
    meta, theirs = plan.plan.meta, district.plan.plan.meta
    if district.data.districts:
        return [
            src.problem(
                (*at, "monitoring"),
                _("district {name} lists districts itself", name=name),
                _("name a district's own monitoring file here"),
            )
        ]
    if (theirs.base, theirs.end) != (meta.base, meta.end):
        return [
            src.problem(
                at,
                _(
                    "district {name}'s plan runs {first}–{last}, "
                    "the city's {city_first}–{city_last}",
                    name=name,
                    first=theirs.base,
                    last=theirs.end,
                    city_first=meta.base,
                    city_last=meta.end,
                ),
                _("roll up districts whose plans share the city plan's period"),
            )
        ]
    return []


def _cutoff(src: source.Source, head: Header) -> list[Problem]:
    """cutoff: or as_of: must be given, naming the same year when both are."""
    if head.as_of is None and head.cutoff is None:
        return [
            src.problem(
                ("monitoring",),
                _("the data's cut-off is missing"),
                _("add cutoff: 2022 (data to the end of 2022) or as_of: 2023-06-30"),
            )
        ]
    if head.as_of is not None:
        if head.cutoff is not None and head.cutoff != head.as_of.year:
            return [
                src.problem(
                    ("monitoring", "cutoff"),
                    _(
                        "cutoff {year} and as_of {date} name different years",
                        year=head.cutoff,
                        date=head.as_of.isoformat(),
                    ),
                    _("keep one of them"),
                )
            ]
        head.cutoff = head.as_of.year
    return []


def _check(src: source.Source, data: Monitoring, plan: LoadedPlan) -> list[Problem]:
    meta = plan.plan.meta
    head = data.monitoring
    problems = _cutoff(src, head)
    if problems:
        return problems
    assert head.cutoff is not None
    if not (meta.base <= head.cutoff <= meta.end):
        problems.append(
            src.problem(
                ("monitoring", "cutoff"),
                _(
                    "cut-off {year} is outside the plan period {first}–{last}",
                    year=head.cutoff,
                    first=meta.base,
                    last=meta.end,
                ),
                _("give the last year the data cover"),
            )
        )
    ids = {ind.id: ind for ind in plan.plan.indicators}
    for key, item in data.indicators.items():
        at = ("indicators", key)
        if key not in ids:
            near = difflib.get_close_matches(key, list(ids), n=1)
            problems.append(
                src.problem(
                    at,
                    _("unknown indicator id '{id}' in plan {plan}", id=key, plan=plan.path.name),
                    _("did you mean '{name}'?", name=near[0])
                    if near
                    else _("use an id from the plan's indicators:"),
                    key=True,
                )
            )
            continue
        problems += _check_years(src, at + ("values",), item.values, meta.base, head.cutoff)
        for year, value in item.values.items():
            problems += plausible.value_problems(src, (*at, "values", year), ids[key], value)
        for year, value in item.values.items():
            if isinstance(value, str) and not _readable(value):
                problems.append(
                    src.problem(
                        (*at, "values", year),
                        _("value '{value}' is not a number", value=value),
                        _("write a number such as 81.58, or a ratio such as 1:1.3"),
                    )
                )
    for name, series in data.data.items():
        if name not in plan.plan.baseline:
            near = difflib.get_close_matches(name, list(plan.plan.baseline), n=1)
            problems.append(
                src.problem(
                    ("data", name),
                    _("'{name}' is not in the plan's baseline data", name=name),
                    _("did you mean '{name}'?", name=near[0])
                    if near
                    else _("use a name from the plan's baseline:"),
                    key=True,
                )
            )
        problems += _check_years(src, ("data", name), series, meta.base, head.cutoff)
        for year, value in series.items():
            problems += plausible.negative_datum(src, ("data", name, year), name, value)
    problems += plausible.zero_divisors(src, plan.plan.indicators, dict(data.data), ("data",))
    for block in ("adjustments", "responsibility"):
        for i, entry in enumerate(getattr(data, block)):
            if entry.indicator not in ids:
                near = difflib.get_close_matches(entry.indicator, list(ids), n=1)
                problems.append(
                    src.problem(
                        (block, i, "indicator"),
                        _(
                            "unknown indicator id '{id}' in plan {plan}",
                            id=entry.indicator,
                            plan=plan.path.name,
                        ),
                        _("did you mean '{name}'?", name=near[0])
                        if near
                        else _("use an id from the plan's indicators:"),
                    )
                )
    count = sum(1 for _ in iter_tasks(plan.plan))
    for number in data.tasks:
        if not 1 <= number <= count:
            problems.append(
                src.problem(
                    ("tasks", number),
                    _(
                        "task {number} does not exist; the plan has tasks 1–{count}",
                        number=number,
                        count=count,
                    ),
                    _("use the task numbers of the task division table"),
                    key=True,
                )
            )
    return problems


def _readable(value: str) -> bool:
    try:
        return parse_target(value).kind in ("eq", "ratio")
    except TargetSyntaxError:
        return False


def _check_years(
    src: source.Source, at: tuple, values: dict, first: int, cutoff: int
) -> list[Problem]:
    return [
        src.problem(
            (*at, year),
            _(
                "year {year} is outside {first}–{last} (base year to cut-off)",
                year=year,
                first=first,
                last=cutoff,
            ),
            _("remove it or correct the year"),
            key=True,
        )
        for year in values
        if not first <= year <= cutoff
    ]
