"""Hostile workbooks: refused in about a second by sheet!cell, and text never exported as a formula.

The bombs are built from a real export: a far cell typed at XFD1048576 (with and
without a declared sheet size) and a part that unpacks to 40 MiB. Time and memory
are printed by benchmarks/hostile.py, not asserted here.
"""

import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from helpers import PLANS, run_cli

FAR = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'


@pytest.fixture
def folder(tmp_path):
    for name in ("laishan.yaml", "laishan-2022.yaml"):
        shutil.copy(PLANS / name, tmp_path)
    result = run_cli("export", tmp_path / "laishan-2022.yaml", "-o", tmp_path / "book.xlsx")
    assert result.returncode == 0, result.stderr
    return tmp_path


def rewrite(book: Path, out: Path, change) -> Path:
    with zipfile.ZipFile(book) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    change(parts)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out


def far_cell(declared: bool):
    def change(parts):
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        sheet = sheet.replace("</sheetData>", FAR + "</sheetData>")
        if declared:
            sheet = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', sheet)
        parts["xl/worksheets/sheet1.xml"] = sheet.encode()

    return change


def stuffed(row: str, times: int):
    """Rows or cells numbered implicitly: under the size limit, each one built by openpyxl."""

    def change(parts):
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        parts["xl/worksheets/sheet1.xml"] = sheet.replace(
            "</sheetData>", row * times + "</sheetData>"
        ).encode()

    return change


MANY = "指标: the sheet holds more than 10000 rows or 200000 cells, far more than the form"


def padded(parts):
    parts["xl/media/image1.png"] = b"\0" * (40 * 2**20)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "change,expected",
    [
        (
            far_cell(declared=True),
            "指标!XFD1048576: the sheet reaches this cell, far beyond the form",
        ),
        (far_cell(declared=False), "指标!XFD1048576: a cell this far out is beyond the form"),
        (padded, "workbook unpacks to 40 MiB in 16 parts, over the limit of 32 MiB"),
        (stuffed('<row><c t="inlineStr"><is><t>x</t></is></c></row>', 10_001), MANY),
        (stuffed("<row>" + "<c><v>1</v></c>" * 200_001 + "</row>", 1), MANY),
    ],
    ids=[
        "far cell, declared",
        "far cell, not declared",
        "unpacks to 40 MiB",
        "10,001 rows",
        "200,001 cells in a row",
    ],
)
def test_bomb_workbook_is_refused_with_its_place(folder, change, expected):
    bomb = rewrite(folder / "book.xlsx", folder / "bomb.xlsx", change)
    assert bomb.stat().st_size < 200_000
    monitoring = folder / "laishan-2022.yaml"
    before = sha(monitoring)
    result = run_cli("import", bomb, monitoring)
    assert result.returncode == 1, result.stderr
    assert f"{bomb}: {expected}" in result.stderr
    assert "fix: " in result.stderr
    assert sha(monitoring) == before


def test_text_that_looks_like_a_formula_is_exported_as_text_and_imported_unchanged(folder):
    monitoring = folder / "laishan-2022.yaml"
    text = monitoring.read_text(encoding="utf-8")
    evil = {
        "source: 区卫生健康局死因监测资料": "source: \"=cmd|' /C calc'!A0\"",
        "  1:\n    status: 推进中\n    progress: ": '  1:\n    status: 推进中\n    progress: "@SUM(1+1)"\n    x: ',
    }
    for old, new in evil.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    text = re.sub(r"\n    x: [^\n]*", "", text)
    monitoring.write_text(text, encoding="utf-8")
    assert run_cli("validate", monitoring).returncode == 0
    book = folder / "evil.xlsx"
    assert run_cli("export", monitoring, "-o", book).returncode == 0
    with zipfile.ZipFile(book) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in s for s in sheets)  # no live formula anywhere
    wb = openpyxl.load_workbook(book)
    found = {
        c.value: c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)
    }
    for value in ("=cmd|' /C calc'!A0", "@SUM(1+1)"):
        assert found[value].data_type == "s" and found[value].quotePrefix
    before = sha(monitoring)
    result = run_cli("import", book, monitoring)
    assert result.returncode == 0, result.stderr
    assert sha(monitoring) == before  # the same text came back, as text


def damaged(part: str, old: str, new: str):
    def change(parts):
        parts[part] = parts[part].decode().replace(old, new, 1).encode()

    return change


@pytest.mark.parametrize(
    "change,reason",
    [
        (
            damaged("xl/worksheets/sheet1.xml", "<dimension ref=", "<dimension x ref="),
            "ParseError: not well-formed (invalid token)",
        ),
        (
            damaged("xl/styles.xml", "<numFmts ", '<numFmts count="1" '),
            "XMLSyntaxError: Attribute count redefined",
        ),
        (damaged("xl/workbook.xml", 'r:id="rId1"', 'r:id="rId99"'), "KeyError"),
    ],
    ids=["attribute without value", "duplicate attribute", "relationship missing"],
)
def test_damaged_xml_inside_the_workbook_is_an_input_error(folder, change, reason):
    """Found by benchmarks/fuzz.py: openpyxl's XML errors used to end in exit 70."""
    book = rewrite(folder / "book.xlsx", folder / "damaged.xlsx", change)
    monitoring = folder / "laishan-2022.yaml"
    before = sha(monitoring)
    result = run_cli("import", book, monitoring)
    assert result.returncode == 1, result.stderr
    assert f"{book}: not an Excel workbook (.xlsx): {reason}" in result.stderr
    assert "internal error" not in result.stderr and "fix: save it from Excel" in result.stderr
    assert sha(monitoring) == before
