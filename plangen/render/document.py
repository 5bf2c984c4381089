"""Render a loaded plan or report into the semantic XHTML document."""

from __future__ import annotations

import jinja2

from plangen.compute.outline import build_outline
from plangen.load.plan import LoadedPlan
from plangen.render.environment import render


def render_plan(lp: LoadedPlan, env: jinja2.Environment, reviews: dict | None = None) -> str:
    """The plan as semantic XHTML: content and order decided by plan/document.html.j2."""
    outline = build_outline(lp, reviews)
    return render(env, "plan/document.html.j2", meta=lp.plan.meta, plan=lp.plan,
                  outline=outline)
