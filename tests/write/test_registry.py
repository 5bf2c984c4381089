"""Writers behind one registry, and a DOCX writer that never drops text without a word."""

from __future__ import annotations

import io

import pytest
from docx import Document
from helpers import FIXTURES, ROOT, run_cli

from plangen.write.registry import FORMATS, WRITERS

TOC = ROOT / "templates" / "plan" / "toc.html.j2"
PLAN = FIXTURES / "minimal.yaml"


def test_formats_and_help_come_from_the_registry():
    assert FORMATS == tuple(WRITERS) == ("docx", "pdf", "html")
    for name, writer in WRITERS.items():
        assert writer.name == name and writer.suffix == f".{name}"
    help_text = run_cli("build", "--help").stdout
    assert "docx, pdf, html" in help_text
    bad = run_cli("build", PLAN, "-f", "odt")
    assert bad.returncode == 2 and "choose from docx, pdf, html" in bad.stderr


def override(tmp_path, element: str):
    """A template folder whose toc.html.j2 adds one element after the contents."""
    folder = tmp_path / "templates"
    (folder / "plan").mkdir(parents=True)
    text = TOC.read_text(encoding="utf-8").replace("</nav>", f"</nav>\n{element}")
    (folder / "plan" / "toc.html.j2").write_text(text, encoding="utf-8")
    return folder, text.splitlines().index(element) + 1


UNKNOWN = [
    "<blockquote>引用的原文</blockquote>",
    "<h5>五级标题</h5>",
    "<dl><dt>术语</dt><dd>解释</dd></dl>",
    "<pre>预排文字</pre>",
]


@pytest.mark.parametrize("element", UNKNOWN, ids=lambda e: e[1 : e.index(">")])
def test_unknown_element_is_an_error_at_its_template_line(tmp_path, element):
    folder, line = override(tmp_path, element)
    out = tmp_path / "out"
    done = run_cli("build", PLAN, "-t", folder, "-o", out, "-f", "docx")
    tag = element[1 : element.index(">")]
    assert done.returncode == 1, done.stderr
    assert f"{folder / 'plan' / 'toc.html.j2'}:{line}:1:" in done.stderr
    assert f"does not know <{tag}>; its text would be lost in Word" in done.stderr
    assert "docs/templates.md" in done.stderr
    assert not out.exists() or not any(out.iterdir())


def test_inline_elements_and_stray_text_at_block_level_keep_their_text(tmp_path):
    folder, _ = override(tmp_path, "<span>独立的一行</span><div>散落的文字</div>")
    out = tmp_path / "out"
    done = run_cli("build", PLAN, "-t", folder, "-o", out, "-f", "docx")
    assert done.returncode == 0, done.stderr
    (docx,) = out.glob("*.docx")
    texts = [p.text for p in Document(io.BytesIO(docx.read_bytes())).paragraphs]
    assert "独立的一行" in texts and "散落的文字" in texts
