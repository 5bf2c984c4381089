"""The Typst PDF engine (--pdf-engine typst), held to the checks of the WeasyPrint PDF:
the 22 × 28 grid of tests/layout_check.py, pinned faces, 目录 with page numbers,
tables with merged cells and repeated headers, the chart, traditional script, and
user text that Typst would read as markup coming through literally."""

from __future__ import annotations

import os
import re
import sys

import pdfplumber
import pytest
from fontTools.ttLib import TTCollection, TTFont
from helpers import FIXTURES, PLANS, run_cli
from layout_check import (
    MM,
    TYPE_BOTTOM,
    TYPE_LEFT,
    TYPE_RIGHT,
    TYPE_TOP,
    body_pages,
    check_grid,
    one_char_last_lines,
    read,
)
from pypdf import PdfReader

from plangen.lookup import search_path
from plangen.render import pinned

EXAMPLES = ("laishan", "longhu", "laishan-2022")
CLOSING_MARKS = "）》」』】〕〉”’"


@pytest.fixture(scope="module")
def typst_built(tmp_path_factory):
    """The examples and the traditional-script fixture, built by the real CLI with Typst."""
    out = tmp_path_factory.mktemp("typst")
    inputs = [PLANS / f"{name}.yaml" for name in EXAMPLES] + [FIXTURES / "traditional.yaml"]
    result = run_cli("build", *inputs, "-o", out, "-f", "pdf", "--pdf-engine", "typst", "-q")
    assert result.returncode == 0, result.stderr
    return out


def _pinned_names() -> set[str]:
    """PostScript names of every face in the pinned font files (fonts.yaml)."""
    spec = pinned.table(search_path(None))
    names = set()
    for file in spec["files"]:
        path = pinned.locate(file, spec)
        assert path is not None, file
        fonts = TTCollection(path).fonts if path.suffix == ".ttc" else [TTFont(path, lazy=True)]
        names |= {f["name"].getDebugName(6) for f in fonts}
    return names


@pytest.mark.parametrize("name", EXAMPLES)
def test_typst_pdf_keeps_the_22_by_28_grid(typst_built, name):
    pages = read(typst_built / f"{name}.pdf")
    check_grid(pages, body_pages(pages), f"{name}.pdf (Typst)")


@pytest.mark.parametrize("name", EXAMPLES)
def test_typst_pdf_has_no_paragraph_ending_in_one_character_and_its_punctuation(typst_built, name):
    """`负责）` rather than `责）` alone: the last two characters are kept together."""
    assert not one_char_last_lines(body_pages(read(typst_built / f"{name}.pdf")))


@pytest.mark.parametrize("name", EXAMPLES)
def test_typst_pdf_lines_inside_a_paragraph_end_at_the_right_edge(typst_built, name):
    body = body_pages(read(typst_built / f"{name}.pdf"))
    inside = [
        a
        for p in body
        for a, b in zip(p.lines, p.lines[1:], strict=False)
        if a.body and b.body and b.x0 - TYPE_LEFT < 2 and b.top - a.top < 30
    ]
    # Typst (0.15, by CLREQ) sets a closing bracket or quote that ends a line in half a
    # cell, whatever the region: its ink ends at the edge, its nominal box half a cell on.
    half = [a for a in inside if a.text[-1] in CLOSING_MARKS and abs(a.x1 - TYPE_RIGHT - 8.1) < 1]
    ragged = [
        (a.page, a.text[-10:]) for a in inside if abs(a.x1 - TYPE_RIGHT) > 1 and a not in half
    ]
    assert len(inside) > 100 and not ragged, ragged
    assert len(half) <= 0.02 * len(inside), [a.text[-6:] for a in half]


@pytest.mark.parametrize("name", EXAMPLES)
def test_typst_pdf_uses_only_the_pinned_files_with_latin_digits_from_the_times_stand_in(
    typst_built, name
):
    pages = read(typst_built / f"{name}.pdf")
    fonts = {f for p in pages for ln in p.lines for f in ln.fonts}
    assert fonts <= _pinned_names(), fonts - _pinned_names()
    assert {"FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular"} <= fonts
    digits = {
        f
        for p in body_pages(pages)
        for ln in p.lines
        if ln.body and any(c.isdigit() for c in ln.text)
        for f in ln.fonts
    }
    assert "LiberationSerif" in digits, digits


def test_typst_toc_page_numbers_point_at_the_chapters(typst_built):
    pages = read(typst_built / "laishan.pdf")
    by_folio = {p.folio.text.strip("— "): p for p in pages if p.folio is not None}
    entries = [
        re.fullmatch(r"(.+?)·+(\d+)", ln.text)
        for p in pages[: len(pages) - len(body_pages(pages))]
        for ln in p.lines
    ]
    entries = [(m.group(1), m.group(2)) for m in entries if m]
    assert len(entries) == 14, entries
    for title, number in entries:
        text = "".join(ln.text for ln in by_folio[number].lines).replace("　", "")
        assert title.replace("　", "") in text, (title, number)


def test_typst_metadata_outline_and_language(typst_built):
    reader = PdfReader(typst_built / "laishan.pdf")
    assert reader.metadata.title == "莱山区“十四五”卫生与健康规划"
    assert reader.metadata.author == "莱山区卫生健康局"
    assert "卫生健康规划" in reader.metadata.subject
    assert reader.metadata.creation_date.year == 2022
    top = [item["/Title"] for item in reader.outline if not isinstance(item, list)]
    assert top[0] == "一、规划背景" and "十三、组织实施与保障" in top and "重点任务分工表" in top
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"  # not the zh-TW print.typ sets for 。


def test_typst_tables_merge_cells_and_repeat_their_header(typst_built):
    with pdfplumber.open(typst_built / "laishan.pdf") as pdf:
        tables = [
            [[re.sub(r"\s", "", c) if c else c for c in row] for row in t]
            for page in pdf.pages
            for t in page.extract_tables()
        ]
    indicators = [t for t in tables if t[0][:2] == ["领域", "序号"]]
    division = [t for t in tables if t[0][:3] == ["序号", "重点任务", "牵头单位"]]
    # a domain cell spans its indicators' rows: below it, the first column is merged
    domains = [row[0] for row in indicators[0][1:]]
    assert domains[0] == "健康水平" and domains[1] is None, domains
    # the header again on each page a table runs over
    assert len(indicators) == 2 and len(division) >= 3, (len(indicators), len(division))
    assert {row[0] for t in division for row in t[1:]} >= {str(n) for n in range(1, 36)}


def test_typst_report_has_the_chart_and_its_caption(typst_built):
    with pdfplumber.open(typst_built / "laishan-2022.pdf") as pdf:
        with_image = [p for p in pdf.pages if p.images]
        assert with_image
        text = with_image[0].extract_text()
    assert "图1" in text


def test_typst_traditional_script_is_set_in_the_kai_face(typst_built):
    pages = read(typst_built / "traditional.pdf")
    fonts = {f for p in pages for ln in p.lines for f in ln.fonts}
    text = "".join(ln.text for p in pages for ln in p.lines)
    assert "測試區衛生健康規劃" in text
    assert "UKaiTW" in fonts, fonts  # AR PL UKai TW, the 標楷體 stand-in
    assert "FandolFang-Regular" not in fonts


SPECIALS = r"井#号$x$与*星*和_下_与`码`@引<标>[括]\斜/撇=等//注/*释*/"


def test_typst_markup_characters_in_user_text_come_through_literally(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "special.yaml"
    quoted = SPECIALS.replace("'", "''")
    text = text.replace("text: 建设疾控中心。", f"text: '{quoted}#set page(width: 1cm)。'")
    text = text.replace("name: 人均预期寿命", f"name: '寿命{quoted}'")
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", plan, "-o", out, "-f", "pdf", "--pdf-engine", "typst", "-q")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out / "special.pdf") as pdf:
        flat = re.sub(r"\s+", "", "".join(p.extract_text() for p in pdf.pages))
        cells = {
            re.sub(r"\s+", "", c or "")
            for p in pdf.pages
            for t in p.extract_tables()
            for row in t
            for c in row
        }
        width = {round(p.width) for p in pdf.pages}
    assert SPECIALS + "#setpage(width:1cm)。" in flat  # a task's text
    assert "寿命" + SPECIALS in cells  # an indicator's name in the table
    assert width == {595}


def test_unknown_pdf_engine_is_refused(tmp_path):
    result = run_cli("build", PLANS / "laishan.yaml", "-o", tmp_path, "--pdf-engine", "latex")
    assert result.returncode != 0 and "latex" in result.stderr
    assert not list(tmp_path.iterdir())


def test_typst_pdf_text_snapshot(typst_built, snapshot):
    reader = PdfReader(typst_built / "laishan.pdf")
    text = "".join(
        f"\n===== page {i} =====\n{page.extract_text()}" for i, page in enumerate(reader.pages, 1)
    )
    assert text == snapshot


def test_typst_notice_has_its_head_signature_and_record(tmp_path):
    """印发通知 (plans/donghai-city.yaml): red 发文机关标志 35 mm down, 署名 two characters in
    from the right and the date two right of its start, the 版记 on an even last page without a page number."""
    result = run_cli(
        "build", PLANS / "donghai-city.yaml", "-o", tmp_path, "-f", "pdf", "--pdf-engine", "typst"
    )
    assert result.returncode == 0, result.stderr
    pages = read(tmp_path / "donghai-city.pdf")
    mark = next(ln for ln in pages[0].lines if 36 in ln.sizes)
    assert mark.text == "东海市人民政府文件" and mark.top > TYPE_TOP + 35 * MM
    signature = next(ln for ln in pages[0].lines if ln.text == "东海市人民政府")
    date = next(ln for ln in pages[0].lines if ln.text == "2021年12月20日")
    assert abs(TYPE_RIGHT - signature.x1 - 2 * 16) < 2  # GB/T 9704-2012 7.3.5.2
    assert abs(date.x0 - signature.x0 - 2 * 16) < 2
    last = pages[-1]
    assert last.number % 2 == 0 and last.folio is None
    printer = last.lines[-1]
    assert printer.text.endswith("印发") and abs(TYPE_RIGHT - 14 - printer.x1) < 2
    assert printer.top > TYPE_BOTTOM - 24
    with pdfplumber.open(tmp_path / "donghai-city.pdf") as pdf:
        colours = {c["non_stroking_color"] for c in pdf.pages[0].chars if c["size"] > 30}
    assert colours and all(c[0] > 0.8 and c[1] < 0.1 for c in colours), colours


ODD = """<html lang="zh-CN"><head><title>t</title></head><body><main>
<table class="data"><tbody><tr><td colspan="5">甲格</td><td rowspan="9">乙格</td></tr><tr/></tbody></table>
<table class="data"></table>
<p>正文<b>粗体</b><em>斜体</em><del>删去</del><ins>增加</ins><br/>换行<code>x</code></p>
<ul><li>一项</li><li>二项</li></ul><div>散文字</div><span>孤立</span>
<figure><img src="file:///etc/passwd"/><figcaption>图题</figcaption></figure>
</main></body></html>"""


def test_typst_writer_takes_odd_tables_stray_text_and_refuses_outside_images(tmp_path):
    """Spans past the table's edge, an empty table, inline elements at block level,
    and an image from outside the allowed folders (left out and recorded)."""
    from plangen.write.resources import Resources
    from plangen.write.typst_pdf import write_typst_pdf

    resources = Resources(tmp_path, search_path(None), {})
    stylesheet = search_path(None)[0] / "base" / "print.typ"
    pdf = tmp_path / "odd.pdf"
    pdf.write_bytes(write_typst_pdf(ODD, stylesheet, resources))
    with pdfplumber.open(pdf) as doc:
        text = "".join(p.extract_text() for p in doc.pages)
        images = [i for p in doc.pages for i in p.images]
    words = ("甲格", "乙格", "粗体", "斜体", "删去", "增加", "换行", "一项", "散文字")
    assert all(word in text for word in (*words, "孤立", "图题")), text
    assert resources.refused == ["file:///etc/passwd"] and not images


def test_without_the_typst_package_the_build_says_what_to_install(tmp_path):
    """`typst` not importable (the extra not installed): exit 1, the fix, no file written."""
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "typst.py").write_text("raise ImportError('no typst here')\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(
        "build",
        PLANS / "longhu.yaml",
        "-o",
        out,
        "-f",
        "docx,pdf",
        "--pdf-engine",
        "typst",
        env={"PYTHONPATH": os.pathsep.join((str(shadow), *sys.path))},
    )
    assert result.returncode == 1, result.stderr
    assert "longhu.yaml:1:1: the Typst engine is not installed" in result.stderr
    assert "pip install 'plangen[typst]'" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() or not list(out.iterdir())
