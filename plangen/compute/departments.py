"""Each department's share of the plan: the tasks it leads or supports, and their indicators."""

from __future__ import annotations

from dataclasses import dataclass

from plangen.compute.outline import Outline, Row, TaskNode, indicator_table
from plangen.load.plan import LoadedPlan


@dataclass
class DepartmentList:
    """One department's tasks (with their plan-wide sequence numbers) and indicators."""

    department: str
    tasks: list[tuple[int, TaskNode]]
    led: list[TaskNode]
    supported: list[TaskNode]
    indicators: list[tuple[Row, list[TaskNode]]]  # each with the tasks advancing it


def department_lists(lp: LoadedPlan, outline: Outline) -> list[DepartmentList]:
    """One list per department that leads or supports a task, in registry order."""
    numbered = list(enumerate(outline.tasks, start=1))
    rows = {row.indicator.id: row for row in indicator_table(lp, "", []).rows}
    lists = []
    for dept in lp.plan.departments:
        tasks = [(seq, t) for seq, t in numbered if dept.name in t.involved]
        if not tasks:
            continue
        advanced: dict[str, list[TaskNode]] = {}
        for _, task in tasks:
            for ind in task.indicators:
                advanced.setdefault(ind.id, []).append(task)
        lists.append(
            DepartmentList(
                dept.name,
                tasks,
                led=[t for _, t in tasks if dept.name in t.all_lead],
                supported=[t for _, t in tasks if dept.name not in t.all_lead],
                indicators=[
                    (rows[i], ts)
                    for i, ts in sorted(advanced.items(), key=lambda kv: rows[kv[0]].seq)
                ],
            )
        )
    return lists
