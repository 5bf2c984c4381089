"""Word-level differences of Chinese text, merged into phrases a reader can follow.

Chinese has no spaces, so a "word" here is a run of Latin letters and digits
(numbers such as 4.3 or 2025 stay whole) or a single character; difflib finds
the changed tokens and short unchanged gaps between changes are folded in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# Latin/digit runs (half- or full-width), with decimals and thousands separators kept
# inside the number; anything else is one token per character.
_TOKEN = re.compile(r"[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]+(?:[.,．][0-9０-９]+)*|\s+|.", re.S)

# Unchanged stretches of at most this many tokens between two changes are folded
# into the change, so 将“提高到4.3”改为“达到5” reads as one phrase, not four.
GAP = 2


@dataclass(frozen=True)
class Piece:
    """A stretch of text that is kept ("same"), deleted ("del") or inserted ("ins")."""

    op: str
    text: str


def tokenise(text: str) -> list[str]:
    """Latin/digit runs as one token each, every other character on its own."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str, gap: int = GAP) -> list[Piece]:
    """old → new as kept, deleted and inserted phrases, in reading order."""
    a, b = tokenise(old), tokenise(new)
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    groups = _merge(ops, gap)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in groups:
        if tag == "equal":
            _add(pieces, "same", "".join(a[i1:i2]))
        else:
            _add(pieces, "del", "".join(a[i1:i2]))
            _add(pieces, "ins", "".join(b[j1:j2]))
    return pieces


def similarity(old: str, new: str, floor: float = 0.0) -> float:
    """Share of tokens two texts have in common, 0…1 (difflib's ratio over tokens).

    Below floor, a cheap upper bound is returned instead: pairing every task of a
    large plan with every other would otherwise cost a full comparison each.
    """
    a, b = tokenise(old), tokenise(new)
    if not a and not b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    bound = matcher.quick_ratio()
    return bound if bound < floor else matcher.ratio()


def _merge(
    ops: list[tuple[str, int, int, int, int]], gap: int
) -> list[tuple[str, int, int, int, int]]:
    """Join consecutive changes, absorbing short unchanged gaps that sit between two."""
    out: list[list] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        between = 0 < k < len(ops) - 1
        if tag == "equal" and not (between and i2 - i1 <= gap):
            out.append(["equal", i1, i2, j1, j2])
        elif out and out[-1][0] == "change":
            out[-1][2], out[-1][4] = i2, j2
        else:
            out.append(["change", i1, i2, j1, j2])
    return [tuple(g) for g in out]


def _add(pieces: list[Piece], op: str, text: str) -> None:
    if text:
        pieces.append(Piece(op, text))
