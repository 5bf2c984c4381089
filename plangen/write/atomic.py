"""Outputs appear whole or not at all: write to a temporary file, then rename."""

from __future__ import annotations

import io
import os
import tempfile
import time
import zipfile
from pathlib import Path


def write_bytes(target: Path, data: bytes) -> None:
    """Replace target atomically; an interrupted build leaves the old file intact."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
