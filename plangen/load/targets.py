"""Targets and base values as plans write them, parsed for evaluation.

The written text is always kept for display; the parsed form only feeds
direction inference and the evaluation engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from plangen.script import to_simplified

Kind = Literal["ge", "gt", "le", "lt", "eq", "approx", "range", "ratio", "yearly", "text"]

NUM = r"([0-9]+(?:\.[0-9]+)?)"
# Full-width characters a Chinese IME types for numbers, folded one for one (offsets stay).
FULLWIDTH = str.maketrans("０１２３４５６７８９．％：", "0123456789.%:")

_PATTERNS: list[tuple[str, Kind]] = [
    (rf"^(?:≥|≧|>=|＞=|不低于|不少于|达到)\s*{NUM}%?$", "ge"),
    (rf"^(?:＞|>|高于|超过)\s*{NUM}%?$", "gt"),
    (rf"^(?:≤|≦|<=|＜=|不高于|不超过)\s*{NUM}%?$", "le"),
    (rf"^(?:＜|<|低于)\s*{NUM}%?$", "lt"),
    (rf"^{NUM}%?\s*(?:以上|及以上)$", "ge"),
    (rf"^{NUM}%?\s*(?:以下|及以下|以内)$", "le"),
    (rf"^{NUM}%?\s*左右$", "approx"),
    (rf"^{NUM}%?$", "eq"),
    (rf"^{NUM}\s*[-~～—至]\s*{NUM}%?$", "range"),
    (rf"^{NUM}\s*:\s*{NUM}$", "ratio"),
]
_YEARLY = re.compile(
    rf"^(?:力争)?(?:每年|年均)(降低|下降|减少|提高|增加|增长|上升){NUM}\s*(?:个百分点|%)?$"
)
_DOWN_WORDS = ("降低", "下降", "减少", "控制在")
_UP_WORDS = ("提高", "增加", "增长", "上升")


@dataclass(frozen=True)
class Target:
    """A written value with its comparator and number, when it has them."""

    text: str
    kind: Kind
    value: float | None = None
    upper: float | None = None  # second number of a range
    direction: Literal["higher", "lower"] | None = None  # implied by the wording


class TargetSyntaxError(ValueError):
    """The text holds a number but matches none of the forms plans use."""


def normalise(text: str) -> str:
    """Fold full-width digits and spaces, so ＜３ and <3 parse alike."""
    return re.sub(r"\s+", "", fold_width(text))


def fold_width(text: str) -> str:
    """Half-width digits, point, ％ and ：, one character for one, so offsets stay valid."""
    return text.translate(FULLWIDTH)


def parse_target(written: str | float | int) -> Target:
    """Parse a target or base value exactly as a plan writes it."""
    text = _as_text(written)
    flat = normalise(to_simplified(text))
    for pattern, kind in _PATTERNS:
        m = re.match(pattern, flat)
        if not m:
            continue
        if kind == "range":
            lo, hi = float(m.group(1)), float(m.group(2))
            return Target(text, kind, lo, hi)
        if kind == "ratio":
            a, b = float(m.group(1)), float(m.group(2))
            if a == 0:
                raise TargetSyntaxError(text)
            return Target(text, kind, b / a)
        direction = {"ge": "higher", "gt": "higher", "le": "lower", "lt": "lower"}.get(kind)
        return Target(text, kind, float(m.group(1)), direction=direction)
    m = _YEARLY.match(flat)
    if m:
        down = m.group(1) in ("降低", "下降", "减少")
        return Target(text, "yearly", float(m.group(2)), direction="lower" if down else "higher")
    if re.search(r"[0-9]", flat) and not re.search(r"[\u4e00-\u9fff]{4,}", flat):
        raise TargetSyntaxError(text)
    direction = None
    if any(w in flat for w in _DOWN_WORDS):
        direction = "lower"
    elif any(w in flat for w in _UP_WORDS):
        direction = "higher"
    return Target(text, "text", direction=direction)


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
