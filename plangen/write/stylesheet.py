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
    problems: list[Problem] = []
    merged = _merge(source.load(shipped_path).data, src.data, src, (), problems)
    if not problems:
        problems += _font_roles(merged, src)
    if problems:
        raise PlanError(problems)
    merged[USER_FILE] = src.file
    return merged


def _merge(default: Any, given: Any, src: source.Source, at: tuple, problems: list) -> Any:
    if isinstance(default, dict):
        if not isinstance(given, dict):
            problems.append(
                src.problem(
                    at,
                    _("expected keys with values"),
                    _("write keys with values here (key: value)"),
                )
            )
            return default
        out = dict(default)
        for key, value in given.items():
            out[key] = (
                _merge(default[key], value, src, (*at, key), problems) if key in default else value
            )
        return out
    if isinstance(default, list) and not isinstance(given, list):
        problems.append(
            src.problem(at, _("expected a list"), _("write a list here: one `- item` per line"))
        )
        return default
    return given


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
