"""What Chinese typists actually do: each mistake reported at its own line and column.

Every case runs the installed command on a copy of a good plan with one mistake
typed in, and checks the exit code, the message line and that the outputs of an
earlier good build are byte for byte unchanged (sha256).
"""

import hashlib
from pathlib import Path

import pytest
from helpers import FIXTURES, PLANS, run_cli

GOOD = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
ISSUER = "  issuer: 测试区卫生健康局"
assert GOOD.splitlines()[5] == ISSUER  # line 6 of the fixture


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def built_once(tmp_path):
    """An output folder holding a good build of minimal.yaml, as plan.docx/plan.html."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", plan, "-o", out, "-f", "docx,html")
    assert result.returncode == 0, result.stderr
    return plan, out, digests(out)


CASES = {
    "full-width colon": (
        "  issuer：测试区卫生健康局",
        (6, 9),
        "full-width colon '：' after the key 'issuer'",
    ),
    "full-width indentation": (
        "\u3000\u3000issuer: 测试区卫生健康局",
        (6, 1),
        "full-width space '\u3000' in the indentation",
    ),
    "soft line break": ("  issuer: 测试区卫生\x0b健康局", (6, 16), "U+000B"),
    "line separator": ("  issuer: 测试区卫生\u2028健康局", (6, 16), "U+2028 LINE SEPARATOR"),
    "paragraph separator": (
        "  issuer: 测试区卫生\u2029健康局",
        (6, 16),
        "U+2029 PARAGRAPH SEPARATOR",
    ),
    "C0 control": ("  issuer: 测试\x01区卫生健康局", (6, 13), "U+0001"),
    "next line (C1)": ("  issuer: 测试区\x85卫生健康局", (6, 14), "U+0085"),
    "escaped \\v": ('  issuer: "测试区卫生\\v健\\f康局"', (6, 17), "U+000B"),
    "escaped \\f": ('  issuer: "测试区卫生健\\f康局"', (6, 18), "U+000C"),
    "escaped \\x01": ('  issuer: "测试区\\x01卫生健康局"', (6, 15), "U+0001"),
    "unclosed quote": ('  issuer: "测试区卫生健康局', (6, 11), "the quote opened at 6:11"),
    "unclosed bracket": ("  issuer: [测试区卫生健康局", (6, 11), "the bracket opened here"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_mistake_is_reported_at_its_place_and_nothing_is_written(built_once, case):
    plan, out, before = built_once
    line, (row, col), words = CASES[case]
    plan.write_text(GOOD.replace(ISSUER, line), encoding="utf-8")
    result = run_cli("build", plan, "-o", out, "-f", "docx,html")
    assert result.returncode == 1, result.stderr
    first = result.stderr.splitlines()[1]  # after "… building"
    assert first.startswith(f"{plan}:{row}:{col}: "), result.stderr
    assert words in first, result.stderr
    assert "    fix: " in result.stderr
    assert digests(out) == before
    assert run_cli("validate", plan).returncode == 1


def test_full_width_colon_message_in_chinese(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD.replace(ISSUER, "  issuer：测试区卫生健康局"), encoding="utf-8")
    result = run_cli("validate", plan, env={"PLANGEN_LANG": "zh_CN"})
    assert result.returncode == 1
    assert f"{plan}:6:9: 键“issuer”后的全角冒号“：”应为半角冒号“:”" in result.stderr


def test_unclosed_quote_in_laishan_is_named_where_it_opens(tmp_path):
    lines = (PLANS / "laishan.yaml").read_text(encoding="utf-8").split("\n")
    lines.insert(11, '  bad: "unterminated')  # becomes line 12
    plan = tmp_path / "laishan.yaml"
    plan.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("validate", plan)
    assert result.returncode == 1
    assert (
        f"{plan}:12:8: YAML syntax error: the quote opened at 12:8 is closed only at 70:13"
        in result.stderr
    )


def test_quote_never_closed_is_named_where_it_opens(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD + 'extra: "no end\n', encoding="utf-8")
    result = run_cli("validate", plan)
    row = GOOD.count("\n") + 1
    assert (
        f"{plan}:{row}:8: YAML syntax error: the quote opened here is never closed" in result.stderr
    )


def test_full_width_characters_inside_text_are_fine(tmp_path):
    text = GOOD.replace(ISSUER, "  issuer: 测试区卫生健康局（牵头单位：区卫健局）")
    text = text.replace(
        "# The smallest", "note: |\n  　　正文段落：首行缩进两个全角空格。\n  id：x\n# The smallest"
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace("note:", "x_note:"), encoding="utf-8")
    result = run_cli("validate", plan)
    # the block scalar and the value's colon are not flagged; only the unknown key is
    assert "full-width" not in result.stderr, result.stderr
