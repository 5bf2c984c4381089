"""Bounded templates (-t DIR) and nesting: template:line errors and exit 1, never 70 or a hang.

Time and memory of the runaway cases are printed by benchmarks/hostile.py.
"""

import pytest
from helpers import FIXTURES, run_cli

PLAN = FIXTURES / "minimal.yaml"

CASES = {
    "missing include": (
        '{% include "nowhere.html.j2" %}',
        1,
        "template 'nowhere.html.j2' not found",
    ),
    "missing import": (
        '\n{% import "nowhere.html.j2" as x %}',
        2,
        "template 'nowhere.html.j2' not found",
    ),
    "recursive macro": (
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n{{ f(1) }}",
        1,
        "the template calls itself without end (recursion)",
    ),
    "huge string": ('{{ "x" * 100000000 }}', 1, "the template's output is over 50 MB"),
    "huge padding": ('{{ "x".ljust(1000000000) }}', 1, "the template's output is over 50 MB"),
    "huge power": ("{{ 9 ** 99999999 }}", 1, "the template's output is over 50 MB"),
    "division by zero": ("\n\n{{ 1 / 0 }}", 3, "template error: division by zero"),
    "undefined name": ("{{ nothing_here }}", 1, "template error: 'nothing_here' is undefined"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_template_mistake_is_reported_at_template_line(tmp_path, case):
    text, line, words = CASES[case]
    folder = tmp_path / "mine" / "plan"
    folder.mkdir(parents=True)
    (folder / "toc.html.j2").write_text(text + "\n", encoding="utf-8")
    result = run_cli("build", PLAN, "-t", tmp_path / "mine", "-o", tmp_path / "out", "-f", "html")
    assert result.returncode == 1, result.stderr
    assert f"{folder / 'toc.html.j2'}:{line}:1: {words}" in result.stderr
    assert "internal error" not in result.stderr and "fix: " in result.stderr
    assert not (tmp_path / "out").exists()


def test_runaway_loop_is_stopped_by_the_time_limit(tmp_path):
    folder = tmp_path / "mine" / "plan"
    folder.mkdir(parents=True)
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"
    (folder / "toc.html.j2").write_text(loop, encoding="utf-8")
    env = {"PLANGEN_TEMPLATE_SECONDS": "2"}
    result = run_cli(
        "build", PLAN, "-t", tmp_path / "mine", "-o", tmp_path / "out", "-f", "html", env=env
    )
    assert result.returncode == 1, result.stderr
    assert f"{folder / 'toc.html.j2'}:1:1: the template ran for more than 2 s" in result.stderr
    assert "PLANGEN_TEMPLATE_SECONDS" in result.stderr


def test_printing_loop_is_stopped_by_the_size_limit(tmp_path):
    folder = tmp_path / "mine" / "plan"
    folder.mkdir(parents=True)
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx{% endfor %}{% endfor %}\n"
    (folder / "toc.html.j2").write_text("\n" + loop, encoding="utf-8")
    env = {"PLANGEN_TEMPLATE_MB": "1"}
    result = run_cli(
        "build", PLAN, "-t", tmp_path / "mine", "-o", tmp_path / "out", "-f", "html", env=env
    )
    assert result.returncode == 1, result.stderr
    # the included file that prints, not the shipped document.html.j2 that includes it
    where = f"{folder / 'toc.html.j2'}:2:1: "
    assert where + "the template's output is over 1 MB; rendering stopped" in result.stderr


def test_nesting_too_deep_is_reported_at_its_line(tmp_path):
    text = PLAN.read_text(encoding="utf-8")
    lines = [text[: text.index("chapters:")], "chapters:\n  - title: 深\n    body:\n"]
    indent = "      "
    for i in range(400):
        lines.append(f"{indent}- section: s{i}\n{indent}  body:\n")
        indent += "    "
    lines.append(f"{indent}- 段落。\n")
    plan = tmp_path / "deep.yaml"
    plan.write_text("".join(lines), encoding="utf-8")
    result = run_cli("build", plan, "-o", tmp_path / "out", "-f", "html")
    assert result.returncode == 1, result.stderr
    first = result.stderr.splitlines()[1]
    assert first.startswith(f"{plan}:") and "nested more than 64 levels deep here" in first
    row = int(first[len(str(plan)) + 1 :].split(":")[0])
    assert "- section: s" in plan.read_text(encoding="utf-8").split("\n")[row - 1]
