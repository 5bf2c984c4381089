"""The lint rules: each takes the plan's context and returns its findings."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from plangen.compute.lint.finding import Finding
from plangen.compute.lint.mentions import (
    StatementReader,
    find_mentions,
    iter_statements,
    name_pattern,
)
from plangen.compute.lint.texts import Text, iter_texts, sentences
from plangen.compute.lint.words import Words
from plangen.load.model import Indicator, Section
from plangen.load.plan import LoadedPlan, iter_tasks
from plangen.load.source import Path_
from plangen.load.targets import fold_width, format_number
from plangen.load.vocabulary import BINDING
from plangen.messages import _

NUMBER_MISMATCH = "number-mismatch"
UNUSED_INDICATOR = "unused-indicator"
BINDING_WITHOUT_TASK = "binding-without-task"
TASK_WITHOUT_DEPARTMENT = "task-without-department"
DEPARTMENT_TWO_FORMS = "department-two-forms"
UNIT_INCONSISTENT = "unit-inconsistent"
CODES = (
    NUMBER_MISMATCH,
    UNUSED_INDICATOR,
    BINDING_WITHOUT_TASK,
    TASK_WITHOUT_DEPARTMENT,
    DEPARTMENT_TWO_FORMS,
    UNIT_INCONSISTENT,
)

COMPARABLE = ("ge", "gt", "le", "lt", "eq", "approx")  # targets with one plain number


@dataclass
class Context:
    """What every rule needs: the plan, its texts and name patterns."""

    lp: LoadedPlan
    words: Words
    texts: list[Text] = field(default_factory=list)
    full: dict[str, tuple[Indicator, re.Pattern]] = field(default_factory=dict)
    short: dict[str, tuple[Indicator, re.Pattern]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.texts = list(iter_texts(self.lp))
        for ind in self.lp.plan.indicators:
            name = fold_width(ind.name)
            self.full[ind.id] = (ind, re.compile(name_pattern(name, self.words)))
            self.short[ind.id] = (ind, re.compile(name_pattern(name, self.words, short=True)))

    def patterns_for(self, text: Text) -> dict[str, tuple[Indicator, re.Pattern]]:
        """Name patterns; indicators a task lists may also appear in a shorter form."""
        if text.task is None or not text.task.indicators:
            return self.full
        return {**self.full, **{i: self.short[i] for i in text.task.indicators if i in self.short}}

    def finding(self, code: str, path: Path_, message: str, hint: str, offset: int = 0) -> Finding:
        line, col = self.lp.source.char_at(path, offset)
        return Finding(self.lp.source.file, line, col, message, hint, code)

    def in_the_past(self, text: Text) -> bool:
        """Text under a chapter or section that reports results (规划背景, 发展基础…)."""
        return any(
            word in title
            for title in _titles_above(self.lp, text.path)
            for word in self.words.past_titles
        )

    def name_line(self, ind: Indicator) -> int:
        index = self.lp.plan.indicators.index(ind)
        return self.lp.source.where(("indicators", index, "name"))[0]


def _titles_above(lp: LoadedPlan, path: Path_) -> list[str]:
    """Titles of the chapter and sections holding the value at path."""
    if len(path) < 2 or path[0] != "chapters":
        return []
    holder: object = lp.plan.chapters[path[1]]
    titles = [holder.title]
    for i in path[3::2]:  # ("chapters", c, "body", i, "body", j, …)
        body = getattr(holder, "body", None)
        if not isinstance(i, int) or not body or i >= len(body):
            break
        holder = body[i]
        if isinstance(holder, Section):
            titles.append(holder.section)
    return titles


def number_mismatch(ctx: Context) -> list[Finding]:
    """Targets restated in running text that contradict the indicator table, or its year."""
    out: list[Finding] = []
    reader = StatementReader(ctx.words)
    meta = ctx.lp.plan.meta
    for text in ctx.texts:
        if ctx.in_the_past(text):
            continue
        folded = fold_width(text.value)
        mentions = find_mentions(folded, ctx.patterns_for(text))
        years_seen: set[int | None] = set()
        for mention, st in iter_statements(folded, mentions, reader, sentences(folded)):
            ind = mention.indicator
            if st.year is not None and st.year <= meta.base:
                continue  # a value of the present, not a target
            if st.year is not None and st.year != meta.end:
                if st.year_at in years_seen:
                    continue  # one finding per written year, however many targets follow
                years_seen.add(st.year_at)
                out.append(
                    ctx.finding(
                        NUMBER_MISMATCH,
                        text.path,
                        _(
                            "target year {year} for '{name}' differs from the plan's end year {end}",  # noqa: E501
                            year=st.year,
                            name=ind.name,
                            end=meta.end,
                        ),
                        _(
                            "the indicator table holds targets for {end}; correct the year, or "
                            "leave this milestone out of the sentence",
                            end=meta.end,
                        ),
                        st.year_at,
                    )
                )
                continue
            target = ctx.lp.targets.get(ind.id)
            if target is None or target.kind not in COMPARABLE or target.value is None:
                continue
            if abs(st.number - target.value) > 1e-9:
                out.append(
                    ctx.finding(
                        NUMBER_MISMATCH,
                        text.path,
                        _(
                            "'{name}' is given as {number} here, but the indicator table's target "
                            "is {target}",
                            name=ind.name,
                            number=format_number(st.number),
                            target=target.text,
                        ),
                        _(
                            "make the text and the table agree (table row at line {line})",
                            line=ctx.name_line(ind),
                        ),
                        st.number_at,
                    )
                )
            elif st.side and target.direction and st.side != target.direction:
                out.append(
                    ctx.finding(
                        NUMBER_MISMATCH,
                        text.path,
                        _(
                            "'{name}' is bounded the other way here than in the indicator table "
                            "({target})",
                            name=ind.name,
                            target=target.text,
                        ),
                        _(
                            "make the text and the table agree (table row at line {line})",
                            line=ctx.name_line(ind),
                        ),
                        st.number_at,
                    )
                )
    return out


def unit_in_text(ctx: Context) -> list[Finding]:
    """A target restated with a unit that is not the table's (6.5人 for a unit of 张)."""
    out: list[Finding] = []
    reader = StatementReader(ctx.words)
    for text in ctx.texts:
        folded = fold_width(text.value)
        mentions = find_mentions(folded, ctx.patterns_for(text))
        for mention, st in iter_statements(folded, mentions, reader, sentences(folded)):
            ind = mention.indicator
            target = ctx.lp.targets.get(ind.id)
            if (
                not st.unit
                or not ind.unit
                or target is None
                or target.kind not in COMPARABLE
                or (st.year is not None and st.year <= ctx.lp.plan.meta.base)
            ):
                continue
            if not _same_unit(ctx.words, st.unit, ind):
                out.append(
                    ctx.finding(
                        UNIT_INCONSISTENT,
                        text.path,
                        _(
                            "'{name}' is given in {unit} here, but the indicator table's unit is "
                            "{table_unit}",
                            name=ind.name,
                            unit=st.unit,
                            table_unit=ind.unit,
                        ),
                        _(
                            "write the target in {table_unit}, or correct the unit in the table",
                            table_unit=ind.unit,
                        ),
                        st.number_at,
                    )
                )
    return out


def _same_unit(w: Words, written: str, ind: Indicator) -> bool:
    """Equal after spelling groups; 人 also matches a table unit 人/千人口."""
    mine = w.canonical_unit(written, ind.name)
    table = ind.unit.strip()
    candidates = {table}
    head = table.split("/")[0]
    if "/" in table and head:
        candidates.add(head)
    return any(mine == w.canonical_unit(c, ind.name) for c in candidates)


def unit_spellings(ctx: Context) -> list[Finding]:
    """One unit spelt two ways across the indicator table (% and ％, ‰ and 千分之)."""
    uses: dict[tuple[str, ...], list[tuple[int, Indicator]]] = defaultdict(list)
    for i, ind in enumerate(ctx.lp.plan.indicators):
        group = ctx.words.group_of(ind.unit.strip(), ind.name)
        if group:
            uses[group.spellings].append((i, ind))
    out: list[Finding] = []
    for members in uses.values():
        counts = Counter(ind.unit.strip() for _i, ind in members)
        if len(counts) < 2:
            continue
        usual, times = counts.most_common(1)[0]
        for i, ind in members:
            unit = ind.unit.strip()
            if unit != usual:
                out.append(
                    ctx.finding(
                        UNIT_INCONSISTENT,
                        ("indicators", i, "unit"),
                        _(
                            "unit '{unit}' of '{name}' is written '{usual}' by {count} other "
                            "indicator(s)",
                            unit=unit,
                            name=ind.name,
                            usual=usual,
                            count=times,
                        ),
                        _("write '{usual}' here too", usual=usual),
                    )
                )
    return out


def referenced_indicators(ctx: Context) -> set[str]:
    """Ids of indicators a task lists under indicators: or names in its title or text."""
    used: set[str] = set()
    for _path, task in iter_tasks(ctx.lp.plan):
        used.update(task.indicators)
    for text in ctx.texts:
        if text.task is not None:
            used.update(
                m.indicator.id
                for m in find_mentions(fold_width(text.value), ctx.patterns_for(text))
            )
    return used


def unused_indicators(ctx: Context) -> list[Finding]:
    """Indicators no task refers to; a 约束性 one is reported as binding-without-task only."""
    used = referenced_indicators(ctx)
    out: list[Finding] = []
    for i, ind in enumerate(ctx.lp.plan.indicators):
        if ind.id in used:
            continue
        if ind.nature == BINDING:
            out.append(
                ctx.finding(
                    BINDING_WITHOUT_TASK,
                    ("indicators", i, "name"),
                    _("binding indicator '{name}' is not referred to by any task", name=ind.name),
                    _(
                        "a binding target needs a task that carries it: list indicators: [{id}] "
                        "on that task, or name the indicator in its text",
                        id=ind.id,
                    ),
                )
            )
        else:
            out.append(
                ctx.finding(
                    UNUSED_INDICATOR,
                    ("indicators", i, "name"),
                    _("indicator '{name}' is not referred to by any task", name=ind.name),
                    _(
                        "list indicators: [{id}] on the task that advances it, or name the "
                        "indicator in that task's text",
                        id=ind.id,
                    ),
                )
            )
    return out


def tasks_without_department(ctx: Context) -> list[Finding]:
    """Tasks that nobody is responsible for."""
    return [
        ctx.finding(
            TASK_WITHOUT_DEPARTMENT,
            (*path, "task"),
            _("task '{task}' names no lead or support department", task=task.task),
            _("add lead: [department] (and support: for the others involved)"),
        )
        for path, task in iter_tasks(ctx.lp.plan)
        if not any(u.lead or u.support or u.also for u in (task, *task.paragraphs))
    ]


def department_forms(ctx: Context) -> list[Finding]:
    """One department written in two forms across tasks: the rarer form is reported."""
    places: dict[str, list[tuple[str, Path_]]] = defaultdict(list)
    for path, task in iter_tasks(ctx.lp.plan):
        for role in ("lead", "support"):
            for j, name in enumerate(getattr(task, role)):
                dept = ctx.lp.registry.resolve(name)
                if dept is not None:
                    places[dept.name].append((name, (*path, role, j)))
    out: list[Finding] = []
    for canonical, found in places.items():
        counts = Counter(name for name, _p in found)
        if len(counts) < 2:
            continue
        usual = max(counts, key=lambda n: (counts[n], n == canonical))
        for name, path in found:
            if name != usual:
                out.append(
                    ctx.finding(
                        DEPARTMENT_TWO_FORMS,
                        path,
                        _(
                            "'{name}' is written here, but '{usual}' in {count} other place(s) for "
                            "the same department",
                            name=name,
                            usual=usual,
                            count=counts[usual],
                        ),
                        _(
                            "write one form throughout, preferably the full name '{canonical}'",
                            canonical=canonical,
                        ),
                    )
                )
    return out


RULES = (
    number_mismatch,
    unused_indicators,
    tasks_without_department,
    department_forms,
    unit_spellings,
    unit_in_text,
)
