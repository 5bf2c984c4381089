"""Marks runs of Latin letters and digits in the XHTML before WeasyPrint lays it out.

Pango measures a line holding Times-like digits a little taller than one of
Chinese only (and a line that starts with digits differently again), so every
such line pushed the rest of the page off the 28.9 pt grid. Wrapped in
<span class="latin">, which print.css gives `line-height: 0`, a Latin run is
still set in the Latin face but never sizes the line: the strut does.

A heading's own text is wrapped the same way (<span class="run">): in a
traditional-script document its lines are sized by the body's face (AR PL UKai,
whose ascent puts the baseline 0.67 pt lower in the 28.9 pt line than Fandol's),
while its characters stay in the heading face (print.css).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

LATIN_CLASS = "latin"
RUN_CLASS = "run"
_HEADINGS = frozenset(("h1", "h2", "h3", "h4"))
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
    for heading in body.iter():
        if heading.tag in _HEADINGS:
            _wrap_runs(heading)
    return ET.tostring(root, encoding="unicode")


def _wrap_runs(el: ET.Element) -> None:
    """Put the element's own text (not its children's) in span.run elements."""
    if el.text:
        span = ET.Element("span", {"class": RUN_CLASS})
        span.text, el.text = el.text, None
        el.insert(0, span)
    for child in list(el):
        if child.tail:
            span = ET.Element("span", {"class": RUN_CLASS})
            span.text, child.tail = child.tail, None
            el.insert(list(el).index(child) + 1, span)


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
