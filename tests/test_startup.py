"""Start-up: commands that write no DOCX or PDF never import the writers' heavy libraries.

Checked on the installed command through Python's own import log
(PYTHONPROFILEIMPORTTIME), so what is asserted is which modules load, not how long.
"""

from __future__ import annotations

import pytest
from helpers import PLANS, run_cli

from plangen import __version__

HEAVY = {"weasyprint", "matplotlib", "openpyxl", "docx", "lxml", "fontTools", "PIL"}


def imported(stderr: str) -> set[str]:
    """Module names from the `import time: self | cumulative | name` lines."""
    return {
        line.rsplit("|", 1)[1].strip()
        for line in stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def run_logged(*args):
    result = run_cli(*args, env={"PYTHONPROFILEIMPORTTIME": "1"})
    return result, imported(result.stderr)


def test_version_imports_neither_click_nor_the_commands():
    result, modules = run_logged("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"plangen, version {__version__}\n"
    assert "plangen.entry" in modules
    assert not top_level(modules) & (HEAVY | {"click", "pydantic", "jinja2", "yaml", "babel"})


@pytest.mark.parametrize(
    "args",
    [
        ("validate", PLANS / "laishan.yaml"),
        ("validate", PLANS / "laishan-2022.yaml"),
        ("lint", "-q", PLANS / "laishan.yaml"),
        ("schema", "-o", "{tmp}"),
        ("--help",),
    ],
    ids=["validate-plan", "validate-monitoring", "lint", "schema", "help"],
)
def test_checking_commands_leave_the_writers_unimported(args, tmp_path):
    result, modules = run_logged(*(str(a).format(tmp=tmp_path) for a in args))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "plangen.cli" in modules
    assert not top_level(modules) & HEAVY, sorted(top_level(modules) & HEAVY)
    if args[0] == "validate":
        assert "plangen.render.document" not in modules  # no Jinja environment to check a file


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_validating_a_plan_loads_no_monitoring_nor_babel_catalog_reader_nor_writer(lang):
    """What a plan without review tables never uses stays unimported (issue 15's start-up)."""
    env = {"PYTHONPROFILEIMPORTTIME": "1", "PLANGEN_LANG": lang}
    result = run_cli("validate", PLANS / "laishan.yaml", env=env)
    modules = imported(result.stderr)
    assert result.returncode == 0, result.stderr[-2000:]
    assert ("有效" in result.stdout) == (lang == "zh_CN")  # the catalog was read, without Babel
    unused = {"plangen.load.monitoring", "plangen.compute.review", "plangen.write.transaction"}
    assert not modules & unused, sorted(modules & unused)
    assert "babel.messages.pofile" not in modules


def test_the_import_log_does_show_a_pdf_build_loading_weasyprint(tmp_path):
    """The same check sees the heavy modules when a command does need them."""
    result, modules = run_logged("build", PLANS / "laishan.yaml", "-o", tmp_path, "-f", "pdf")
    assert result.returncode == 0, result.stderr[-2000:]
    assert {"weasyprint", "plangen.write.pdf"} <= modules
    assert "docx" not in top_level(modules)  # a PDF-only build does not load python-docx


def test_validate_does_not_search_for_pydantic_plugins():
    """pydantic's plugin search reads every distribution's entry points: plangen skips it."""
    result, modules = run_logged("validate", PLANS / "laishan.yaml")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "pydantic.plugin._schema_validator" in modules  # the models were built
    assert "importlib.metadata" not in modules


def test_the_plugin_search_comes_back_on_request():
    env = {"PYTHONPROFILEIMPORTTIME": "1", "PLANGEN_PYDANTIC_PLUGINS": "1"}
    result = run_cli("validate", PLANS / "laishan.yaml", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert {"importlib.metadata", "pydantic.plugin._loader"} <= imported(result.stderr)


def test_a_typst_pdf_loads_neither_babel_nor_the_docx_writer(tmp_path):
    """The date is formatted without Babel's locale data; a PDF-only build parses no DOCX groups."""
    pytest.importorskip("typst")
    args = ("build", PLANS / "laishan.yaml", "-o", tmp_path, "-f", "pdf", "--pdf-engine", "typst")
    result, modules = run_logged(*args)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "laishan.pdf").stat().st_size > 100_000
    assert not top_level(modules) & {"babel", "docx", "weasyprint"}
    assert "plangen.write.docx_groups" not in modules
