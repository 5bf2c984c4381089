"""`plangen adopt`: existing plans (text, Word, HTML) become plan YAML that validates."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from helpers import PLANS, ROOT, run_cli

from plangen.compute.adopt.registry import build_registry, is_contraction
from plangen.compute.adopt.units import split_unit_line
from plangen.compute.outline import build_outline, walk
from plangen.load.plan import load_plan
from plangen.script import to_simplified

REFERENCE = ROOT.parent.parent / "shared" / "reference"
if not REFERENCE.is_dir():  # the main checkout sits one level higher than worktrees
    REFERENCE = ROOT.parent / "shared" / "reference"
LAISHAN_TXT = REFERENCE / "001_a8585c4e28a6a4f9.txt"
LONGHU_TXT = REFERENCE / "004_0d83bb3f6357629c.txt"
needs_reference = pytest.mark.skipif(
    not LAISHAN_TXT.is_file(), reason="the reference texts (../shared/reference) are absent"
)


def counts(path: Path) -> dict[str, int]:
    """What a reader sees of a plan's build: chapters, sections, tasks, 专栏, table rows."""
    lp = load_plan(path)
    outline = build_outline(lp)
    sections = sum(1 for n in walk(outline.chapters) if n.kind == "section")
    return {
        "chapters": len(outline.chapters),
        "sections": sections - len(outline.chapters),
        "tasks": len(outline.tasks),
        "tasks_with_departments": sum(1 for t in outline.tasks if t.lead),
        "boxes": len(outline.boxes),
        "indicator_rows": len(lp.plan.indicators),
    }


def adopt(tmp_path: Path, source: Path, name: str = "plan.yaml") -> Path:
    out = tmp_path / name
    result = run_cli("adopt", source, "-o", out)
    assert result.returncode == 0, result.stderr
    assert run_cli("validate", out).returncode == 0
    return out


@needs_reference
def test_laishan_text_gives_the_hand_made_structure(tmp_path):
    out = adopt(tmp_path, LAISHAN_TXT)
    got = counts(out)
    assert got == {
        "chapters": 13,
        "sections": 16,
        "tasks": 35,
        "tasks_with_departments": 35,
        "boxes": 9,
        "indicator_rows": 21,
    }
    assert got == counts(PLANS / "laishan.yaml")
    lp = load_plan(out)
    meta = lp.plan.meta
    assert (meta.region, meta.title, meta.issuer, str(meta.date), meta.status) == (
        "莱山区",
        "莱山区“十四五”卫生与健康规划",
        "莱山区卫生健康局",
        "2022-06-13",
        "决策草案",
    )
    assert meta.period == (2021, 2025) and meta.task_numbering == "continuous"
    hand = load_plan(PLANS / "laishan.yaml")
    assert [t.task for _p, t in _tasks(lp)] == [t.task for _p, t in _tasks(hand)]
    # Departments as the source writes them: the lead first, then the others.
    assert [(t.lead, t.support) for _p, t in _tasks(lp)][:2] == [
        (["区卫生健康局"], ["区委编办", "区人力资源和社会保障局", "区财政局"]),
        (["区卫生健康局"], ["区财政局"]),
    ]
    assert [i.target for i in lp.plan.indicators] == [i.target for i in hand.plan.indicators]
    assert [i.domain for i in lp.plan.indicators] == [i.domain for i in hand.plan.indicators]
    shorts = {d.name: d.short for d in lp.plan.departments if d.short}
    assert shorts == {"区卫生健康局": ["区卫健局"], "区教育和体育局": ["区教体局"]}
    report = (tmp_path / "plan.adopt.txt").read_text(encoding="utf-8")
    assert "001_a8585c4e28a6a4f9.txt: line 1: page text left out" in report
    assert "'区卫健局' taken as a short form of '区卫生健康局'" in report


@needs_reference
def test_longhu_text_counts(tmp_path):
    """plans/longhu.yaml keeps 18 of the 44 tasks and leaves out chapter 三 (发展环境);
    the table is whole in both. The source names no departments."""
    out = adopt(tmp_path, LONGHU_TXT)
    assert counts(out) == {
        "chapters": 6,
        "sections": 40,
        "tasks": 44,
        "tasks_with_departments": 0,
        "boxes": 0,
        "indicator_rows": 30,
    }
    hand = counts(PLANS / "longhu.yaml")
    assert hand["indicator_rows"] == 30 and hand["chapters"] == 5 and hand["tasks"] == 18
    lp = load_plan(out)
    assert lp.plan.meta.task_numbering == "per_section"
    assert lp.plan.meta.title == "龙湖区卫生和计划生育事业发展“十三五”规划"
    assert lp.plan.meta.period == (2016, 2020)
    hand_lp = load_plan(PLANS / "longhu.yaml")
    assert [(i.name, i.unit.replace("%", "％"), i.target) for i in lp.plan.indicators] == [
        (i.name, i.unit, i.target) for i in hand_lp.plan.indicators
    ]
    report = (tmp_path / "plan.adopt.txt").read_text(encoding="utf-8")
    assert "no date found" in report and "44 tasks have no unit line" in report
    assert "rows 7, 8, 9, 10, 11 read as merged" in report


@needs_reference
@pytest.mark.parametrize("source", [LAISHAN_TXT, LONGHU_TXT], ids=["001", "004"])
def test_adopted_yaml_snapshot(tmp_path, source, snapshot):
    out = adopt(tmp_path, source)
    assert out.read_text(encoding="utf-8") == snapshot


@pytest.mark.parametrize("name", ["laishan", "longhu", "weihai-action"])
def test_round_trip_through_our_own_docx(tmp_path, name):
    """YAML → DOCX (plangen build) → YAML (plangen adopt): the same build. Weihai is
    printed in traditional characters: it comes back in them, with locale zh_TW."""
    built = run_cli("build", PLANS / f"{name}.yaml", "-o", tmp_path, "-f", "docx", "-q")
    assert built.returncode == 0, built.stderr
    back = adopt(tmp_path, tmp_path / f"{name}.docx", "back.yaml")
    assert counts(back) == counts(PLANS / f"{name}.yaml")
    lp, hand = load_plan(back), load_plan(PLANS / f"{name}.yaml")
    assert _divided(lp) == _divided(hand)
    assert [(to_simplified(b.name), b.target, b.nature) for b in lp.plan.indicators] == [
        (b.name, b.target, b.nature) for b in hand.plan.indicators
    ]
    m, h = lp.plan.meta, hand.plan.meta
    assert m.locale == h.locale
    simple = to_simplified
    assert (simple(m.title), simple(m.issuer), m.date, m.period) + (
        m.task_numbering,
        m.department_line,
    ) == (
        h.title,
        h.issuer,
        h.date,
        h.period,
        h.task_numbering,
        h.department_line,
    )


def _divided(lp) -> list[tuple[str, list[str], list[str]]]:
    """Each task's title and departments by their full names (the build writes those)."""

    def full(names: list[str]) -> list[str]:
        # A name with 、 inside (各镇人民政府、街道办事处) reads back as two names.
        return [
            to_simplified(part) for n in names for part in lp.registry.resolve(n).name.split("、")
        ]

    if lp.plan.meta.department_line == "responsible":
        # （责任单位：A、B、C） prints leads and supporters in one list: only the order is read
        return [(to_simplified(t.task), full(t.lead + t.support), []) for _p, t in _tasks(lp)]
    return [(to_simplified(t.task), full(t.lead), full(t.support)) for _p, t in _tasks(lp)]


def test_traditional_input_keeps_its_script(tmp_path):
    built = run_cli("build", PLANS / "weihai-action.yaml", "-o", tmp_path, "-f", "docx", "-q")
    assert built.returncode == 0, built.stderr
    back = adopt(tmp_path, tmp_path / "weihai-action.docx", "back.yaml")
    text = back.read_text(encoding="utf-8")
    assert "locale: zh_TW" in text
    assert "title: 威海市衛生健康事業高質量發展行動計劃（2023—2025年）" in text
    assert "衛生" in text and "卫生" not in text


def _tasks(lp):
    from plangen.load.plan import iter_tasks

    return list(iter_tasks(lp.plan))


PLAN_TEXT = """某某区“十四五”卫生健康规划
一、总体要求
到2025年，卫生健康体系更加完善。
二、主要任务
1.加强公共卫生体系建设。完善疾控体系。（牵头单位：区卫生健康局；配合单位：区财政局、区发改局）
2.推进分级诊疗。建设医共体。（责任单位：区卫健局、区医保局）
3.发展中医药。建设国医堂。（区卫生健康局，区财政局、区民政局）
"""


def test_html_input(tmp_path):
    rows = "".join(
        f"<tr><td>健康水平</td><td>{i}</td><td>指标{i}</td><td>%</td><td>1</td><td>2</td>"
        "<td>预期性</td></tr>"
        for i in (1, 2)
    )
    html = (
        "<html><head><title>某某区规划</title></head><body>"
        + "".join(f"<p>{line}</p>" for line in PLAN_TEXT.splitlines()[:3])
        + "<p>表1 主要指标</p><table><tr><th>领域</th><th>序号</th><th>指标</th><th>单位</th>"
        "<th>2020年</th><th>2025年</th><th>指标性质</th></tr>"
        + rows
        + "</table>"
        + "".join(f"<p>{line}</p>" for line in PLAN_TEXT.splitlines()[3:])
        + "</body></html>"
    )
    src = tmp_path / "old.html"
    src.write_text(html, encoding="utf-8")
    out = adopt(tmp_path, src)
    lp = load_plan(out)
    assert [i.name for i in lp.plan.indicators] == ["指标1", "指标2"]
    assert lp.plan.meta.department_line in ("lead_support", "responsible")
    assert [(t.lead, t.support) for _p, t in _tasks(lp)] == [
        (["区卫生健康局"], ["区财政局", "区发改局"]),
        (["区卫健局"], ["区医保局"]),
        (["区卫生健康局"], ["区财政局", "区民政局"]),
    ]


def test_text_plan_with_unit_line_forms(tmp_path):
    src = tmp_path / "old.txt"
    src.write_text(PLAN_TEXT, encoding="utf-8")
    out = adopt(tmp_path, src)
    lp = load_plan(out)
    assert lp.plan.meta.region == "某某区" and len(lp.plan.chapters) == 2
    assert [d.name for d in lp.plan.departments][:2] == ["区卫生健康局", "区财政局"]
    report = (tmp_path / "plan.adopt.txt").read_text(encoding="utf-8")
    assert "departments taken from a bare bracket" in report
    assert "no date found" in report


@pytest.mark.parametrize(
    ("inner", "lead", "support"),
    [
        ("（区卫生健康局、区财政局等按职责分工负责）", ["区卫生健康局"], ["区财政局"]),
        ("(区卫生健康局、区各职能部门按职责分工负责)", ["区卫生健康局"], ["区各职能部门"]),
        (
            "（牵头单位：区医保局；配合单位：区卫生健康局、区财政局）",
            ["区医保局"],
            ["区卫生健康局", "区财政局"],
        ),
        ("（责任单位：市卫生健康委、市财政局）", ["市卫生健康委"], ["市财政局"]),
        (
            "（市卫生健康委，市发展改革委、市财政局）",
            ["市卫生健康委"],
            ["市发展改革委", "市财政局"],
        ),
    ],
)
def test_unit_line_forms(inner, lead, support):
    found = split_unit_line("加强建设。" + inner)
    assert found is not None
    rest, line = found
    assert rest == "加强建设。" and (line.lead, line.support) == (lead, support)


def test_ordinary_brackets_are_not_unit_lines():
    assert split_unit_line("建设国医堂（中医馆）。") is None
    assert split_unit_line("开展行动（2023—2025年）") is None


def test_short_forms_grouped_by_contraction():
    assert is_contraction("区卫健局", "区卫生健康局")
    assert not is_contraction("区财政局", "区人力资源和社会保障局")
    entries, notes = build_registry(["区卫健局", "区财政局", "区卫生健康局"], {})
    assert entries == [{"name": "区财政局"}, {"name": "区卫生健康局", "short": ["区卫健局"]}]
    assert len(notes) == 1


def _no_output(tmp_path: Path, src: Path, expect: str) -> None:
    out = tmp_path / "plan.yaml"
    result = run_cli("adopt", src, "-o", out)
    assert result.returncode == 1, result.stdout + result.stderr
    assert expect in result.stderr
    assert f"{src}:" in result.stderr
    assert not out.exists() and not (tmp_path / "plan.adopt.txt").exists()


def test_gbk_text_is_refused(tmp_path):
    src = tmp_path / "old.txt"
    src.write_bytes(PLAN_TEXT.encode("gbk"))
    _no_output(tmp_path, src, "GBK")


def test_not_a_plan_is_refused(tmp_path):
    src = tmp_path / "notes.txt"
    src.write_text("会议纪要\n今天讨论了预算。\n", encoding="utf-8")
    _no_output(tmp_path, src, "not a plan")


def test_corrupt_docx_is_refused(tmp_path):
    src = tmp_path / "old.docx"
    src.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    _no_output(tmp_path, src, "not a readable .docx")


def test_encrypted_docx_is_refused(tmp_path):
    # Word saves a password-protected .docx as an OLE compound file.
    src = tmp_path / "old.docx"
    src.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    _no_output(tmp_path, src, "password-protected")


def test_image_only_pdf_is_refused(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    src = tmp_path / "scan.pdf"
    with src.open("wb") as fh:
        writer.write(fh)
    _no_output(tmp_path, src, "only images")


def test_existing_output_is_kept(tmp_path):
    src = tmp_path / "old.txt"
    src.write_text(PLAN_TEXT, encoding="utf-8")
    out = tmp_path / "plan.yaml"
    out.write_text("mine", encoding="utf-8")
    result = run_cli("adopt", src, "-o", out)
    assert result.returncode == 1 and out.read_text(encoding="utf-8") == "mine"


def test_word_file_with_heading_styles_merged_cells_and_a_box(tmp_path):
    """A Word file as an officer writes one: numbered by heading styles, the domain
    cells merged, a 专栏 as a one-cell table, an appendix at the end."""
    d = docx.Document()
    d.add_paragraph("某某区“十四五”卫生健康规划", style="Title")
    d.add_paragraph("某某区卫生健康局")
    d.add_paragraph("2022年5月6日")
    d.add_heading("总体要求", 1)
    d.add_paragraph("到2025年，卫生健康体系更加完善。")
    d.add_paragraph("表1 主要指标")
    rows = [
        ["领域", "序号", "指标", "单位", "2020年", "2025年", "指标性质"],
        ["健康水平", "1", "人均预期寿命", "岁", "80", "81", "预期性"],
        ["", "2", "婴儿死亡率", "‰", "3", "2.5以下", "约束性"],
        ["健康服务", "3", "每千人口床位数", "张", "5", "6", "预期性"],
    ]
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))
    d.add_heading("主要任务", 1)
    d.add_heading("公共卫生", 2)
    d.add_paragraph("1.完善疾控体系。建设疾控中心。（牵头单位：区卫生健康局；配合单位：区财政局）")
    d.add_paragraph("2.强化应急能力。建设应急队伍。")
    d.add_paragraph("（责任单位：区应急局、区卫生健康局）")
    box = d.add_table(rows=1, cols=1).cell(0, 0)
    box.paragraphs[0].text = "专栏1 重点项目"
    box.add_paragraph("疾控中心建设：新建实验室。")
    d.add_paragraph("附件")
    d.add_paragraph("重点任务分工表")
    src = tmp_path / "old.docx"
    d.save(src)
    lp = load_plan(adopt(tmp_path, src))
    meta = lp.plan.meta
    assert (meta.title, meta.issuer, str(meta.date)) == (
        "某某区“十四五”卫生健康规划",
        "某某区卫生健康局",
        "2022-05-06",
    )
    assert [c.title for c in lp.plan.chapters] == ["总体要求", "主要任务"]
    assert [(i.domain, i.name, i.unit, i.target) for i in lp.plan.indicators] == [
        ("健康水平", "人均预期寿命", "岁", "81"),
        ("健康水平", "婴儿死亡率", "‰", "2.5以下"),
        ("健康服务", "每千人口床位数", "张", "6"),
    ]
    section = lp.plan.chapters[1].body[0]
    assert section.section == "公共卫生"
    tasks = [(t.task, t.lead, t.support) for _p, t in _tasks(lp)]
    assert tasks == [
        ("完善疾控体系", ["区卫生健康局"], ["区财政局"]),
        ("强化应急能力", ["区应急局"], ["区卫生健康局"]),
    ]
    box_block = section.body[-1]
    assert box_block.box == "重点项目"
    assert box_block.body[0].head == "疾控中心建设"
    report = (tmp_path / "plan.adopt.txt").read_text(encoding="utf-8")
    assert "the appendix from here on is left out" in report
