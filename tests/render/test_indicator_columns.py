"""The indicator table follows the plan: its own columns, header wording, and no nature."""

from __future__ import annotations

import io

from docx import Document
from helpers import FIXTURES, run_cli
from pypdf import PdfReader

PLAN = FIXTURES / "target-only.yaml"
HEADER = ["类别", "指标名称", "单位", "2025年目标"]


def test_target_only_table_in_docx_and_pdf(tmp_path):
    done = run_cli("build", PLAN, "-o", tmp_path, "-f", "docx,pdf")
    assert done.returncode == 0, done.stderr
    (table,) = Document(io.BytesIO((tmp_path / "target-only.docx").read_bytes())).tables[:1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == HEADER
    assert len(table.columns) == 4  # no base column, no 指标性质
    targets = [r[3] for r in rows[1:]]
    assert targets == [
        "82岁以上",
        "≤9/10万",
        "4‰以下",
        "控制在22以下",
        "提高到35%以上",
        "国家级5个/省级12个",
        "比2020年下降10%",
    ]
    assert rows[1][0] == rows[2][0] == rows[3][0] == "健康水平"  # merged 类别 cell
    pages = PdfReader(tmp_path / "target-only.pdf").pages
    pdf = "".join("".join(p.extract_text().split()) for p in pages)  # cells may wrap
    assert "类别指标名称单位2025年目标" in pdf and "国家级5个/省级12个" in pdf
    assert "2025年目标健康水平人均预期寿命岁82岁以上" in pdf  # no base, no 指标性质
    assert "指标性质" not in pdf and "None" not in pdf


def test_unreadable_target_names_target_text(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        PLAN.read_text(encoding="utf-8").replace(
            "target_text: 比2020年下降10%", "target: 比2020年下降10%"
        ),
        encoding="utf-8",
    )
    done = run_cli("validate", bad)
    assert done.returncode == 1
    line = next(n for n, t in enumerate(bad.read_text("utf-8").splitlines(), 1) if "insure" in t)
    assert f"bad.yaml:{line}:" in done.stderr and "target_text:" in done.stderr


def test_both_target_and_target_text_is_an_error(tmp_path):
    bad = tmp_path / "both.yaml"
    bad.write_text(
        PLAN.read_text(encoding="utf-8").replace(
            "target: 82岁以上}", "target: 82岁以上, target_text: 82岁以上}"
        ),
        encoding="utf-8",
    )
    done = run_cli("build", bad, "-o", tmp_path / "out")
    assert done.returncode == 1
    assert "needs one target" in done.stderr
    assert not (tmp_path / "out").exists()


def test_columns_must_include_the_name_once(tmp_path):
    bad = tmp_path / "cols.yaml"
    bad.write_text(
        PLAN.read_text(encoding="utf-8").replace(
            "columns: [domain, name, unit, target]", "columns: [domain, unit, target, target]"
        ),
        encoding="utf-8",
    )
    done = run_cli("validate", bad)
    assert done.returncode == 1 and "include name" in done.stderr
