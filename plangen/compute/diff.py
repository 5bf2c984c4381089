"""What changed between two drafts of a plan: meta, headings, indicators, tasks, departments.

Plain data for the diff templates; no wording here. Tasks are numbered as in the
task-division appendix (their position in `build_outline(lp).tasks`, from 1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from plangen.compute.outline import Node, SectionNode, TaskNode, base_text, build_outline, walk
from plangen.compute.worddiff import Piece, similarity, word_diff
from plangen.load.model import Indicator
from plangen.load.plan import LoadedPlan, iter_tasks

# Tasks without a common id or title are the same task when their title and text
# share at least this share of tokens (tests/compute/test_diff.py pins it down).
SIMILAR = 0.6

META_FIELDS = ("title", "status", "date", "period", "doc_number", "issuer", "region")
INDICATOR_FIELDS = ("name", "domain", "unit", "base", "target", "nature")


@dataclass
class FieldChange:
    """One field, old value → new value (templates format dates and periods)."""

    field: str
    old: object
    new: object


@dataclass
class IndicatorItem:
    """An added or removed indicator with its base and target as the table prints them."""

    indicator: Indicator
    base: str
    target: str


@dataclass
class IndicatorChange:
    old: Indicator
    new: Indicator
    fields: list[FieldChange]


@dataclass
class NumberedTask:
    """A task node with its number in the task-division appendix and where it stands."""

    seq: int
    node: TaskNode
    place: str  # title of the innermost section (or chapter) holding the task
    id: str | None = None


@dataclass
class TaskPair:
    """The same task in both drafts, with what changed about it."""

    old: NumberedTask
    new: NumberedTask
    matched_by: str  # "id", "title" or "text"
    title: list[Piece] = field(default_factory=list)
    text: list[Piece] = field(default_factory=list)
    moved: bool = False  # out of order, not merely renumbered by insertions/removals
    lead: list[Piece] = field(default_factory=list)
    support: list[Piece] = field(default_factory=list)

    @property
    def renumbered(self) -> bool:
        return self.old.seq != self.new.seq

    @property
    def reworded(self) -> bool:
        return any(p.op != "same" for p in (*self.title, *self.text))

    @property
    def reassigned(self) -> bool:
        return bool(self.reassignments)

    @property
    def reassignments(self) -> list[tuple[str, list[Piece]]]:
        """("lead" or "support", names kept/removed/added) for each role that changed."""
        return [
            (role, names)
            for role, names in (("lead", self.lead), ("support", self.support))
            if any(p.op != "same" for p in names)
        ]


@dataclass
class HeadingChange:
    kind: str  # "added", "removed" or "retitled"
    old: Node | None
    new: Node | None
    title: list[Piece] = field(default_factory=list)


@dataclass
class PlanDiff:
    """Every change from the old draft to the new one."""

    meta: list[FieldChange]
    headings: list[HeadingChange]
    indicators_added: list[IndicatorItem]
    indicators_removed: list[IndicatorItem]
    indicators_changed: list[IndicatorChange]
    tasks_added: list[NumberedTask]
    tasks_removed: list[NumberedTask]
    tasks: list[TaskPair]
    old_tasks: int = 0  # how many tasks each draft has
    new_tasks: int = 0

    @property
    def tasks_reworded(self) -> list[TaskPair]:
        return [t for t in self.tasks if t.reworded]

    @property
    def tasks_renumbered(self) -> list[TaskPair]:
        """Moved tasks first (deliberate), then those shifted by other changes."""
        return sorted(
            (t for t in self.tasks if t.renumbered), key=lambda t: (not t.moved, t.new.seq)
        )

    @property
    def tasks_reassigned(self) -> list[TaskPair]:
        return [t for t in self.tasks if t.reassigned]

    @property
    def counts(self) -> dict[str, int]:
        """How many changes of each kind, for the summary."""
        return {
            "meta": len(self.meta),
            "headings": len(self.headings),
            "indicators_added": len(self.indicators_added),
            "indicators_removed": len(self.indicators_removed),
            "indicators_changed": len(self.indicators_changed),
            "tasks_added": len(self.tasks_added),
            "tasks_removed": len(self.tasks_removed),
            "tasks_reworded": len(self.tasks_reworded),
            "tasks_renumbered": len(self.tasks_renumbered),
            "tasks_moved": sum(t.moved for t in self.tasks),
            "tasks_reassigned": len(self.tasks_reassigned),
        }

    @property
    def empty(self) -> bool:
        return not any(self.counts.values())


def diff_plans(old: LoadedPlan, new: LoadedPlan) -> PlanDiff:
    """Compare two loaded drafts of a plan."""
    old_outline, new_outline = build_outline(old), build_outline(new)
    added, removed, changed = diff_indicators(old, new)
    old_tasks = numbered_tasks(old, old_outline.tasks)
    new_tasks = numbered_tasks(new, new_outline.tasks)
    pairs, tasks_added, tasks_removed = match_tasks(old_tasks, new_tasks)
    _mark_moved(pairs)
    same_name = _department_alias(old, new)
    for pair in pairs:
        pair.title = word_diff(pair.old.node.title, pair.new.node.title)
        pair.text = word_diff(pair.old.node.text, pair.new.node.text)
        pair.lead = list_diff(
            [same_name(d) for d in pair.old.node.all_lead], pair.new.node.all_lead
        )
        pair.support = list_diff(
            [same_name(d) for d in pair.old.node.all_support], pair.new.node.all_support
        )
    return PlanDiff(
        diff_meta(old, new),
        diff_headings(old_outline.chapters, new_outline.chapters),
        added,
        removed,
        changed,
        tasks_added,
        tasks_removed,
        pairs,
        len(old_tasks),
        len(new_tasks),
    )


def diff_meta(old: LoadedPlan, new: LoadedPlan) -> list[FieldChange]:
    """Title, status, date, period… that differ."""
    return [
        FieldChange(name, a, b)
        for name in META_FIELDS
        if (a := getattr(old.plan.meta, name)) != (b := getattr(new.plan.meta, name))
    ]


def diff_indicators(
    old: LoadedPlan, new: LoadedPlan
) -> tuple[list[IndicatorItem], list[IndicatorItem], list[IndicatorChange]]:
    """Indicators added, removed and changed; matched by id, then by name."""
    olds, news = old.plan.indicators, new.plan.indicators
    pairs = _pair(olds, news, [lambda i: i.id, lambda i: i.name])
    changed = []
    for a, b in pairs:
        fields = [
            FieldChange(f, x, y)
            for f in INDICATOR_FIELDS
            if (x := _indicator_text(old, a, f)) != (y := _indicator_text(new, b, f))
        ]
        if fields:
            changed.append(IndicatorChange(a, b, fields))
    matched_old = {id(a) for a, _ in pairs}
    matched_new = {id(b) for _, b in pairs}
    return (
        [_item(new, i) for i in news if id(i) not in matched_new],
        [_item(old, i) for i in olds if id(i) not in matched_old],
        changed,
    )


def _item(lp: LoadedPlan, ind: Indicator) -> IndicatorItem:
    return IndicatorItem(ind, base_text(lp, ind), lp.targets[ind.id].text)


def _indicator_text(lp: LoadedPlan, ind: Indicator, name: str) -> str:
    if name == "base":
        return base_text(lp, ind)
    if name == "target":
        return lp.targets[ind.id].text
    return str(getattr(ind, name) or "")


def numbered_tasks(lp: LoadedPlan, tasks: list[TaskNode]) -> list[NumberedTask]:
    """Tasks in document order, numbered as in the appendix, with their place and id."""
    sources = list(iter_tasks(lp.plan))
    return [
        NumberedTask(seq, node, _place(lp, path_), task.id)
        for seq, ((path_, task), node) in enumerate(zip(sources, tasks, strict=True), 1)
    ]


def _place(lp: LoadedPlan, path_: tuple) -> str:
    """The title of the innermost heading above the block at path_."""
    holder = lp.plan.chapters[path_[1]]
    title = holder.title
    for i in path_[3:-1:2]:  # ("chapters", c, "body", i, "body", j, …): the sections on the way
        holder = holder.body[i]
        title = holder.section
    return title


def match_tasks(
    old: list[NumberedTask], new: list[NumberedTask]
) -> tuple[list[TaskPair], list[NumberedTask], list[NumberedTask]]:
    """One-to-one: same id when both have one, else same title, else similar wording."""
    pairs: list[TaskPair] = []
    left, right = list(old), list(new)

    def take(how: str, found: list[tuple[NumberedTask, NumberedTask]]) -> None:
        for a, b in found:
            pairs.append(TaskPair(a, b, how))
            left.remove(a)
            right.remove(b)

    take("id", _pair(left, right, [lambda t: t.id]))
    comparable = [(a, b) for a in left for b in right if not (a.id and b.id)]
    take("title", _pair_among(comparable, lambda a, b: a.node.title == b.node.title))
    comparable = [(a, b) for a, b in comparable if a in left and b in right]
    scored = sorted(
        ((similarity(_words(a), _words(b), SIMILAR), a.seq, b.seq, a, b) for a, b in comparable),
        key=lambda s: (-s[0], s[1], s[2]),
    )
    take(
        "text",
        _pair_among(
            [(a, b) for score, _, _, a, b in scored if score >= SIMILAR], lambda a, b: True
        ),
    )
    pairs.sort(key=lambda p: p.new.seq)
    return pairs, right, left


def _words(task: NumberedTask) -> str:
    return task.node.title + "\n" + task.node.text


def _pair(olds: list, news: list, keys: list[Callable]) -> list[tuple]:
    """Match items by each key in turn (skipping empty keys), one-to-one, in list order."""
    pairs: list[tuple] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for key in keys:
        free_new: dict[object, list] = {}
        for b in news:
            if id(b) not in used_new and key(b):
                free_new.setdefault(key(b), []).append(b)
        for a in olds:
            if id(a) in used_old or not key(a) or not free_new.get(key(a)):
                continue
            b = free_new[key(a)].pop(0)
            pairs.append((a, b))
            used_old.add(id(a))
            used_new.add(id(b))
    return pairs


def _pair_among(candidates: list[tuple], accept: Callable) -> list[tuple]:
    """Greedy one-to-one pairs from candidates in their given order of preference."""
    out, used_old, used_new = [], set(), set()
    for a, b in candidates:
        if id(a) in used_old or id(b) in used_new or not accept(a, b):
            continue
        out.append((a, b))
        used_old.add(id(a))
        used_new.add(id(b))
    return out


def _mark_moved(pairs: list[TaskPair]) -> None:
    """Tasks outside the longest run kept in order moved; the rest only shifted."""
    by_old = sorted(pairs, key=lambda p: p.old.seq)
    keep = _longest_increasing([p.new.seq for p in by_old])
    for k, pair in enumerate(by_old):
        pair.moved = k not in keep


def _longest_increasing(values: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence (O(n²), n is small)."""
    if not values:
        return set()
    best = [1] * len(values)
    prev = [-1] * len(values)
    for i, v in enumerate(values):
        for j in range(i):
            if values[j] < v and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    i = max(range(len(values)), key=lambda k: (best[k], -k))
    out = set()
    while i != -1:
        out.add(i)
        i = prev[i]
    return out


def _department_alias(old: LoadedPlan, new: LoadedPlan) -> Callable[[str], str]:
    """Old canonical name → the new draft's canonical name when its registry knows it."""

    def same(name: str) -> str:
        dept = new.registry.resolve(name)
        return dept.name if dept else name

    return same


def list_diff(old: list[str], new: list[str]) -> list[Piece]:
    """Names kept, removed and added; order alone is not a change."""
    kept = [Piece("same", n) for n in new if n in old]
    gone = [Piece("del", n) for n in old if n not in new]
    came = [Piece("ins", n) for n in new if n not in old]
    return kept + gone + came


def diff_headings(old: list[Node], new: list[Node]) -> list[HeadingChange]:
    """Chapter and section headings added, removed or retitled, aligned in order."""
    from difflib import SequenceMatcher

    a, b = list(_headings(old)), list(_headings(new))
    keys_a = [(n.depth, n.title) for n in a]
    keys_b = [(n.depth, n.title) for n in b]
    out: list[HeadingChange] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        if tag == "replace" and [n.depth for n in olds] == [n.depth for n in news]:
            out += [
                HeadingChange("retitled", x, y, word_diff(x.title, y.title))
                for x, y in zip(olds, news, strict=True)
            ]
            continue
        out += [HeadingChange("removed", x, None) for x in olds]
        out += [HeadingChange("added", None, y) for y in news]
    return out


def _headings(chapters: list[SectionNode]) -> Iterator[Node]:
    for chapter in chapters:
        yield chapter
        yield from (n for n in walk(chapter.children) if isinstance(n, SectionNode))
