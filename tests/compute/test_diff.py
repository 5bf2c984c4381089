"""Comparing two drafts: matching, each kind of change, Chinese word-level differences."""

from pathlib import Path

import pytest
from helpers import FIXTURES

from plangen.compute.diff import (
    SIMILAR,
    NumberedTask,
    diff_plans,
    list_diff,
    match_tasks,
)
from plangen.compute.outline import TaskNode
from plangen.compute.worddiff import Piece, similarity, tokenise, word_diff
from plangen.load.plan import load_plan

OLD = FIXTURES / "diff" / "old.yaml"
NEW = FIXTURES / "diff" / "new.yaml"


@pytest.fixture(scope="module")
def changes():
    return diff_plans(load_plan(OLD), load_plan(NEW))


def edited(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    """A copy of the old draft with text replaced (each replacement must apply)."""
    text = OLD.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "edited.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def task(seq: int, title: str, text: str = "", id_: str | None = None) -> NumberedTask:
    return NumberedTask(seq, TaskNode(title=title, text=text), "", id_)


# ---------- tokens and word-level changes ----------


def test_numbers_and_latin_words_stay_whole():
    assert tokenise("到2025年达到4.3人，GDP增长1,200") == [
        "到",
        "2025",
        "年",
        "达",
        "到",
        "4.3",
        "人",
        "，",
        "GDP",
        "增",
        "长",
        "1,200",
    ]


def test_a_changed_number_is_one_deletion_and_one_insertion():
    pieces = word_diff("实验室达到3个。", "实验室达到4.3个。")
    assert pieces == [
        Piece("same", "实验室达到"),
        Piece("del", "3"),
        Piece("ins", "4.3"),
        Piece("same", "个。"),
    ]
    assert word_diff("到2025年", "到2035年") == [
        Piece("same", "到"),
        Piece("del", "2025"),
        Piece("ins", "2035"),
        Piece("same", "年"),
    ]


def test_short_common_gaps_merge_into_one_phrase():
    # 到 and 人 are common to both phrases; split around them the change would not read.
    pieces = word_diff("医师数提高到4.3人。", "医师数达到5人以上。")
    assert pieces == [
        Piece("same", "医师数"),
        Piece("del", "提高到4.3人"),
        Piece("ins", "达到5人以上"),
        Piece("same", "。"),
    ]


def test_every_piece_rebuilds_both_texts():
    old, new = (
        "建设疾控中心，推进家庭医生签约服务。",
        "建设区疾控中心，全面推进签约服务，2025年覆盖80%。",
    )
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.op != "ins") == old
    assert "".join(p.text for p in pieces if p.op != "del") == new
    assert word_diff(old, old) == [Piece("same", old)]


# ---------- matching tasks ----------


def test_tasks_match_by_id_even_when_retitled():
    pairs, added, removed = match_tasks(
        [task(1, "完善疾控体系", id_="cdc")], [task(1, "健全疾病预防控制体系", id_="cdc")]
    )
    assert [(p.old.seq, p.new.seq, p.matched_by) for p in pairs] == [(1, 1, "id")]
    assert not added and not removed


def test_different_ids_never_match_even_with_the_same_title():
    pairs, added, removed = match_tasks(
        [task(1, "完善疾控体系", "建设疾控中心。", "a")],
        [task(1, "完善疾控体系", "建设疾控中心。", "b")],
    )
    assert not pairs and len(added) == 1 and len(removed) == 1


def test_tasks_match_by_title_then_by_similar_text_one_to_one():
    old = [
        task(1, "提升基层能力", "建设社区医院，推进家庭医生签约服务。"),
        task(2, "发展中医药", "建设中医馆。"),
    ]
    new = [
        task(1, "发展中医药", "建设中医馆和国医堂。"),
        task(2, "提升基层医疗服务能力", "建设社区医院，推进家庭医生签约服务。"),
        task(3, "提升基层服务能力", "建设社区医院，推进家庭医生签约服务。"),
    ]
    pairs, added, removed = match_tasks(old, new)
    # One-to-one: the closer wording (提升基层服务能力) wins, the other candidate is new.
    assert [(p.old.seq, p.new.seq, p.matched_by) for p in pairs] == [
        (2, 1, "title"),
        (1, 3, "text"),
    ]
    assert [t.seq for t in added] == [2] and not removed


def test_similarity_threshold_separates_rewording_from_another_task():
    reworded = (
        "提升基层能力\n建设社区医院，推进家庭医生签约服务。",
        "提升基层医疗服务能力\n建设社区医院，全面推进家庭医生签约服务。",
    )
    different = (
        "加强人才培养\n引进高层次人才，培养全科医生。",
        "发展智慧医疗\n建设区域全民健康信息平台，推广电子健康卡。",
    )
    assert similarity(*reworded) >= SIMILAR > similarity(*different)
    pairs, _, _ = match_tasks(
        [task(1, *different[0].split("\n"))], [task(1, *different[1].split("\n"))]
    )
    assert not pairs


# ---------- the fixture drafts: each kind of change ----------


def test_meta_changes(changes):
    assert [(f.field, str(f.old), str(f.new)) for f in changes.meta] == [
        ("status", "征求意见稿", "送审稿"),
        ("date", "2022-01-05", "2022-03-01"),
    ]


def test_indicators_added_removed_changed(changes):
    assert [i.indicator.id for i in changes.indicators_added] == ["nurses"]
    assert [(i.indicator.id, i.base, i.target) for i in changes.indicators_removed] == [
        ("beds", "5.1", "6")
    ]
    assert [
        (c.new.id, [(f.field, f.old, f.new) for f in c.fields]) for c in changes.indicators_changed
    ] == [
        ("life", [("target", "≥81", "≥81.5")]),
        ("doctors_per_1000", [("nature", "约束性", "预期性")]),
    ]


def test_indicator_without_id_match_falls_back_to_name(tmp_path):
    new = edited(tmp_path, ("  - id: life\n", "  - id: longevity\n"), ('"≥81"', '"≥82"'))
    changes = diff_plans(load_plan(OLD), load_plan(new))
    assert not changes.indicators_added and not changes.indicators_removed
    assert [(c.old.id, c.new.id, c.fields[0].new) for c in changes.indicators_changed] == [
        ("life", "longevity", "≥82")
    ]


def test_a_computed_base_is_compared_as_printed(tmp_path):
    new = edited(tmp_path, ("value: 601", "value: 640"))
    changes = diff_plans(load_plan(OLD), load_plan(new))
    (change,) = changes.indicators_changed
    assert [(f.field, f.old, f.new) for f in change.fields] == [("base", "3.01", "3.20")]


def test_tasks_added_removed_reworded(changes):
    assert [(t.seq, t.node.title) for t in changes.tasks_added] == [(5, "发展智慧医疗")]
    assert [(t.seq, t.node.title) for t in changes.tasks_removed] == [(3, "加强人才培养")]
    reworded = {t.new.node.title: t for t in changes.tasks_reworded}
    assert set(reworded) == {"完善疾控体系", "提升基层医疗服务能力"}
    cdc = reworded["完善疾控体系"]
    assert [p for p in cdc.text if p.op != "same"] == [
        Piece("ins", "区"),
        Piece("del", "3"),
        Piece("ins", "4.3"),
    ]
    assert reworded["提升基层医疗服务能力"].matched_by == "text"


def test_reordering_is_renumbering_not_removal_and_addition(changes):
    renumbered = {
        t.new.node.title: (t.old.seq, t.new.seq, t.moved) for t in changes.tasks_renumbered
    }
    assert renumbered == {
        "发展中医药": (5, 1, True),
        "完善疾控体系": (1, 2, False),
        "强化应急能力": (2, 3, False),
    }
    moved = next(t for t in changes.tasks if t.moved)
    assert (moved.old.place, moved.new.place) == ("医疗服务", "公共卫生")
    assert "发展中医药" not in {t.node.title for t in changes.tasks_added + changes.tasks_removed}


def test_short_form_of_a_department_is_not_a_change(changes):
    # 强化应急能力: 区卫生健康局 → 区卫健局 (its short form); 完善疾控体系: 区卫健局 → full name.
    assert [t.new.node.title for t in changes.tasks_reassigned] == ["完善疾控体系"]
    (pair,) = changes.tasks_reassigned
    assert pair.reassignments == [
        ("support", [Piece("del", "区财政局"), Piece("ins", "区发展和改革局")])
    ]


def test_department_renamed_in_the_registry_keeps_its_old_name_as_short_form(tmp_path):
    # The new draft's registry calls 区卫生健康局 by a new name and keeps the old one as short.
    new = edited(
        tmp_path,
        (
            "  - name: 区卫生健康局\n    short: [区卫健局]",
            "  - name: 区卫生健康委员会\n    short: [区卫健局, 区卫生健康局]",
        ),
    )
    assert diff_plans(load_plan(OLD), load_plan(new)).tasks_reassigned == []


def test_order_of_departments_alone_is_not_a_change():
    assert [p.op for p in list_diff(["甲", "乙"], ["乙", "甲"])] == ["same", "same"]


def test_headings_retitled_added_removed(changes, tmp_path):
    (h,) = changes.headings
    assert (h.kind, h.old.title, h.new.title) == ("retitled", "医疗服务", "医疗服务体系")
    new = edited(
        tmp_path,
        (
            "      - section: 医疗服务\n        body:\n",
            "      - section: 医疗服务\n        body:\n"
            "          - section: 基层医疗\n            text: 新增小节。\n",
        ),
    )
    (h,) = diff_plans(load_plan(OLD), load_plan(new)).headings
    assert (h.kind, h.old, h.new.title) == ("added", None, "基层医疗")


def test_counts_and_no_changes(changes):
    assert changes.counts == {
        "meta": 2,
        "headings": 1,
        "indicators_added": 1,
        "indicators_removed": 1,
        "indicators_changed": 2,
        "tasks_added": 1,
        "tasks_removed": 1,
        "tasks_reworded": 2,
        "tasks_renumbered": 3,
        "tasks_moved": 1,
        "tasks_reassigned": 1,
    }
    assert not changes.empty
    same = diff_plans(load_plan(OLD), load_plan(OLD))
    assert same.empty and not any(same.counts.values())
