"""The previous plan's reviews a plan's review_table blocks show, for build and validate.

Apart from build.py so that `plangen validate` reads them without importing the renderer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plangen.errors import PlanError
from plangen.load.model import ReviewTable
from plangen.load.plan import LoadedPlan, iter_blocks
from plangen.messages import _

if TYPE_CHECKING:
    from plangen.compute.review import Review


def plan_reviews(path: Path, lp: LoadedPlan) -> dict[int, Review]:
    """Every review_table's computed review, by block id; validate runs this as build does."""
    return {
        id(b): review_table(path.parent / b.plan, path.parent / b.monitoring)
        for _, b in iter_blocks(lp.plan)
        if isinstance(b, ReviewTable)
    }


def review_table(plan_path: Path, monitoring_path: Path) -> Review:
    """The previous plan's 规划目标完成情况, computed from its final monitoring data."""
    # Imported here: most plans have no review table, and validate starts faster without.
    from plangen.compute.review import review
    from plangen.load.monitoring import load_monitoring

    lm = load_monitoring(monitoring_path)
    if lm.plan.path.resolve() != plan_path.resolve():
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
