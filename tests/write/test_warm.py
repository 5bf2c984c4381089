"""Warm work: print.css compiled once per process, -j workers, the PDF's zlib level."""

from __future__ import annotations

import hashlib
import re
import zlib

from helpers import FIXTURES, run_cli

from plangen.lookup import find, search_path
from plangen.write.pdf import compiled_stylesheet
from plangen.write.resources import Resources
from plangen.write.weasy import COMPRESSION_LEVEL


def test_the_stylesheet_is_compiled_once_per_file_version(tmp_path):
    search = search_path(None)
    shipped = find(search, "base/print.css")
    first, fonts = compiled_stylesheet(shipped, Resources(FIXTURES, search))
    assert compiled_stylesheet(shipped, Resources(FIXTURES, search)) == (first, fonts)
    copy = tmp_path / "print.css"
    copy.write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    before, _ = compiled_stylesheet(copy, Resources(FIXTURES, search))
    assert before is not first  # another file
    copy.write_text(copy.read_text(encoding="utf-8") + "\np { color: red }\n", encoding="utf-8")
    assert compiled_stylesheet(copy, Resources(FIXTURES, search))[0] is not before  # edited


def test_a_refused_url_is_reported_by_every_build(tmp_path):
    css = tmp_path / "print.css"
    css.write_text('@import url("https://example.com/x.css");\n', encoding="utf-8")
    for _ in range(2):
        resources = Resources(tmp_path, search_path(None))
        compiled_stylesheet(css, resources)
        assert resources.refused


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_warm_workers_write_the_same_bytes_as_one_process(tmp_path):
    plans = [FIXTURES / n for n in ("minimal.yaml", "action.yaml", "target-only.yaml")]
    for jobs in ("1", "2"):
        result = run_cli("build", *plans, "-o", tmp_path / jobs, "-j", jobs, "-q")
        assert result.returncode == 0, result.stderr
    assert len(digests(tmp_path / "1")) == 6
    assert digests(tmp_path / "1") == digests(tmp_path / "2")


def test_pdf_streams_are_compressed_at_the_chosen_level(tmp_path):
    result = run_cli("build", FIXTURES / "minimal.yaml", "-o", tmp_path, "-f", "pdf", "-q")
    assert result.returncode == 0, result.stderr
    pdf = (tmp_path / "minimal.pdf").read_bytes()
    streams = re.findall(rb"/FlateDecode[^\n]*\nstream\n(.*?)\nendstream", pdf, re.DOTALL)
    assert streams
    raw = [zlib.decompress(s) for s in streams]
    assert [zlib.compress(r, COMPRESSION_LEVEL) for r in raw] == streams
    assert [zlib.compress(r, 9) for r in raw] != streams  # the level is what decides
