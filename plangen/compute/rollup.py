"""A city's monitoring data rolled up from its districts' raw data.

Ratios are never averaged: as DHIS2 does, an indicator with a formula is
recomputed at city level from the districts' summed raw counts
(每千人口医师数 = Σ医师 / Σ人口 × 1000). A raw series is summed for a year only
when every district reports it; the city file's own ``data`` and ``values`` win.
An indicator without a formula and without a city value cannot be summed and is
marked ``not_summable``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from plangen.compute.evaluate import Evaluation
from plangen.load.monitoring import LoadedMonitoring
from plangen.load.vocabulary import BINDING, LAGGING

RawData = dict[str, dict[int, float | None]]


def summed(districts: list[tuple[str, LoadedMonitoring]]) -> RawData:
    """Raw series summed over all districts, for the years every district reports."""
    if not districts:
        return {}
    names = set.intersection(*(set(lm.data.data) for _, lm in districts))
    out: RawData = {}
    for name in sorted(names):
        years = set.intersection(
            *({y for y, v in lm.data.data[name].items() if v is not None} for _, lm in districts)
        )
        if years:
            out[name] = {
                year: float(sum(lm.data.data[name][year] or 0 for _, lm in districts))
                for year in sorted(years)
            }
    return out


def rolled_up(lm: LoadedMonitoring) -> LoadedMonitoring:
    """The city's monitoring data with the districts' summed raw data filled in."""
    if not lm.districts:
        return lm
    data: RawData = {}
    for name, series in summed(lm.districts).items():
        if name in lm.plan.plan.baseline:
            data[name] = dict(series)
    for name, series in lm.data.data.items():
        data.setdefault(name, {}).update(series)
    return replace(lm, data=lm.data.model_copy(update={"data": data}))


def not_summable(lm: LoadedMonitoring) -> set[str]:
    """Indicators the districts' data cannot give: no formula and no city value."""
    if not lm.districts:
        return set()
    given = {k for k, v in lm.data.indicators.items() if v.values or v.status}
    return {
        ind.id for ind in lm.plan.plan.indicators if ind.formula is None and ind.id not in given
    }


def mark_not_summable(ev: Evaluation) -> Evaluation:
    """A not-assessable verdict explained by the roll-up, not by missing reports."""
    if ev.status == "not_assessable" and ev.reason == "no_value":
        return replace(ev, reason="not_summable")
    return ev


@dataclass(frozen=True)
class DistrictCell:
    """One district's value and verdict for one indicator."""

    latest_text: str
    latest_year: int | None
    evaluation: Evaluation | None  # None: the district's plan lacks the indicator
    lagging: bool


@dataclass
class DistrictTable:
    """Each indicator's value and status by district, and the 约束性 laggards."""

    names: list[str]
    rows: dict[str, list[DistrictCell]]  # by indicator id, in district order
    # 约束性 indicators lagging somewhere: (indicator name, districts where it lags)
    binding_lagging: list[tuple[str, list[str]]] = field(default_factory=list)


def district_table(
    names: list[str], results: list[list], indicator_ids: list[str]
) -> DistrictTable:
    """Cells from each district's review results (IndicatorResult lists, city order)."""
    rows: dict[str, list[DistrictCell]] = {}
    lagging: list[tuple[str, list[str]]] = []
    by_district = [{r.indicator.id: r for r in district} for district in results]
    for ind_id in indicator_ids:
        cells = []
        for found in by_district:
            r = found.get(ind_id)
            if r is None:
                cells.append(DistrictCell("", None, None, False))
                continue
            ev = r.evaluation
            cells.append(DistrictCell(r.latest_text, ev.latest_year, ev, ev.status in LAGGING))
        rows[ind_id] = cells
    for ind_id in indicator_ids:
        lagging_in = [
            name
            for name, found in zip(names, by_district, strict=True)
            if ind_id in found
            and found[ind_id].indicator.nature == BINDING
            and found[ind_id].evaluation.status in LAGGING
        ]
        if lagging_in:
            some = next(found[ind_id] for found in by_district if ind_id in found)
            lagging.append((some.indicator.name, lagging_in))
    return DistrictTable(names, rows, lagging)
