"""`plangen diff --revisions`: the new draft as DOCX with real Word revisions (修订)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import FIXTURES, run_cli
from lxml import etree
from ooxml_order import out_of_order

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OLD, NEW = FIXTURES / "diff" / "old.yaml", FIXTURES / "diff" / "new.yaml"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> dict[str, bytes]:
    """The revisions file and, for comparison, each draft built on its own."""
    out = tmp_path_factory.mktemp("revisions")
    result = run_cli("diff", OLD, NEW, "-o", out, "--revisions", "-q")
    assert result.returncode == 0, result.stderr
    files = {"revisions": (out / "test-plan-revisions.docx").read_bytes()}
    for name, plan in (("old", OLD), ("new", NEW)):
        built = run_cli("build", plan, "-o", out / name, "-f", "docx", "-q")
        assert built.returncode == 0, built.stderr
        files[name] = (out / name / "test-plan.docx").read_bytes()
    return files


def document(data: bytes):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def resolve(data: bytes, accept: bool) -> bytes:
    """Accept (or reject) every revision, as Word's 接受所有修订 does."""
    keep, drop = ("ins", "del") if accept else ("del", "ins")
    zin, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            payload = zin.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(payload)
                for el in list(root.iter(W + drop)):
                    parent = el.getparent()
                    if parent.tag == W + "rPr" and parent.getparent().tag == W + "pPr":
                        para = parent.getparent().getparent()
                        para.getparent().remove(para)
                    elif parent.tag == W + "trPr":
                        row = parent.getparent()
                        row.getparent().remove(row)
                    else:
                        parent.remove(el)
                for el in list(root.iter(W + keep)):
                    parent = el.getparent()
                    if parent is None:
                        continue
                    if parent.tag in (W + "rPr", W + "trPr"):
                        parent.remove(el)
                        continue
                    for t in el.iter(W + "delText"):
                        t.tag = W + "t"
                    at = parent.index(el)
                    for child in reversed(list(el)):
                        parent.insert(at, child)
                    parent.remove(el)
                payload = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            zout.writestr(info, payload)
    return out.getvalue()


def paragraphs(data: bytes) -> list[str]:
    body = docx.Document(io.BytesIO(data)).element.body
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in body.iter(W + "p")]


def test_changes_are_word_revisions_with_author_and_date(drafts):
    root = document(drafts["revisions"])
    ins, dels = list(root.iter(W + "ins")), list(root.iter(W + "del"))
    assert ins and dels
    for el in ins + dels:
        assert el.get(W + "author") == "测试区卫生健康局"
        assert el.get(W + "date") == "2022-03-01T00:00:00Z"
    ids = [el.get(W + "id") for el in ins + dels]
    assert len(ids) == len(set(ids))
    # deleted runs hold w:delText, never w:t (Word rejects w:t inside w:del)
    assert all(not list(d.iter(W + "t")) for d in dels)
    inserted = "".join(t.text for el in ins for t in el.iter(W + "t"))
    deleted = "".join(t.text for el in dels for t in el.iter(W + "delText"))
    assert "4.3" in inserted and "发展和改革" in inserted and "送审稿" in inserted
    assert "财政" in deleted and "加强人才培养" in deleted and "征求意见稿" in deleted
    assert out_of_order(root) == []


def test_accept_all_gives_the_new_draft_and_reject_all_the_old(drafts):
    assert paragraphs(resolve(drafts["revisions"], accept=True)) == paragraphs(drafts["new"])
    assert paragraphs(resolve(drafts["revisions"], accept=False)) == paragraphs(drafts["old"])


def test_a_changed_task_keeps_its_unchanged_words(drafts):
    """完善疾控体系 moved and was reworded: word revisions, not a whole new paragraph."""
    root = document(drafts["revisions"])
    for p in root.iter(W + "p"):
        plain = "".join(t.text for t in p.iter(W + "t") if W + "ins" not in _ancestors(t))
        if "完善疾控体系" in plain:
            assert "建设" in plain and "疾控中心" in plain
            break
    else:
        pytest.fail("the task is not kept as a changed paragraph")


def _ancestors(el) -> list[str]:
    return [a.tag for a in el.iterancestors()]


def test_identical_drafts_have_no_revisions(tmp_path):
    result = run_cli("diff", OLD, OLD, "-o", tmp_path, "--revisions", "--author", "审校", "-q")
    assert result.returncode == 0, result.stderr
    root = document((tmp_path / "test-plan-revisions.docx").read_bytes())
    assert not list(root.iter(W + "ins")) and not list(root.iter(W + "del"))


def test_revisions_file_is_reproducible(tmp_path):
    for out in ("a", "b"):
        assert run_cli("diff", OLD, NEW, "-o", tmp_path / out, "--revisions", "-q").returncode == 0
    name = "test-plan-revisions.docx"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _libreoffice_text(files: dict[str, bytes], tmp_path: Path) -> dict[str, str]:
    for name, data in files.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path / "txt"),
            *[str(tmp_path / f"{name}.docx") for name in files],
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: (tmp_path / "txt" / f"{name}.txt").read_text("utf-8-sig") for name in files}


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is absent (BENCH=1 scripts/setup.sh)")
def test_libreoffice_reads_the_revisions(drafts, tmp_path):
    """LibreOffice shows the changes (old and new words both present) and, after every
    change is accepted, prints exactly the new draft's text."""
    text = _libreoffice_text(
        {
            "shown": drafts["revisions"],
            "accepted": resolve(drafts["revisions"], accept=True),
            "new": drafts["new"],
        },
        tmp_path,
    )
    assert text["accepted"] == text["new"]
    assert "征求意见稿" in text["shown"] and "送审稿" in text["shown"]
    assert "加强人才培养" in text["shown"] and "加强人才培养" not in text["new"]


def _office_python() -> str | None:
    """The system Python with LibreOffice's uno module (python3-uno), if installed."""
    for exe in ("/usr/bin/python3", shutil.which("python3")):
        if exe and SOFFICE:
            done = subprocess.run([exe, "-c", "import uno"], capture_output=True)
            if done.returncode == 0:
                return exe
    return None


OFFICE_PYTHON = _office_python()


@pytest.mark.skipif(
    OFFICE_PYTHON is None,
    reason="LibreOffice with python3-uno is absent (BENCH=1 scripts/setup.sh installs both)",
)
@pytest.mark.parametrize(("action", "expected"), [("accept", "new"), ("reject", "old")])
def test_libreoffice_accept_all_gives_the_new_draft(drafts, tmp_path, action, expected):
    """LibreOffice's own 全部接受 (全部拒绝) of the revisions file prints exactly the new
    (old) draft's text, as LibreOffice prints that draft built on its own."""
    (tmp_path / "revisions.docx").write_bytes(drafts["revisions"])
    done = subprocess.run(
        [
            OFFICE_PYTHON,
            str(Path(__file__).resolve().parent.parent / "office_accept.py"),
            str(tmp_path / "revisions.docx"),
            str(tmp_path / f"{action}.txt"),
            action,
            str(tmp_path / "uno-profile"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    resolved = (tmp_path / f"{action}.txt").read_text("utf-8-sig")
    plain = _libreoffice_text({expected: drafts[expected]}, tmp_path)[expected]
    assert resolved == plain
    assert ("送审稿" in resolved) == (expected == "new")
