"""Chinese numerals for generated numbering (一、 （一） 专栏一 …)."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_UNITS = ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"))


def cn_numeral(n: int) -> str:
    """Write n in Chinese numerals as headings do: 十, 十一, 二十, 一百零五."""
    if n < 0:
        raise ValueError("negative numbers have no heading numeral")
    if n < 10:
        return _DIGITS[n]
    if 10 <= n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    out = ""
    zero = False
    for unit, name in _UNITS:
        if n >= unit:
            if zero:
                out += "零"
                zero = False
            out += cn_numeral(n // unit) if n // unit >= 10 else _DIGITS[n // unit]
            out += name
            n %= unit
        elif out:
            zero = True
    if n:
        out += ("零" if zero else "") + _DIGITS[n]
    return out
