"""Inter-character justification for Chinese lines in WeasyPrint.

WeasyPrint justifies a line only by widening its spaces, and Chinese text has
none: a line one character short (the next one is a 。 that may not start a
line) or holding Latin digits ended ragged although print.css says `justify`.
Chinese typesetting spreads the shortfall over the gaps between characters;
this does that for lines without spaces, by giving each text box of the line
a little extra letter spacing. It wraps `weasyprint.layout.inline.justify_line`,
an internal function: if a WeasyPrint release renames it, lines simply stay
ragged (the layout tests then say so).
"""

from __future__ import annotations

from typing import Any

_INSTALLED = False
MAX_EMS = 4  # a wider shortfall (a long unbreakable Latin word) is left alone


def install() -> None:
    """Wrap WeasyPrint's justify_line once per process."""
    global _INSTALLED
    if _INSTALLED:
        return
    try:
        from weasyprint.layout import inline
        from weasyprint.text.line_break import create_layout
    except ImportError:  # pragma: no cover - another WeasyPrint layout
        return
    original = getattr(inline, "justify_line", None)
    if original is None:  # pragma: no cover
        return

    def justify_line(context: Any, line: Any, extra_width: float) -> None:
        if inline.count_expandable_spaces(line) or extra_width <= 0:
            return original(context, line, extra_width)
        texts = list(_text_boxes(line))
        count = sum(len(box.text) for box in texts)
        size = line.style["font_size"]
        if count < 2 or extra_width > MAX_EMS * size or not _has_cjk(texts):
            return original(context, line, extra_width)
        # count − 1 gaps: the last character's spacing trails after its ink, unseen
        _spread(context, line, extra_width / (count - 1), 0.0, create_layout)
        return None

    inline.justify_line = justify_line
    _INSTALLED = True


def _text_boxes(box: Any):
    if hasattr(box, "text") and hasattr(box, "pango_layout"):
        yield box
    for child in getattr(box, "children", ()):
        if child.is_in_normal_flow():
            yield from _text_boxes(child)


def _has_cjk(texts: list[Any]) -> bool:
    return any(
        "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for b in texts for ch in b.text
    )


def _spread(context, box, per_char: float, x_advance: float, create_layout) -> float:
    """Shift box by x_advance and widen its text by per_char a character; the new advance."""
    if hasattr(box, "text") and hasattr(box, "pango_layout"):
        box.position_x += x_advance
        style = box.style.copy()
        spacing = style["letter_spacing"]
        style["letter_spacing"] = (0 if spacing == "normal" else spacing) + per_char
        box.style = style
        layout = create_layout(box.text, style, context, None, box.justification_spacing)
        layout.deactivate()
        box.pango_layout = layout
        added = per_char * len(box.text)
        box.width += added
        return x_advance + added
    if hasattr(box, "children") and box.__class__.__name__ in ("LineBox", "InlineBox"):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _spread(context, child, per_char, x_advance, create_layout)
        box.width += x_advance - before
        return x_advance
    box.translate(x_advance, 0)  # an atomic inline box moves along
    return x_advance
