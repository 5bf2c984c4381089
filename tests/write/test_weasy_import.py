"""WeasyPrint imported without ctypes' library search, and with it where sonames fail.

Each case runs in a fresh interpreter, since WeasyPrint opens its libraries once,
when it is first imported.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from plangen.write.weasy import SONAMES, no_library_search, sonames_open

# Counts calls of ctypes.util.find_library (which runs ldconfig, gcc and ld on Linux)
# made while plangen's PDF writer is imported, then writes a one-line PDF.
PROBE = """
import ctypes, ctypes.util, io, sys
calls = []
real = ctypes.util.find_library
def counting(name):
    calls.append(name)
    return real(name)
ctypes.util.find_library = counting
{before}
import plangen.write.pdf
from weasyprint import HTML
pdf = HTML(string="<p>x</p>").write_pdf()
assert ctypes.util.find_library is counting, "find_library left patched"
print(len(calls), pdf[:5].decode())
"""


def probe(before: str = "") -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(before=before)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    calls, head = done.stdout.split()
    return int(calls), head


@pytest.mark.skipif(not sonames_open(), reason="WeasyPrint's libraries do not open by soname")
def test_pdf_writer_imports_weasyprint_without_a_library_search():
    assert probe() == (0, "%PDF-")


def test_a_soname_that_does_not_open_leaves_weasyprint_its_own_search():
    """As on a machine whose Pango is elsewhere: the import is WeasyPrint's, and it works."""
    refuse_pango = (
        "real_cdll = ctypes.CDLL\n"
        "def cdll(name, *a, **k):\n"
        "    if name == 'libpango-1.0.so.0': raise OSError(name)\n"
        "    return real_cdll(name, *a, **k)\n"
        "ctypes.CDLL = cdll\n"
    )
    calls, head = probe(refuse_pango)
    assert head == "%PDF-"
    assert calls > 0  # WeasyPrint's own search ran, as without plangen


def test_the_search_is_only_skipped_inside_the_block():
    import ctypes.util

    real = ctypes.util.find_library
    with no_library_search(SONAMES) as skipped:
        assert (ctypes.util.find_library("c") is None) == skipped
    assert ctypes.util.find_library is real
    with no_library_search(("libplangen-no-such-library.so.9",)) as skipped:
        assert not skipped
        assert ctypes.util.find_library is real
