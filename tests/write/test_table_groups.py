"""Merged group cells (领域, 类别) closed at a page break with the label repeated on the
continuation page, in the indicator table, a written table: and a completion_table."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pdfplumber
import pytest
from helpers import FIXTURES, run_cli

from plangen.write.pdf_groups import CONTINUED, ROW, split_groups, tag_rows

PLAN = FIXTURES / "long-groups.yaml"
LABELS = ("领域", "类别")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("groups")
    done = run_cli("build", PLAN, "-o", out, "-f", "pdf", "-q")
    assert done.returncode == 0, done.stderr
    return out / "long-groups.pdf"


def fragments(path):
    """(page number, table rows, table) of every grouped table fragment, page by page."""
    with pdfplumber.open(path) as doc:
        for page in doc.pages:
            for table in page.find_tables():
                rows = table.extract()
                if rows and rows[0][0] in LABELS:
                    yield page, rows[1:], table


def test_every_page_of_a_group_shows_its_label(pdf):
    seen: list[tuple[int, str]] = []
    for page, rows, _table in fragments(pdf):
        assert rows[0][0], (page.page_number, rows[0])  # the continuation opens with its label
        label = None
        for row in rows:
            label = (row[0] or "").replace("\n", "") or label
            name = next(c for c in row[1:] if c and not c.isdigit())
            assert name.startswith(label), (page.page_number, label, row)
            if not seen or seen[-1] != (page.page_number, label):
                seen.append((page.page_number, label))
    labels = [label for _page, label in seen]
    continued = [b for a, b in zip(seen, seen[1:], strict=False) if a[1] == b[1]]
    # each of the three tables has a group crossing a break (pages: 1→2, 3→4, 5→6, …)
    assert len(continued) >= 5, seen
    assert {"健康服务", "人员"} <= set(labels)


def test_a_group_cell_is_closed_at_the_foot_of_its_page(pdf):
    """The rule under the last row runs under the label cell too."""
    checked = 0
    for page, _rows, table in fragments(pdf):
        x0, _top, x1, bottom = table.bbox
        label_right = table.rows[-1].cells[0][2] if table.rows[-1].cells[0] else None
        rules = [
            e
            for e in page.edges
            if e["orientation"] == "h" and abs(e["top"] - bottom) < 1.5 and e["x0"] <= x0 + 1
        ]
        assert rules, page.page_number
        if label_right is not None:
            assert max(e["x1"] for e in rules) >= label_right - 1
        checked += 1
    assert checked >= 6


def _table(spans_and_pages):
    rows = "".join(
        "<tr>" + (f'<td rowspan="{span}">G</td>' if span else "") + f"<td>r{i}</td><td>x</td></tr>"
        for i, (span, _page) in enumerate(spans_and_pages)
    )
    return f"<html><body><table><tbody>{rows}</tbody></table></body></html>"


def test_split_groups_cuts_a_cell_at_each_page_change_and_repeats_it():
    layout = [(5, 0), (0, 0), (0, 1), (0, 1), (0, 2), (1, 2)]
    tagged = tag_rows(_table(layout))
    pages = {f"0.{i}": page for i, (_span, page) in enumerate(layout)}
    root = ET.fromstring(split_groups(tagged, pages))
    rows = root.findall(".//tr")
    assert all(tr.get(ROW) for tr in rows)
    firsts = [(tr[0].text, tr[0].get("rowspan"), tr[0].get("class")) for tr in rows]
    assert firsts == [
        ("G", "2", None),
        ("r1", None, None),
        ("G", "2", CONTINUED),
        ("r3", None, None),
        ("G", None, CONTINUED),
        ("G", "1", None),  # as written
    ]


def test_split_groups_leaves_a_table_alone_when_no_group_crosses_a_page():
    tagged = tag_rows(_table([(2, 0), (0, 0), (1, 1)]))
    assert split_groups(tagged, {"0.0": 0, "0.1": 0, "0.2": 1}) is None
