"""Marks runs of Latin letters and digits in the XHTML before WeasyPrint lays it out.

Pango measures a line holding Times-like digits a little taller than one of
Chinese only (and a line that starts with digits differently again), so every
such line pushed the rest of the page off the 28.9 pt grid. Wrapped in
<span class="latin">, which print.css gives `line-height: 0`, a Latin run is
still set in the Latin face but never sizes the line: the strut does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

LATIN_CLASS = "latin"
# Letters, digits and Latin punctuation, with the spaces between them.
_LATIN = re.compile(r"[!-~\u00a0-\u00ff](?:[ !-~\u00a0-\u00ff]*[!-~\u00a0-\u00ff])?")
_SKIP = frozenset(("head", "style", "script", "title"))


def mark_latin_runs(xhtml: str) -> str:
    """The same document with each Latin run of the body in a span.latin."""
    root = ET.fromstring(xhtml)
    body = root.find("body")
    if body is None:
        return xhtml
    _mark(body)
    return ET.tostring(root, encoding="unicode")


def _mark(el: ET.Element) -> None:
    if el.tag in _SKIP or LATIN_CLASS in el.get("class", "").split():
        return
    children = list(el)
    for child in children:
        _mark(child)
    spans, el.text = _split(el.text)
    for i, span in enumerate(spans):
        el.insert(i, span)
    for child in children:
        spans, child.tail = _split(child.tail)
        at = list(el).index(child) + 1
        for i, span in enumerate(spans):
            el.insert(at + i, span)


def _split(text: str | None) -> tuple[list[ET.Element], str | None]:
    """(spans to insert after the leading text, leading text); each span carries its tail."""
    if not text or not _LATIN.search(text):
        return [], text
    spans: list[ET.Element] = []
    lead = None
    pos = 0
    for match in _LATIN.finditer(text):
        before = text[pos : match.start()]
        if spans:
            spans[-1].tail = before
        else:
            lead = before
        span = ET.Element("span", {"class": LATIN_CLASS})
        span.text = match.group()
        spans.append(span)
        pos = match.end()
    spans[-1].tail = text[pos:] or None
    return spans, lead
