"""Number the plan: headings by depth, tasks, 专栏 and tables, as one tree.

Templates receive this tree and never count anything themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from plangen import formula as formulas
from plangen.load.model import (
    INDICATOR_COLUMNS,
    Box,
    BoxItem,
    CompletionTable,
    Enumerate,
    Indicator,
    IndicatorTable,
    ReviewTable,
    Section,
    Table,
    Task,
)
from plangen.load.plan import LoadedPlan
from plangen.load.targets import TargetSyntaxError, format_number, parse_target

TOLERANCE = 0.05  # a 左右 target is met within ±5%, as in monitoring files by default


@dataclass
class Node:
    """One numbered block of the document; `kind` tells templates which one."""

    kind: ClassVar[str]
    depth: int = 0
    number: int = 0
    title: str = ""
    text: str = ""
    anchor: str = ""
    children: list[Node] = field(default_factory=list)


@dataclass
class ParagraphNode(Node):
    kind: ClassVar[str] = "paragraph"


@dataclass
class SectionNode(Node):
    """A chapter (depth 1) or a numbered heading below it."""

    kind: ClassVar[str] = "section"


@dataclass
class Units:
    """A unit list: canonical department names, lead first, and phrases printed as written."""

    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)
    last_collective: bool = False  # the last department is a group such as 各街道
    note: bool = False  # the first unit list of the document: carries meta.department_note

    @property
    def departments(self) -> list[str]:
        return [*self.lead, *self.support]


@dataclass
class TaskParagraphNode(Units):
    text: str = ""


@dataclass
class TaskNode(Units, Node):
    """A numbered task: its own unit list, and paragraphs each with theirs."""

    kind: ClassVar[str] = "task"
    deadline: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    paragraphs: list[TaskParagraphNode] = field(default_factory=list)
    ref: list[tuple[int, int]] = field(default_factory=list)  # (depth, number) down to it
    all_lead: list[str] = field(default_factory=list)  # leads of the task and its paragraphs
    all_support: list[str] = field(default_factory=list)

    @property
    def involved(self) -> list[str]:
        """Every department with a part in the task, in any of its paragraphs."""
        return [*self.all_lead, *self.all_support]


@dataclass
class BoxNode(Node):
    """A 专栏: title and (head, text) items."""

    kind: ClassVar[str] = "box"
    items: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class EnumerationNode(Node):
    """A lead sentence followed by 一是…二是… items."""

    kind: ClassVar[str] = "enumerate"
    items: list[str] = field(default_factory=list)


@dataclass
class IndicatorTableNode(Node):
    kind: ClassVar[str] = "indicator_table"
    table: IndicatorTableView | None = None


@dataclass
class ReviewTableNode(Node):
    """The previous plan's completion table; `table` is its computed review."""

    kind: ClassVar[str] = "review_table"
    table: Any = None


@dataclass
class Cell:
    """One cell of a written table; span 0 means merged into the cell above."""

    text: str
    span: int = 1


@dataclass
class TableNode(Node):
    """A written table (表N): header, rows of cells with their spans, notes."""

    kind: ClassVar[str] = "table"
    header: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class CompletionRowView:
    domain: Cell
    name: str
    unit: str
    target: str
    result: str
    done: bool | None  # None: neither given nor comparable by number


@dataclass
class CompletionTableNode(Node):
    """The previous period's 规划目标完成情况 as written, with 是否完成 judged."""

    kind: ClassVar[str] = "completion_table"
    rows: list[CompletionRowView] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def walk(nodes: list[Node]) -> Iterator[Node]:
    """Every node below nodes, depth first: the one walk diff, review and lint share."""
    for node in nodes:
        yield node
        yield from walk(node.children)


@dataclass
class Row:
    """One indicator row with its display values and cell spans (0 = merged away)."""

    seq: int
    indicator: Indicator
    base_text: str
    target_text: str
    derived: bool
    spans: dict[str, int] = field(default_factory=dict)


@dataclass
class IndicatorTableView:
    title: str
    rows: list[Row]
    base_year: int
    target_year: int
    columns: list[str] = field(default_factory=list)  # shown columns, in order
    headers: dict[str, str] = field(default_factory=dict)  # the plan's own header wording


@dataclass
class Outline:
    """The whole plan, numbered, ready for templates."""

    chapters: list[SectionNode]
    tasks: list[TaskNode]
    boxes: list[BoxNode]
    tables: list[Node]


class _Counter:
    def __init__(self, continuous: bool):
        self.continuous = continuous
        self.task = 0
        self.box = 0
        self.table = 0
        self.section = 0


def build_outline(lp: LoadedPlan, reviews: dict[int, Any] | None = None) -> Outline:
    """Number every heading, task, box and table of the plan."""
    counter = _Counter(lp.plan.meta.task_numbering == "continuous")
    tasks: list[TaskNode] = []
    boxes: list[BoxNode] = []
    tables: list[Node] = []
    reviews = reviews or {}

    def walk(blocks: list, depth: int, trail: list[tuple[int, int]]) -> list[Node]:
        out: list[Node] = []
        section_no = 0
        if not counter.continuous and any(isinstance(b, Task) for b in blocks):
            counter.task = 0
        for block in blocks:
            if isinstance(block, str):
                out.append(ParagraphNode(depth, text=block))
            elif isinstance(block, Section):
                section_no += 1
                counter.section += 1
                node = SectionNode(
                    depth + 1,
                    section_no,
                    block.section,
                    block.text or "",
                    anchor=f"section-{counter.section}",
                )
                if block.body:
                    node.children = walk(block.body, depth + 1, [*trail, (depth + 1, section_no)])
                out.append(node)
            elif isinstance(block, Task):
                counter.task += 1
                node = _task(lp, block, counter.task, depth, len(tasks) + 1)
                node.ref = [*trail, (max(depth + 1, 3), counter.task)]
                tasks.append(node)
                out.append(node)
            elif isinstance(block, Box):
                counter.box += 1
                items = [
                    (i.head, i.text) if isinstance(i, BoxItem) else ("", i) for i in block.body
                ]
                node = BoxNode(
                    depth, counter.box, block.box, anchor=f"box-{counter.box}", items=items
                )
                boxes.append(node)
                out.append(node)
            elif isinstance(block, Enumerate):
                out.append(
                    EnumerationNode(depth, text=block.lead or "", items=list(block.enumerate))
                )
            elif isinstance(block, IndicatorTable):
                counter.table += 1
                node = IndicatorTableNode(
                    depth,
                    counter.table,
                    block.indicator_table,
                    anchor=f"table-{counter.table}",
                    table=indicator_table(
                        lp, block.indicator_table, block.merge, block.columns, block.headers
                    ),
                )
                tables.append(node)
                out.append(node)
            elif isinstance(block, Table | CompletionTable):
                counter.table += 1
                node = _written_table(block, depth, counter.table)
                tables.append(node)
                out.append(node)
            elif isinstance(block, ReviewTable):
                counter.table += 1
                node = ReviewTableNode(
                    depth,
                    counter.table,
                    block.review_table,
                    anchor=f"table-{counter.table}",
                    table=reviews.get(id(block)),
                )
                tables.append(node)
                out.append(node)
        return out

    chapters = []
    for n, chapter in enumerate(lp.plan.chapters, start=1):
        if not counter.continuous:
            counter.task = 0
        node = SectionNode(1, n, chapter.title, anchor=f"chapter-{n}")
        node.children = walk(chapter.body, 1, [(1, n)])
        chapters.append(node)
    _mark_first_unit_list(tasks)
    return Outline(chapters, tasks, boxes, tables)


def _mark_first_unit_list(tasks: list[TaskNode]) -> None:
    """meta.department_note is said once, in the document's first unit list."""
    for task in tasks:
        for holder in (task, *task.paragraphs):
            if holder.departments or holder.also:
                holder.note = True
                return


def _task(lp: LoadedPlan, task: Task, number: int, depth: int, seq: int) -> TaskNode:
    by_id = {ind.id: ind for ind in lp.plan.indicators}
    own = _units(lp, task.lead, task.support, task.also)
    paragraphs = [
        TaskParagraphNode(**vars(_units(lp, p.lead, p.support, p.also)), text=p.text)
        for p in task.paragraphs
    ]
    leads = list(dict.fromkeys(n for u in (own, *paragraphs) for n in u.lead))
    supports = [
        n for n in dict.fromkeys(n for u in (own, *paragraphs) for n in u.support) if n not in leads
    ]
    return TaskNode(
        **vars(own),
        depth=depth,
        number=number,
        title=task.task,
        text=task.text,
        anchor=f"task-{seq}",
        deadline=task.deadline or "",
        indicators=[by_id[i] for i in task.indicators],
        paragraphs=paragraphs,
        all_lead=leads,
        all_support=supports,
    )


def _units(lp: LoadedPlan, lead: list[str], support: list[str], also: list[str]) -> Units:
    """Canonical names, each once (a short and a full name of one department are one)."""
    resolved_lead = [lp.registry.resolve(n) for n in lead]
    resolved_support = [lp.registry.resolve(n) for n in support]
    depts = [d for d in (*resolved_lead, *resolved_support) if d is not None]
    leads = list(dict.fromkeys(d.name for d in resolved_lead if d))
    supports = [n for n in dict.fromkeys(d.name for d in resolved_support if d) if n not in leads]
    return Units(leads, supports, list(also), bool(depts) and depts[-1].collective)


def _written_table(
    block: Table | CompletionTable, depth: int, number: int
) -> TableNode | CompletionTableNode:
    anchor = f"table-{number}"
    if isinstance(block, Table):
        merged = [block.header.index(name) for name in block.merge]
        rows = [[Cell(_cell_text(v)) for v in row] for row in block.rows]
        for col in merged:
            _merge_down([row[col] for row in rows])
        return TableNode(
            depth, number, block.table, anchor=anchor, header=list(block.header), rows=rows,
            notes=list(block.notes),
        )  # fmt: skip
    views = [
        CompletionRowView(
            Cell(r.domain),
            r.name,
            r.unit,
            _cell_text(r.target),
            _cell_text(r.result),
            r.done if r.done is not None else completed(r.target, r.result),
        )
        for r in block.rows
    ]
    _merge_down([v.domain for v in views])
    return CompletionTableNode(
        depth, number, block.completion_table, anchor=anchor, rows=views,
        headers=dict(block.headers), notes=list(block.notes),
    )  # fmt: skip


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def _merge_down(cells: list[Cell]) -> None:
    """Equal neighbouring cells of one column become one cell spanning their rows."""
    start = 0
    for i in range(1, len(cells) + 1):
        if i < len(cells) and cells[i].text == cells[start].text and cells[i].text:
            continue
        cells[start].span = i - start
        for c in cells[start + 1 : i]:
            c.span = 0
        start = i


def completed(target: object, result: object) -> bool | None:
    """Whether a reported result meets its written target, when both read as numbers."""
    try:
        goal = parse_target(target if isinstance(target, str | int | float) else "")
        value = result if isinstance(result, int | float) else parse_target(str(result)).value
        reported = isinstance(result, int | float) or parse_target(str(result)).kind == "eq"
    except TargetSyntaxError:
        return None
    if goal.value is None or value is None or not reported or isinstance(result, bool):
        return None
    from plangen.compute.evaluate import target_met  # validate needs no evaluation

    return target_met(goal, float(value), goal.direction, TOLERANCE)


def derived_value(
    lp: LoadedPlan, ind: Indicator, data: dict[str, float] | None = None
) -> float | None:
    """An indicator's value computed by its formula from baseline (or given) data."""
    if ind.formula is None:
        return None
    values = data if data is not None else {k: d.value for k, d in lp.plan.baseline.items()}
    value = formulas.evaluate(ind.formula, values)
    if value is None:
        return None
    return float(format_number(value, ind.decimals if ind.decimals is not None else 2))


def base_text(lp: LoadedPlan, ind: Indicator) -> str:
    """The base value as the table shows it: computed, as written, or empty for none."""
    if ind.formula is not None:
        value = derived_value(lp, ind)
        if value is None:
            return ""
        return format_number(value, ind.decimals if ind.decimals is not None else 2)
    if ind.base is None:
        return ""
    return lp.bases[ind.id].text


def indicator_table(
    lp: LoadedPlan,
    title: str,
    merge: list[str],
    columns: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> IndicatorTableView:
    """Rows with display text and rowspans for domains and merged columns."""
    rows = [
        Row(i + 1, ind, base_text(lp, ind), lp.targets[ind.id].text, ind.formula is not None)
        for i, ind in enumerate(lp.plan.indicators)
    ]
    mergeable = {
        "domain": lambda r: r.indicator.domain,
        "target": lambda r: r.target_text,
        "nature": lambda r: r.indicator.nature,
        "unit": lambda r: r.indicator.unit,
    }
    for name, key in mergeable.items():
        merged = name == "domain" or name in merge
        for row in rows:
            row.spans[name] = 1
        if not merged:
            continue
        start = 0
        for i in range(1, len(rows) + 1):
            same_group = (
                i < len(rows)
                and key(rows[i]) == key(rows[start])
                and (name == "domain" or rows[i].indicator.domain == rows[start].indicator.domain)
            )
            if not same_group:
                rows[start].spans[name] = i - start
                for r in rows[start + 1 : i]:
                    r.spans[name] = 0
                start = i
    meta = lp.plan.meta
    return IndicatorTableView(
        title, rows, meta.base, meta.end, columns or list(INDICATOR_COLUMNS), headers or {}
    )
