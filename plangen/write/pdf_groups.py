"""Merged group cells closed at a page break, their label repeated on the next page.

The DOCX writer cuts its groups with the same functions (docx_groups).
WeasyPrint carries a rowspan cell over a page break with its label on the first
page only, so the continuation rows show no group. After a first layout, a cell
whose rows fall on several pages is split into one cell per page (each with its
own borders and the same label), and the document is laid out again.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from typing import Any

ROW = "data-row"  # the id each row of a table with merged cells carries through layout
CONTINUED = "continued"  # class of a cell that repeats its group's label after a break


def tag_rows(xhtml: str) -> str:
    """Number the body rows of every table holding a rowspan cell, so the layout can name them."""
    root = ET.fromstring(xhtml)
    tag_tables(root)
    return ET.tostring(root, encoding="unicode")


def tag_tables(root: ET.Element) -> None:
    """tag_rows on a parsed document: the DOCX writer names the rows as the PDF layout did."""
    for t, table in enumerate(root.iter("table")):
        if not any(int(c.get("rowspan", 1)) > 1 for c in table.iter("td")):
            continue
        for r, tr in enumerate(body_rows(table)):
            tr.set(ROW, f"{t}.{r}")


def row_pages(pages: Iterable[Any]) -> dict[str, int]:
    """The page (0-based) on which each tagged row starts, from WeasyPrint's page boxes."""
    found: dict[str, int] = {}
    for n, page in enumerate(pages):
        for box in _descendants(page._page_box):
            element = getattr(box, "element", None)
            row = element.get(ROW) if element is not None else None
            if row is not None and type(box).__name__ == "TableRowBox":
                found.setdefault(row, n)
    return found


def split_groups(xhtml: str, pages: Mapping[str, int]) -> str | None:
    """The document with each merged cell cut at its page breaks; None when none crosses one."""
    root = ET.fromstring(xhtml)
    changed = False
    for table in root.iter("table"):
        rows = body_rows(table)
        if rows and rows[0].get(ROW) is not None:
            changed |= split_table(rows, lambda tr: pages.get(tr.get(ROW, ""), -1))
    return ET.tostring(root, encoding="unicode") if changed else None


def split_table(rows: list[ET.Element], page_of: Callable[[ET.Element], int]) -> bool:
    """Cut every merged cell of these body rows where page_of changes; True when any was cut."""
    held = slots(rows)  # per row: [(column, cell)] of the cells the row holds
    cuts = []
    for r, row in enumerate(held):
        for column, cell in row:
            span = int(cell.get("rowspan", 1))
            covered = [page_of(tr) for tr in rows[r : r + span]]
            starts = [k for k in range(1, len(covered)) if covered[k] != covered[k - 1]]
            if starts:
                cuts.append((r, column, cell, span, starts))
    for r, column, cell, span, starts in cuts:
        bounds = [0, *starts, span]
        _set_span(cell, bounds[1])
        for a, b in zip(bounds[1:], bounds[2:], strict=False):
            again = copy.deepcopy(cell)
            again.set("class", f"{cell.get('class', '')} {CONTINUED}".strip())
            _set_span(again, b - a)
            _insert(rows[r + a], held[r + a], column, again)
    return bool(cuts)


def _set_span(cell: ET.Element, span: int) -> None:
    if span > 1:
        cell.set("rowspan", str(span))
    else:
        cell.attrib.pop("rowspan", None)


def _insert(tr: ET.Element, row: list[tuple[int, ET.Element]], column: int, cell: ET.Element):
    """Put cell in the row before the cells of later columns, keeping the slot list in step."""
    at = sum(1 for c, _cell in row if c < column)
    tr.insert(at, cell)
    row.insert(at, (column, cell))


def slots(rows: list[ET.Element]) -> list[list[tuple[int, ET.Element]]]:
    """Each row's cells with the grid column they start in, skipping columns spanned from above."""
    taken: dict[tuple[int, int], bool] = {}
    out = []
    for r, tr in enumerate(rows):
        row, column = [], 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while taken.get((r, column)):
                column += 1
            row.append((column, cell))
            span = int(cell.get("colspan", 1))
            for k in range(int(cell.get("rowspan", 1))):
                for j in range(span):
                    taken[(r + k, column + j)] = True
            column += span
        out.append(row)
    return out


def body_rows(table: ET.Element) -> list[ET.Element]:
    """The rows below the header, whether or not the table has a tbody."""
    bodies = table.findall("tbody") or [table]
    return [tr for body in bodies for tr in body.findall("tr")]


def _descendants(box: Any):
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)
