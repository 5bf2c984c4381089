"""`plangen diff`: two drafts loaded, compared and rendered as the 修改对照说明."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plangen.compute.diff import diff_plans
from plangen.errors import PlanError, Problem
from plangen.load import source
from plangen.load.plan import LoadedPlan, load_plan
from plangen.messages import _
from plangen.render.document import Rendered, render_diff
from plangen.render.environment import make_environment


def load_draft(path: Path) -> LoadedPlan:
    """A plan draft; a monitoring file is refused with a hint rather than misread."""
    src = source.load(path)
    if src.kind == source.MONITORING:
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


def revisions(
    old_path: Path, new_path: Path, templates: Path | None = None, author: str | None = None
) -> tuple[str, bytes]:
    """The new draft as DOCX with its changes against the old as Word revisions, and its
    name (NAME-revisions). Author: the new draft's issuer unless given; date: its date."""
    from plangen.pipeline.build import produce, render_file
    from plangen.write.revisions import revisions_docx

    _old, new = load_drafts(old_path, new_path)
    docx = []
    for path in (old_path, new_path):
        rendered = render_file(path, templates)
        docx.append(next(iter(produce(rendered, Path("."), ["docx"], templates).values())))
    when = dt.datetime.combine(new.plan.meta.date, dt.time())
    who = author or new.plan.meta.issuer
    return f"{new.name}-revisions", revisions_docx(docx[0], docx[1], who, when)


def compare(old_path: Path, new_path: Path, templates: Path | None = None) -> Rendered:
    """The comparison of new against old, named after the new draft: NAME-diff."""
    old, new = load_drafts(old_path, new_path)
    return render_diff(old, new, diff_plans(old, new), make_environment(templates))
