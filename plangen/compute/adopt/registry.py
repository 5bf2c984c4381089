"""The departments a plan names, with short forms grouped under their full names."""

from __future__ import annotations

import re
from typing import Any

from plangen.compute.adopt.result import Note
from plangen.load.adopt.document import words
from plangen.messages import _


def is_contraction(short: str, full: str) -> bool:
    """区卫健局 of 区卫生健康局: same first and last character, the rest in order."""
    if len(short) >= len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def build_registry(
    names: list[str], where: dict[str, str]
) -> tuple[list[dict[str, Any]], list[Note]]:
    """Registry entries in order of first mention; a contraction becomes a short form."""
    collective = words()["units"]["collective_names"]
    unique = list(dict.fromkeys(names))
    shorts: dict[str, list[str]] = {}
    notes: list[Note] = []
    short_of: dict[str, str] = {}
    for name in unique:
        fulls = [f for f in unique if f != name and is_contraction(name, f)]
        if fulls:
            full = max(fulls, key=len)
            short_of[name] = full
            shorts.setdefault(full, []).append(name)
            notes.append(
                Note(
                    where.get(name, ""),
                    "guess",
                    _("'{short}' taken as a short form of '{full}'", short=name, full=full),
                )
            )
    entries: list[dict[str, Any]] = []
    for name in unique:
        if name in short_of:
            continue
        entry: dict[str, Any] = {"name": name}
        if name in shorts:
            entry["short"] = shorts[name]
        if re.search(collective, name):
            entry["collective"] = True
        entries.append(entry)
    return entries, notes
