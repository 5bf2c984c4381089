"""Safe YAML reading: positions, duplicate keys, tags, alias bombs, size and encoding."""

import time

import pytest

from plangen.errors import PlanError
from plangen.load import source


def parse(text: str):
    return source.parse(text, "t.yaml")


def test_positions_point_at_values_and_keys():
    src = parse("meta:\n  title: 规划\nlist:\n  - a\n  - b\n")
    assert src.data == {"meta": {"title": "规划"}, "list": ["a", "b"]}
    assert src.where(("meta", "title")) == (2, 10)
    assert src.where(("list", 1)) == (5, 5)
    assert src.where(("meta", "title"), key=True) == (2, 3)


def test_duplicate_key_names_both_lines():
    with pytest.raises(PlanError) as err:
        parse("a: 1\nb: 2\na: 3\n")
    (problem,) = err.value.problems
    assert (problem.line, problem.column) == (3, 1)
    assert "duplicate key 'a'" in problem.message and "line 1" in problem.message


def test_python_tags_are_refused():
    with pytest.raises(PlanError) as err:
        parse("a: !!python/object/apply:os.system ['echo hi']\n")
    assert "unsupported YAML tag" in str(err.value)


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    names = "abcdefghij"
    for prev, name in zip(names, names[1:], strict=False):
        bomb += (
            f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, "
            f"*{prev}, *{prev}, *{prev}, *{prev}]\n"
        )
    assert len(bomb) < 2000
    start = time.perf_counter()
    with pytest.raises(PlanError) as err:
        parse(bomb)
    assert "expands to more than" in str(err.value)
    assert time.perf_counter() - start < 30  # generous: the point is it terminates


def test_syntax_error_has_position():
    with pytest.raises(PlanError) as err:
        parse("meta:\n  title: [unclosed\n  other: 1\n")
    problem = err.value.problems[0]  # named where the bracket opens, not where YAML stopped
    assert (problem.line, problem.column) == (2, 10) and "bracket" in problem.message


def test_non_utf8_file(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("meta:\n  title: 规划\n".encode("gbk"))
    with pytest.raises(PlanError) as err:
        source.load(path)
    problem = err.value.problems[0]
    assert "not UTF-8" in problem.message and problem.line == 2


def test_empty_file(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("   \n# only a comment\n", encoding="utf-8")
    with pytest.raises(PlanError) as err:
        source.load(path)
    assert "no data" in str(err.value) or "empty" in str(err.value)


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (source.MAX_BYTES + 10))
    with pytest.raises(PlanError) as err:
        source.load(path)
    assert "over the limit" in str(err.value)


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert source.load(path).data == {"a": 1}
