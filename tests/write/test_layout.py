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

from plangen.write.docx_lastline import Metrics
from plangen.write.docx_lastline import lines as model_lines

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


@pytest.mark.parametrize("name", EXAMPLES)
def test_docx_in_libreoffice_has_no_paragraph_ending_in_one_character(office_pdfs, name):
    """The DOCX writer predicts LibreOffice's lines (docx_lastline) and loosens the last
    two lines of a paragraph that would end in `责）` alone."""
    _pages_, body = _pages(office_pdfs, name)
    assert not one_char_last_lines(body)


def test_the_line_model_follows_the_rules_libreoffice_breaks_chinese_by():
    """28 characters of 15.75 pt a line, the first indented two; `，` and `）` never
    start a line (the DOCX turns hanging punctuation off), a number is never split,
    and digits beside Chinese add 0.22 em."""
    grid = Metrics(width=442.2, indent=32, size=16, spacing=-0.25, latin={False: {"8": 0.5}})

    def lines(text: str) -> list[str]:
        return model_lines([(c, False) for c in text], grid)

    body = "国" * 27
    assert lines(body + "民，生") == ["国" * 26, "国民，生"]  # 26 after the indent
    assert lines("国" * 26 + "，生") == ["国" * 25, "国，生"]  # ， does not hang
    assert lines("国" * 26 + "）生") == ["国" * 25, "国）生"]  # ） does not start a line
    assert lines("国" * 25 + "8888") == ["国" * 25, "8888"]  # 1 + 3.52 pt + 31 pt: too wide


def test_docx_in_libreoffice_uses_fandol_for_the_chinese_styles(office_pdfs):
    pages, _body = _pages(office_pdfs, "laishan")
    faces = {f for p in pages for ln in p.lines for f in ln.fonts}
    fonts = {f.split("-")[0] for f in faces}
    assert {"FandolFang", "FandolHei", "FandolKai"} <= fonts, fonts
    assert not any("NotoSansCJK" in f for f in fonts), fonts
    # the title's 方正小标宋 in the bold Song, not the regular one (setup's weight rule)
    assert "FandolSong-Bold" in faces, faces


# A second real CJK font package (BENCH=1 bash scripts/setup.sh installs it): if any
# text of the PDF were left to fontconfig, this face would take it.
EXTRA_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
CLAIMED = ("Times New Roman", "仿宋_GB2312", "FandolFang", "Liberation Serif", "AR PL UKai TW")


def _fontconfig(path: Path, extra: Path | None) -> Path:
    """A fontconfig file: the system's without the extra package, or with it in `extra`,
    preferred for every generic family and answering to the names print.css could mean."""
    if extra is None:
        body = (
            f"<selectfont><rejectfont><glob>{EXTRA_FONT.parent}/*</glob></rejectfont></selectfont>"
        )
    else:
        names = "".join(f"<string>{n}</string>" for n in CLAIMED)
        prefer = "".join(
            f'<alias binding="strong"><family>{g}</family>'
            "<prefer><family>WenQuanYi Micro Hei</family></prefer></alias>"
            for g in ("serif", "sans-serif", "monospace")
        )
        # a folder of its own: fontconfig applies scan rules only to fonts it scans
        body = (
            f"<dir>{extra}</dir>"
            f'<match target="scan"><test name="file" compare="contains"><string>{extra}</string>'
            f'</test><edit name="family" mode="prepend">{names}</edit></match>{prefer}'
        )
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{body}</fontconfig>',
        encoding="utf-8",
    )
    return path


def test_same_pdf_whatever_other_fonts_the_machine_has(tmp_path):
    """WenQuanYi Micro Hei installed, preferred for serif and sans-serif and calling itself
    Times New Roman, 仿宋_GB2312 and FandolFang: the PDF is the same, byte for byte."""
    if not EXTRA_FONT.is_file():
        pytest.skip(
            f"{EXTRA_FONT} (Debian fonts-wqy-microhei) is not installed: run "
            "BENCH=1 bash scripts/setup.sh to build with a second CJK font present"
        )
    extra = tmp_path / "extra-fonts"
    extra.mkdir()
    shutil.copy(EXTRA_FONT, extra)
    pdfs = []
    for name, folder in (("without", None), ("with", extra)):
        conf = _fontconfig(tmp_path / f"{name}.conf", folder)
        out = tmp_path / name
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
        pdfs.append((out / "laishan.pdf").read_bytes())
    assert pdfs[0] == pdfs[1]
