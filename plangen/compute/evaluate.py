"""Evaluation engine: judge each indicator's progress at a cut-off year.

Plain arithmetic only; statuses and reasons are English codes, and the
Chinese wording (提前实现, 快于预期, ...) lives in the templates.

Rules, in the order ``evaluate`` applies them:

1. ``manual_status`` must be one of the five statuses (ValueError otherwise).
2. Text targets (同比例增加, 达国家要求): the manual status if given (reason
   ``manual``), else ``not_assessable`` (``text_target``).
3. Yearly targets (每年降低1个百分点): the base value counts as the value at
   the base year; with two or more points the per-year change
   ``(last - first) / (last_year - first_year)``, oriented by direction, is
   compared with the required change: ``>=`` required → ``on_track`` (pace
   ``ahead`` above ``required * (1 + band)``), ``0 <= change < required`` →
   ``behind``, negative → ``reversed``; ``progress = change / required``.
4. Latest value = value of the greatest year ``<= cutoff`` that is not None.
   Without one: the manual status if given, else ``not_assessable`` (``no_value``).
   A latest value from the base year or earlier says nothing about the plan's
   implementation: ``not_assessable`` (``stale``) unless a manual status is given.
5. ``achieved`` (``target_met``) when the target's condition holds for the
   latest value, whether or not a base exists (see ``target_met``); ``左右``
   and ranges count as met inside the band and when passed in the better
   direction. ``progress`` is still computed when a base exists that did not
   already meet the target (reports show it as ``≥100%`` once passed).
6. No base: the manual status if given, else ``not_assessable`` (``no_base``).
7. Target value equal to the base and not met: the value moved away →
   ``reversed`` (``progress``), progress None (``behind`` if it did not move).
8. Base already met the target but the latest value no longer does: it slipped
   past the limit → ``reversed`` (``limit_crossed``); progress is the change in
   the better direction over ``|target - base|`` (negative), None without a
   direction.
9. ``progress = (latest - base) / (target - base)`` (for a range, the bound
   nearer the base), which also orients lower-is-better indicators. Then
   ``< 0`` → ``reversed``; ``0 <= progress < elapsed`` → ``behind``; otherwise
   ``on_track``, pace ``ahead`` when ``progress - elapsed > band``.

``elapsed = (cutoff - base_year) / (end_year - base_year)`` clamped to [0, 1];
with ``as_of`` (a date) the years since the base count months, so data to
2023-06-30 in a 2021–2025 plan is 2.5 / 5 = 50% (``time_elapsed_on``).
Fewer than two points: ``no_base`` without a base, else ``no_value``.

Direction: ``better`` if given, else the target's wording, else the sign of
``target - base``. ``binding_lag`` flags 约束性 indicators that are behind or
reversed. Comparisons allow ``EPS`` of float noise.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, cast

from plangen.load.targets import Target
from plangen.load.vocabulary import BINDING, LAGGING, STATUSES, Status

Pace = Literal["ahead", "as_expected"]
Direction = Literal["higher", "lower"]

EPS = 1e-9


@dataclass(frozen=True)
class Evaluation:
    """One indicator's verdict plus the numbers a report shows beside it."""

    status: Status
    pace: Pace | None  # only for on_track: ahead when progress - elapsed > band
    latest: float | None  # latest value at or before the cut-off
    latest_year: int | None
    progress: float | None  # (latest - base) / (target - base), None when not computable
    elapsed: float  # (cutoff - base_year) / (end_year - base_year), clamped to [0, 1]
    binding_lag: bool  # nature == "约束性" and status in (behind, reversed)
    reason: str  # English code of the rule that decided
    evidence: str | None = None  # manual evidence note passed through


@dataclass(frozen=True)
class _Context:
    """What every rule needs to build its Evaluation."""

    latest: tuple[int, float] | None
    elapsed: float
    nature: str | None
    evidence: str | None


def time_elapsed(base_year: int, end_year: int, cutoff: int) -> float:
    """Share of the plan period gone by the cut-off (时间进度), clamped to [0, 1]."""
    span = end_year - base_year
    if span <= 0:
        return 1.0 if cutoff >= end_year else 0.0
    return min(1.0, max(0.0, (cutoff - base_year) / span))


def years_since_base(base_year: int, as_of: dt.date) -> float:
    """Years from the end of the base year to ``as_of``, counting whole months.

    A month-end date counts its month in full (2023-06-30 is 2.5 years after 2020);
    any other day counts the share of its month gone.
    """
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    months = as_of.month - 1 + as_of.day / days
    return as_of.year - base_year - 1 + months / 12


def time_elapsed_on(base_year: int, end_year: int, as_of: dt.date) -> float:
    """时间进度 at a date, clamped to [0, 1]: 2023-06-30 in a 2021–2025 plan is 0.5."""
    span = end_year - base_year
    if span <= 0:
        return 1.0 if as_of.year >= end_year else 0.0
    return min(1.0, max(0.0, years_since_base(base_year, as_of) / span))


def latest_value(series: dict[int, float | None], cutoff: int) -> tuple[int, float] | None:
    """Most recent known value by the cut-off; later years and gaps are skipped."""
    known = [
        (year, value) for year, value in series.items() if value is not None and year <= cutoff
    ]
    return max(known, default=None, key=lambda item: item[0])


def target_met(target: Target, value: float, better: str | None, tolerance: float) -> bool:
    """Whether ``value`` satisfies the written target; ``better`` settles eq and ratio."""
    t = target.value
    if t is None or target.kind in ("text", "yearly"):
        return False
    kind = target.kind
    if kind == "ge":
        return value >= t
    if kind == "gt":
        return value > t
    if kind == "le":
        return value <= t
    if kind == "lt":
        return value < t
    if kind == "approx":
        inside = abs(value - t) <= (tolerance * abs(t) if t else tolerance) + EPS
        return inside or _passed(value, t, t, better)
    if kind == "range":
        upper = target.upper if target.upper is not None else t
        return t - EPS <= value <= upper + EPS or _passed(value, t, upper, better)
    return _meets_point(value, t, better)


def _passed(value: float, lower: float, upper: float, better: str | None) -> bool:
    """A band passed in the better direction counts as reached (提前实现)."""
    if better == "higher":
        return value >= lower - EPS
    if better == "lower":
        return value <= upper + EPS
    return False


def _meets_point(value: float, t: float, better: str | None) -> bool:
    """eq and ratio: reaching the number in the better direction counts."""
    if better == "higher":
        return value >= t
    if better == "lower":
        return value <= t
    return abs(value - t) <= EPS


def direction_of(target: Target, base: float | None, better: Direction | None) -> Direction | None:
    """Which way is better: explicit, then the wording, then target vs base."""
    if better is not None:
        return better
    if target.direction is not None:
        return target.direction
    if target.value is None or base is None or target.value == base:
        return None
    return "higher" if target.value > base else "lower"


def evaluate(
    target: Target,
    base: float | None,
    series: dict[int, float | None],
    *,
    better: Direction | None,
    nature: str | None,
    base_year: int,
    end_year: int,
    cutoff: int,
    tolerance: float = 0.05,
    band: float = 0.10,
    manual_status: str | None = None,
    evidence: str | None = None,
    as_of: dt.date | None = None,
) -> Evaluation:
    """Judge one indicator at the cut-off by the rules in the module docstring."""
    if manual_status is not None and manual_status not in STATUSES:
        raise ValueError(f"unknown status {manual_status!r}; expected one of {STATUSES}")
    elapsed = (
        time_elapsed(base_year, end_year, cutoff)
        if as_of is None
        else time_elapsed_on(base_year, end_year, as_of)
    )
    ctx = _Context(latest_value(series, cutoff), elapsed, nature, evidence)
    direction = direction_of(target, base, better)
    if target.kind == "text" or target.value is None:
        return _fallback(ctx, manual_status, "text_target")
    if target.kind == "yearly":
        return _evaluate_yearly(
            target, base, series, direction, base_year, cutoff, band, manual_status, ctx
        )
    if ctx.latest is None:
        return _fallback(ctx, manual_status, "no_value")
    if ctx.latest[0] <= base_year:
        return _fallback(ctx, manual_status, "stale")
    value = ctx.latest[1]
    if target_met(target, value, direction, tolerance):
        already = base is not None and target_met(target, base, direction, tolerance)
        progress = None if already else _progress(target, base, value)
        return _result(ctx, "achieved", "target_met", progress)
    if base is None:
        return _fallback(ctx, manual_status, "no_base")
    return _by_progress(target, base, value, direction, tolerance, band, ctx)


def _by_progress(
    target: Target,
    base: float,
    value: float,
    direction: Direction | None,
    tolerance: float,
    band: float,
    ctx: _Context,
) -> Evaluation:
    """Numeric target not yet met: compare progress with time elapsed."""
    t = reference_value(target, base)
    if abs(t - base) <= EPS:
        moved = abs(value - base) > EPS
        return _result(ctx, "reversed" if moved else "behind", "progress")
    if target_met(target, base, direction, tolerance):
        sign = {"higher": 1.0, "lower": -1.0}.get(direction or "", 0.0)
        slipped = sign * (value - base) / abs(t - base) if sign else None
        return _result(ctx, "reversed", "limit_crossed", slipped)
    progress = (value - base) / (t - base)
    status, pace = _classify(progress, ctx.elapsed, band)
    return _result(ctx, status, "progress", progress, pace)


def _progress(target: Target, base: float | None, value: float) -> float | None:
    """(value - base) / (target - base) where both ends are known and differ."""
    if base is None:
        return None
    t = reference_value(target, base)
    if abs(t - base) <= EPS:
        return None
    return (value - base) / (t - base)


def reference_value(target: Target, base: float) -> float:
    """The number progress aims at: the value, or a range's bound nearer the base."""
    t = target.value
    assert t is not None
    if target.kind == "range" and target.upper is not None:
        return min((t, target.upper), key=lambda bound: abs(bound - base))
    return t


def _classify(progress: float, elapsed: float, band: float) -> tuple[Status, Pace | None]:
    """Progress against time: reversed below zero, behind below elapsed, else on track."""
    if progress < -EPS:
        return "reversed", None
    if progress < elapsed - EPS:
        return "behind", None
    return "on_track", "ahead" if progress - elapsed > band + EPS else "as_expected"


def _evaluate_yearly(
    target: Target,
    base: float | None,
    series: dict[int, float | None],
    direction: Direction | None,
    base_year: int,
    cutoff: int,
    band: float,
    manual_status: str | None,
    ctx: _Context,
) -> Evaluation:
    """每年降低/提高 targets: judge the average yearly change, not distance to a level."""
    points = _yearly_points(base, series, base_year, cutoff)
    if len(points) < 2 or direction is None:
        return _fallback(ctx, manual_status, "no_base" if base is None else "no_value")
    (first_year, first), (last_year, last) = points[0], points[-1]
    sign = 1.0 if direction == "higher" else -1.0
    change = sign * (last - first) / (last_year - first_year)
    required = target.value
    assert required is not None
    status, pace = _classify_yearly(change, required, band)
    return _result(ctx, status, "yearly", change / required if required else None, pace)


def _classify_yearly(change: float, required: float, band: float) -> tuple[Status, Pace | None]:
    """Yearly change against the required one: reversed below zero, behind below required."""
    if change < -EPS:
        return "reversed", None
    if change < required - EPS:
        return "behind", None
    return "on_track", "ahead" if change > required * (1 + band) + EPS else "as_expected"


def _yearly_points(
    base: float | None, series: dict[int, float | None], base_year: int, cutoff: int
) -> list[tuple[int, float]]:
    """Known (year, value) points by the cut-off, the base standing for the base year."""
    points = {year: value for year, value in series.items() if value is not None and year <= cutoff}
    if base is not None:
        points[base_year] = base
    return sorted(points.items())


def _fallback(ctx: _Context, manual_status: str | None, reason: str) -> Evaluation:
    """When data cannot decide, a manual status stands in; otherwise not assessable."""
    if manual_status is not None:
        return _result(ctx, cast(Status, manual_status), "manual")
    return _result(ctx, "not_assessable", reason)


def _result(
    ctx: _Context,
    status: Status,
    reason: str,
    progress: float | None = None,
    pace: Pace | None = None,
) -> Evaluation:
    """Assemble an Evaluation, deriving binding_lag from nature and status."""
    latest_year, latest = ctx.latest if ctx.latest is not None else (None, None)
    return Evaluation(
        status=status,
        pace=pace if status == "on_track" else None,
        latest=latest,
        latest_year=latest_year,
        progress=progress,
        elapsed=ctx.elapsed,
        binding_lag=ctx.nature == BINDING and status in LAGGING,
        reason=reason,
        evidence=ctx.evidence,
    )


def summarise(evaluations: Iterable[Evaluation]) -> dict[str, int]:
    """Counts per status for the report's overview; all five keys always present."""
    counts = dict.fromkeys(STATUSES, 0)
    for evaluation in evaluations:
        counts[evaluation.status] += 1
    return counts
