"""Where 署名 and 成文日期 end on their lines: GB/T 9704-2012 7.3.5.2, without a seal.

The 署名 ends two characters from the right; the date's first character stands two
characters right of the 署名's first. A date longer than the 署名 ends two characters
from the right instead, and the 署名 moves left to keep the two-character step.
"""

from __future__ import annotations

STEP = 2.0  # characters: the right margin of the longer line, and the date's step in


def em_width(text: str) -> float:
    """Width in em of text in the body faces: a Chinese character 1, ASCII ½.

    Digits of Times New Roman (and its metric twin Liberation Serif) are half an em;
    a 署名 is Chinese and a date digits and 年月日, so nothing else is measured.
    """
    return sum(0.5 if ord(c) < 0x80 else 1.0 for c in text)


def signing_indents(signature: str, date: str) -> tuple[float, float]:
    """Right indents in em of the 署名 and of the 成文日期 under it."""
    sign, day = em_width(signature), em_width(date)
    if day > sign:
        return day + 2 * STEP - sign, STEP
    return STEP, sign - day
