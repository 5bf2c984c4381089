"""Options a real plan needs: no table of contents, headings that keep their 。."""

from __future__ import annotations

import io

from docx import Document
from helpers import FIXTURES, run_cli
from pypdf import PdfReader

MINIMAL = FIXTURES / "minimal.yaml"


def build(tmp_path, text: str, formats: str = "docx,pdf,html"):
    tmp_path.mkdir(parents=True, exist_ok=True)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    done = run_cli("build", plan, "-o", tmp_path / "out", "-f", formats)
    assert done.returncode == 0, done.stderr
    return tmp_path / "out"


def test_toc_false_leaves_out_the_contents_in_both_formats(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "  date: 2022-01-05\n", "  date: 2022-01-05\n  toc: false\n"
    )
    out = build(tmp_path, text)
    pdf = "".join(p.extract_text() for p in PdfReader(out / "plan.pdf").pages)
    assert "目　录" not in pdf and "目录" not in pdf
    docx = Document(io.BytesIO((out / "plan.docx").read_bytes()))
    assert not any(p.style.name.startswith("TOC") for p in docx.paragraphs)
    assert 'class="toc"' not in (out / "plan.html").read_text(encoding="utf-8")
    with_toc = build(tmp_path / "again", MINIMAL.read_text(encoding="utf-8"), "docx")
    docx = Document(io.BytesIO((with_toc / "plan.docx").read_bytes()))
    assert any(p.style.name == "TOC Heading" for p in docx.paragraphs)  # the default keeps it


def test_a_heading_keeps_the_full_stop_its_author_wrote(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "section: 公共卫生", "section: 健全公共卫生体系。"
    )
    out = build(tmp_path, text, "docx")
    docx = Document(io.BytesIO((out / "plan.docx").read_bytes()))
    headings = [p.text for p in docx.paragraphs if p.style.name == "Heading 2"]
    assert "（一）健全公共卫生体系。" in headings
    assert not any(h.endswith("。。") for h in headings)


def test_validate_checks_the_files_a_plan_refers_to_as_build_does(tmp_path):
    for name in ("with-review.yaml", "previous.yaml", "previous-2020.yaml"):
        (tmp_path / name).write_text((FIXTURES / name).read_text(encoding="utf-8"), "utf-8")
    monitoring = tmp_path / "previous-2020.yaml"
    monitoring.write_text(
        monitoring.read_text(encoding="utf-8").replace("cutoff: 2020", "cutoff: 2030"), "utf-8"
    )
    validate = run_cli("validate", tmp_path / "with-review.yaml")
    build = run_cli("build", tmp_path / "with-review.yaml", "-o", tmp_path / "out")
    assert build.returncode == validate.returncode == 1, validate.stdout
    assert "previous-2020.yaml" in validate.stderr
    assert validate.stderr.splitlines()[0] in build.stderr.splitlines()  # the same problem
