"""No DOCX paragraph ending in a line of one character and its punctuation (`责）`).

The PDF mends such paragraphs from its own layout (pdf_lastline); a word processor
lays the DOCX out itself, with its own rules: LibreOffice (and WPS, and Word, which
behave alike here) adds about a fifth of an em between Chinese characters and Latin
letters or digits, and sets a curly quote in the script of the character before it
(the Latin face at a paragraph's start); it would also hang `，。、；` in the right
margin, but the DOCX turns that off for the grid styles (docx.py, overflowPunct). This
module predicts the lines of a body paragraph with those rules, on the same 28-character
grid, and when the last line would hold one character, sets the last two lines a little
loose (character spacing on their runs) so that the line above gives it one more.
Measured against LibreOffice's conversion of the examples: the same lines in about 95 %
of the paragraphs, and every one-character last line found (tests/write/test_layout.py).
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from docx.oxml.ns import qn

from plangen.write.ooxml import put
from plangen.write.pdf_lastline import CLOSING, short

NO_START = CLOSING | frozenset("．")
NO_END = frozenset("（《「『【〔〈“‘")
AUTOSPACE = 0.22  # em, between a Chinese character and a Latin letter or digit
LOOSER = (0.3, 0.6, 1.0)  # pt added to the character spacing, tried in turn
# Times New Roman's metrics, which LibreOffice substitutes by these (the PDF's Latin face)
LATIN_FILES = {False: "LiberationSerif-Regular.ttf", True: "LiberationSerif-Bold.ttf"}


@dataclass
class Metrics:
    """The paragraph's grid: its width and first-line indent in pt, the font size and
    character spacing in pt, and the advance (em) of each Latin character by weight."""

    width: float
    indent: float
    size: float
    spacing: float
    latin: dict[bool, dict[str, float]] = field(default_factory=dict)


def latin_widths(font: bytes | None) -> dict[str, float]:
    """Advances in em of a Latin font's characters up to General Punctuation (“ — ‰)."""
    if font is None:
        return {}
    from fontTools.ttLib import TTFont

    ttf = TTFont(io.BytesIO(font), lazy=True)
    cmap, hmtx, units = ttf.getBestCmap(), ttf["hmtx"], ttf["head"].unitsPerEm
    return {chr(c): hmtx[g][0] / units for c, g in cmap.items() if 0x20 <= c < 0x2100}


def _latin(c: str) -> bool:
    return 0x20 < ord(c) < 0x100


def _weak(c: str) -> bool:  # General Punctuation: “ ” ‘ ’ — … ‰ take their neighbour's script
    return 0x2000 <= ord(c) <= 0x206F


def _inside_word(a: str, b: str) -> bool:  # no break inside a Latin word or number
    return _latin(a) and _latin(b) and a not in "-/"


def _ideograph(c: str) -> bool:
    return 0x3400 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF


def lines(chars: Sequence[tuple[str, bool]], m: Metrics, extra: Sequence[float] = ()) -> list[str]:
    """The lines a word processor makes of (character, bold) pairs; extra: pt added to
    each character's spacing."""
    text = [c for c, _ in chars]
    widths, scripts, script = [], [], "L"
    for i, (c, bold) in enumerate(chars):
        if not _weak(c):
            script = "L" if _latin(c) else "A"
        scripts.append(script)
        em = m.latin.get(bold, {}).get(c, 0.5) if script == "L" else 1.0
        gap = 0.0
        if i and (
            (_ideograph(text[i - 1]) and _latin(c) and c.isalnum())
            or (_latin(text[i - 1]) and text[i - 1].isalnum() and _ideograph(c))
        ):
            gap = AUTOSPACE * m.size
        widths.append((em * m.size + m.spacing + (extra[i] if i < len(extra) else 0.0), gap))
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        room = m.width - (m.indent if not out else 0.0)
        x, j = 0.0, i
        while j < n:
            w = widths[j][0] + (widths[j][1] if j > i else 0.0)
            if x + w > room + 0.01:
                break
            x, j = x + w, j + 1
        while (
            0 < j < n
            and j > i + 1
            and (
                _inside_word(text[j - 1], text[j])
                or text[j] in NO_START  # 避头尾; an opening mark only in Chinese script
                or (text[j - 1] in NO_START and _latin(text[j]))
                or (text[j - 1] in NO_END and scripts[j - 1] == "A")
            )
        ):
            j -= 1
        out.append("".join(text[i:j]))
        i = j
    return out


def mend(p, m: Metrics, bold: Callable[[object], bool]) -> bool:
    """Loosen the last two lines of paragraph p (a w:p) when its last line would hold one
    character; True when it did. bold(run) says whether a w:r is set bold."""
    runs = [r for r in p if r.tag == qn("w:r")]
    if not runs or any(len(r.findall(qn("w:t"))) != 1 or len(r) > 2 for r in runs):
        return False  # fields, breaks, pictures: not plain text, left alone
    chars = [(c, bold(r)) for r in runs for c in r.find(qn("w:t")).text or ""]
    before = lines(chars, m)
    if len(before) < 2 or not short(before[-1].strip()):
        return False
    # from the third character of the line above the last: the line before it keeps its end
    start = len(chars) - len(before[-1]) - len(before[-2]) + min(2, len(before[-2]) // 2)
    for pt in LOOSER:
        extra = [0.0] * start + [pt] * (len(chars) - start)
        after = lines(chars, m, extra)
        if len(after) == len(before) and not short(after[-1].strip()):
            _loosen(runs, start, round((m.spacing + pt) * 20))
            return True
    return False


def _loosen(runs: list, start: int, twips: int) -> None:
    """Give the characters from index start on (across runs) a spacing of twips."""
    seen = 0
    for run in runs:
        t = run.find(qn("w:t"))
        text = t.text or ""
        if seen + len(text) <= start:
            seen += len(text)
            continue
        cut = max(0, start - seen)
        seen += len(text)
        if cut:
            head = copy.deepcopy(run)
            head.find(qn("w:t")).text = text[:cut]
            run.addprevious(head)
            t.text = text[cut:]
            t.set(qn("xml:space"), "preserve")
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            rpr = run.makeelement(qn("w:rPr"), {})
            run.insert(0, rpr)
        put(rpr, "spacing", val=str(twips))
