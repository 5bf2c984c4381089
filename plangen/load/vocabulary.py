"""The fixed words of plans and reports, defined once: natures, statuses, task states.

Python compares against these values; what a document prints for them lives in
the templates (report/labels.html.j2), so wording changes never touch code.
"""

from __future__ import annotations

from typing import Literal, get_args

# 指标性质 as plans write it (model.Indicator.nature).
Nature = Literal["预期性", "约束性", "指导性", "倡导性"]
NATURES: tuple[str, ...] = get_args(Nature)
BINDING: Nature = "约束性"

# Evaluation status of an indicator (compute/evaluate.py; a monitoring file may set one).
Status = Literal["achieved", "on_track", "behind", "reversed", "not_assessable"]
STATUSES: tuple[str, ...] = get_args(Status)
LAGGING: tuple[Status, ...] = ("behind", "reversed")

# Progress of a task as monitoring files report it.
TaskState = Literal["已完成", "推进中", "滞后", "未启动"]
TASK_STATES: tuple[str, ...] = get_args(TaskState)
