"""Setting the last two lines of a paragraph loose: which characters are wrapped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from helpers import PLANS

from plangen.write.pdf_lastline import (
    LOOSE,
    PARA,
    escalate,
    loosen,
    short,
    tag_paragraphs,
    trial_document,
    trial_levels,
)


def test_short_is_one_character_alone_or_with_closing_punctuation():
    assert short("责）") and short("感。") and short("成")
    assert not short("负责）") and not short("）") and not short("")


def test_loosen_wraps_the_last_characters_across_inline_elements():
    xhtml = (
        "<html><body><p>完善体系。<span class='depts'>（区卫生 健康局）</span></p>"
        "<p>不动。</p></body></html>"
    )
    tagged = tag_paragraphs(xhtml)
    root = ET.fromstring(loosen(tagged, {"0": (11, 1)}))
    first, second = root.iter("p")
    wrapped = "".join("".join(s.itertext()) for s in first.iter("span") if s.get("class") == LOOSE)
    assert wrapped == "体系。（区卫生 健康局）"  # 11 characters, spaces aside, in reading order
    assert "".join(first.itertext()) == "完善体系。（区卫生 健康局）"
    assert first.get(PARA) == "0" and not list(second)


def test_a_paragraph_still_short_after_loosening_goes_one_level_looser():
    first = escalate({}, {"3": 29})
    assert first == {"3": (29, 1)}
    assert escalate(first, {"3": 28}) == {"3": (29, 2)}  # the same characters, looser
    third = escalate(escalate(first, {"3": 28}), {"3": 28})
    assert third == {"3": (29, 3)} and escalate(third, {"3": 28}) == third  # no further
    assert escalate(first, {}) == first  # mended: kept as it is


def test_the_trial_holds_each_short_paragraph_at_every_level_inside_its_ancestors():
    xhtml = tag_paragraphs(
        "<html><head><title>t</title></head><body>"
        "<section class='chapter'><h2>一</h2><p>前文。</p>"
        "<div class='box'><p>专栏里的一段文字。</p><p>另一段。</p></div></section>"
        "<table class='division'><tr><td><p>表中一段。</p></td><td><p>邻格。</p></td></tr></table>"
        "</body></html>"
    )
    root = ET.fromstring(trial_document(xhtml, {"1": 3, "3": 2}))
    body = root.find("body")
    boxes, tables = body.findall("section"), body.findall("table")
    assert len(boxes) == 3 and len(tables) == 3 and root.find("head/title").text == "t"
    for level, (section, table) in enumerate(zip(boxes, tables, strict=True), start=1):
        assert section.get("class") == "chapter" and [el.tag for el in section] == ["div"]
        (p,) = section.find("div").findall("p")  # the box without its other paragraph
        assert p.get(PARA) == f"1@{level}" and "".join(p.itertext()) == "专栏里的一段文字。"
        name = LOOSE if level == 1 else f"{LOOSE}-{level}"
        assert [s.text for s in p.iter("span") if s.get("class") == name] == [
            "文字。"
        ]  # 3 characters
        cells = table.findall("tr/td")  # the whole table: its columns decide the width
        assert len(cells) == 2 and [q.get(PARA) for q in table.iter("p")] == [f"3@{level}", None]


def test_the_lowest_level_that_mends_a_paragraph_is_chosen():
    found = {"1": 29, "2": 30, "3": 31}
    still = {"1@1": 29, "3@1": 31, "3@2": 31, "3@3": 31}
    assert trial_levels(found, still) == {"1": (29, 2), "2": (30, 1), "3": (31, 3)}


def test_the_pdf_is_laid_out_twice_when_mends_need_a_second_level(monkeypatch):
    """Longhu has paragraphs that level 1 does not mend: one trial, not a layout per level."""
    from plangen.lookup import find, search_path
    from plangen.pipeline.build import render_file
    from plangen.write import pdf
    from plangen.write.resources import Resources

    sizes = []
    original = pdf.HTML.render

    def counted(self, *args, **kwargs):
        document = original(self, *args, **kwargs)
        sizes.append(len(document.pages))
        return document

    monkeypatch.setattr(pdf.HTML, "render", counted)
    doc = render_file(PLANS / "longhu.yaml")
    resources = Resources(doc.base_dir, search_path(None), doc.resources)
    layout = pdf.lay_out(doc.xhtml, find(resources.search, "base/print.css"), resources)
    full = len(layout.document.pages)
    assert sizes.count(full) == 2 and len(sizes) == 3, sizes  # first, trial, mended
