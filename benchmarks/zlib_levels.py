"""zlib levels for the PDF's streams: time and size on the Laishan plan's own streams.

Lays the plan out once, records every stream pydyf compresses while writing the PDF,
then compresses them all at levels 9 (pydyf's), 6 and 1; prints the fastest of five
rounds and the total size. plangen.write.weasy.COMPRESSION_LEVEL is chosen from this.
Run: .venv/bin/python benchmarks/zlib_levels.py
"""

from __future__ import annotations

import os
import sys
import time
import zlib
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pydyf  # noqa: E402

from plangen.lookup import search_path  # noqa: E402
from plangen.pipeline.build import render_file  # noqa: E402
from plangen.write.registry import PDF  # noqa: E402
from plangen.write.resources import Resources  # noqa: E402


def main() -> None:
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load {os.getloadavg()[0]:.2f}")
    doc = render_file(ROOT / "plans" / "laishan.yaml")
    layout = PDF.lay_out(doc, Resources(doc.base_dir, search_path(None), doc.resources))
    streams: list[bytes] = []

    def recording(*args, **kwargs):
        inner = zlib.compressobj(9)

        def compress(data: bytes) -> bytes:
            streams.append(data)
            return inner.compress(data)

        return SimpleNamespace(compress=compress, flush=inner.flush)

    pydyf.zlib = SimpleNamespace(compress=zlib.compress, compressobj=recording)
    layout.pdf()
    print(f"{len(streams)} streams, {sum(map(len, streams)) / 1024:.0f} KiB uncompressed")
    for level in (9, 6, 1):
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            size = sum(len(zlib.compress(s, level)) for s in streams)
            best = min(best, time.perf_counter() - start)
        print(f"level {level}: {best * 1000:5.0f} ms (fastest of 5), {size / 1024:6.0f} KiB")


if __name__ == "__main__":
    main()
