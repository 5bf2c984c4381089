"""The Laishan DOCX opened back with python-docx: layout, fonts, tables, numbering."""

import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx_view import docx_view


@pytest.fixture(scope="module")
def doc(built):
    return Document(built / "laishan.docx")


def body_texts(doc):
    return [p.text for p in doc.paragraphs]


def test_page_is_a4_with_gongwen_margins(doc):
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [
        round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
    ] == [37, 35, 28, 26]
    grid = s._sectPr.find(qn("w:docGrid"))
    # A line grid; 28 characters a line come from character spacing (docx-styles.yaml).
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "578"


def test_every_style_names_an_east_asian_font_and_no_theme_fonts(doc):
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        assert not any(k.endswith("Theme") for k in (a.split("}")[-1] for a in fonts.attrib)), (
            fonts.attrib
        )
    expected = {
        "Normal": "仿宋_GB2312",
        "Title": "方正小标宋简体",
        "Heading 1": "黑体",
        "Heading 2": "楷体_GB2312",
        "Heading 3": "仿宋_GB2312",
        "Table Text": "仿宋_GB2312",
        "Box Title": "黑体",
    }
    for name, east in expected.items():
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == east, name
    assert doc.styles["Normal"].font.size.pt == 16
    assert doc.styles["Title"].font.size.pt == 22
    assert not doc.styles["Heading 1"].font.bold  # the weight is in 黑体 itself


def test_body_line_pitch_and_indent(doc):
    fmt = doc.styles["Body Text"].paragraph_format
    assert round(fmt.line_spacing.pt, 1) == 28.9
    assert round(fmt.first_line_indent.pt) == 32


def test_headings_are_generated_in_order(doc):
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert len(h1) == 13
    numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"]
    assert [t.split("、")[0] for t in h1] == numerals
    assert h1[0] == "一、规划背景" and h1[-1] == "十三、组织实施与保障"
    h2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert h2[:3] == [
        "（一）“十三五”时期取得的成绩",
        "（二）存在的主要问题",
        "（三）面临的机遇与挑战",
    ]


def test_tasks_are_numbered_1_to_35_with_department_lines(doc):
    tasks = [
        p.text
        for p in doc.paragraphs
        if re.match(r"^\d+\.", p.text) and "按职责分工负责）" in p.text
    ]
    assert [int(t.split(".")[0]) for t in tasks] == list(range(1, 36))
    assert tasks[0].endswith(
        "（区卫生健康局、区委编办、区人力资源和社会保障局、区财政局等按职责分工负责）"
    )
    # a task ending with a collective department takes no 等
    assert any(t.endswith("（区卫生健康局、区各职能部门按职责分工负责）") for t in tasks)
    # short forms are written out in full
    assert not any("区卫健局" in t.split("（")[-1] for t in tasks)


def test_nine_boxes_as_bordered_single_cell_tables(doc):
    boxes = [t for t in doc.tables if len(t.rows) == 1 and len(t.columns) == 1]
    titles = [t.rows[0].cells[0].paragraphs[0].text for t in boxes]
    assert [x.split("　")[0] for x in titles] == [f"专栏{i}" for i in range(1, 10)]
    assert titles[0] == "专栏1　公共卫生体系建设项目"
    borders = boxes[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders.find(qn("w:top")).get(qn("w:val")) == "single"


def indicator_table(doc):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == "领域")


def test_indicator_table_structure(doc):
    table = indicator_table(doc)
    assert len(table.rows) == 22 and len(table.columns) == 7
    header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header is not None  # repeated on every page
    seq = [row.cells[1].text for row in table.rows[1:]]
    assert seq == [str(i) for i in range(1, 22)]
    # domain cells merged: restart on rows 1, 7, 10, 21
    restarts = []
    for i, row in enumerate(table.rows[1:], start=1):
        merge = row._tr.tc_lst[0].tcPr.find(qn("w:vMerge"))
        if merge is not None and merge.get(qn("w:val")) == "restart":
            restarts.append(i)
    assert restarts == [1, 7, 10]
    domains = [table.rows[i].cells[0].text for i in (1, 7, 10, 21)]
    assert domains == ["健康水平", "健康生活", "健康服务", "健康保障"]


def test_caption_and_derived_values(doc):
    texts = body_texts(doc)
    assert "表1　主要发展指标" in texts
    table = indicator_table(doc)
    rows = {row.cells[2].text: row for row in table.rows[1:]}
    assert rows["每千人口执业（助理）医师数"].cells[4].text == "4.03"  # computed by formula
    assert rows["每千人口注册护士数"].cells[4].text == "3.6"
    assert rows["健康预期寿命"].cells[4].text == "-"
    assert rows["青少年总体近视率"].cells[5].text == "力争每年降低1个百分点"


def test_task_division_appendix(doc):
    texts = body_texts(doc)
    assert "附件" in texts and "重点任务分工表" in texts
    table = doc.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["序号", "重点任务", "牵头单位", "配合单位"]
    assert len(table.rows) == 36
    assert table.rows[22].cells[2].text == "区医保局"  # task 22 is led by 区医保局


def test_toc_field_and_page_numbers(doc, built):
    xml = doc.element.xml
    assert 'TOC \\o "1-1"' in xml  # chapters, as the 目录 lists them
    # the title and 目录 are a section without footers; the body's numbers start at 1
    front, body = doc.sections[0], doc.sections[-1]
    assert len(doc.sections) == 2
    assert front._sectPr.find(qn("w:footerReference")) is None
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    footer = body.footer._element.xml
    even = body.even_page_footer._element.xml
    assert "PAGE" in footer and "PAGE" in even
    assert doc.settings.odd_and_even_pages_header_footer
    assert body.footer.paragraphs[0].text.startswith("— ")


def test_core_properties(doc):
    props = doc.core_properties
    assert props.title == "莱山区“十四五”卫生与健康规划"
    assert props.author == "莱山区卫生健康局"
    assert props.created.year == 2022


def test_docx_view_snapshots(built, snapshot):
    for name in ("laishan", "longhu"):
        assert docx_view((built / f"{name}.docx").read_bytes()) == snapshot(name=name)


def test_longhu_restarts_task_numbers_and_uses_lead_support_lines(built):
    doc = Document(built / "longhu.docx")
    tasks = [p.text for p in doc.paragraphs if "（牵头单位：" in p.text]
    numbers = [int(t.split(".")[0]) for t in tasks]
    assert numbers.count(1) >= 3  # restarts in each section
    assert "；配合单位：" in tasks[0]
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "领域")
    targets = [row.cells[5].text for row in table.rows[1:]]
    assert "≥77" in targets and "＜3" in targets and "1：1.2" in targets
    # 达国家要求 merged over rows 5-10
    tc = table.rows[5]._tr.tc_lst
    merges = [c.tcPr.find(qn("w:vMerge")) for c in tc]
    assert any(m is not None and m.get(qn("w:val")) == "restart" for m in merges)
    assert "指导性" in [row.cells[6].text for row in table.rows[1:]]


def test_report_docx_has_the_computed_table_and_chart(built, snapshot):
    data = (built / "laishan-2022.docx").read_bytes()
    doc = Document(built / "laishan-2022.docx")
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号")
    assert len(table.rows) == 22 and len(table.columns) == 10
    assert [c.text for c in table.rows[0].cells][-2:] == ["评估结论", "指标性质"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    first = [c.text for c in table.rows[1].cells]
    assert first[:6] == ["1", "人均预期寿命", "岁", "81.26", "81.5", "81.58（2022）"]
    assert first[8] == "提前实现"
    assert len(doc.inline_shapes) == 2  # the progress chart and the trend panels
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、《规划》实施及执行完成情况",
        "二、《规划》主要进展",
        "三、存在的主要问题",
        "四、对策与措施",
    ]
    assert docx_view(data) == snapshot


@pytest.mark.parametrize("name", ["laishan", "longhu", "laishan-2022"])
def test_property_elements_follow_the_schema_order(built, name):
    """Word refuses or 'repairs' files whose pPr/rPr/tblPr/… children are out of order."""
    import zipfile

    from lxml import etree
    from ooxml_order import out_of_order

    with zipfile.ZipFile(built / f"{name}.docx") as z:
        for part in z.namelist():
            if part.startswith("word/") and part.endswith(".xml"):
                assert out_of_order(etree.fromstring(z.read(part))) == [], part
