"""The comparison report's semantic document: wording from templates/diff, marks, overrides."""

import pytest
from helpers import FIXTURES

from plangen.errors import PlanError
from plangen.lookup import shipped_templates
from plangen.pipeline.compare import compare

OLD = FIXTURES / "diff" / "old.yaml"
NEW = FIXTURES / "diff" / "new.yaml"


def test_semantic_document_snapshot(snapshot):
    doc = compare(OLD, NEW)
    assert (doc.name, doc.kind, str(doc.date)) == ("test-plan-diff", "diff", "2022-03-01")
    assert doc.xhtml == snapshot


def test_user_template_overrides_the_wording(tmp_path):
    (tmp_path / "diff").mkdir()
    labels = shipped_templates() / "diff" / "labels.html.j2"
    text = labels.read_text(encoding="utf-8").replace("'指标属性'", "'属性'")
    (tmp_path / "diff" / "labels.html.j2").write_text(text, encoding="utf-8")
    xhtml = compare(OLD, NEW, tmp_path).xhtml
    assert "<td>属性</td><td>约束性</td><td>预期性</td>" in xhtml


def test_problems_of_both_drafts_are_reported_together(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        OLD.read_text(encoding="utf-8").replace("nature: 预期性", "nature: 期望性", 1),
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as err:
        compare(bad, tmp_path / "missing.yaml")
    files = {p.file for p in err.value.problems}
    assert files == {str(bad), str(tmp_path / "missing.yaml")}
