"""Plausible data: a value no statistics office could report is an input mistake.

A life expectancy of -81.58 or a share of 350 % would otherwise flow into the
report as a 完成进度 of -67850 %. Values are non-negative by default, shares in
% lie in 0–100, and an indicator's `min:`/`max:` widen or narrow that. A zero in
a formula's denominator is reported at its line instead of silently leaving the
derived value out (which made the report fall back to an older year).
"""

from __future__ import annotations

from plangen import formula as formulas
from plangen.errors import Problem
from plangen.load.model import Indicator
from plangen.load.source import Path_, Source
from plangen.messages import _

PERCENT_UNITS = {"%", "％"}


def bounds(ind: Indicator) -> tuple[float | None, float | None]:
    """Lowest and highest plausible value: min/max if given, else 0 and (for %) 100."""
    low = ind.min if ind.min is not None else 0
    high = ind.max
    if high is None and ind.unit.strip() in PERCENT_UNITS:
        high = 100
    return low, high


def value_problems(src: Source, at: Path_, ind: Indicator, value: object) -> list[Problem]:
    """The value at `at`, if it is a number outside the indicator's bounds."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return []
    low, high = bounds(ind)
    if (low is None or value >= low) and (high is None or value <= high):
        return []
    return [
        src.problem(
            at,
            _(
                "{value} is not a plausible value for '{name}' (expected {low} to {high} {unit})",
                value=value,
                name=ind.name,
                low="…" if low is None else f"{low:g}",
                high="…" if high is None else f"{high:g}",
                unit=ind.unit,
            ),
            _(
                "check the sign and the decimal point; if the value is right, "
                "give the indicator min: or max: in the plan"
            ),
        )
    ]


def negative_datum(src: Source, at: Path_, name: str, value: object) -> list[Problem]:
    """Raw counts (population, doctors, beds) cannot be negative."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        return [
            src.problem(
                at,
                _("'{name}' is {value}; a count cannot be negative", name=name, value=value),
                _("check the sign of the number"),
            )
        ]
    return []


def zero_divisors(
    src: Source, indicators: list[Indicator], series: dict[str, object], at: Path_
) -> list[Problem]:
    """Every zero that a derived indicator divides by, at that value's own line.

    series maps a data name to a number (the plan's baseline) or to {year: number}
    (monitoring data); `at` is the path prefix of those values.
    """
    problems: list[Problem] = []
    seen: set[tuple] = set()
    for ind in indicators:
        if not ind.formula:
            continue
        try:
            names = formulas.divisors(ind.formula)
        except formulas.FormulaError:
            continue  # reported where formulas are checked
        for name in names:
            values = series.get(name)
            years = values.items() if isinstance(values, dict) else [(None, values)]
            for year, value in years:
                path = (*at, name) if year is None else (*at, name, year)
                if value == 0 and path not in seen:
                    seen.add(path)
                    problems.append(
                        src.problem(
                            path,
                            _(
                                "'{name}' is 0, but '{indicator}' divides by it",
                                name=name,
                                indicator=ind.name,
                            ),
                            _("give the real figure, or leave the year out if it is not known"),
                        )
                    )
    return problems
