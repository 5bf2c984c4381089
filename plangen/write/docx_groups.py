"""Merged group cells in the DOCX: cut where the PDF cuts them, each piece kept on one page.

Word and LibreOffice carry a vMerge cell over a page break with its label on the first
page only. Given the PDF's layout, a group is cut into pieces at the PDF's page breaks
(both formats share the grid) and every piece repeats the label; the writer keeps each
piece's rows together (keepNext), so the office program's own pagination moves a piece
whole rather than breaking it open. Without a layout, groups are only kept together.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from plangen.write.pdf_groups import ROW, body_rows, split_table

# A group this long may not fit on one page, so the DOCX needs the PDF's page breaks.
LONG_GROUP = 15
_ROWSPAN = re.compile(r'\browspan="(\d+)"')


def has_long_group(xhtml: str) -> bool:
    """Whether a merged cell spans so many rows that a page may end inside it."""
    return any(int(span) >= LONG_GROUP for span in _ROWSPAN.findall(xhtml))


def cut_groups(table: ET.Element, pages: Mapping[str, int]) -> None:
    """Cut table's merged cells where the PDF's pages (row id → page) cut them, if known."""
    rows = body_rows(table)
    if rows and all(tr.get(ROW) in pages for tr in rows):
        split_table(rows, lambda tr: pages[tr.get(ROW, "")])
