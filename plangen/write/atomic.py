"""Outputs appear whole or not at all (see transaction.py); zips with fixed dates."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

from plangen.write import transaction

ZIP_FIRST = (1980, 1, 1, 0, 0, 0)  # the range a zip entry's date can hold
ZIP_LAST = (2107, 12, 31, 23, 59, 58)


def write_bytes(target: Path, data: bytes) -> None:
    """Replace target atomically; an interrupted build leaves the old file intact."""
    transaction.commit({target: data})


def fixed_zip(data: bytes, when: time.struct_time | tuple) -> bytes:
    """Rewrite a zip with one timestamp for every entry, so equal input gives equal bytes."""
    stamp = max(min(tuple(when)[:6], ZIP_LAST), ZIP_FIRST)  # a plan dated 1900 or 9999
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
