"""The installed `plangen` command, run as a user runs it."""

import hashlib
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, PLANS, ROOT, run_cli


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_validate_good_plans():
    result = run_cli("validate", PLANS / "laishan.yaml", PLANS / "longhu.yaml")
    assert result.returncode == 0, result.stderr
    assert "13 chapters, 35 tasks, 9 boxes, 21 indicators" in result.stdout


def test_build_writes_docx_and_pdf_by_default(tmp_path):
    result = run_cli("build", FIXTURES / "minimal.yaml", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minimal.docx", "minimal.pdf"]
    assert "✓" in result.stdout


def test_build_quiet_prints_nothing(tmp_path):
    result = run_cli("build", FIXTURES / "minimal.yaml", "-o", tmp_path, "-f", "html", "-q")
    assert result.returncode == 0
    assert result.stdout == "" and result.stderr == ""
    assert (tmp_path / "minimal.html").read_text(encoding="utf-8").startswith("<html")


def test_unknown_format_is_a_usage_error(tmp_path):
    result = run_cli("build", FIXTURES / "minimal.yaml", "-o", tmp_path, "-f", "odt")
    assert result.returncode == 2
    assert "unknown format odt" in result.stderr
    assert not list(tmp_path.iterdir())


BAD_INPUTS = [
    ("typo", "    unit: 岁", "    unti: 岁", "unknown key 'unti'"),
    ("type", "    decimals: 2", "    decimals: [2]", "decimals"),
    ("dup-id", "  - id: doctors_per_1000", "  - id: life", "duplicate indicator id"),
    ("dept", "support: [区财政局]", "support: [区财证局]", "did you mean '区财政局'"),
    ("target", 'target: "≥81"', 'target: "≥≥81"', "cannot read target"),
    (
        "formula",
        "formula: doctors / population",
        "formula: doctrs / population",
        "formula names 'doctrs'",
    ),
    ("syntax", "  region: 测试区", "  region: [测试区", "YAML syntax error"),
    ("dup-key", "  level: 区", "  level: 区\n  level: 县", "duplicate key 'level'"),
]


@pytest.mark.parametrize("name, old, new, message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_keeps_the_good_build(tmp_path, name, old, new, message):
    plan = tmp_path / "plan.yaml"
    good = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    plan.write_text(good, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("build", plan, "-o", out, "-q").returncode == 0
    before = digest(out)
    plan.write_text(good.replace(old, new, 1), encoding="utf-8")
    for command in (["validate", plan], ["build", plan, "-o", out]):
        result = run_cli(*command)
        assert result.returncode == 1, result.stderr
        assert message in result.stderr
        assert f"{plan}:" in result.stderr and "fix:" in result.stderr
        assert "Traceback" not in result.stderr
    assert digest(out) == before  # nothing overwritten, nothing half-written


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage\x81", b"- just\n- a list\n"])
def test_unusable_files_create_no_output(tmp_path, content):
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(content)
    out = tmp_path / "out"
    result = run_cli("build", plan, "-o", out)
    assert result.returncode == 1
    assert f"{plan}:1:" in result.stderr or f"{plan}:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_batch_builds_good_plans_and_reports_bad_ones(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    good = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    (plans / "a.yaml").write_text(good, encoding="utf-8")
    (plans / "b.yaml").write_text(good.replace("区财政局]", "区财证局]"), encoding="utf-8")
    (plans / "c.yaml").write_text(good, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", plans, "-o", out, "-f", "docx")
    assert result.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "c.docx"]
    assert f"{plans / 'b.yaml'}:" in result.stderr
    assert "built 2 of 3; 1 failed" in result.stderr


def test_new_writes_a_plan_that_validates_and_builds(tmp_path):
    plan = tmp_path / "mine.yaml"
    result = run_cli("new", plan, "--region", "某某县")
    assert result.returncode == 0, result.stderr
    text = plan.read_text(encoding="utf-8")
    assert "某某县" in text and "# " in text and 'level: "县"' in text
    assert run_cli("validate", plan).returncode == 0
    built = run_cli("build", plan, "-o", tmp_path / "out", "-f", "docx")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "mine.docx").stat().st_size > 10_000


def test_new_refuses_to_overwrite(tmp_path):
    plan = tmp_path / "mine.yaml"
    plan.write_text("keep me", encoding="utf-8")
    result = run_cli("new", plan, "--region", "某某区")
    assert result.returncode == 1 and "already exists" in result.stderr
    assert plan.read_text(encoding="utf-8") == "keep me"


def test_doctor_names_a_cjk_font_for_every_role():
    result = run_cli("doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert all(line.startswith("✓") for line in lines)
    assert any("楷" in line and "Kai" in line for line in lines)
    assert any(line.startswith("✓ pinned FandolFang-Regular.otf: /") for line in lines)
    if shutil.which("fc-match"):  # what LibreOffice shows for the DOCX's font names
        assert any("仿宋_GB2312 → FandolFang Regular" in line for line in lines)
        assert any("方正小标宋简体 → FandolSong Bold" in line for line in lines)


def test_doctor_fails_when_a_pinned_font_is_missing(tmp_path):
    (tmp_path / "base").mkdir()
    table = (ROOT / "templates/base/fonts.yaml").read_text(encoding="utf-8")
    (tmp_path / "base/fonts.yaml").write_text(
        table + "  NoSuchFace-Regular.otf: fonts-nosuch\n", encoding="utf-8"
    )
    result = run_cli("doctor", "-t", tmp_path)
    assert result.returncode == 1
    assert "✗ pinned NoSuchFace-Regular.otf: not installed" in result.stdout
    assert "apt-get install fonts-nosuch" in result.stdout


def test_build_refuses_to_fall_back_when_a_pinned_font_is_missing(tmp_path):
    (tmp_path / "base").mkdir()
    table = (ROOT / "templates/base/fonts.yaml").read_text(encoding="utf-8")
    (tmp_path / "base/fonts.yaml").write_text(
        table + "  NoSuchFace-Regular.otf: fonts-nosuch\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run_cli("build", PLANS / "laishan.yaml", "-t", tmp_path, "-o", out, "-f", "pdf")
    assert result.returncode == 1
    assert "NoSuchFace-Regular.otf" in result.stderr and "fonts-nosuch" in result.stderr
    assert not (out / "laishan.pdf").exists()


def test_by_department_writes_one_task_list_per_department(tmp_path):
    from docx import Document

    out = tmp_path / "out"
    result = run_cli("build", PLANS / "laishan.yaml", "-o", out, "-f", "docx", "--by-department")
    assert result.returncode == 0, result.stderr
    folder = out / "laishan-departments"
    names = sorted(p.stem for p in folder.iterdir())
    assert "区卫生健康局" in names and "区医保局" in names and len(names) == 30
    doc = Document(folder / "区医保局.docx")
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号")
    roles = {row.cells[0].text: row.cells[2].text for row in table.rows[1:]}
    assert roles["22"] == "牵头" and roles["14"] == "配合"  # task 22 is led by 区医保局
    assert "+ 30 department files" in result.stdout


def test_department_names_cannot_leave_the_output_folder(tmp_path):
    import yaml

    data = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    data["departments"].append({"name": "../../逃逸/局"})
    data["chapters"][0]["body"][0]["body"][0]["support"] = ["../../逃逸/局"]
    plan = tmp_path / "p.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", plan, "-o", out, "-f", "html", "--by-department")
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.html"))
    assert written == [
        "out/p-departments/_.._逃逸_局.html",
        "out/p-departments/区卫生健康局.html",
        "out/p.html",
    ]


def test_html_output_is_standalone(tmp_path):
    result = run_cli("build", PLANS / "laishan-2022.yaml", "-o", tmp_path, "-f", "html")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "laishan-2022.html").read_text(encoding="utf-8")
    assert "<style>" in page and "@page" in page
    assert 'src="data:image/png;base64,' in page and "plangen-resource:" not in page
