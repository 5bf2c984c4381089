"""The comparison report written by the real CLI: Word runs struck or underlined, HTML marks."""

import zipfile

import pytest
from docx import Document
from docx.shared import RGBColor
from docx_view import docx_view
from helpers import FIXTURES, run_cli
from lxml import etree
from ooxml_order import out_of_order

OLD = FIXTURES / "diff" / "old.yaml"
NEW = FIXTURES / "diff" / "new.yaml"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("diff")
    result = run_cli("diff", OLD, NEW, "-o", folder, "-f", "docx,html", "-q")
    assert result.returncode == 0, result.stderr
    return folder


def marked_runs(doc, style: str) -> list[str]:
    """Text of the runs in one character style, body paragraphs and table cells alike."""
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    return [r.text for p in paragraphs for r in p.runs if r.style.name == style]


def test_deleted_text_is_struck_and_red_inserted_text_underlined_and_blue(out):
    doc = Document(out / "test-plan-diff.docx")
    deleted, inserted = doc.styles["Deleted Text"].font, doc.styles["Inserted Text"].font
    assert deleted.strike and not deleted.underline and deleted.color.rgb == RGBColor(0xC0, 0, 0)
    assert inserted.underline and not inserted.strike
    assert inserted.color.rgb == RGBColor(0x00, 0x50, 0xA0)
    assert sorted(marked_runs(doc, "Deleted Text")) == sorted(["3", "区财政局"])
    assert sorted(marked_runs(doc, "Inserted Text")) == sorted(
        ["体系", "区", "4.3", "医疗服务", "区发展和改革局"]
    )


def test_reworded_task_reads_as_one_paragraph_with_its_marks(out):
    doc = Document(out / "test-plan-diff.docx")
    texts = [p.text for p in doc.paragraphs]
    # Both drafts' words are in the paragraph: the struck 3 and the underlined 4.3.
    assert "建设区疾控中心，到2025年实验室达到34.3个。" in texts
    assert "1.完善疾控体系（原第1项，现第2项）" in texts


def test_docx_view_snapshot(out, snapshot):
    assert docx_view((out / "test-plan-diff.docx").read_bytes()) == snapshot


def test_property_elements_follow_the_schema_order(out):
    with zipfile.ZipFile(out / "test-plan-diff.docx") as z:
        for part in z.namelist():
            if part.startswith("word/") and part.endswith(".xml"):
                assert out_of_order(etree.fromstring(z.read(part))) == [], part


def test_html_marks_deletions_and_insertions_and_carries_their_style(out):
    html = (out / "test-plan-diff.html").read_text(encoding="utf-8")
    assert "实验室达到<del>3</del><ins>4.3</ins>个。" in html
    assert "del { text-decoration: line-through" in html
    assert "<title>《测试区卫生健康规划》修改对照说明</title>" in html
