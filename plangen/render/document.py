"""Render a loaded plan or monitoring file into the semantic XHTML document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from plangen.compute.outline import build_outline
from plangen.load import source
from plangen.load.plan import LoadedPlan
from plangen.messages import _
from plangen.render.environment import localize, render
from plangen.script import is_traditional, is_traditional_locale, strings, to_locale
from plangen.write.stylesheet import find

CHART = "progress.png"


@dataclass
class Rendered:
    """A semantic document with what its writers need besides the XHTML."""

    name: str
    path: Path  # the input file, for error messages
    xhtml: str
    date: dt.date
    base_dir: Path
    resources: dict[str, bytes] = field(default_factory=dict)
    kind: str = "plan"  # or "report"


def for_document(
    env: jinja2.Environment, locale: str, *sources: source.Source
) -> jinja2.Environment:
    """The environment for a document in this locale, knowing the script its YAML uses."""
    if not is_traditional_locale(locale):
        return env
    return localize(env, locale, is_traditional(strings([s.data for s in sources])))


def render_plan(lp: LoadedPlan, env: jinja2.Environment, reviews: dict | None = None) -> str:
    """The plan as semantic XHTML: content and order decided by plan/document.html.j2."""
    outline = build_outline(lp, reviews)
    return render(env, "plan/document.html.j2", meta=lp.plan.meta, plan=lp.plan, outline=outline)


def render_plan_file(
    path: Path, env: jinja2.Environment, src: source.Source | None = None
) -> Rendered:
    """Load a plan, compute any review tables it places, and render it."""
    from plangen.load.model import ReviewTable
    from plangen.load.plan import iter_blocks, load_plan

    lp = load_plan(path, src)
    env = for_document(env, lp.plan.meta.locale, lp.source)
    reviews = {
        id(b): review_table(path.parent / b.plan, path.parent / b.monitoring)
        for _, b in iter_blocks(lp.plan)
        if isinstance(b, ReviewTable)
    }
    return Rendered(lp.name, path, render_plan(lp, env, reviews), lp.plan.meta.date, path.parent)


def render_departments(path: Path, env: jinja2.Environment) -> list[Rendered]:
    """One task list per department that leads or supports a task, in registry order."""
    from plangen.compute.outline import indicator_table
    from plangen.load.plan import load_plan

    lp = load_plan(path)
    env = for_document(env, lp.plan.meta.locale, lp.source)
    outline = build_outline(lp)
    numbered = list(enumerate(outline.tasks, start=1))
    rows = {row.indicator.id: row for row in indicator_table(lp, "", []).rows}
    docs = []
    for dept in lp.plan.departments:
        tasks = [(seq, t) for seq, t in numbered if dept.name in t.departments]
        if not tasks:
            continue
        led = [t for _, t in tasks if dept.name in t.lead]
        supported = [t for _, t in tasks if dept.name not in t.lead]
        seqs: dict[str, list[int]] = {}
        for seq, task in tasks:
            for ind in task.indicators:
                seqs.setdefault(ind.id, []).append(seq)
        indicators = [(rows[i], s) for i, s in sorted(seqs.items(), key=lambda kv: rows[kv[0]].seq)]
        xhtml = render(
            env,
            "plan/department.html.j2",
            meta=lp.plan.meta,
            plan=lp.plan,
            department=dept.name,
            tasks=tasks,
            led=led,
            supported=supported,
            indicators=indicators,
            base_year=lp.plan.meta.base,
        )
        shown = env.finalize(dept.name) if env.finalize else dept.name  # the document's script
        docs.append(Rendered(str(shown), path, xhtml, lp.plan.meta.date, path.parent))
    return docs


def render_report(
    path: Path, env: jinja2.Environment, src: source.Source | None = None
) -> Rendered:
    """The evaluation report: computed tables, sentences and the progress chart."""
    from plangen.compute.review import review
    from plangen.load.monitoring import load_monitoring
    from plangen.render.chart import progress_chart

    lm = load_monitoring(path, src)
    locale = lm.plan.plan.meta.locale
    env = for_document(env, locale, lm.plan.source, lm.source)
    result = review(lm)
    labels = {k: to_locale(v, locale) if isinstance(v, str) else v for k, v in _labels(env).items()}
    numeric = [
        (r.indicator.name, r.evaluation.progress)
        for r in result.results
        if r.evaluation.progress is not None
    ]
    resources = {}
    if numeric:
        resources[CHART] = progress_chart(numeric, result.elapsed, labels)
    xhtml = render(
        env,
        "report/document.html.j2",
        meta=lm.plan.plan.meta,
        plan=lm.plan.plan,
        monitoring=lm.data.monitoring,
        data=lm.data,
        review=result,
        chart=CHART if numeric else None,
        chart_caption=labels["caption"],
    )
    return Rendered(
        lm.name, path, xhtml, lm.data.monitoring.date, path.parent, resources, kind="report"
    )


def _labels(env: jinja2.Environment) -> dict:
    folders = [Path(p) for p in env.loader.searchpath]  # type: ignore[union-attr]
    return source.load(find(folders, "report/chart.yaml")).data


def review_table(plan_path: Path, monitoring_path: Path):
    """The previous plan's 规划目标完成情况, computed from its final monitoring data."""
    from plangen.compute.review import review
    from plangen.load.monitoring import load_monitoring

    lm = load_monitoring(monitoring_path)
    if lm.plan.path.resolve() != plan_path.resolve():
        from plangen.errors import PlanError

        raise PlanError.single(
            monitoring_path,
            _(
                "this monitoring file belongs to {owner}, not {plan}",
                owner=lm.plan.path,
                plan=plan_path,
            ),
            _("point review_table's plan: and monitoring: at matching files"),
        )
    return review(lm)
