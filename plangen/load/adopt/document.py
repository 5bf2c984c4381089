"""What the readers give the classifier: paragraphs and tables, each with its position."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

WORDS_FILE = Path(__file__).with_name("words.yaml")


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The patterns and words of Chinese plans (words.yaml), read once."""
    return yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Para:
    """One paragraph (a line of text input); `where` is its position for the report."""

    text: str
    where: str


@dataclass(frozen=True)
class Table:
    """A table as rows of cell texts; merged cells repeat or are empty. `boxed`: one cell."""

    rows: list[list[str]]
    where: str
    caption: str = ""

    @property
    def boxed(self) -> bool:
        return len(self.rows) == 1 and len(self.rows[0]) == 1


@dataclass
class Document:
    """An existing plan as read from DOCX, HTML or text, in reading order."""

    path: Path
    items: list[Para | Table] = field(default_factory=list)
    title_hint: str = ""  # a title found in the file's properties (DOCX core, HTML <title>)
