"""Messages in the user's language: every message has a Chinese translation."""

import click
from babel.messages.extract import extract_from_dir
from helpers import FIXTURES, ROOT, run_cli

from plangen import formula
from plangen.cli_help import short_help, width, wrap_text
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


def _help_texts() -> list[str]:
    from plangen.cli import cli

    texts = [cli.help]
    for command in (cli, *cli.commands.values()):
        texts.append(command.help)
        texts += [p.help for p in command.params if isinstance(p, click.Option) and p.help]
    return [t for t in texts if t]


def test_every_help_text_has_a_chinese_translation():
    zh = catalog("zh_CN")
    texts = _help_texts()
    assert len(texts) > 30
    assert not [t for t in texts if t not in zh]


def test_every_option_says_what_it_does():
    from plangen.cli import cli

    silent = [
        f"{name} {param.opts[-1]}"
        for name, command in cli.commands.items()
        for param in command.params
        if isinstance(param, click.Option) and not param.help
    ]
    assert not silent


def test_help_speaks_chinese_on_a_chinese_desktop():
    listing = run_cli("--help", env={"PLANGEN_LANG": "zh_CN"})
    assert listing.returncode == 0, listing.stderr
    assert "validate  检查规划文件和监测数据文件\n" in listing.stdout
    assert "adopt     把现有规划转成规划 YAML，并报告推断之处\n" in listing.stdout  # no brackets
    assert "..." not in listing.stdout.split("命令:")[1]  # nothing cut mid-sentence
    build = run_cli("build", "--help", env={"LANG": "zh_CN.UTF-8", "PLANGEN_LANG": ""})
    assert "输出文件夹。" in build.stdout and "Output folder" not in build.stdout
    new = run_cli("new", "--help", env={"PLANGEN_LANG": "zh_CN"})
    assert "[必填]" in new.stdout


def test_help_stays_english_otherwise():
    listing = run_cli("--help", env={"PLANGEN_LANG": "en"})
    assert (
        "validate  Check plans and monitoring files; list every problem with..." in listing.stdout
    )
    assert "用法" not in listing.stdout and "检查" not in listing.stdout


def test_short_help_is_the_first_clause_without_brackets():
    assert short_help("为规划文件生成 DOCX/PDF（可给文件或文件夹）。") == "为规划文件生成 DOCX/PDF"
    assert short_help("检查规划文件；逐条列出问题。") == "检查规划文件"
    assert short_help("比较规划的两稿：生成修改对照说明。") == "比较规划的两稿"


COMMANDS = ["validate", "build", "new", "doctor", "lint", "schema", "diff", "adopt", "serve"]


def test_chinese_help_fits_an_80_column_terminal():
    """A Chinese character takes two columns; click alone counted one and ran past 80."""
    env = {"PLANGEN_LANG": "zh_CN", "COLUMNS": "80"}
    for command in ["", *COMMANDS, "export", "import"]:
        shown = run_cli(*([command] if command else []), "--help", env=env)
        assert shown.returncode == 0, shown.stderr
        for line in shown.stdout.splitlines():
            assert width(line) <= 80, line
            assert line.strip()[:1] not in set("，。、；：）"), line


def test_wrapping_by_display_width():
    text = "文件夹，其中的 exchange/xlsx.yaml 替换工作簿中的文字。"
    assert wrap_text(text, 20).splitlines() == [
        "文件夹，其中的",
        "exchange/xlsx.yaml",
        "替换工作簿中的文字。",
    ]
    # the 字 before a closing mark goes down with it rather than leave 。 to start a line
    assert wrap_text("一二三四五六七八九。", 18) == "一二三四五六七八\n九。"
    assert wrap_text("ab  cd", 78, "  ", "  ") == "  ab cd"
