"""Table column widths as print.css gives them, for the DOCX writer.

One definition per fact: the DOCX takes each <col>'s width from the same CSS rules
WeasyPrint applies (`table.evaluation col.w-name { width: 19%; }`), matched with
WeasyPrint's own selector engine, so a table's cells wrap alike in both formats and
Word or LibreOffice break its pages where the PDF does.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path

import cssselect2
import tinycss2


@functools.cache
def _matcher(stylesheet: Path, stamp: int) -> cssselect2.Matcher:
    """The stylesheet's `width: N%` rules, compiled once per file version."""
    matcher = cssselect2.Matcher()
    rules = tinycss2.parse_stylesheet(
        stylesheet.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True
    )
    for rule in rules:
        if rule.type != "qualified-rule":
            continue
        width = _percent_width(rule.content)
        if width is None:
            continue
        try:
            selectors = cssselect2.compile_selector_list(rule.prelude)
        except cssselect2.SelectorError:
            continue  # WeasyPrint skips it too
        for selector in selectors:
            matcher.add_selector(selector, width)
    return matcher


def _percent_width(content: list) -> float | None:
    for declaration in tinycss2.parse_blocks_contents(
        content, skip_comments=True, skip_whitespace=True
    ):
        if declaration.type == "declaration" and declaration.lower_name == "width":
            values = [v for v in declaration.value if v.type != "whitespace"]
            if len(values) == 1 and values[0].type == "percentage":
                return float(values[0].value)
    return None


def css_widths(table: ET.Element, stylesheet: Path) -> list[float | None]:
    """Each <col>'s width in percent of the table by the stylesheet (None: not given)."""
    matcher = _matcher(stylesheet, stylesheet.stat().st_mtime_ns)
    root = cssselect2.ElementWrapper.from_xml_root(table)
    widths: list[float | None] = []
    for col in root.iter_subtree():
        if col.local_name != "col":
            continue
        found = matcher.match(col)
        widths.append(max(found)[3] if found else None)
    return widths
