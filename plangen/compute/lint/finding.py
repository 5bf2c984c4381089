"""A lint finding: a located problem that also names the rule that found it."""

from __future__ import annotations

from dataclasses import dataclass

from plangen.errors import Problem


@dataclass(frozen=True)
class Finding(Problem):
    """Printed as file:line:col: [rule-code] message, then the fix line."""

    code: str = ""

    def __str__(self) -> str:
        return str(
            Problem(self.file, self.line, self.column, f"[{self.code}] {self.message}", self.hint)
        )
