"""WeasyPrint, imported without its slow search for library names that do not exist.

WeasyPrint opens GLib, Pango, HarfBuzz and fontconfig by trying several names per
library; cffi hands each name it cannot open to ctypes.util.find_library, which on
Linux runs ldconfig, gcc and ld (WeasyPrint issue #1125): about 0.25 s of every
cold PDF build. When each library opens directly under its Linux soname, which
WeasyPrint tries last and which is what those programs would find, the search is
answered "not found" at once during the import. Anywhere else the import is left
exactly as WeasyPrint does it.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import shutil
import sys
import weakref
import zlib
from collections.abc import Iterator
from types import SimpleNamespace

# zlib level of the PDF's streams. pydyf uses 9; on the Laishan plan's 113 streams
# (3.5 MB) level 9 takes 130–180 ms for 1586 KiB, 6 takes 70 ms for 1594 KiB (+0.5 %),
# 1 takes 42 ms for 1664 KiB (+5 %): benchmarks/zlib_levels.py.
COMPRESSION_LEVEL = 6

# The libraries WeasyPrint cannot do without, by the soname it tries for each.
SONAMES = (
    "libgobject-2.0.so.0",
    "libpango-1.0.so.0",
    "libharfbuzz.so.0",
    "libfontconfig.so.1",
    "libpangoft2-1.0.so.0",
)


def sonames_open(sonames: tuple[str, ...] = SONAMES) -> bool:
    """Whether the dynamic loader opens every library by its soname alone."""
    if not sys.platform.startswith("linux"):
        return False
    for name in sonames:
        try:
            ctypes.CDLL(name)
        except OSError:
            return False
    return True


@contextlib.contextmanager
def no_library_search(sonames: tuple[str, ...] = SONAMES) -> Iterator[bool]:
    """Within the block, find_library answers None at once, if every soname opens."""
    if not sonames_open(sonames):
        yield False
        return
    real = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield True
    finally:
        ctypes.util.find_library = real


with no_library_search():
    from weasyprint import CSS, HTML
    from weasyprint.document import Document
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse


def remove_fonts_at_exit(fonts: FontConfiguration) -> None:
    """Delete WeasyPrint's copies of the @font-face files (47 MB in /tmp) when the process ends.

    WeasyPrint deletes them in FontConfiguration.__del__, which never runs in a process
    ended by os._exit: every `-j` worker, and plangen itself (entry.leave), so each left
    a folder behind. multiprocessing's finalizers run in both; a configuration collected
    earlier has already deleted its own.
    """
    from multiprocessing.util import Finalize

    Finalize(None, _remove_folder, args=(weakref.ref(fonts),), exitpriority=0)


def _remove_folder(ref: weakref.ref) -> None:
    fonts = ref()
    folder = getattr(fonts, "_folder", None)  # WeasyPrint's attribute, made on first font
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def _deflate(level: int) -> SimpleNamespace:
    """zlib as pydyf sees it, with the streams' compression level fixed."""
    return SimpleNamespace(
        compress=zlib.compress,
        compressobj=lambda *args, **kwargs: zlib.compressobj(level),
    )


def set_compression(level: int = COMPRESSION_LEVEL) -> None:
    """Compress the PDF's streams at this zlib level (pydyf, WeasyPrint's PDF writer)."""
    import pydyf

    if hasattr(pydyf, "zlib"):  # a pydyf without a module-level zlib keeps its own level
        pydyf.zlib = _deflate(level)


set_compression()

__all__ = ["CSS", "HTML", "Document", "FontConfiguration", "URLFetcher", "URLFetcherResponse"]
