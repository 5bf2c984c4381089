"""The Laishan PDF: extracted text, embedded fonts, outline, metadata, one page as PNG."""

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from plangen.write.fonts import used_fonts
from plangen.write.pdf import write_pdf
from plangen.write.resources import Resources


@pytest.fixture(scope="module")
def reader(built):
    return PdfReader(built / "laishan.pdf")


@pytest.fixture(scope="module")
def pages(reader):
    return [page.extract_text() for page in reader.pages]


def test_page_count_and_size(reader):
    assert 35 <= len(reader.pages) <= 45
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_title_chapters_tasks_and_indicators_are_in_the_text(pages):
    text = "\n".join(pages)
    flat = re.sub(r"\s+", "", text)
    assert "莱山区“十四五”卫生与健康规划" in pages[0] and "（决策草案）" in pages[0]
    for heading in ("一、规划背景", "二、总体要求", "十三、组织实施与保障"):
        assert heading in flat
    numbers = [int(n) for n in re.findall(r"(?m)^(\d{1,2})\.[^\d]", text)]
    tasks = [n for n in numbers if n <= 35]
    assert set(range(1, 36)) <= set(tasks)
    for name, value in (
        ("人均预期寿命", "81.26"),
        ("每千人口执业（助理）医师数", "4.03"),
        ("个人卫生支出占卫生总费用的比重", "27左右"),
    ):
        assert name in flat and value in flat
    assert "表1　主要发展指标" in text and "专栏9" in flat


def test_page_numbers_in_gongwen_form(pages):
    # page 1 holds the title and 目录: unnumbered; the body starts at — 1 —
    assert "— " not in pages[0].splitlines()[-1]
    for number, text in enumerate(pages[1:], start=1):
        assert f"— {number} —" in text


def test_all_fonts_are_the_pinned_faces(built):
    fonts = used_fonts((built / "laishan.pdf").read_bytes())
    # print.css's @font-face families: Fandol files and Liberation Serif (fonts.yaml)
    assert set(fonts) >= {"Pinned-Fang", "Pinned-Hei", "Pinned-Kai", "Pinned-Latin"}, fonts
    assert all(f.startswith("Pinned-") for f in fonts), fonts


def test_metadata_and_outline(reader):
    meta = reader.metadata
    assert meta.title == "莱山区“十四五”卫生与健康规划"
    assert meta.author == "莱山区卫生健康局"
    assert "卫生健康规划" in meta.subject
    assert meta.creation_date.year == 2022
    top = [item["/Title"] for item in reader.outline if not isinstance(item, list)]
    assert top[0] == "一、规划背景" and "十三、组织实施与保障" in top and "重点任务分工表" in top


def test_no_line_starts_with_closing_punctuation(pages):
    bad_start = "，。、；：）》”"
    bad_end = "（《“"
    for text in pages:
        for line in text.splitlines():
            line = line.strip()
            if line:
                assert line[0] not in bad_start, line
                assert line[-1] not in bad_end, line


def test_toc_has_page_numbers(pages):
    toc = pages[0]
    assert re.search(r"一、规划背景\s*·+\s*\d+", toc)


def test_pdf_text_snapshot(pages, snapshot):
    text = "".join(f"\n===== page {i} =====\n{t}" for i, t in enumerate(pages, start=1))
    assert text == snapshot


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_first_body_page_renders_to_png(built, tmp_path):
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            "2",
            "-l",
            "2",
            str(built / "laishan.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000


SPECIAL = "‰≥＜①，。、；：（）《》“”𠀋"


def test_special_characters_have_glyphs(tmp_path, built):
    from plangen.lookup import find, search_path

    search = search_path(None)
    html = f"<html><body><p>{SPECIAL}</p></body></html>"
    pdf = write_pdf(html, find(search, "base/print.css"), Resources(tmp_path, search))
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for ch in SPECIAL:
        assert ch in text, ch


def test_report_pdf_embeds_the_chart(built):
    reader = PdfReader(built / "laishan-2022.pdf")
    images = [img for page in reader.pages for img in page.images]
    # the progress chart and the trend panels of the four lagging indicators
    assert len({img.name for img in images}) == 2 and images[0].image.size[0] > 500
    text = "".join(p.extract_text() for p in reader.pages)
    assert "图1　主要指标完成进度" in text and "图2　滞后指标变化趋势" in text
