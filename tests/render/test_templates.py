"""Templates: semantic document snapshots, user overrides, sandbox and strict undefined."""

from pathlib import Path

import pytest
from helpers import FIXTURES, PLANS, run_cli

from plangen.errors import PlanError
from plangen.pipeline.build import render_file


@pytest.mark.parametrize("name", ["laishan", "longhu", "laishan-2022"])
def test_semantic_document_snapshot(name, snapshot):
    doc = render_file(PLANS / f"{name}.yaml")
    assert doc.xhtml == snapshot


def test_user_template_overrides_one_file(tmp_path):
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "toc.html.j2").write_text(
        '<nav class="toc"><p class="toc-title">本地目录</p></nav>\n', encoding="utf-8"
    )
    doc = render_file(FIXTURES / "minimal.yaml", tmp_path)
    assert "本地目录" in doc.xhtml
    assert "主要任务" in doc.xhtml  # the other templates are still the shipped ones


def test_undefined_value_fails_with_template_file_and_line(tmp_path):
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "toc.html.j2").write_text(
        '<nav class="toc">\n<p>{{ meta.titel }}</p>\n</nav>\n', encoding="utf-8"
    )
    with pytest.raises(PlanError) as err:
        render_file(FIXTURES / "minimal.yaml", tmp_path)
    (problem,) = err.value.problems
    assert problem.file.endswith("toc.html.j2") and problem.line == 2
    assert "titel" in problem.message


def test_sandbox_blocks_python_internals(tmp_path):
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "toc.html.j2").write_text(
        "{{ meta.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
    )
    with pytest.raises(PlanError) as err:
        render_file(FIXTURES / "minimal.yaml", tmp_path)
    assert "template error" in str(err.value)


def test_template_syntax_error_is_located(tmp_path):
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "toc.html.j2").write_text("line one\n{% if %}\n", encoding="utf-8")
    with pytest.raises(PlanError) as err:
        render_file(FIXTURES / "minimal.yaml", tmp_path)
    assert err.value.problems[0].line == 2


@pytest.mark.parametrize(
    "src", ["file:///etc/passwd", "http://example.com/x.png", "../../../../etc/passwd"]
)
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_every_format_refuses_outside_resources(tmp_path, src, fmt):
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "toc.html.j2").write_text(
        f'<nav class="toc"><p class="toc-title">目录</p><img src="{src}"/></nav>\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli("build", FIXTURES / "minimal.yaml", "-o", out, "-t", tmp_path, "-f", fmt)
    assert result.returncode == 1
    assert "refused to load" in result.stderr and src.lstrip("./") in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_image_from_the_plan_folder_is_allowed(tmp_path):
    import shutil

    plan = tmp_path / "plan.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", plan)
    png = Path(__file__).resolve().parent.parent / "fixtures" / "dot.png"
    shutil.copy(png, tmp_path / "dot.png")
    (tmp_path / "tpl" / "plan").mkdir(parents=True)
    (tmp_path / "tpl" / "plan" / "toc.html.j2").write_text(
        '<nav class="toc"><p class="toc-title">目录</p></nav><figure><img src="dot.png"/></figure>\n',
        encoding="utf-8",
    )
    result = run_cli("build", plan, "-o", tmp_path / "out", "-t", tmp_path / "tpl")
    assert result.returncode == 0, result.stderr
    from docx import Document

    assert len(Document(tmp_path / "out" / "plan.docx").inline_shapes) == 1
