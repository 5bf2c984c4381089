"""What adopting a plan gives: the plan as data, and notes for the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Note:
    """A line of the adopt report: text not placed, or a guess the reader should check."""

    where: str
    kind: str  # "unplaced" | "guess"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Adopted:
    """The plan as plain data, ready for YAML, with notes and counts of what was found."""

    plan: dict[str, Any]
    notes: list[Note] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
