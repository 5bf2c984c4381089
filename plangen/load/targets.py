"""Targets and base values as plans write them, parsed for evaluation.

The written text is always kept for display; the parsed form only feeds
direction inference and the evaluation engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from plangen.script import to_simplified

Kind = Literal[
    "ge", "gt", "le", "lt", "eq", "approx", "range", "ratio", "yearly", "multi", "text"
]  # fmt: skip

NUM = r"([0-9]+(?:\.[0-9]+)?)"
# Full-width characters a Chinese IME types for numbers, folded one for one (offsets stay).
FULLWIDTH = str.maketrans("０１２３４５６７８９．％：", "0123456789.%:")

# Units written inside a target: 82岁以上, 4‰以下, ≤9/10万, 国家级5个.
UNIT = (
    r"(?:%|‰|‱|/(?:10|十|百)?万人?|/千人?|/百人?|个百分点|万元|亿元|元|万人|人次|岁|个|张|人|名"
    r"|家|所|床|天|日|小时|分钟|次|年|平方米|米|公里|千克|克|户|项|台|辆|倍|份|例|支|套|处|条)"
)
# Verbs before the number, and the comparison each implies.
_VERBS: list[tuple[str, Kind]] = [
    (r"≥|≧|>=|不低于|不少于|达到|提高到|提高至|提升到|提升至|增加到|增加至|增长到|上升到|达", "ge"),
    (r"＞|>|高于|超过|大于", "gt"),
    (r"≤|≦|<=|不高于|不超过|控制在|下降到|下降至|降低到|降低至|降至|减少到|减少至|压缩到", "le"),
    (r"＜|<|低于|小于", "lt"),
    (r"保持在|保持|稳定在|维持在|维持|巩固在", "eq"),
]
_SUFFIXES: dict[str, Kind] = {
    "以上": "ge", "及以上": "ge", "以下": "le", "及以下": "le", "以内": "le", "左右": "approx",
}  # fmt: skip
_VERB = "|".join(f"(?:{v})" for v, _ in _VERBS)
_SINGLE = re.compile(
    rf"^(?:力争)?(?P<verb>{_VERB})?{NUM}(?P<unit>{UNIT})?"
    rf"(?P<suffix>及以上|以上|及以下|以下|以内|左右)?$"
)
_RANGE = re.compile(
    rf"^(?:力争)?(?:保持在|保持|稳定在|控制在|达到)?{NUM}(?:{UNIT})?"
    rf"(?:[-~～—–至到]+){NUM}(?P<unit>{UNIT})?(?:之间)?$"
)
_RATIO = re.compile(rf"^{NUM}:{NUM}$")
_YEARLY = re.compile(
    rf"^(?:力争)?(?:每年|年均)(降低|下降|减少|提高|增加|增长|上升){NUM}(?:个百分点|%)?$"
)
_DOWN_WORDS = ("降低", "下降", "减少", "控制在")
_UP_WORDS = ("提高", "增加", "增长", "上升")
_PART = re.compile(rf"^(?P<label>[\u4e00-\u9fff]+?)(?P<value>{NUM}(?:{UNIT})?(?:以上|以下|左右)?)$")


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
    direction = None
    if any(w in flat for w in _DOWN_WORDS):
        direction = "lower"
    elif any(w in flat for w in _UP_WORDS):
        direction = "higher"
    return Target(text, "text", direction=direction)


def text_target(written: str) -> Target:
    """A target the author marked as text (target_text:): printed as written, judged by hand."""
    flat = normalise(to_simplified(written))
    direction = None
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
        down = m.group(1) in ("降低", "下降", "减少")
        return Target(text, "yearly", float(m.group(2)), direction="lower" if down else "higher")
    return _pairs(text, flat)


def _verb_kind(verb: str | None) -> Kind | None:
    if not verb:
        return None
    return next(kind for pattern, kind in _VERBS if re.fullmatch(pattern, verb))


def _pairs(text: str, flat: str) -> Target | None:
    """国家级5个/省级12个: labelled values joined by / 、 ，; each part must read alone."""
    pieces = re.split(r"[/、,，;；]", flat)
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
