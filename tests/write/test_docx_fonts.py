"""The DOCX's font declarations and grid: what Word, WPS and LibreOffice substitute from."""

import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from helpers import FIXTURES, run_cli


@pytest.fixture(scope="module")
def doc(built):
    return Document(built / "laishan.docx")


def _part(path, name):
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_theme_font_language_is_chinese(doc):
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_font_table_lists_the_fonts_the_styles_use_and_no_japanese_ones(built):
    table = _part(built / "laishan.docx", "word/fontTable.xml")
    for name in ("仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "方正小标宋简体", "Times New Roman"):
        assert f'w:name="{name}"' in table, name
    assert 'w:altName w:val="FangSong_GB2312"' in table and 'w:charset w:val="86"' in table
    assert "ＭＳ" not in table and "Cambria" not in table


def test_traditional_document_declares_its_language_and_faces(tmp_path):
    result = run_cli("build", FIXTURES / "traditional.yaml", "-o", tmp_path, "-f", "docx", "-q")
    assert result.returncode == 0, result.stderr
    out = next(tmp_path.glob("*.docx"))
    settings = _part(out, "word/settings.xml")
    assert 'w:eastAsia="zh-TW"' in settings or 'w:eastAsia="zh-HK"' in settings
    table = _part(out, "word/fontTable.xml")
    assert 'w:name="標楷體"' in table and 'w:charset w:val="88"' in table


def test_body_styles_set_28_characters_a_line(doc):
    for name in ("Body Text", "Heading 1", "TOC 1"):
        spacing = doc.styles[name].element.rPr.find(qn("w:spacing"))
        assert spacing is not None and spacing.get(qn("w:val")) == "-5", name  # −0.25 pt
    # 16 pt − 0.25 pt: 28 in 156 mm (442.2 pt), 29 do not fit
    assert 28 * 15.75 <= 156 / 25.4 * 72 < 29 * 15.75
    assert doc.styles["Table Text"].element.rPr.find(qn("w:spacing")) is None


def test_figure_paragraph_is_as_tall_as_its_picture(built):
    doc = Document(built / "laishan-2022.docx")
    fmt = doc.styles["Figure"].paragraph_format
    assert fmt.line_spacing_rule != 4  # WD_LINE_SPACING.EXACTLY clips the chart to a strip
    pictures = [p for p in doc.paragraphs if p._p.findall(".//" + qn("w:drawing"))]
    assert pictures and all(p.style.name == "Figure" for p in pictures)


def test_footer_puts_the_page_number_dash_7_mm_below_the_type_area(doc):
    section = doc.sections[0]
    # the footer paragraph's 14 pt line sits footer_distance above the page edge;
    # its middle (the dash) is 35 mm − 7 mm above the edge
    middle = section.footer_distance.mm + 14 / 72 * 25.4 / 2
    assert abs(middle - (35 - 7)) < 0.5
