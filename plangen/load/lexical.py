"""Typing mistakes found in the raw text, before YAML sees it.

A Chinese IME types `：` and `　` where YAML needs `:` and spaces; Word pastes
soft line breaks (U+000B) and line separators. YAML reports these a line later,
as a byte position, or not at all, so we look for them first and name the exact
line and column. Parse errors that follow an unclosed quote or bracket are
reported where it was opened.
"""

from __future__ import annotations

import re
import unicodedata

import yaml
from yaml.tokens import ScalarToken

from plangen.errors import Problem
from plangen.messages import _

# What YAML 1.1 refuses or reads as a line break, and XML cannot hold: C0 controls
# except tab/LF/CR, DEL, C1 controls (NEL included), line/paragraph separators,
# noncharacters. Tab, LF and CR are fine.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_ESCAPE = re.compile(r"\\(?:[0abtnvfreN_LP \"/\\]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})")
# A key typed with the IME's full-width colon: `issuer：…`, `- id：…`, `2022：81.5`.
_FULL_COLON = re.compile(
    r"^(?P<lead>[ \u3000]*(?:-[ \u3000]+)*)(?P<key>[A-Za-z_][\w-]*|\d+)[ \t]*："
)
_ITEM_FULL_COLON = re.compile(r"^[ \u3000]*-[ \u3000]")
# Indentation that contains full-width spaces before a key or a list item.
_FULL_INDENT = re.compile(
    r"^(?P<lead>[ \u3000]*\u3000[ \u3000]*)(?=-[ \u3000]|[A-Za-z_][\w-]*[ \t]*[:：])"
)
_BLOCK_START = re.compile(r"(?:^|[ \t:-])[|>][+-]?[1-9]?[+-]?[ \t]*(?:#.*)?$")


def char_name(ch: str) -> str:
    """U+000B and its Unicode name where it has one, for messages."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def control_hint(ch: str) -> str:
    """The fix for one control character, by what usually puts it there."""
    if ch == "\x0b":
        return _(
            "a soft line break (Shift+Enter in Word) was pasted here; delete it, "
            "or make the text after it a new paragraph"
        )
    if ch in "\u2028\u2029\x85":
        return _("a line or paragraph separator was pasted here; delete it")
    return _("an invisible control character was pasted here; delete it and retype the text")


def scan_text(text: str, file: str) -> list[Problem]:
    """Control characters, full-width colons and full-width indentation, each at its place."""
    problems: list[Problem] = []
    block_indent: int | None = None  # inside a | or > block: its parent's indentation
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _BAD.finditer(line):
            ch = match.group()
            problems.append(
                Problem(
                    file,
                    number,
                    match.start() + 1,
                    _("control character {char} in the text", char=char_name(ch)),
                    control_hint(ch),
                )
            )
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped.strip() or indent > block_indent:
                continue  # block scalar content: free text
            block_indent = None
        if stripped.startswith("#"):
            continue
        problems += _full_width(line, number, file)
        if _BLOCK_START.search(line.split(" #")[0]):
            block_indent = indent
    return problems


def _full_width(line: str, number: int, file: str) -> list[Problem]:
    found: list[Problem] = []
    indent = _FULL_INDENT.match(line)
    if indent:
        found.append(
            Problem(
                file,
                number,
                indent.group("lead").index("\u3000") + 1,
                _("full-width space '\u3000' in the indentation"),
                _("indent with half-width spaces only (switch the IME to half-width)"),
            )
        )
    colon = _FULL_COLON.match(line)
    if colon and not (colon.group("key").isdigit() and _ITEM_FULL_COLON.match(line)):
        found.append(
            Problem(
                file,
                number,
                colon.end(),
                _("full-width colon '：' after the key '{key}'", key=colon.group("key")),
                _(
                    "type a half-width colon and a space: '{key}: …' "
                    "(switch the IME to half-width)",
                    key=colon.group("key"),
                ),
            )
        )
    return found


def explain(text: str, exc: yaml.MarkedYAMLError, file: str, loader: type) -> Problem:
    """A parse error at the place to fix: an unclosed quote or bracket where it opens."""
    found = _explain(text, exc, file, loader)
    return Problem(
        file,
        found.line,
        found.column,
        _("YAML syntax error: {what}", what=found.message),
        found.hint,
    )


def _explain(text: str, exc: yaml.MarkedYAMLError, file: str, loader: type) -> Problem:
    """An unclosed quote or bracket where it opens; else what YAML said, where it stopped."""
    context = exc.context or ""
    opened = exc.context_mark
    if opened is not None and context.startswith("while scanning a quoted scalar"):
        return Problem(
            file,
            opened.line + 1,
            opened.column + 1,
            _("the quote opened here is never closed"),
            _("add the closing quote at the end of the text"),
        )
    if opened is not None and context.startswith("while parsing a flow"):
        line, col = opened.line + 1, opened.column + 1
        problem = exc.problem_mark
        if problem is not None and problem.line > opened.line:
            return Problem(
                file,
                line,
                col,
                _(
                    "the bracket opened here is not closed (YAML stopped at {line}:{col})",
                    line=problem.line + 1,
                    col=problem.column + 1,
                ),
                _("close the bracket on the same line, or write one item per line with '- '"),
            )
    quote = _quote_before(text, exc, loader)
    if quote is not None:
        start, end = quote.start_mark, quote.end_mark
        return Problem(
            file,
            start.line + 1,
            start.column + 1,
            _(
                "the quote opened at {line}:{col} is closed only at {end_line}:{end_col}",
                line=start.line + 1,
                col=start.column + 1,
                end_line=end.line + 1,
                end_col=end.column,
            ),
            _("add the missing closing quote on line {line}", line=start.line + 1),
        )
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(
        file,
        line,
        col,
        exc.problem or context or "invalid YAML",
        _(
            "check indentation (spaces, not tabs) and quoting of text "
            "that contains ': ' or starts with a symbol"
        ),
    )


def _quote_before(text: str, exc: yaml.MarkedYAMLError, loader: type) -> ScalarToken | None:
    """A quoted text spanning lines that ends on the line where parsing failed."""
    mark = exc.problem_mark
    if mark is None:
        return None
    last: ScalarToken | None = None
    try:
        for token in yaml.scan(text, Loader=loader):
            if token.start_mark.line > mark.line:
                break
            if (
                isinstance(token, ScalarToken)
                and token.style in ('"', "'")
                and token.end_mark.line > token.start_mark.line
            ):
                last = token
    except yaml.YAMLError:
        pass
    if last is not None and last.end_mark.line == mark.line:
        return last
    return None


def escaped_control(text_lines: list[str], node: yaml.ScalarNode) -> tuple[int, int, str] | None:
    """Line, column and character of the first control character a scalar holds.

    Characters typed as escapes (`"\\v"`) are found by their backslash; others
    were already refused in the raw text.
    """
    value = node.value
    bad = _BAD.search(value)
    if bad is None:
        return None
    start, end = node.start_mark, node.end_mark
    if node.style == '"':
        for number in range(start.line, min(end.line, len(text_lines) - 1) + 1):
            line = text_lines[number]
            begin = start.column if number == start.line else 0
            stop = end.column if number == end.line else len(line)
            for match in _ESCAPE.finditer(line, begin, stop):
                decoded = _decode_escape(match.group())
                if decoded and _BAD.fullmatch(decoded):
                    return number + 1, match.start() + 1, decoded
    return start.line + 1, start.column + 1, bad.group()


def _decode_escape(escape: str) -> str:
    try:
        return yaml.safe_load(f'"{escape}"') or ""
    except yaml.YAMLError:
        return ""
