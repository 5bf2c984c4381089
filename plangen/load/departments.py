"""The department registry: one canonical name, any number of short forms."""

from __future__ import annotations

import difflib

from plangen.load.model import Department


class Registry:
    """Resolves the names tasks use to the departments a plan declares."""

    def __init__(self, departments: list[Department]):
        self.departments = departments
        self._by_name: dict[str, Department] = {}
        for dept in departments:
            for name in (dept.name, *dept.short):
                self._by_name.setdefault(name, dept)

    def clashes(self) -> list[tuple[int, str]]:
        """Names declared twice, with the index of the second declaration."""
        seen: set[str] = set()
        out = []
        for i, dept in enumerate(self.departments):
            for name in (dept.name, *dept.short):
                if name in seen:
                    out.append((i, name))
                seen.add(name)
        return out

    def resolve(self, name: str) -> Department | None:
        return self._by_name.get(name)

    def suggest(self, name: str) -> str | None:
        """The known name closest to a misspelt one."""
        near = difflib.get_close_matches(name, list(self._by_name), n=1, cutoff=0.5)
        if not near:
            return None
        return self._by_name[near[0]].name
