"""Targets and base values as plans write them, parsed for evaluation.

The written text is always kept for display; the parsed form only feeds
direction inference and the evaluation engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from plangen.script import to_simplified

Kind = Literal[
    "ge", "gt", "le", "lt", "eq", "approx", "range", "ratio", "yearly", "multi", "text"
]  # fmt: skip

NUM = r"([0-9]+(?:\.[0-9]+)?)"
# Full-width characters a Chinese IME types for numbers, folded one for one (offsets stay).
FULLWIDTH = str.maketrans("０１２３４５６７８９．％：", "0123456789.%:")

_WORDS_FILE = Path(__file__).with_name("target_words.yaml").read_text("utf-8")
WORDS = yaml.load(_WORDS_FILE, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


def _any(words: list[str]) -> str:
    """An alternation of literal words, longest first, so 及以上 is tried before 以上."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


UNIT = f"(?:{_any(WORDS['units'])})"
_ASPIRE = f"(?:{_any(WORDS['aspire'])})?"
_VERBS: list[tuple[str, Kind]] = [(_any(words), kind) for kind, words in WORDS["verbs"].items()]
_SUFFIXES: dict[str, Kind] = WORDS["suffixes"]
_VERB = _any([w for words in WORDS["verbs"].values() for w in words])
_SINGLE = re.compile(
    rf"^{_ASPIRE}(?P<verb>{_VERB})?{NUM}(?P<unit>{UNIT})?(?P<suffix>{_any(list(_SUFFIXES))})?$"
)
_R = WORDS["range"]
_RANGE = re.compile(
    rf"^{_ASPIRE}(?:{_any(_R['verbs'])})?{NUM}(?:{UNIT})?"
    rf"(?:[{''.join(map(re.escape, _R['separators']))}]+){NUM}(?P<unit>{UNIT})?"
    rf"(?:{_any(_R['after'])})?$"
)
_RATIO = re.compile(rf"^{NUM}:{NUM}$")
_Y = WORDS["yearly"]
_YEARLY = re.compile(
    rf"^{_ASPIRE}(?:{_any(_Y['every'])})(?P<way>{_any(_Y['down'] + _Y['up'])}){NUM}"
    rf"(?:{_any(_Y['units'])})?$"
)
_DOWN_WORDS = tuple(WORDS["direction"]["lower"])
_UP_WORDS = tuple(WORDS["direction"]["higher"])
_PAIR_SPLIT = f"[{''.join(map(re.escape, WORDS['pair_separators']))}]"
_PART = re.compile(
    rf"^(?P<label>[\u4e00-\u9fff]+?)(?P<value>{NUM}(?:{UNIT})?(?:{_any(list(_SUFFIXES))})?)$"
)


@dataclass(frozen=True)
class Target:
    """A written value with its comparator and number, when it has them."""

    text: str
    kind: Kind
    value: float | None = None
    upper: float | None = None  # second number of a range
    direction: Literal["higher", "lower"] | None = None  # implied by the wording
    unit: str = ""  # a unit written inside the target (岁, ‰, /10万); "" when none
    parts: tuple[tuple[str, Target], ...] = ()  # 国家级5个/省级12个: (label, target) pairs


class TargetSyntaxError(ValueError):
    """The text holds a number but matches none of the forms plans use."""


def normalise(text: str) -> str:
    """Fold full-width digits and spaces, so ＜３ and <3 parse alike."""
    return re.sub(r"\s+", "", fold_width(text))


def fold_width(text: str) -> str:
    """Half-width digits, point, ％ and ：, one character for one, so offsets stay valid."""
    return text.translate(FULLWIDTH)


def parse_target(written: str | float | int) -> Target:
    """Parse a target or base value exactly as a plan writes it; the text is kept as written."""
    text = _as_text(written)
    flat = normalise(to_simplified(text))
    found = _numeric(text, flat)
    if found is not None:
        return found
    if re.search(r"[0-9]", flat) and not re.search(r"[\u4e00-\u9fff]{4,}", flat):
        raise TargetSyntaxError(text)
    return text_target(text)


def text_target(written: str) -> Target:
    """A target the author marked as text (target_text:): printed as written, judged by hand;
    its words still say which way is better (逐步下降)."""
    flat = normalise(to_simplified(written))
    direction: Literal["higher", "lower"] | None = None
    if any(w in flat for w in _DOWN_WORDS):
        direction = "lower"
    elif any(w in flat for w in _UP_WORDS):
        direction = "higher"
    return Target(written, "text", direction=direction)


def _numeric(text: str, flat: str) -> Target | None:
    """One of the numeric forms: a value with verb/unit/suffix, a range, a ratio, yearly, pairs."""
    m = _SINGLE.match(flat)
    if m:
        kind = _SUFFIXES.get(m.group("suffix") or "") or _verb_kind(m.group("verb")) or "eq"
        direction = {"ge": "higher", "gt": "higher", "le": "lower", "lt": "lower"}.get(kind)
        return Target(
            text, kind, float(m.group(2)), direction=direction, unit=m.group("unit") or ""
        )
    m = _RANGE.match(flat)
    if m:
        lo, hi = float(m.group(1)), float(m.group(2))
        return Target(text, "range", min(lo, hi), max(lo, hi), unit=m.group("unit") or "")
    m = _RATIO.match(flat)
    if m:
        a, b = float(m.group(1)), float(m.group(2))
        if a == 0:
            raise TargetSyntaxError(text)
        return Target(text, "ratio", b / a)
    m = _YEARLY.match(flat)
    if m:
        down = m.group("way") in _Y["down"]
        return Target(text, "yearly", float(m.group(2)), direction="lower" if down else "higher")
    return _pairs(text, flat)


def _verb_kind(verb: str | None) -> Kind | None:
    if not verb:
        return None
    return next(kind for pattern, kind in _VERBS if re.fullmatch(pattern, verb))


def _pairs(text: str, flat: str) -> Target | None:
    """国家级5个/省级12个: labelled values joined by / 、 ，; each part must read alone."""
    pieces = re.split(_PAIR_SPLIT, flat)
    if len(pieces) < 2:
        return None
    parts = []
    for piece in pieces:
        m = _PART.match(piece)
        if not m:
            return None
        inner = _numeric(m.group("value"), m.group("value"))
        if inner is None:
            return None
        parts.append((m.group("label"), inner))
    return Target(text, "multi", parts=tuple(parts))


def _as_text(value: str | float | int) -> str:
    if isinstance(value, bool):
        raise TargetSyntaxError(str(value))
    if isinstance(value, float):
        return format_number(value)
    return str(value).strip()


def format_number(value: float, decimals: int | None = None) -> str:
    """Show a number as plans do: no trailing zeros unless decimals are fixed."""
    if decimals is not None:
        from decimal import ROUND_HALF_UP, Decimal

        q = Decimal(1).scaleb(-decimals)
        return str(Decimal(repr(value)).quantize(q, rounding=ROUND_HALF_UP))
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"
