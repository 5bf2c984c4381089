"""The lint vocabulary (words.yaml): target verbs, units and name variations, as data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

WORDS_FILE = Path(__file__).with_name("words.yaml")


@dataclass(frozen=True)
class UnitGroup:
    """Spellings of one unit; `names` limits the group to indicators named with those words."""

    spellings: tuple[str, ...]
    names: tuple[str, ...] = ()

    def applies(self, indicator_name: str) -> bool:
        return not self.names or any(word in indicator_name for word in self.names)


@dataclass(frozen=True)
class Words:
    """Everything words.yaml holds, ready for matching."""

    target_verbs: tuple[str, ...]
    qualifiers: tuple[str, ...]
    at_least: tuple[str, ...]
    at_most: tuple[str, ...]
    skip_words: tuple[str, ...]
    past_titles: tuple[str, ...]
    year_phrases: tuple[re.Pattern, ...]
    name_inserts: tuple[tuple[str, tuple[str, ...]], ...]
    name_prefixes: tuple[str, ...]
    text_units: tuple[str, ...]
    unit_groups: tuple[UnitGroup, ...]

    def side(self, *words: str | None) -> str | None:
        """higher / lower when one of the words bounds a target from that side."""
        if any(w in self.at_least for w in words if w):
            return "higher"
        if any(w in self.at_most for w in words if w):
            return "lower"
        return None

    def group_of(self, unit: str, indicator_name: str) -> UnitGroup | None:
        """The spelling group a unit belongs to for this indicator, if any."""
        for group in self.unit_groups:
            if unit in group.spellings and group.applies(indicator_name):
                return group
        return None

    def canonical_unit(self, unit: str, indicator_name: str) -> str:
        group = self.group_of(unit, indicator_name)
        return group.spellings[0] if group else unit


def _longest_first(items: list[str]) -> tuple[str, ...]:
    return tuple(sorted(items, key=len, reverse=True))


@lru_cache(maxsize=1)
def words() -> Words:
    """Read words.yaml once per process."""
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    return Words(
        target_verbs=_longest_first(data["target_verbs"]),
        qualifiers=_longest_first(data["qualifiers"]),
        at_least=tuple(data["at_least"]),
        at_most=tuple(data["at_most"]),
        skip_words=tuple(data["skip_words"]),
        past_titles=tuple(data["past_titles"]),
        year_phrases=tuple(re.compile(p) for p in data["year_phrases"]),
        name_inserts=tuple((item["after"], tuple(item["words"])) for item in data["name_inserts"]),
        name_prefixes=tuple(data["name_prefixes"]),
        text_units=_longest_first([str(u) for u in data["text_units"]]),
        unit_groups=tuple(
            UnitGroup(tuple(str(s) for s in g["spellings"]), tuple(g.get("names", ())))
            for g in data["unit_groups"]
        ),
    )
