"""Turn pydantic's errors into Problems that point at the YAML line to fix."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from plangen.errors import PlanError, Problem
from plangen.load.model import BLOCK_KEYS, Invalid
from plangen.load.source import Path_, Source
from plangen.messages import _

_TAGS = {"paragraph", *BLOCK_KEYS}


def validate(src: Source, model: type[BaseModel]) -> Any:
    """Validate source data against a model, raising every problem with its position."""
    if not isinstance(src.data, dict):
        raise PlanError(
            [
                src.problem(
                    (),
                    _("the file must be a mapping of keys such as meta:, indicators:, chapters:"),
                    _("see docs/plan-format.md for the layout"),
                )
            ]
        )
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
        parent = path[:-1] if path and path[-1] == name else path
        return src.problem(
            parent,
            _("{where}: missing required key '{name}'", where=_describe(parent), name=name),
            _("add `{name}:` here (see docs/plan-format.md)", name=name),
        )
    if kind == "extra_forbidden":
        near = difflib.get_close_matches(str(key), vocabulary, n=1, cutoff=0.6)
        hint = (
            _("did you mean '{name}'?", name=near[0])
            if near
            else _("remove it or check its spelling")
        )
        return src.problem(
            path,
            _("{where}: unknown key '{key}'", where=_describe(path[:-1]), key=key),
            hint,
            key=True,
        )
    if kind == "block_kind":
        value = _at(src.data, path)
        keys = list(value) if isinstance(value, dict) else []
        near = [
            m
            for k in keys
            for m in difflib.get_close_matches(str(k), sorted(BLOCK_KEYS), n=1, cutoff=0.5)
        ]
        hint = (
            _("did you mean '{name}:'?", name=near[0])
            if near
            else _(
                "write a paragraph as plain text, or start the block with section:, task:, "
                "box:, enumerate:, indicator_table:, review_table:, table: or completion_table:"
            )
        )
        return src.problem(
            path,
            _(
                "{where}: unknown kind of block (keys: {keys})",
                where=where,
                keys=", ".join(map(str, keys)) or "-",
            ),
            hint,
        )
    found = err.get("ctx", {}).get("error")
    if isinstance(found, Invalid):  # our validators' own findings, placed below the field
        path = data_path(src.data, loc + found.at)
        where = _describe(path)
    value = key if loc[-1:] == ("[key]",) else _at(src.data, path)
    message, hint = _EXPECTED.get(kind, (None, None))
    if kind == "literal_error":
        what = _("expected one of {options}", options=err.get("ctx", {}).get("expected", ""))
    elif isinstance(found, Invalid):
        what = _(found.message, **found.values)
    elif message:
        what = _(message)
    else:
        what = err["msg"].removeprefix("Value error, ")
    fix = _(hint) if hint else _("see docs/plan-format.md")
    if isinstance(found, Invalid) and found.fix:
        fix = _(found.fix)
    if isinstance(value, dict):  # a mapping printed whole helps nobody
        return src.problem(path, _("{where}: {what}", where=where, what=what), fix)
    shown = repr(value) if not isinstance(value, list) else f"[{', '.join(map(str, value))}]"
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return src.problem(
        path,
        _("{where}: {what} (got {value})", where=where, what=what, value=shown),
        fix,
        key=loc[-1:] == ("[key]",),
    )


# pydantic error type → (what is wrong, how to fix it); msgids of the catalogs.
_EXPECTED = {
    "string_type": ("expected text", "write text here"),
    "int_type": ("expected a whole number", "write a whole number here"),
    "int_parsing": ("expected a whole number", "write a whole number here"),
    "int_from_float": ("expected a whole number", "write a whole number here"),
    "float_type": ("expected a number", "write a number here"),
    "float_parsing": ("expected a number", "write a number here"),
    "bool_type": ("expected true or false", "write true or false"),
    "bool_parsing": ("expected true or false", "write true or false"),
    "list_type": ("expected a list", "write a list here: one `- item` per line"),
    "model_type": ("expected keys with values", "write keys with values here (key: value)"),
    "model_attributes_type": (
        "expected keys with values",
        "write keys with values here (key: value)",
    ),
    "dict_type": ("expected keys with values", "write keys with values here (key: value)"),
    "literal_error": (None, "use one of the listed values"),
    "string_pattern_mismatch": (
        "not a valid id or name",
        "ids use Latin letters, digits and _ and start with a letter",
    ),
    "date_from_datetime_parsing": ("not a valid date", "write the date as 2022-06-13"),
    "date_parsing": ("not a valid date", "write the date as 2022-06-13"),
    "date_type": ("not a valid date", "write the date as 2022-06-13"),
    "too_short": ("needs at least one entry", "add at least one entry"),
    "string_too_short": ("must not be empty", "write some text here"),
    "greater_than_equal": ("number too small", "see docs/plan-format.md"),
    "less_than_equal": ("number too large", "see docs/plan-format.md"),
    "value_error": (None, "see docs/plan-format.md"),
    "tuple_type": ("expected two years", "write the period as 2021-2025"),
}


def _describe(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or _("file")


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
