"""The page grid measured as a proofreader would (tests/layout_check.py), on plangen's
PDF and on the PDF LibreOffice makes from plangen's DOCX (what a WPS/LibreOffice user
sees): 22 lines of 28 characters at a constant 28.9 pt pitch, the page number 7 mm
below the type area, no line starting with closing punctuation, the pinned faces."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import PLANS, run_cli
from layout_check import TYPE_LEFT, TYPE_RIGHT, body_pages, check_grid, one_char_last_lines, read

EXAMPLES = ("laishan", "longhu", "laishan-2022", "weihai-action")  # the last: zh_TW


def _pages(folder, name):
    pages = read(folder / f"{name}.pdf")
    return pages, body_pages(pages)


@pytest.mark.parametrize("name", EXAMPLES)
def test_pdf_keeps_the_22_by_28_grid(built, name):
    pages, body = _pages(built, name)
    check_grid(pages, body, f"{name}.pdf")


@pytest.mark.parametrize("name", EXAMPLES)
def test_pdf_has_no_paragraph_ending_in_one_character_and_its_punctuation(built, name):
    """`负责）` rather than `责）` alone: the line above is set a little loose."""
    _pages_, body = _pages(built, name)
    assert not one_char_last_lines(body)


@pytest.mark.parametrize("name", EXAMPLES)
def test_pdf_uses_only_the_pinned_faces_with_latin_digits_from_the_times_stand_in(built, name):
    pages, body = _pages(built, name)
    fonts = {f for p in pages for ln in p.lines for f in ln.fonts}
    assert all(f.startswith("Pinned-") for f in fonts), fonts
    digits = {
        f
        for p in body
        for ln in p.lines
        if ln.body and any(c.isdigit() for c in ln.text)
        for f in ln.fonts
    }
    assert "Pinned-Latin" in digits


@pytest.mark.parametrize("name", EXAMPLES)
def test_pdf_lines_inside_a_paragraph_end_at_the_right_edge(built, name):
    """Justified as Chinese is: a line one character short (its successor may not
    start a line) or holding digits is spread between its characters."""
    _pages_, body = _pages(built, name)
    inside = [
        a
        for p in body
        for a, b in zip(p.lines, p.lines[1:], strict=False)
        if a.body and b.body and b.x0 - TYPE_LEFT < 2 and b.top - a.top < 30
    ]
    ragged = [(a.page, a.text[:10]) for a in inside if abs(a.x1 - TYPE_RIGHT) > 1]
    assert len(inside) > 100 and not ragged, ragged


@pytest.mark.parametrize("name", EXAMPLES)
def test_docx_in_libreoffice_keeps_the_22_by_28_grid(office_pdfs, name):
    pages, body = _pages(office_pdfs, name)
    check_grid(pages, body, f"{name}.docx → LibreOffice")


def test_docx_in_libreoffice_uses_fandol_for_the_chinese_styles(office_pdfs):
    pages, _body = _pages(office_pdfs, "laishan")
    fonts = {f.split("-")[0] for p in pages for ln in p.lines for f in ln.fonts}
    assert {"FandolFang", "FandolHei", "FandolKai"} <= fonts, fonts
    assert not any("NotoSansCJK" in f for f in fonts), fonts


def test_same_pages_when_the_machine_has_other_fonts_of_the_same_names(built, tmp_path):
    """A font that calls itself Times New Roman, 仿宋_GB2312 and FandolFang changes nothing."""
    impostor = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not impostor.is_file():
        pytest.skip("no DejaVu Sans to disguise")
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(impostor, fonts)
    renames = "".join(
        f'<edit name="family" mode="prepend"><string>{n}</string></edit>'
        for n in ("Times New Roman", "仿宋_GB2312", "FandolFang", "Liberation Serif")
    )
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{fonts}</dir>"
        f'<match target="scan"><test name="file" compare="contains"><string>{fonts}</string>'
        f"</test>{renames}</match></fontconfig>",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli(
        "build",
        PLANS / "laishan.yaml",
        "-o",
        out,
        "-f",
        "pdf",
        "-q",
        env={"FONTCONFIG_FILE": str(conf)},
    )
    assert result.returncode == 0, result.stderr
    ours = [[ln.text for ln in p.lines] for p in read(built / "laishan.pdf")]
    theirs = [[ln.text for ln in p.lines] for p in read(out / "laishan.pdf")]
    assert len(theirs) == len(ours) and theirs == ours
