"""`--help` in the user's language: help texts are msgids, looked up when shown.

click measures text in characters and breaks lines at spaces; a Chinese character
takes two columns of a terminal and Chinese has no spaces, so for Chinese the help
is wrapped by display width and no line starts with closing punctuation.
"""

from __future__ import annotations

import re
import unicodedata

import click
import click.formatting

from plangen.messages import _, language

# One token per CJK character or full-width mark, per run of other non-space characters,
# per run of spaces.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_TOKEN = re.compile(rf"[{_WIDE}]|[^\s{_WIDE}]+|\s+")
_NO_LINE_START = set("，。、；：？！）》」』”’")


def translate_help(group: click.Group) -> None:
    """Help texts, option help and the command list in the catalog's language."""
    if language() == "en":
        return
    click.formatting.wrap_text = wrap_text  # type: ignore[assignment]
    for command in (group, *group.commands.values()):
        if command.help:
            command.help = _(command.help)
            command.short_help = short_help(command.help)
        for param in command.params:
            if isinstance(param, click.Option) and param.help:
                param.help = _(param.help)


def short_help(text: str) -> str:
    """The first clause of a Chinese help text, without bracketed asides.

    click shortens at the first ". " or at a space; Chinese has neither.
    """
    plain = re.sub(r"（[^）]*）", "", text)
    return re.split(r"[；：。]", plain, maxsplit=1)[0]


def width(text: str) -> int:
    """Terminal columns: two for wide and full-width characters."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap_text(
    text: str,
    width: int = 78,  # noqa: A002 - click's own parameter names
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """click.formatting.wrap_text, measuring display width."""
    paragraphs = re.split(r"\n\s*\n", text) if preserve_paragraphs else [text]
    return "\n\n".join(
        _wrap(" ".join(p.split()), width, initial_indent, subsequent_indent) for p in paragraphs
    )


def _wrap(text: str, limit: int, first: str, rest: str) -> str:
    lines: list[str] = []
    indent, tokens = first, []  # the line being filled
    for token in _TOKEN.findall(text):
        if token.isspace():
            if tokens and tokens[-1] != " ":
                tokens.append(" ")
            continue
        if tokens and width(indent + "".join(tokens) + token) > limit:
            while tokens[-1] == " ":
                tokens.pop()
            # A closing mark may not start a line: the token before it goes down with it.
            carried = [tokens.pop()] if token[0] in _NO_LINE_START and len(tokens) > 1 else []
            lines.append(indent + "".join(tokens).rstrip())
            indent, tokens = rest, carried
        tokens.append(token)
    lines.append(indent + "".join(tokens).rstrip())
    return "\n".join(lines)
