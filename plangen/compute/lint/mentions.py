"""Finding indicators in running text, and the targets sentences state for them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from plangen.compute.lint.words import Words
from plangen.load.model import Indicator

_PAREN = re.compile(r"[（(]([^（）()]*)[）)]")
_NUMBER = r"(?P<num>\d+(?:\.\d+)?)"


def name_pattern(name: str, w: Words, short: bool = False) -> str:
    """A regex for an indicator's name as plans write it.

    Brackets may be full- or half-width or left out, their content may be dropped
    (国家卫生城市数量占比), and words from words.yaml may be inserted (每千人口拥有…).
    With short=True a leading 每千人口 / 全区 … may be missing too.
    """
    parts: list[str] = []
    pos = 0
    for m in _PAREN.finditer(name):
        parts.append(_with_inserts(name[pos : m.start()], w))
        inner = _with_inserts(m.group(1), w)
        parts.append(f"(?:[（(]{inner}[）)]|{inner})?")
        pos = m.end()
    parts.append(_with_inserts(name[pos:], w))
    pattern = "".join(parts)
    if short:
        for prefix in w.name_prefixes:
            m = re.match(prefix, name)
            if m and len(name) - m.end() >= 3:
                return f"(?:{prefix})?" + name_pattern(name[m.end() :], w)
    return pattern


def _with_inserts(text: str, w: Words) -> str:
    out = re.escape(text)
    for after, inserted in w.name_inserts:
        alternatives = "|".join(re.escape(word) for word in inserted)
        out = out.replace(re.escape(after), f"{re.escape(after)}(?:{alternatives})?")
    return out


@dataclass(frozen=True)
class Mention:
    """An indicator's name found at [start, end) of a text."""

    indicator: Indicator
    start: int
    end: int


def find_mentions(text: str, patterns: dict[str, tuple[Indicator, re.Pattern]]) -> list[Mention]:
    """Every indicator named in text; a name inside a longer indicator's name is dropped."""
    found = sorted(
        (
            Mention(ind, m.start(), m.end())
            for ind, rx in patterns.values()
            for m in rx.finditer(text)
        ),
        key=lambda m: m.start,
    )
    return [
        m
        for m in found
        if not any(
            o is not m
            and o.start <= m.start
            and m.end <= o.end
            and (o.end - o.start) > (m.end - m.start)
            for o in found
        )
    ]


@dataclass(frozen=True)
class Statement:
    """A target a sentence states for an indicator: number, unit, year, with offsets."""

    number: float
    number_at: int
    unit: str | None
    year: int | None
    year_at: int | None
    side: str | None = None  # higher / lower when the wording bounds the target


class StatementReader:
    """Reads "<name>[，2025年]达到4.2人[以上]" after a mention; anything looser is ignored."""

    def __init__(self, w: Words):
        self.w = w
        verbs = "|".join(re.escape(v) for v in w.target_verbs)
        units = "|".join(re.escape(u) for u in w.text_units)
        quals = "|".join(re.escape(q) for q in w.qualifiers)
        year = r"(?P<year>(?:19|20)\d{2})年(?:底|末|前)?"
        self.pattern = re.compile(
            rf"(?P<gap>[^0-9，,。；;、：:\s]{{0,6}}?)"
            rf"(?:[，,]\s*(?:到|至|于|在)?{year}[，,]?)?"
            rf"(?P<verb>{verbs})?{_NUMBER}(?P<range>\s*[-~～—至]\s*\d)?"
            rf"(?P<unit>{units})?(?P<qual>{quals})?"
        )

    def read(self, sentence: str, mention_start: int, mention_end: int) -> Statement | None:
        """The statement right after a mention, or None when it is not a plain target."""
        m = self.pattern.match(sentence, mention_end)
        if not m or m.group("range") or not (m.group("verb") or m.group("qual")):
            return None
        if any(word in m.group("gap") for word in self.w.skip_words):
            return None
        after = sentence[m.end() : m.end() + 1]
        if not m.group("verb") and after and not (after.isspace() or after in "，,。；;、）)"):
            return None  # 5岁以下儿童死亡率: the number starts another name
        year, year_at = None, None
        if m.group("year"):
            year, year_at = int(m.group("year")), m.start("year")
        else:
            for rx in self.w.year_phrases:
                for y in rx.finditer(sentence, 0, mention_start):
                    year, year_at = int(y.group("year")), y.start("year")
        return Statement(
            float(m.group("num")),
            m.start("num"),
            m.group("unit"),
            year,
            year_at,
            self.w.side(m.group("verb"), m.group("qual")),
        )


def iter_statements(
    text: str,
    mentions: list[Mention],
    reader: StatementReader,
    sentences: Iterator[tuple[int, str]],
) -> Iterator[tuple[Mention, Statement]]:
    """(mention, statement) pairs in text, offsets relative to the whole text."""
    spans = list(sentences)
    for mention in mentions:
        for offset, sentence in spans:
            if offset <= mention.start < offset + len(sentence):
                st = reader.read(sentence, mention.start - offset, mention.end - offset)
                if st:
                    yield (
                        mention,
                        Statement(
                            st.number,
                            st.number_at + offset,
                            st.unit,
                            st.year,
                            None if st.year_at is None else st.year_at + offset,
                            st.side,
                        ),
                    )
                break
