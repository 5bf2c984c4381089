"""`plangen validate` and `plangen lint`: load and check, writing nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plangen.compute.outline import build_outline
from plangen.load import source
from plangen.load.plan import load_plan
from plangen.messages import _
from plangen.pipeline.reviews import plan_reviews

if TYPE_CHECKING:
    from plangen.compute.lint import Finding


def check(path: Path) -> str:
    """A one-line summary of a valid plan or monitoring file; PlanError otherwise."""
    src = source.load(path)
    if src.kind == source.MONITORING:
        from plangen.load.monitoring import load_monitoring  # plans need none of it

        lm = load_monitoring(path, src)
        return _(
            "valid monitoring data for {plan} ({indicators} indicators, {tasks} tasks)",
            plan=lm.plan.path.name,
            indicators=len(lm.data.indicators),
            tasks=len(lm.data.tasks),
        )
    lp = load_plan(path, src)
    outline = build_outline(lp, plan_reviews(path, lp))  # referenced files, as build reads them
    return _(
        "valid ({chapters} chapters, {tasks} tasks, {boxes} boxes, {indicators} indicators)",
        chapters=len(outline.chapters),
        tasks=len(outline.tasks),
        boxes=len(outline.boxes),
        indicators=len(lp.plan.indicators),
    )


def lint_file(path: Path) -> list[Finding] | None:
    """Findings for a plan file; None for monitoring data. Invalid plans raise PlanError."""
    from plangen.compute.lint import lint_plan  # its word lists are loaded by lint only

    src = source.load(path)
    if src.kind == source.MONITORING:
        return None
    return lint_plan(load_plan(path, src))
