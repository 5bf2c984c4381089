"""Where each character of a YAML string value stands in the file, exactly.

The parser marks where a scalar starts and ends; inside it, quotes, escapes
(\\u4e00), indentation and folded line breaks shift characters against the value.
Walking the raw span beside the value undoes those shifts one character at a time.
"""

from __future__ import annotations

_SIMPLE_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
    "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def value_offsets(raw: str, value: str, style: str | None) -> list[int] | None:
    """Index in raw of each character of value; None when the two cannot be aligned."""
    j = 0
    if style in ("|", ">"):
        j = raw.find("\n") + 1  # the header line (| or >, chomping, indent) holds no text
        if j == 0:
            return None
    elif style in ("'", '"'):
        j = 1
    out: list[int] = []
    for c in value:
        if not c.isspace():
            j = _skip_breaks(raw, j, style)
        if j >= len(raw):
            return None
        if raw[j] == c and not (style == '"' and c == "\\"):
            out.append(j)
            j += 1 + (style == "'" and c == "'")  # '' stands for one quote
        elif style == '"' and raw[j] == "\\":
            decoded, length = _escape(raw, j)
            if decoded != c:
                return None
            out.append(j)
            j += length
        elif c.isspace() and raw[j].isspace():
            out.append(j)  # a folded line break or indentation kept as one space
            j += 1
        else:
            return None
    return out


def _skip_breaks(raw: str, j: int, style: str | None) -> int:
    """Past indentation, line breaks and escaped line breaks, which the value does not hold."""
    while j < len(raw):
        if raw[j] in " \t\r\n":
            j += 1
        elif style == '"' and raw.startswith("\\\n", j):
            j += 2
        else:
            break
    return j


def _escape(raw: str, j: int) -> tuple[str | None, int]:
    """The character a double-quoted escape at raw[j] stands for, and its length."""
    key = raw[j + 1 : j + 2]
    if key in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[key], 2
    if key in _HEX_ESCAPES:
        digits = raw[j + 2 : j + 2 + _HEX_ESCAPES[key]]
        try:
            return chr(int(digits, 16)), 2 + len(digits)
        except ValueError:
            return None, 2
    return None, 2


def line_starts(text: str) -> list[int]:
    """Index of the first character of every line, for index → (line, column)."""
    starts = [0]
    starts += [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return starts
