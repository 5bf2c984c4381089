"""Text as Chinese plans print it: full-width punctuation, no stray spaces."""

from __future__ import annotations

import re

CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’—…"
_SPACE = re.compile(rf"(?<=[{CJK}])\s+|\s+(?=[{CJK}%‰])")
_PAIRS = {",": "，", ";": "；", "?": "？", "!": "！"}


def normalise(text: str) -> str:
    """Half-width punctuation between Chinese words becomes full-width, as in print;
    commas and colons between digits (1,000 and 8:30) stay."""
    text = _SPACE.sub("", text.strip())
    text = re.sub(r"(?<!\d),|,(?!\d)", "，", text)
    text = re.sub(r"(?<!\d):|:(?!\d)", "：", text)
    for half, full in _PAIRS.items():
        if half != ",":
            text = text.replace(half, full)
    text = re.sub(rf"\(([^()]*[{CJK}][^()]*)\)", r"（\1）", text)
    return text


def compact(text: str) -> str:
    """A table cell with every space removed: 同比例 增加 → 同比例增加."""
    return re.sub(r"\s+", "", text)
