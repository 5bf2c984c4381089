"""Unusual text, empty parts, huge plans and random input: a clean build or a clean error."""

import copy
import sys
from pathlib import Path

import pytest
import yaml
from docx import Document
from helpers import FIXTURES, ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from plangen.errors import PlanError
from plangen.load.plan import load_plan
from plangen.pipeline.build import render_file, write_outputs

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402

BASE = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))


def write_plan(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_text_of_every_kind_renders(tmp_path):
    data = copy.deepcopy(BASE)
    odd = (
        '全角，半角,混排;（括号）(brackets)“引号”"quotes"；繁體字：醫療衛生；'
        "罕见字𠀋；" + "A" * 300 + "；" + "长" * 200
    )
    data["preamble"] = [odd]
    data["chapters"].append({"title": "空章节", "body": []})
    data["chapters"].append({"title": "只有小节", "body": [{"section": "空小节", "body": []}]})
    plan = write_plan(tmp_path / "odd.yaml", data)
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    doc = Document(tmp_path / "out" / "odd.docx")
    assert any(p.text == odd for p in doc.paragraphs)
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "out" / "odd.pdf").pages)
    flat = "".join(text.split())
    for piece in ("繁體字：醫療衛生", "𠀋", "A" * 50, "十五、空章节" if False else "空章节"):
        assert piece in flat


def test_plan_without_indicators_builds(tmp_path):
    data = copy.deepcopy(BASE)
    data["indicators"] = []
    data["chapters"][0]["body"][1]["body"].pop()  # drop the indicator_table block
    plan = write_plan(tmp_path / "none.yaml", data)
    result = run_cli("build", plan, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr


def test_indicator_table_without_indicators_is_a_clear_error(tmp_path):
    data = copy.deepcopy(BASE)
    data["indicators"] = []
    plan = write_plan(tmp_path / "none.yaml", data)
    result = run_cli("validate", plan)
    assert result.returncode == 1 and "has no indicators" in result.stderr


@pytest.mark.parametrize("name", ["../escape", "/etc/passwd", "a/b", ".hidden"])
def test_output_name_cannot_leave_the_output_folder(tmp_path, name):
    data = copy.deepcopy(BASE)
    data["meta"]["name"] = name
    plan = write_plan(tmp_path / "p.yaml", data)
    out = tmp_path / "out"
    result = run_cli("build", plan, "-o", out, "-f", "html")
    assert result.returncode == 1 and "meta.name" in result.stderr
    assert not out.exists()
    assert not (tmp_path / "escape.html").exists()


def test_thousand_task_plan_builds(tmp_path):
    plan = generate.write(tmp_path / "big.yaml", tasks=1000, indicators=200, boxes=50)
    result = run_cli("build", plan, "-o", tmp_path / "out", "-f", "docx,pdf")
    assert result.returncode == 0, result.stderr
    doc = Document(tmp_path / "out" / "big.docx")
    assert len(doc.tables[-1].rows) == 1001  # task division appendix
    assert sum(1 for t in doc.tables if len(t.rows) == 1) == 50  # boxes
    assert len(PdfReader(tmp_path / "out" / "big.pdf").pages) > 300


# ---------- property-based ----------

names = st.text(
    alphabet=st.sampled_from("卫生健康医疗服务体系建设规划提升能力完善加强推进基层"),
    min_size=1,
    max_size=12,
)
targets = st.sampled_from(
    [
        "81.5",
        "≥2.1",
        "＜3",
        "83以上",
        "6.5以下",
        "30左右",
        "同比例增加",
        "力争每年降低1个百分点",
        "达国家要求",
        "1：1.2",
        "100%",
        "3-5",
    ]
)


@st.composite
def blocks(draw, depth=0):
    kind = draw(st.sampled_from(["p", "task", "box", "enum"] + (["section"] if depth < 3 else [])))
    if kind == "p":
        return draw(names) + "。"
    if kind == "task":
        return {
            "task": draw(names),
            "text": draw(names),
            "lead": ["区卫健局"],
            "support": draw(st.lists(st.sampled_from(["区财政局", "区卫生健康局"]), max_size=2)),
        }
    if kind == "box":
        return {
            "box": draw(names),
            "body": [draw(names), {"head": draw(names), "text": draw(names)}],
        }
    if kind == "enum":
        return {"enumerate": draw(st.lists(names, min_size=1, max_size=4))}
    body = draw(st.lists(blocks(depth + 1), max_size=4))
    return (
        {"section": draw(names), "body": body}
        if body or draw(st.booleans())
        else {"section": draw(names), "text": draw(names)}
    )


@st.composite
def plans(draw):
    data = copy.deepcopy(BASE)
    data["meta"]["task_numbering"] = draw(st.sampled_from(["continuous", "per_section"]))
    data["meta"]["department_line"] = draw(st.sampled_from(["collective", "lead_support"]))
    n = draw(st.integers(0, 6))
    data["indicators"] = [
        {
            "id": f"i{k}",
            "domain": draw(st.sampled_from(["甲", "乙"])),
            "name": draw(names),
            "unit": "%",
            "base": draw(st.one_of(st.none(), st.floats(0, 100, width=32))),
            "target": draw(targets),
            "nature": draw(st.sampled_from(["预期性", "约束性", "指导性"])),
        }
        for k in range(n)
    ]
    chapters = draw(st.lists(st.lists(blocks(), max_size=5), min_size=1, max_size=4))
    data["chapters"] = [{"title": draw(names), "body": body} for body in chapters]
    if n:
        data["chapters"][0]["body"].append({"indicator_table": "主要指标"})
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_random_valid_plans_validate_and_build(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("gen")
    plan = write_plan(folder / "gen.yaml", data)
    load_plan(plan)  # valid by construction
    outputs = write_outputs(render_file(plan), folder / "out", ["docx", "html"])
    assert all(p.stat().st_size > 0 for p in outputs)


LINES = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").splitlines(keepends=True)


@st.composite
def mutations(draw):
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(["delete", "dedent", "indent", "swap", "bytes", "type", "duplicate"])
        )
        if op == "delete":
            del lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip()
        elif op == "indent":
            lines[i] = "   " + lines[i]
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "bytes":
            junk = draw(st.binary(min_size=1, max_size=8)).decode("latin-1")
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + junk + lines[i][pos:]
        elif op == "type" and ":" in lines[i]:
            key = lines[i].split(":")[0]
            lines[i] = (
                key
                + ": "
                + draw(st.sampled_from(["[1, 2]", "{a: 1}", "3.5", "null", "true", "'文字'", "-1"]))
                + "\n"
            )
        elif op == "duplicate":
            lines.insert(i, lines[i])
        if not lines:
            lines = ["\n"]
    data = "".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):  # raw bytes: possibly not UTF-8 at all
        pos = draw(st.integers(0, len(data)))
        data = data[:pos] + draw(st.binary(min_size=1, max_size=6)) + data[pos:]
    return data


@settings(max_examples=300, deadline=None)
@given(mutations())
def test_mutated_plans_end_in_a_clean_error_or_a_good_build(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("mut")
    plan = folder / "plan.yaml"
    plan.write_bytes(data)
    try:
        doc = render_file(plan)
    except PlanError as exc:
        assert exc.problems and all(p.line >= 1 and p.message for p in exc.problems)
        return
    write_outputs(doc, folder / "out", ["docx", "html"])


def test_mutations_through_the_cli_never_show_a_traceback(tmp_path):
    samples = [
        LINES[:5],
        LINES[3:],
        [line.replace("  ", "\t") for line in LINES],
        [line.replace(":", "") for line in LINES],
    ]
    for k, lines in enumerate(samples):
        plan = tmp_path / f"m{k}.yaml"
        plan.write_text("".join(lines), encoding="utf-8")
        result = run_cli("build", plan, "-o", tmp_path / "out", "-f", "html")
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
