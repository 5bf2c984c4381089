"""Documents for zh_TW and zh_HK: generated words and the author's text in traditional script."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from helpers import FIXTURES, PLANS, run_cli
from pypdf import PdfReader

from plangen.pipeline.build import render_file
from plangen.script import script_counts


def text_of(xhtml: str) -> str:
    return re.sub(r"<[^>]+>", " ", xhtml)


def with_locale(src: Path, dest: Path, locale: str) -> Path:
    """A copy of a plan whose meta: asks for another locale."""
    text = src.read_text(encoding="utf-8").replace("meta:\n", f"meta:\n  locale: {locale}\n", 1)
    dest.write_text(text, encoding="utf-8")
    return dest


def test_simplified_plan_for_taiwan_has_no_simplified_character_left(tmp_path):
    doc = render_file(with_locale(PLANS / "longhu.yaml", tmp_path / "longhu.yaml", "zh_TW"))
    text = text_of(doc.xhtml)
    simplified, traditional = script_counts(text)
    assert simplified == 0 and traditional > 1000
    assert 'lang="zh-TW"' in doc.xhtml
    assert "重點任務分工表" in text and "牽頭單位" in text  # template words
    assert "龍湖區衛生和計劃生育事業發展" in text  # the author's text, converted
    assert "2016年12月30日" in text  # Babel's zh_Hant_TW long date


def test_hong_kong_conversion_uses_hong_kong_forms(tmp_path):
    doc = render_file(with_locale(FIXTURES / "minimal.yaml", tmp_path / "m.yaml", "zh_HK"))
    text = text_of(doc.xhtml)
    assert "測試區衞生健康規劃" in text and 'lang="zh-HK"' in doc.xhtml
    assert script_counts(text)[0] == 0


def test_text_already_traditional_is_printed_as_written():
    doc = render_file(FIXTURES / "traditional.yaml")
    text = text_of(doc.xhtml)
    assert "建設疾控中心，啓動信息化建設。" in text  # 啓, not Taiwan's 啟: as the author wrote
    assert "約束性" in text and "預期性" in text  # fixed words read from 約束性 and shown so
    assert "力爭每年降低1個百分點" in text
    assert "重點任務分工表" in text and "牽頭單位" in text


def test_simplified_source_is_converted_phrase_by_phrase(tmp_path):
    plan = with_locale(FIXTURES / "minimal.yaml", tmp_path / "m.yaml", "zh_TW")
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "建设疾控中心。", "加强干部队伍建设，启动疾控中心。"
        ),
        encoding="utf-8",
    )
    assert "加強幹部隊伍建設，啟動疾控中心。" in text_of(render_file(plan).xhtml)


def test_mainland_documents_are_unchanged():
    doc = render_file(FIXTURES / "minimal.yaml")
    assert 'lang="zh-CN"' in doc.xhtml and "重点任务分工表" in doc.xhtml


def test_evaluation_report_for_taiwan(tmp_path):
    with_locale(PLANS / "laishan.yaml", tmp_path / "laishan.yaml", "zh_TW")
    shutil.copy(PLANS / "laishan-2022.yaml", tmp_path)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font")  # 線 drawn as a box
        doc = render_file(tmp_path / "laishan-2022.yaml")
    text = text_of(doc.xhtml)
    assert script_counts(text)[0] == 0
    assert "中期評估報告" in text and "約束性" in text
    assert "2023年6月30日" in text


@pytest.mark.parametrize("locale", ["zh_TW", "zh_HK"])
def test_docx_and_pdf_in_traditional_script(tmp_path, locale):
    plan = with_locale(FIXTURES / "minimal.yaml", tmp_path / "m.yaml", locale)
    result = run_cli("build", plan, "-o", tmp_path / "out", "-q")
    assert result.returncode == 0, result.stderr
    document = docx.Document(tmp_path / "out" / "m.docx")
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == locale.replace("_", "-")
    body = document.styles["Normal"].element.find(".//" + qn("w:rFonts"))
    assert body.get(qn("w:eastAsia")) == "標楷體"  # 仿宋_GB2312 has no traditional characters
    words = "\n".join(p.text for p in document.paragraphs)
    assert "重點任務分工表" in words and script_counts(words)[0] == 0
    reader = PdfReader(tmp_path / "out" / "m.pdf")
    pdf = "".join(page.extract_text() for page in reader.pages)
    assert "重點任務分工表" in pdf and "完善疾控體系" in pdf
    fonts = {f["/BaseFont"] for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    # the body face covers traditional characters: print.css's Pinned Kai TW is AR PL UKai
    assert any("Pinned-Kai-TW" in f for f in fonts), fonts


def test_traditional_pdf_never_falls_back_to_an_unpinned_face(tmp_path):
    """Headings are set in Fandol 黑体/楷体, which lack 強, 撐, 錄: those come from the
    pinned UKai, not from whatever CJK font the machine happens to have."""
    result = run_cli("build", PLANS / "weihai-action.yaml", "-o", tmp_path, "-f", "pdf", "-q")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "weihai-action.pdf")
    fonts = {f["/BaseFont"] for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert all(f.split("+")[-1].startswith("Pinned-") for f in fonts), fonts
    assert "錄" in "".join(page.extract_text() for page in reader.pages)


def test_unknown_locale_is_a_validation_error_with_its_line(tmp_path):
    plan = with_locale(FIXTURES / "minimal.yaml", tmp_path / "m.yaml", "zh_SG")
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "m.yaml:3:" in result.stderr and "zh_TW" in result.stderr
    assert not (tmp_path / "out").exists()


def test_draft_comparison_follows_the_new_drafts_locale(tmp_path):
    from plangen.pipeline.compare import compare

    old = with_locale(FIXTURES / "minimal.yaml", tmp_path / "old.yaml", "zh_TW")
    new = with_locale(FIXTURES / "minimal.yaml", tmp_path / "new.yaml", "zh_TW")
    new.write_text(
        new.read_text(encoding="utf-8").replace("建设疾控中心。", "建设疾控中心和实验室。"),
        encoding="utf-8",
    )
    doc = compare(old, new)
    text = text_of(doc.xhtml)
    assert 'lang="zh-TW"' in doc.xhtml and "實驗室" in text
    assert script_counts(text)[0] == 0
