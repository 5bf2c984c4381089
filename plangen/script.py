"""Chinese script: simplified ↔ traditional with OpenCC, and which one a text is in.

Plans are read in simplified form (comparators, 约束性, task status) whatever the
script they are written in; documents for zh_TW and zh_HK are written in
traditional characters, converted phrase by phrase (干部 → 幹部, 干燥 → 乾燥) in
the locale's standard forms, without rewording (信息 stays 信息, not 資訊).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import opencc

LOCALES = ("zh_CN", "zh_TW", "zh_HK")
# OpenCC configurations: phrases and regional character forms, but not Taiwan idioms
# (s2twp would turn 社区 into 社群 and 优化 into 最佳化 in an official document).
_TO_LOCALE = {"zh_TW": "s2tw", "zh_HK": "s2hk"}


@lru_cache(maxsize=8)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def is_traditional_locale(locale: str) -> bool:
    return locale in _TO_LOCALE


def html_lang(locale: str) -> str:
    """BCP 47 tag for the document: zh-CN, zh-TW, zh-HK."""
    return locale.replace("_", "-")


def to_locale(text: str, locale: str) -> str:
    """Text in the locale's script and vocabulary; unchanged for zh_CN."""
    config = _TO_LOCALE.get(locale)
    return _converter(config).convert(text) if config and text else text


def to_simplified(text: str) -> str:
    """Traditional (Taiwan or Hong Kong) text in simplified form, for reading input."""
    return _converter("t2s").convert(text) if text else text


def script_counts(text: str) -> tuple[int, int]:
    """(simplified-only, traditional-only) characters: those one converter would change."""
    to_trad = _converter("s2tw").convert(text)  # s2t would also turn 群 into 羣
    to_simp = to_simplified(text)
    simplified = sum(a != b for a, b in zip(text, to_trad, strict=False))
    traditional = sum(a != b for a, b in zip(text, to_simp, strict=False))
    return simplified, traditional


def is_traditional(texts: Iterable[str]) -> bool:
    """Whether a body of text is written in traditional characters (by majority)."""
    simplified, traditional = script_counts("\n".join(texts))
    return traditional > simplified


def has_simplified(text: str) -> bool:
    """A string with simplified-only characters and no traditional-only ones."""
    simplified, traditional = script_counts(text)
    return simplified > 0 and traditional == 0


def strings(data: object) -> Iterable[str]:
    """Every string value in parsed YAML data, depth first."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from strings(value)
