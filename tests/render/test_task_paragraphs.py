"""Tasks as action plans write them: a heading line, paragraphs each closed by its own bare
unit list (lead first), a note said once, phrases that are not departments, and tasks
referred to by the number the reader sees (一（二）1) when numbering restarts."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from docx import Document
from helpers import FIXTURES, run_cli

PLAN = FIXTURES / "action.yaml"
FIRST = "完善疾控机构设置，推进市疾控中心新址建设。（市卫生健康委，市发展改革委、市财政局。列首位的为牵头单位，下同）"
SECOND = "加强实验室检测能力建设，2025年底前各区疾控中心达到二级标准。（市发展改革委，各区人民政府分别负责）"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("action")
    done = run_cli("build", PLAN, "-o", folder, "-f", "docx,pdf", "--by-department")
    assert done.returncode == 0, done.stderr
    return folder


def test_each_paragraph_closes_with_its_own_unit_list(out):
    doc = Document(io.BytesIO((out / "action.docx").read_bytes()))
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("1.加强疾病预防控制体系建设。")  # the heading line stands alone
    assert texts[start + 1 : start + 3] == [FIRST, SECOND]
    assert sum("下同" in t for t in texts) == 1  # the note is said once
    assert "2.提升应急处置能力。建设市级紧急医学救援基地。（市卫生健康委，市财政局）" in texts
    with pdfplumber.open(out / "action.pdf") as pdf:
        flat = "".join("".join(p.extract_text().split()) for p in pdf.pages)
    assert FIRST in flat and SECOND in flat


def test_division_table_refers_to_tasks_as_the_body_numbers_them(out):
    doc = Document(io.BytesIO((out / "action.docx").read_bytes()))
    rows = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
    assert [r[0] for r in rows[1:]] == ["一（一）1", "一（一）2", "一（二）1"]
    assert rows[1][2:] == ["市卫生健康委、市发展改革委", "市财政局"]  # every lead kept


def test_department_lists_keep_every_lead_and_every_task(out):
    folder = out / "action-departments"
    names = sorted(p.stem for p in folder.glob("*.docx"))
    assert names == ["市医保局", "市卫生健康委", "市发展改革委", "市财政局"]  # no phrase files
    ndrc = Document(io.BytesIO((folder / "市发展改革委.docx").read_bytes()))
    rows = [[c.text for c in r.cells] for r in ndrc.tables[0].rows]
    assert rows[1][:3] == ["一（一）1", "加强疾病预防控制体系建设", "牵头"]  # led in paragraph 2
    texts = [p.text for p in ndrc.paragraphs]
    assert FIRST.replace("。列首位的为牵头单位，下同", "") in texts and SECOND in texts
    health = Document(io.BytesIO((folder / "市卫生健康委.docx").read_bytes()))
    roles = [r.cells[2].text for r in health.tables[0].rows[1:]]
    assert roles == ["牵头", "牵头", "配合"]


def test_unknown_department_in_a_paragraph_names_its_line_and_also(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        PLAN.read_text(encoding="utf-8").replace(
            "                also: [各区人民政府分别负责]",
            "                support: [各区人民政府分别负责]",
        ),
        "utf-8",
    )
    done = run_cli("validate", bad)
    assert done.returncode == 1
    line = next(
        n
        for n, t in enumerate(bad.read_text("utf-8").splitlines(), 1)
        if "各区人民政府分别负责" in t
    )
    assert f"bad.yaml:{line}:" in done.stderr and "also:" in done.stderr


def test_lint_reads_task_paragraphs():
    done = run_cli("lint", PLAN)
    assert done.returncode == 0, done.stdout + done.stderr
