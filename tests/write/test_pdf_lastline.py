"""Setting the last two lines of a paragraph loose: which characters are wrapped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from plangen.write.pdf_lastline import LOOSE, PARA, escalate, loosen, short, tag_paragraphs


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
