"""Each indicator's numeric values by year: as reported, or recomputed from raw data."""

from __future__ import annotations

from plangen.compute.outline import derived_value
from plangen.formula import names
from plangen.load.monitoring import LoadedMonitoring, Value
from plangen.load.targets import parse_target

Series = dict[int, float | None]


def indicator_series(lm: LoadedMonitoring) -> dict[str, Series]:
    """Values per indicator id; a formula fills the years its raw data cover."""
    data, plan = lm.data, lm.plan
    out: dict[str, Series] = {}
    for ind in plan.plan.indicators:
        given = data.indicators.get(ind.id)
        series: Series = {}
        if given:
            for year, value in given.values.items():
                series[year] = number(value)
        if ind.formula is not None:
            years = {y for s in data.data.values() for y in s}
            for year in sorted(years):
                if series.get(year) is not None:
                    continue
                raw = {k: d.value for k, d in plan.plan.baseline.items()}
                raw.update({k: v[year] for k, v in data.data.items() if v.get(year) is not None})
                if all(
                    k in data.data and data.data[k].get(year) is not None
                    for k in names(ind.formula)
                ):
                    series[year] = derived_value(plan, ind, raw)
        out[ind.id] = series
    return out


def number(value: Value) -> float | None:
    """A reported value as a number: 81.58 stays, '≥95' reads as 95, None stays None."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    return parse_target(value).value
