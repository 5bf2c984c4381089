"""Where an indicator will land at the end of the plan period at its current pace.

The trend runs from the base value (at the base year) to the latest value:

- ``linear``: the same absolute change every year,
  ``projected = latest + (latest - base) / (latest_year - base_year) * (end_year - latest_year)``;
- ``growth``: compound annual growth (UNSD SDG Progress Chart),
  ``rate = (latest / base) ** (1 / (latest_year - base_year)) - 1`` and
  ``projected = latest * (1 + rate) ** (end_year - latest_year)``, used only where
  both values are positive; otherwise the linear trend stands in.

Non-negative series are not projected below zero, and a share (unit ``%``) not
above 100. ``ratio = (projected - base) / (target - base)`` is the share of the needed change
the trend delivers (target: a range's bound nearer the base). The outlook is
``will_meet`` when the projection meets the written target or ``ratio >= 0.95``
(UNSD's "on track" threshold), else ``may_miss`` (可能难以实现). Indicators already
achieved get a projection but no outlook; text and yearly targets, a missing base,
a latest value not after the base year, or a target equal to the base get none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plangen.compute.evaluate import EPS, Direction, Evaluation, target_met
from plangen.load.targets import Target

Method = Literal["growth", "linear"]
Outlook = Literal["will_meet", "may_miss"]
ON_TRACK_RATIO = 0.95


@dataclass(frozen=True)
class Projection:
    """The value expected at the end year, how it was computed and what it means."""

    value: float
    method: Method  # the one actually used (growth falls back to linear)
    ratio: float | None  # projected change / needed change
    outlook: Outlook | None  # None for indicators already achieved


def linear(base: float, base_year: int, latest: float, latest_year: int, end_year: int) -> float:
    """Latest value plus the average yearly change since the base, to the end year."""
    slope = (latest - base) / (latest_year - base_year)
    return latest + slope * (end_year - latest_year)


def growth(base: float, base_year: int, latest: float, latest_year: int, end_year: int) -> float:
    """Latest value grown at the compound annual rate since the base, to the end year."""
    rate = (latest / base) ** (1 / (latest_year - base_year)) - 1
    return latest * (1 + rate) ** (end_year - latest_year)


def project(
    target: Target,
    base: float | None,
    evaluation: Evaluation,
    *,
    direction: Direction | None,
    base_year: int,
    end_year: int,
    method: Method = "growth",
    tolerance: float = 0.05,
    ceiling: float | None = None,
) -> Projection | None:
    """The projection of one evaluated indicator, or None where the data cannot carry one."""
    latest, year = evaluation.latest, evaluation.latest_year
    if base is None or latest is None or year is None or year <= base_year:
        return None
    if target.kind in ("text", "yearly") or target.value is None:
        return None
    used: Method = method if method == "linear" or (base > 0 and latest > 0) else "linear"
    fn = growth if used == "growth" else linear
    value = fn(base, base_year, latest, year, end_year)
    if base >= 0 and latest >= 0:
        value = max(0.0, value)  # counts and rates do not go below zero
    if ceiling is not None:
        value = min(ceiling, value)  # a share stops at 100 %
    reference = _reference(target, base)
    ratio = None if abs(reference - base) <= EPS else (value - base) / (reference - base)
    if evaluation.status == "achieved":
        return Projection(value, used, ratio, None)
    meets = target_met(target, value, direction, tolerance)
    outlook: Outlook = (
        "will_meet" if meets or (ratio is not None and ratio >= ON_TRACK_RATIO) else "may_miss"
    )
    return Projection(value, used, ratio, outlook)


def _reference(target: Target, base: float) -> float:
    """The number the needed change aims at: the value, or a range's bound nearer the base."""
    assert target.value is not None
    if target.kind == "range" and target.upper is not None:
        return min((target.value, target.upper), key=lambda bound: abs(bound - base))
    return target.value
