"""Outputs appear whole or not at all (see transaction.py); zips with fixed dates."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

from plangen.write import transaction


def write_bytes(target: Path, data: bytes) -> None:
    """Replace target atomically; an interrupted build leaves the old file intact."""
    transaction.commit({target: data})


def fixed_zip(data: bytes, when: time.struct_time | tuple) -> bytes:
    """Rewrite a zip with one timestamp for every entry, so equal input gives equal bytes."""
    stamp = tuple(when)[:6]
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
