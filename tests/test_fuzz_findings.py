"""Inputs benchmarks/fuzz.py found ending in exit 70, each now a clean outcome.

Each test runs the CLI as a user would; on an input error nothing is written.
"""

import hashlib
import shutil
import zipfile

import pytest
from docx import Document
from helpers import FIXTURES, PLANS, run_cli

PLAN = FIXTURES / "minimal.yaml"


def test_an_issuer_longer_than_word_properties_take_builds(tmp_path):
    """python-docx refuses core properties over 255 characters (was: ValueError, exit 70)."""
    issuer = "烟台市莱山区卫生健康局" * 30
    text = PLAN.read_text(encoding="utf-8")
    assert "  issuer: " in text
    plan = tmp_path / "long.yaml"
    lines = [
        f"  issuer: {issuer}" if line.startswith("  issuer: ") else line
        for line in text.splitlines()
    ]
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("build", plan, "-o", tmp_path / "out", "-f", "docx")
    assert result.returncode == 0, result.stderr
    doc = Document(tmp_path / "out" / "long.docx")
    assert doc.core_properties.author == issuer[:255]
    assert any(issuer in p.text for p in doc.paragraphs)


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_a_stylesheet_that_is_not_utf8_is_an_input_error(tmp_path, fmt):
    """An overriding print.css saved as GBK (was: UnicodeDecodeError, exit 70)."""
    css = tmp_path / "mine" / "base" / "print.css"
    css.parent.mkdir(parents=True)
    css.write_bytes("body {}\n/* 正文 */\n".encode("gbk"))
    out = tmp_path / "out"
    result = run_cli("build", PLAN, "-t", tmp_path / "mine", "-o", out, "-f", fmt)
    assert result.returncode == 1, result.stderr
    assert f"{css}:2:4: file is not UTF-8 text" in result.stderr
    assert "internal error" not in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_a_workbook_with_a_damaged_deflate_stream_is_an_input_error(tmp_path):
    """Compressed sheet bytes overwritten (was: zlib.error from the size check, exit 70)."""
    for name in ("laishan.yaml", "laishan-2022.yaml"):
        shutil.copy(PLANS / name, tmp_path)
    book = tmp_path / "book.xlsx"
    assert run_cli("export", tmp_path / "laishan-2022.yaml", "-o", book).returncode == 0
    raw = bytearray(book.read_bytes())
    with zipfile.ZipFile(book) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start + 2 : start + 40] = (
        b"\xff" * 38
    )  # inside the deflate data, before the first bytes out
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(raw))
    monitoring = tmp_path / "laishan-2022.yaml"
    before = hashlib.sha256(monitoring.read_bytes()).hexdigest()
    result = run_cli("import", damaged, monitoring)
    assert result.returncode == 1, result.stderr
    assert f"{damaged}: not an Excel workbook (.xlsx): " in result.stderr
    assert "internal error" not in result.stderr
    assert hashlib.sha256(monitoring.read_bytes()).hexdigest() == before


def test_a_chart_yaml_with_some_labels_keeps_the_shipped_others(tmp_path):
    """An override naming only the caption (was: KeyError 'capped', exit 70)."""
    chart = tmp_path / "mine" / "report" / "chart.yaml"
    chart.parent.mkdir(parents=True)
    chart.write_text("caption: 各项指标进度一览\n", encoding="utf-8")
    monitoring = FIXTURES / "evaluation" / "mon.yaml"
    out = tmp_path / "out"
    result = run_cli("build", monitoring, "-t", tmp_path / "mine", "-o", out, "-f", "html")
    assert result.returncode == 0, result.stderr
    html = (out / "mon.html").read_text(encoding="utf-8")
    assert "各项指标进度一览" in html and "滞后指标变化趋势" in html


def test_a_chart_label_that_is_not_text_is_reported_at_its_line(tmp_path):
    chart = tmp_path / "mine" / "report" / "chart.yaml"
    chart.parent.mkdir(parents=True)
    chart.write_text("caption: 图\ncapped: [1, 2]\n", encoding="utf-8")
    out = tmp_path / "out"
    monitoring = FIXTURES / "evaluation" / "mon.yaml"
    result = run_cli("build", monitoring, "-t", tmp_path / "mine", "-o", out, "-f", "html")
    assert result.returncode == 1, result.stderr
    assert f"{chart}:2:9: expected text" in result.stderr
    assert not out.exists() or not list(out.iterdir())
