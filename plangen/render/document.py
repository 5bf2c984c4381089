"""Render loaded, computed models into the semantic XHTML document (no file is read here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from plangen.compute.outline import Outline
from plangen.load import source
from plangen.load.plan import LoadedPlan
from plangen.render.environment import localize, render
from plangen.script import is_traditional, is_traditional_locale, strings, to_locale

if TYPE_CHECKING:  # a plan's build needs none of them: fewer imports for a cold start
    from plangen.compute.departments import DepartmentList
    from plangen.compute.diff import PlanDiff
    from plangen.compute.review import Review
    from plangen.load.monitoring import LoadedMonitoring

CHART = "progress.png"
TRENDS = "trends.png"


@dataclass
class Rendered:
    """A semantic document with what its writers need besides the XHTML."""

    name: str
    path: Path  # the input file, for error messages
    xhtml: str
    date: dt.date
    base_dir: Path
    resources: dict[str, bytes] = field(default_factory=dict)
    kind: str = "plan"  # or "report", "diff"
    # The page printed where each id starts, from the PDF's layout: the pipeline fills it
    # so the DOCX table of contents carries the numbers (both formats share the grid).
    pages: dict[str, str] = field(default_factory=dict)
    # The page (0-based) each row of a table with merged cells starts on, from the same
    # layout: the DOCX cuts its merged group cells where the PDF does.
    rows: dict[str, int] = field(default_factory=dict)


def for_document(
    env: jinja2.Environment, locale: str, *sources: source.Source
) -> jinja2.Environment:
    """The environment for a document in this locale, knowing the script its YAML uses."""
    if not is_traditional_locale(locale):
        return env
    return localize(env, locale, is_traditional(strings([s.data for s in sources])))


def render_plan(lp: LoadedPlan, outline: Outline, env: jinja2.Environment) -> Rendered:
    """The plan: content and order decided by plan/document.html.j2."""
    env = for_document(env, lp.plan.meta.locale, lp.source)
    xhtml = render(env, "plan/document.html.j2", meta=lp.plan.meta, plan=lp.plan, outline=outline)
    return Rendered(lp.name, lp.path, xhtml, lp.plan.meta.date, lp.path.parent)


def render_department(lp: LoadedPlan, share: DepartmentList, env: jinja2.Environment) -> Rendered:
    """One department's task list (plan/department.html.j2), named after the department."""
    env = for_document(env, lp.plan.meta.locale, lp.source)
    xhtml = render(
        env,
        "plan/department.html.j2",
        meta=lp.plan.meta,
        plan=lp.plan,
        department=share.department,
        tasks=share.tasks,
        led=share.led,
        supported=share.supported,
        indicators=share.indicators,
        base_year=lp.plan.meta.base,
    )
    shown = env.finalize(share.department) if env.finalize else share.department  # its script
    return Rendered(str(shown), lp.path, xhtml, lp.plan.meta.date, lp.path.parent)


def render_report(
    lm: LoadedMonitoring, result: Review, env: jinja2.Environment, labels: dict[str, Any]
) -> Rendered:
    """The evaluation report: computed tables, sentences and the progress chart."""
    from plangen.render.chart import chart_font, progress_chart, trend_chart

    locale = lm.plan.plan.meta.locale
    search = [Path(p) for p in env.loader.searchpath]  # type: ignore[union-attr]
    env = for_document(env, locale, lm.plan.source, lm.source)
    labels = {k: to_locale(v, locale) if isinstance(v, str) else v for k, v in labels.items()}
    resources = {}
    if result.chart or result.trends:
        font = chart_font(search, is_traditional_locale(locale))
    if result.chart:
        resources[CHART] = progress_chart(result.chart, result.elapsed, labels, font)
    if result.trends:
        resources[TRENDS] = trend_chart(result.trends, labels, font)
    xhtml = render(
        env,
        "report/document.html.j2",
        meta=lm.plan.plan.meta,
        plan=lm.plan.plan,
        monitoring=lm.data.monitoring,
        data=lm.data,
        review=result,
        chart=CHART if result.chart else None,
        trends=TRENDS if result.trends else None,
        trend_caption=labels["trend_title"],
        chart_caption=labels["caption"],
    )
    return Rendered(
        lm.name, lm.path, xhtml, lm.data.monitoring.date, lm.path.parent, resources, kind="report"
    )


def render_diff(
    old: LoadedPlan, new: LoadedPlan, diff: PlanDiff, env: jinja2.Environment
) -> Rendered:
    """The 修改对照说明 of new against old, named after the new draft: NAME-diff."""
    env = for_document(env, new.plan.meta.locale, old.source, new.source)
    xhtml = render(env, "diff/document.html.j2", old=old.plan, new=new.plan, diff=diff)
    return Rendered(
        f"{new.name}-diff", new.path, xhtml, new.plan.meta.date, new.path.parent, kind="diff"
    )
