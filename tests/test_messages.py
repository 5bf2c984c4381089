"""Messages in the user's language: every message has a Chinese translation."""

from babel.messages.extract import extract_from_dir
from helpers import FIXTURES, ROOT, run_cli

from plangen import formula
from plangen.load.validate import _EXPECTED
from plangen.messages import catalog
from plangen.write.fonts import INSTALL, ROLES


def msgids() -> set[str]:
    found = set()
    for _file, _line, message, _c, _ctx in extract_from_dir(ROOT / "plangen"):
        found.add(message[0] if isinstance(message, tuple) else message)
    for what, hint in _EXPECTED.values():
        found |= {m for m in (what, hint) if m}
    found |= set(ROLES) | {INSTALL}
    found |= {
        "not a valid formula",
        "only numbers, data names, + - * / and parentheses are allowed",
    }
    return found


def test_every_message_has_a_chinese_translation():
    zh = catalog("zh_CN")
    missing = sorted(m for m in msgids() if m not in zh)
    assert not missing, missing


def test_translations_keep_their_placeholders():
    import re

    for msgid, text in catalog("zh_CN").items():
        assert sorted(re.findall(r"{\w+}", msgid)) == sorted(re.findall(r"{\w+}", text)), msgid


def test_formula_messages_are_msgids():
    for bad in ("a ** 2", "a +"):
        try:
            formula.names(bad)
        except formula.FormulaError as exc:
            assert str(exc) in msgids()


def test_chinese_locale_gives_chinese_errors(tmp_path):
    plan = tmp_path / "plan.yaml"
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("    unit: 岁", "    unti: 岁"), encoding="utf-8")
    result = run_cli("validate", plan, env={"PLANGEN_LANG": "zh_CN"})
    assert result.returncode == 1
    assert "未知的键“unti”" in result.stderr and "修改：是否应为“unit”？" in result.stderr
    english = run_cli("validate", plan, env={"PLANGEN_LANG": "en", "LANG": "zh_CN.UTF-8"})
    assert "unknown key 'unti'" in english.stderr


def test_lang_variable_selects_chinese(tmp_path):
    result = run_cli(
        "validate",
        FIXTURES / "minimal.yaml",
        env={"LANG": "zh_CN.UTF-8", "PLANGEN_LANG": "", "LC_ALL": ""},
    )
    assert result.returncode == 0 and "有效（1 章，3 项任务" in result.stdout


def test_usage_errors_and_os_reasons_in_chinese(tmp_path):
    """click's own messages and the system's reasons came out in English under zh_CN."""
    zh = {"PLANGEN_LANG": "zh_CN"}
    cases = [
        (("build", "--nope"), 2, "错误：没有选项 '--nope'。"),
        (("frob",), 2, "错误：没有命令 'frob'。"),
        (("build", FIXTURES / "minimal.yaml", "-j", "0"), 2, "的值无效：0 不在范围"),
        (
            ("build", tmp_path / "none.yaml", "-o", tmp_path / "out"),
            1,
            "无法读取文件：没有该文件或文件夹",
        ),
    ]
    for args, code, line in cases:
        result = run_cli(*args, env=zh)
        assert result.returncode == code, result.stderr
        assert line in result.stderr, result.stderr
        assert "Error:" not in result.stderr and "No such" not in result.stderr
    english = run_cli("build", "--nope", env={"PLANGEN_LANG": "en"})
    assert "Error: No such option '--nope'." in english.stderr


def _babel(text: str) -> dict[str, str]:
    import io

    from babel.messages.pofile import read_po

    return {m.id: m.string for m in read_po(io.BytesIO(text.encode())) if m.id and m.string}


def test_the_catalog_reader_gives_what_babel_gives():
    """plangen's own .po reader (start-up: no Babel import) against Babel's, entry by entry."""
    from plangen.messages import LOCALE_DIR, read_po_entries

    shipped = (LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "plangen.po").read_text(encoding="utf-8")
    assert read_po_entries(shipped) == _babel(shipped) and len(_babel(shipped)) > 400
    sample = (
        '# a comment\n#, fuzzy\nmsgid ""\nmsgstr "Language: zh_CN\\n"\n\n'
        '#: a.py:1\nmsgid ""\n"two "\n"lines"\nmsgstr "两\\"行\\"\\n"\n\n'
        'msgid "tab\\there \\\\ back"\nmsgstr "制表"\n\n'
        'msgid "untranslated"\nmsgstr ""\n\n'
        '#~ msgid "gone"\n#~ msgstr "旧"\n'
    )
    assert (
        read_po_entries(sample)
        == _babel(sample)
        == {
            "two lines": '两"行"\n',
            "tab\there \\ back": "制表",
        }
    )
