"""Load the DOCX stylesheet (docx-styles.yaml) from the template search path.

A user's copy (-t DIR) may give only what it changes: the shipped file fills in
the rest key by key. What it gives must have the shipped shape (keys with values
where the shipped file has them, lists where it has lists, every style's font a
role of fonts:), reported at the line; a value the DOCX writer still cannot use
is reported against the file (see write_docx).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plangen.errors import PlanError, Problem
from plangen.load import source
from plangen.lookup import find, shipped_templates
from plangen.messages import _

NAME = "base/docx-styles.yaml"
USER_FILE = "_user_file"  # set in the returned table when a user's copy was merged in


def load_docx_styles(search: list[Path]) -> dict[str, Any]:
    """The stylesheet, a user's copy merged over the shipped one."""
    path = find(search, NAME)
    shipped_path = shipped_templates() / NAME
    src = source.load(path)
    if path.resolve() == shipped_path.resolve():
        return src.data
    shipped = source.load(shipped_path).data
    merge = _Merge(src, shipped)
    merged = merge(shipped, src.data, ())
    problems = merge.problems or _font_roles(merged, src)
    if problems:
        raise PlanError(problems)
    merged[USER_FILE] = src.file
    return merged


class _Merge:
    """A user's values over the shipped ones, each of a kind the shipped file gives its key."""

    def __init__(self, src: source.Source, shipped: dict[str, Any]):
        self.src = src
        self.problems: list[Problem] = []
        self.kinds: dict[str, set[str]] = {}
        self.words: dict[str, set[str]] = {}  # text where numbers go, e.g. line: single
        self._learn(shipped)

    def __call__(self, default: Any, given: Any, at: tuple) -> Any:
        if isinstance(default, dict):
            if not isinstance(given, dict):
                self._problem(at, "dict")
                return default
            out = dict(default)
            for key, value in given.items():
                if key in default:
                    out[key] = self(default[key], value, (*at, key))
                else:
                    self._check(value, (*at, key))
                    out[key] = value
            return out
        if isinstance(default, list) and not isinstance(given, list):
            self._problem(at, "list")
            return default
        self._check(given, at)
        return given

    def _learn(self, shipped: Any) -> None:
        if isinstance(shipped, dict):
            for key, value in shipped.items():
                if not isinstance(value, dict | list):
                    self.kinds.setdefault(str(key), set()).add(_kind(value))
                    if isinstance(value, str):
                        self.words.setdefault(str(key), set()).add(value)
                self._learn(value)

    def _check(self, given: Any, at: tuple) -> None:
        if isinstance(given, dict):
            for key, value in given.items():
                self._check(value, (*at, key))
            return
        key = str(at[-1]) if at else ""
        allowed = self.kinds.get(key)
        if allowed is None or isinstance(given, list):
            return
        kind = _kind(given)
        if kind == "str" and "number" in allowed and given not in self.words.get(key, set()):
            kind = "word"  # line: singel
        if kind not in allowed:
            self._problem(at, "number" if "number" in allowed else next(iter(sorted(allowed))))

    def _problem(self, at: tuple, kind: str) -> None:
        what, hint = {
            "dict": (_("expected keys with values"), _("write keys with values here (key: value)")),
            "list": (_("expected a list"), _("write a list here: one `- item` per line")),
            "number": (_("expected a number"), _("write a number here")),
            "bool": (_("expected true or false"), _("write true or false")),
        }.get(kind, (_("expected text"), _("write text here")))
        self.problems.append(self.src.problem(at, what, hint))


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def _font_roles(styles: dict[str, Any], src: source.Source) -> list[Problem]:
    """Each font role is [East Asian name, Latin name]; each style's font: names a role."""
    problems = []
    fonts = styles.get("fonts", {})
    for lang, roles in (("", fonts), *styles.get("fonts_by_language", {}).items()):
        where = ("fonts",) if not lang else ("fonts_by_language", lang)
        if not isinstance(roles, dict):
            problems.append(
                src.problem(
                    where,
                    _("expected keys with values"),
                    _("write keys with values here (key: value)"),
                )
            )
            continue
        for role, names in roles.items():
            if not (
                isinstance(names, list)
                and len(names) == 2
                and all(isinstance(n, str) for n in names)
            ):
                problems.append(
                    src.problem(
                        (*where, role),
                        _("expected [East Asian font, Latin font]"),
                        _("write two font names in brackets: [East Asian font, Latin font]"),
                    )
                )
    for group in ("paragraph", "character"):
        for name, style in styles.get(group, {}).items():
            if not isinstance(style, dict):
                problems.append(
                    src.problem(
                        (group, name),
                        _("expected keys with values"),
                        _("write keys with values here (key: value)"),
                    )
                )
            elif "font" in style and style["font"] not in fonts:
                problems.append(
                    src.problem(
                        (group, name, "font"),
                        _("unknown font role {role}", role=repr(style["font"])),
                        _("use one of {roles}", roles=", ".join(map(str, fonts))),
                    )
                )
    return problems
