"""Load a plan file: parse, validate types, then check what types cannot."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from plangen import formula as formulas
from plangen.errors import PlanError, Problem
from plangen.load import plausible, refs, source
from plangen.load.departments import Registry
from plangen.load.model import Block, IndicatorTable, Plan, ReviewTable, Section, Task
from plangen.load.source import Path_, Source
from plangen.load.targets import Target, TargetSyntaxError, parse_target, text_target
from plangen.load.validate import validate
from plangen.messages import _

# Examples of written targets shown in hints (they are the plans' own notation).
TARGET_FORMS = (
    "81.5, ≥2.1, ＜3, 82岁以上, 4‰以下, ≤9/10万, 30左右, 80%—90%, 保持100%, 控制在22以下, "
    "提高到35%以上, 1：1.2, 力争每年降低1个百分点, 国家级5个/省级12个"
)


@dataclass
class LoadedPlan:
    """A valid plan with its source positions and parsed targets."""

    path: Path
    plan: Plan
    source: Source
    registry: Registry
    targets: dict[str, Target]
    bases: dict[str, Target | None]

    @property
    def name(self) -> str:
        return self.plan.meta.name or self.path.stem


def load_plan(path: Path, src: Source | None = None) -> LoadedPlan:
    """Load and fully check a plan, raising PlanError with every problem found."""
    src = src or source.load(path)
    if isinstance(src.data, dict) and "monitoring" in src.data:
        raise PlanError(
            [
                src.problem(
                    ("monitoring",),
                    _("this is a monitoring file, not a plan"),
                    _(
                        "use `plangen build` or `plangen validate` on it; "
                        "they recognise monitoring files"
                    ),
                )
            ]
        )
    plan = validate(src, Plan)
    return check_plan(path, plan, src)


def check_plan(path: Path, plan: Plan, src: Source) -> LoadedPlan:
    """Cross-field checks: ids, departments, targets, formulas, referenced files."""
    registry = Registry(plan.departments)
    targets, bases, problems = _read_targets(plan, src)
    problems += _department_clashes(registry, src)
    problems += _indicator_ids(plan, src)
    problems += _task_references(plan, src, registry)
    problems += _task_ids(plan, src)
    problems += _placed_blocks(path, plan, src)
    if problems:
        raise PlanError(problems)
    return LoadedPlan(path, plan, src, registry, targets, bases)


def _department_clashes(registry: Registry, src: Source) -> list[Problem]:
    return [
        src.problem(
            ("departments", i),
            _("department name '{name}' is declared twice", name=name),
            _("keep one declaration; list other spellings under short:"),
        )
        for i, name in registry.clashes()
    ]


def _indicator_ids(plan: Plan, src: Source) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, ind in enumerate(plan.indicators):
        if ind.id in seen:
            line = src.where(("indicators", seen[ind.id], "id"))[0]
            problems.append(
                src.problem(
                    ("indicators", i, "id"),
                    _(
                        "duplicate indicator id '{id}' (first used at line {line})",
                        id=ind.id,
                        line=line,
                    ),
                    _("give every indicator its own id"),
                )
            )
        seen.setdefault(ind.id, i)
    return problems


def _read_targets(
    plan: Plan, src: Source
) -> tuple[dict[str, Target], dict[str, Target | None], list[Problem]]:
    """Every target and base parsed as written, and every formula checked."""
    targets: dict[str, Target] = {}
    bases: dict[str, Target | None] = {}
    problems: list[Problem] = []
    for i, ind in enumerate(plan.indicators):
        at = ("indicators", i)
        if (ind.target is None) == (ind.target_text is None):
            problems.append(
                src.problem(
                    (*at, "target_text") if ind.target_text is not None else at,
                    _("an indicator needs one target: target: or target_text:"),
                    _(
                        "write target: as plans do ({forms}); use target_text: only for "
                        "a wording to print as written and judge by hand",
                        forms=TARGET_FORMS,
                    ),
                )
            )
            continue
        if ind.target_text is not None:
            targets[ind.id] = text_target(ind.target_text)
        else:
            try:
                targets[ind.id] = parse_target(ind.target)
            except TargetSyntaxError:
                problems.append(
                    src.problem(
                        (*at, "target"),
                        _("cannot read target '{target}'", target=ind.target),
                        _(
                            "write it as plans do: {forms}, or words without numbers "
                            "such as 达国家要求; or put the wording under target_text: "
                            "to print it as written",
                            forms=TARGET_FORMS,
                        ),
                    )
                )
        try:
            bases[ind.id] = None if ind.base is None else parse_target(ind.base)
        except TargetSyntaxError:
            problems.append(
                src.problem(
                    (*at, "base"),
                    _("cannot read base value '{base}'", base=ind.base),
                    _("write a number, a written value such as 25左右, or null for '-'"),
                )
            )
        problems += _check_formula(src, at, ind.formula, ind.base, plan.baseline)
        problems += plausible.value_problems(src, (*at, "base"), ind, ind.base)
    for name, datum in plan.baseline.items():
        problems += plausible.negative_datum(src, ("baseline", name, "value"), name, datum.value)
    values = {name: datum.value for name, datum in plan.baseline.items()}
    problems += plausible.zero_divisors(src, plan.indicators, values, ("baseline",))
    return targets, bases, problems


def _task_references(plan: Plan, src: Source, registry: Registry) -> list[Problem]:
    """Indicator ids and department names a task names must exist."""
    ids = [ind.id for ind in plan.indicators]
    problems: list[Problem] = []
    for path_, task in iter_tasks(plan):
        for j, ref in enumerate(task.indicators):
            if ref not in ids:
                near = difflib.get_close_matches(ref, ids, n=1)
                hint = (
                    _("did you mean '{name}'?", name=near[0])
                    if near
                    else _("list ids from indicators:")
                )
                problems.append(
                    src.problem(
                        (*path_, "indicators", j), _("unknown indicator id '{id}'", id=ref), hint
                    )
                )
        holders = [(path_, task)]
        holders += [((*path_, "paragraphs", k), p) for k, p in enumerate(task.paragraphs)]
        for where, holder in holders:
            problems += _unknown_departments(src, registry, where, holder.lead, holder.support)
    return problems


def _unknown_departments(
    src: Source, registry: Registry, where: Path_, lead: list[str], support: list[str]
) -> list[Problem]:
    problems: list[Problem] = []
    for role, names in (("lead", lead), ("support", support)):
        for j, name in enumerate(names):
            if registry.resolve(name) is not None:
                continue
            near = registry.suggest(name)
            hint = (
                _("did you mean '{name}'?", name=near)
                if near
                else _(
                    "add it to departments: (with its short forms); a phrase such as "
                    "各区人民政府分别负责 goes under also:"
                )
            )
            problems.append(
                src.problem((*where, role, j), _("unknown department '{name}'", name=name), hint)
            )
    return problems


def _task_ids(plan: Plan, src: Source) -> list[Problem]:
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for path_, task in iter_tasks(plan):
        if task.id is None:
            continue
        if task.id in first_line:
            problems.append(
                src.problem(
                    (*path_, "id"),
                    _(
                        "duplicate task id '{id}' (first used at line {line})",
                        id=task.id,
                        line=first_line[task.id],
                    ),
                    _("give every task its own id"),
                )
            )
        first_line.setdefault(task.id, src.where((*path_, "id"))[0])
    return problems


def _placed_blocks(path: Path, plan: Plan, src: Source) -> list[Problem]:
    """Tables placed in the text need their data: indicators, or the files they name."""
    problems: list[Problem] = []
    for path_, block in iter_blocks(plan):
        if isinstance(block, IndicatorTable) and not plan.indicators:
            problems.append(
                src.problem(
                    path_,
                    _("indicator_table is placed but the plan has no indicators"),
                    _("add indicators: or remove this block"),
                )
            )
        if isinstance(block, ReviewTable):
            for key in ("plan", "monitoring"):
                ref = path.parent / getattr(block, key)
                if refs.outside(path.parent, getattr(block, key)):
                    problems.append(
                        refs.boundary_problem(src, (*path_, key), path.parent, getattr(block, key))
                    )
                elif not refs.is_file(ref):
                    problems.append(
                        src.problem(
                            (*path_, key),
                            _("file not found: {path}", path=ref),
                            _("give the path relative to this plan"),
                        )
                    )
    return problems


def _check_formula(
    src: Source, at: Path_, formula: str | None, base: object, baseline: dict
) -> list[Problem]:
    if formula is None:
        return []
    if base is not None:
        return [
            src.problem(
                (*at, "base"),
                _("an indicator has either base: or formula:, not both"),
                _("remove base: to compute it from baseline data"),
            )
        ]
    try:
        needed = formulas.names(formula)
    except formulas.FormulaError as exc:
        return [
            src.problem(
                (*at, "formula"),
                _("formula '{formula}': {reason}", formula=formula, reason=_(str(exc))),
                _("write e.g. doctors / population * 1000"),
            )
        ]
    out = []
    for name in needed:
        if name not in baseline:
            near = difflib.get_close_matches(name, list(baseline), n=1)
            hint = (
                _("did you mean '{name}'?", name=near[0])
                if near
                else _("add {name}: to baseline:", name=name)
            )
            out.append(
                src.problem(
                    (*at, "formula"),
                    _("formula names '{name}', which is not in baseline data", name=name),
                    hint,
                )
            )
    return out


def iter_blocks(plan: Plan) -> Iterator[tuple[Path_, Block]]:
    """Every block of the plan, depth first, with its data path."""

    def walk(blocks: list, prefix: Path_) -> Iterator[tuple[Path_, Block]]:
        for i, block in enumerate(blocks):
            here = (*prefix, i)
            yield here, block
            if isinstance(block, Section) and block.body:
                yield from walk(block.body, (*here, "body"))

    for c, chapter in enumerate(plan.chapters):
        yield from walk(chapter.body, ("chapters", c, "body"))


def iter_tasks(plan: Plan) -> Iterator[tuple[Path_, Task]]:
    for path_, block in iter_blocks(plan):
        if isinstance(block, Task):
            yield path_, block
