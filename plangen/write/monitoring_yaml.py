"""`plangen import`: put a filled workbook's values into monitoring YAML.

An existing file is edited in place with ruamel's round trip, so comments, key
order and number spellings (81.40) survive and only changed values move. A
missing file is created with a header. Either way the result must pass
load_monitoring before it replaces anything.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from plangen.load.plan import LoadedPlan
from plangen.load.xlsx import CellValue, Filled


def update_text(text: str, filled: Filled, lp: LoadedPlan) -> tuple[str, int]:
    """The monitoring YAML with the workbook's values merged in, and how many changed."""
    doc = _yaml().load(text)
    changes = _merge(doc, filled, lp)
    return _dump(doc), changes


def _merge(doc: CommentedMap, filled: Filled, lp: LoadedPlan) -> int:
    """Merge values, sources, raw data and task progress into doc; count what changed."""
    changes = 0
    if filled.values or filled.sources:
        indicators = _section(doc, "indicators", ("monitoring", "overview", "data"))
        order = [ind.id for ind in lp.plan.indicators]
        for key in order:
            if key in filled.values or key in filled.sources:
                entry = _entry(indicators, key, order)
                changes += _merge_series(
                    _entry(entry, "values", ["values", "source"], flow=True),
                    filled.values.get(key, {}),
                )
                note = filled.sources.get(key)
                if note and entry.get("source") != note:
                    _place(entry, "source", note, ["values", "source", "status", "evidence"])
                    changes += 1
    if filled.data:
        data = _section(doc, "data", ("monitoring", "overview"))
        order = list(lp.plan.baseline)
        for key, series in filled.data.items():
            changes += _merge_series(_entry(data, key, order, flow=True), series)
    if filled.tasks:
        tasks = _section(doc, "tasks", ("monitoring", "overview", "data", "indicators"))
        order = sorted({*tasks, *filled.tasks})
        for number, (status, progress) in sorted(filled.tasks.items()):
            entry = _entry(tasks, number, order)
            for key, value in (("status", status), ("progress", progress)):
                if value and entry.get(key) != value:
                    _place(entry, key, value, ["status", "progress"])
                    changes += 1
    for key, entries in filled.blocks.items():
        changes += _set_block(doc, key, entries)
    return changes


# Top-level keys in the order the format lists them; a new block goes after its predecessors.
_ORDER = (
    "monitoring",
    "districts",
    "overview",
    "data",
    "indicators",
    "tasks",
    "problems",
    "measures",
    "resources",
    "figures",
    "rankings",
    "adjustments",
    "responsibility",
)
_FLOW_ENTRIES = {"resources", "figures", "rankings"}  # one short line per entry


def _set_block(doc: CommentedMap, key: str, entries: list[dict[str, object]]) -> int:
    """Replace a list block (resources, figures, ...) by the workbook's; [] removes it."""
    if not entries:
        if key in doc:
            del doc[key]
            return 1
        return 0
    seq = doc.get(key)
    if isinstance(seq, CommentedSeq):
        seq.ca.items.clear()  # comments on old entries would now sit beside other ones
        del seq[:]
    else:
        seq = CommentedSeq()
        after = _ORDER[: _ORDER.index(key)]
        keys = list(doc)
        pos = max((keys.index(k) + 1 for k in after if k in keys), default=len(keys))
        if key in doc:
            doc[key] = seq
        else:
            doc.insert(pos, key, seq)
    for entry in entries:
        item = CommentedMap()
        for name, value in entry.items():
            if isinstance(value, list):
                value = CommentedSeq(value)
                value.fa.set_flow_style()
            item[name] = value
        if key in _FLOW_ENTRIES:
            item.fa.set_flow_style()
        seq.append(item)
    return len(entries)


def new_text(
    filled: Filled, lp: LoadedPlan, target: Path, cutoff: int, today: dt.date, book_name: str
) -> str:
    """A new monitoring file: header, then the workbook's data, values and task progress."""
    doc = CommentedMap()
    plan_ref = Path(os.path.relpath(lp.path.resolve(), target.resolve().parent)).as_posix()
    doc["monitoring"] = CommentedMap(
        plan=plan_ref,
        kind="final" if cutoff >= lp.plan.meta.end else "midterm",
        date=today,
        cutoff=cutoff,
    )
    doc.yaml_set_start_comment(
        f"Monitoring data imported from {book_name} by `plangen import`.\n"
        "Check kind and date (the day of the import) before building."
    )
    _merge(doc, filled, lp)
    return re.sub(r"(\n  [^\n]*)\n(?=[a-z])", r"\1\n\n", _dump(doc))  # blank line between sections


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold long Chinese paragraphs
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dump(doc: CommentedMap) -> str:
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


def _section(doc: CommentedMap, key: str, after: tuple[str, ...]) -> CommentedMap:
    """A top-level mapping, created after the sections that precede it in the format."""
    if not isinstance(doc.get(key), CommentedMap):
        keys = list(doc)
        pos = max((keys.index(k) + 1 for k in after if k in keys), default=len(keys))
        if key in doc:
            del doc[key]
            keys = list(doc)
            pos = min(pos, len(keys))
        doc.insert(pos, key, CommentedMap())
    return doc[key]


def _entry(mapping: CommentedMap, key: object, order: list, flow: bool = False) -> CommentedMap:
    """mapping[key] as a mapping, created in its place in order if missing or empty."""
    if not isinstance(mapping.get(key), CommentedMap):
        new = CommentedMap()
        if flow:
            new.fa.set_flow_style()
        if key in mapping:
            mapping[key] = new
        else:
            _place(mapping, key, new, order)
    return mapping[key]


def _place(mapping: CommentedMap, key: object, value: object, order: list) -> None:
    """Set key, inserting a new key before the first later key of order (else at the end)."""
    if key in mapping:
        mapping[key] = value
        return
    rank = {k: i for i, k in enumerate(order)}
    mine = rank.get(key, len(order))
    keys = list(mapping)
    later = [i for i, k in enumerate(keys) if rank.get(k, len(order)) > mine]
    if later:
        mapping.insert(later[0], key, value)
        return
    holder = _trailing_comment(mapping)
    mapping[key] = value
    if (
        holder is not None
        and isinstance(value, CommentedMap)
        and len(value)
        and not value.fa.flow_style()
    ):
        owner, last = holder
        value.ca.items[list(value)[-1]] = owner.ca.items.pop(last)


def _trailing_comment(node: object) -> tuple[CommentedMap, object] | None:
    """The mapping and key holding the comment (often blank lines) after node's last line."""
    found = None
    while isinstance(node, CommentedMap) and len(node):
        last = list(node)[-1]
        if last in node.ca.items:
            found = (node, last)
        node = node[last]
    return found


def _merge_series(series: CommentedMap, values: dict[int, CellValue]) -> int:
    """Set each year's value in place (years kept in order); unchanged values keep spelling."""
    changed = 0
    for year, value in sorted(values.items()):
        if year in series and _same(series[year], value):
            continue
        if year in series:
            series[year] = value
        else:
            pos = sum(1 for k in series if isinstance(k, int) and k < year)
            series.insert(pos, year, value)
        changed += 1
    return changed


def _same(old: object, new: CellValue) -> bool:
    if isinstance(old, int | float) and isinstance(new, int | float):
        return float(old) == float(new)
    return str(old).replace("：", ":").replace(" ", "") == str(new)
