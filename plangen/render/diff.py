"""Render the comparison of two drafts (`plangen diff`) into the semantic XHTML document."""

from __future__ import annotations

from pathlib import Path

import jinja2

from plangen.compute.diff import diff_plans
from plangen.errors import PlanError, Problem
from plangen.load import source
from plangen.load.plan import LoadedPlan, load_plan
from plangen.messages import _
from plangen.render.document import Rendered, for_document
from plangen.render.environment import render


def load_draft(path: Path) -> LoadedPlan:
    """A plan draft; a monitoring file is refused with a hint rather than misread."""
    src = source.load(path)
    if isinstance(src.data, dict) and "monitoring" in src.data:
        raise PlanError(
            [
                src.problem(
                    ("monitoring",),
                    _("this is a monitoring file; plangen diff compares two drafts of a plan"),
                    _("give the old draft's and the new draft's plan files"),
                )
            ]
        )
    return load_plan(path, src)


def load_drafts(old: Path, new: Path) -> tuple[LoadedPlan, LoadedPlan]:
    """Both drafts, reporting the problems of both in one pass."""
    problems: list[Problem] = []
    loaded: list[LoadedPlan] = []
    for path in (old, new):
        try:
            loaded.append(load_draft(path))
        except PlanError as exc:
            problems += exc.problems
    if problems:
        raise PlanError(problems)
    return loaded[0], loaded[1]


def render_diff(old_path: Path, new_path: Path, env: jinja2.Environment) -> Rendered:
    """The 修改对照说明 of new against old, named after the new draft: NAME-diff."""
    old, new = load_drafts(old_path, new_path)
    env = for_document(env, new.plan.meta.locale, old.source, new.source)
    xhtml = render(
        env, "diff/document.html.j2", old=old.plan, new=new.plan, diff=diff_plans(old, new)
    )
    return Rendered(
        f"{new.name}-diff", new_path, xhtml, new.plan.meta.date, new_path.parent, kind="diff"
    )
