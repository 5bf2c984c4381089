"""Inputs benchmarks/fuzz.py found ending in exit 70, each now a clean outcome.

Each test runs the CLI as a user would; on an input error nothing is written.
"""

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from helpers import FIXTURES, PLANS, ROOT, run_cli

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


def monitoring_copy(tmp_path, old: str, new: str):
    for path in (FIXTURES / "evaluation").glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    monitoring = tmp_path / "mon.yaml"
    text = monitoring.read_text(encoding="utf-8")
    assert old in text
    monitoring.write_text(text.replace(old, new), encoding="utf-8")
    return monitoring


def test_a_plan_name_too_long_for_the_system_is_not_found(tmp_path):
    """plan: naming 600 characters (was: OSError File name too long, exit 70)."""
    monitoring = monitoring_copy(tmp_path, "plan: plan.yaml", "plan: " + "长" * 600 + ".yaml")
    result = run_cli("validate", monitoring)
    assert result.returncode == 1, result.stderr
    assert f"{monitoring}:3:9: plan file not found: " in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("value", ['"0"', "86400", "2023"])
def test_a_number_is_not_a_date(tmp_path, value):
    """date: "0" was read as 1 January 1970 and then broke the DOCX zip (exit 70)."""
    monitoring = monitoring_copy(tmp_path, "date: 2023-06-30", f"date: {value}")
    out = tmp_path / "out"
    result = run_cli("build", monitoring, "-o", out, "-f", "docx")
    assert result.returncode == 1, result.stderr
    assert f"{monitoring}:4:9: monitoring.date: not a valid date" in result.stderr
    assert "fix: write the date as 2022-06-13" in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_a_date_before_1980_still_builds_a_docx(tmp_path):
    """Zip entries cannot hold dates before 1980 (was: ValueError, exit 70)."""
    monitoring = monitoring_copy(tmp_path, "date: 2023-06-30", "date: 1979-12-31")
    result = run_cli("build", monitoring, "-o", tmp_path / "out", "-f", "docx")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "out" / "mon.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize("name", ["数据[1]", "a/b", "x" * 32])
def test_a_sheet_name_excel_refuses_is_reported_at_its_line(tmp_path, name):
    """An overriding exchange/xlsx.yaml (was: openpyxl ValueError, exit 70)."""
    layout = tmp_path / "mine" / "exchange" / "xlsx.yaml"
    layout.parent.mkdir(parents=True)
    shipped = (ROOT / "templates" / "exchange" / "xlsx.yaml").read_text(encoding="utf-8")
    assert "  data: 基础数据\n" in shipped
    layout.write_text(shipped.replace("  data: 基础数据\n", f'  data: "{name}"\n'), "utf-8")
    row = shipped.split("\n").index("  data: 基础数据") + 1
    for name in ("laishan.yaml", "laishan-2022.yaml"):
        shutil.copy(PLANS / name, tmp_path)
    book = tmp_path / "book.xlsx"
    result = run_cli("export", tmp_path / "laishan-2022.yaml", "-t", tmp_path / "mine", "-o", book)
    assert result.returncode == 1, result.stderr
    assert f"{layout}:{row}:9: Excel cannot name a sheet so" in result.stderr
    assert not book.exists()


def styles_override(tmp_path, text: str) -> Path:
    styles = tmp_path / "mine" / "base" / "docx-styles.yaml"
    styles.parent.mkdir(parents=True)
    styles.write_text(text, encoding="utf-8")
    return styles


def test_a_stylesheet_giving_only_what_it_changes_builds(tmp_path):
    """Only fonts.title given (was: KeyError for the roles left out, exit 70)."""
    styles_override(tmp_path, "fonts:\n  title: [方正小标宋_GBK, Times New Roman]\n")
    out = tmp_path / "out"
    result = run_cli("build", PLAN, "-t", tmp_path / "mine", "-o", out, "-f", "docx")
    assert result.returncode == 0, result.stderr
    doc = Document(out / "minimal.docx")
    fonts = doc.styles["Title"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "方正小标宋_GBK"
    body = doc.styles["Normal"].element.rPr.rFonts
    assert body.get(qn("w:eastAsia")) == "仿宋_GB2312"  # from the shipped file


@pytest.mark.parametrize(
    "text,where,words",
    [
        ("paragraph:\n  Title: {font: nosuch}\n", "2:17", "unknown font role 'nosuch'"),
        ("font_table:\n  仿宋_GB2312: x\n", "2:14", "expected keys with values"),
        ("fonts:\n  body: 仿宋\n", "2:9", "expected a list"),
        ("fonts:\n  body: [仿宋]\n", "2:9", "expected [East Asian font, Latin font]"),
        ('tables:\n  small_above_columns: "null"\n', "2:24", "expected a number"),
        ("paragraph:\n  Normal: {line: singel}\n", "2:18", "expected a number"),
        ("paragraph:\n  Mine: {font: body, size: x}\n", "2:28", "expected a number"),
    ],
)
def test_a_stylesheet_mistake_is_reported_at_its_line(tmp_path, text, where, words):
    styles = styles_override(tmp_path, text)
    out = tmp_path / "out"
    result = run_cli("build", PLAN, "-t", tmp_path / "mine", "-o", out, "-f", "docx")
    assert result.returncode == 1, result.stderr
    assert f"{styles}:{where}: {words}" in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_a_stylesheet_with_blocks_left_open_is_refused_at_once(tmp_path):
    """200 rules opened and never closed kept WeasyPrint busy for over ten minutes (a hang)."""
    css = tmp_path / "mine" / "base" / "print.css"
    css.parent.mkdir(parents=True)
    shipped = (ROOT / "templates" / "base" / "print.css").read_text(encoding="utf-8")
    css.write_text("h1, h2 {\n" * 200 + shipped, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", PLAN, "-t", tmp_path / "mine", "-o", out, "-f", "pdf")
    assert result.returncode == 1, result.stderr
    assert f"{css}:17:8: blocks nested more than 16 deep here" in result.stderr
    assert "fix: a closing brace } is probably missing above" in result.stderr
    assert not out.exists() or not list(out.iterdir())
