"""Turn pydantic's errors into Problems that point at the YAML line to fix."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from plangen.errors import PlanError, Problem
from plangen.load.source import Path_, Source

_TAGS = {"paragraph", "section", "task", "box", "enumerate", "indicator_table", "review_table"}


def validate(src: Source, model: type[BaseModel]) -> Any:
    """Validate source data against a model, raising every problem with its position."""
    if not isinstance(src.data, dict):
        raise PlanError([src.problem((), "the file must be a mapping of keys such as meta:, "
                                     "indicators:, chapters:",
                                     "see docs/plan-format.md for the layout")])
    try:
        return model.model_validate(src.data)
    except ValidationError as exc:
        vocabulary = _field_names(model)
        problems = [_problem(src, err, vocabulary) for err in exc.errors()]
        raise PlanError(_dedupe(problems)) from None


def data_path(data: Any, loc: tuple) -> Path_:
    """Map pydantic's loc (with union tags) onto the path of the data it came from."""
    path: list = []
    node = data
    prev_int = False
    for part in loc:
        if prev_int and part in _TAGS:
            prev_int = False
            continue
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
            prev_int = False
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
            prev_int = True
        elif isinstance(node, dict | list):
            if isinstance(part, str) and isinstance(node, dict) and not _is_member(part):
                path.append(part)  # a missing key: report at its parent
                break
            continue
        else:
            break
    return tuple(path)


def _is_member(part: str) -> bool:
    return part[:1].isupper() or part in ("str", "int", "float", "bool") or "[" in part


def _problem(src: Source, err: dict, vocabulary: list[str]) -> Problem:
    loc = tuple(err["loc"])
    path = data_path(src.data, loc)
    kind = err["type"]
    key = path[-1] if path and isinstance(path[-1], str) else None
    where = _describe(path)
    if kind == "missing":
        name = loc[-1]
        return src.problem(path[:-1] if path and path[-1] == name else path,
                           f"{where}: missing required key '{name}'",
                           f"add `{name}:` here (see docs/plan-format.md)")
    if kind == "extra_forbidden":
        near = difflib.get_close_matches(str(key), vocabulary, n=1, cutoff=0.6)
        hint = f"did you mean '{near[0]}'?" if near else "remove it or check its spelling"
        return src.problem(path, f"{_describe(path[:-1])}: unknown key '{key}'", hint, key=True)
    if kind == "block_kind":
        value = _at(src.data, path)
        keys = list(value) if isinstance(value, dict) else []
        near = [m for k in keys for m in difflib.get_close_matches(
            str(k), sorted(_TAGS - {"paragraph"}), n=1, cutoff=0.5)]
        hint = (f"did you mean '{near[0]}:'?" if near else
                "write a paragraph as plain text, or start the block with section:, task:, "
                "box:, enumerate:, indicator_table: or review_table:")
        return src.problem(path, f"{where}: unknown kind of block "
                           f"(keys: {', '.join(map(str, keys)) or 'none'})", hint)
    value = _at(src.data, path)
    shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    if len(shown) > 40:
        shown = shown[:37] + "..."
    msg = err["msg"].removeprefix("Value error, ")
    return src.problem(path, f"{where}: {msg} (got {shown})", _hint_for(kind))


def _hint_for(kind: str) -> str:
    return {
        "string_type": "write text here",
        "int_type": "write a whole number here",
        "int_parsing": "write a whole number here",
        "float_type": "write a number here",
        "float_parsing": "write a number here",
        "list_type": "write a list here: one `- item` per line",
        "model_type": "write keys with values here (key: value)",
        "dict_type": "write keys with values here (key: value)",
        "literal_error": "use one of the listed values",
        "string_pattern_mismatch": "ids use Latin letters, digits and _ and start with a letter",
        "date_from_datetime_parsing": "write the date as 2022-06-13",
        "date_parsing": "write the date as 2022-06-13",
        "date_type": "write the date as 2022-06-13",
        "too_short": "add at least one entry",
        "string_too_short": "write some text here",
    }.get(kind, "see docs/plan-format.md")


def _describe(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set = set()
    out = []
    for p in problems:
        key = (p.line, p.column, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _field_names(model: type[BaseModel], seen: set | None = None) -> list[str]:
    seen = set() if seen is None else seen
    if model in seen:
        return []
    seen.add(model)
    names = list(model.model_fields)
    for f in model.model_fields.values():
        for sub in _models_in(f.annotation):
            names += _field_names(sub, seen)
    return sorted(set(names))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    found = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.append(annotation)
    for arg in getattr(annotation, "__args__", ()) or ():
        found += _models_in(arg)
    for meta in getattr(annotation, "__metadata__", ()) or ():
        found += _models_in(meta)
    return found
