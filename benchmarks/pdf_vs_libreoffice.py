"""Laishan build times: plangen DOCX and PDF against LibreOffice converting the same DOCX.

LibreOffice headless is the route officers take today (Word/WPS → PDF); it is
started once per conversion, as users do. Prints medians and the PDF/LibreOffice ratio.
Run: .venv/bin/python benchmarks/pdf_vs_libreoffice.py [--runs 7]
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plangen.pipeline.build import render_file, write_outputs  # noqa: E402

PLAN = ROOT / "plans" / "laishan.yaml"


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="plangen-bench-"))

    def build(fmt: str):
        return lambda: write_outputs(render_file(PLAN), out, [fmt])

    build("pdf")()  # warm-up: imports, font configuration
    docx = timed(build("docx"), args.runs)
    pdf = timed(build("pdf"), args.runs)
    cli = timed(
        lambda: subprocess.run(
            [
                str(Path(sys.executable).with_name("plangen")),
                "build",
                str(PLAN),
                "-o",
                str(out),
                "-f",
                "pdf",
                "-q",
            ],
            check=True,
        ),
        max(3, args.runs // 2),
    )
    pdf_size = (out / "laishan.pdf").stat().st_size
    print(
        f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
        f"{__import__('os').cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"runs: {args.runs}; plan: {PLAN.name}")
    print(f"plangen DOCX (in process)      median {statistics.median(docx):.3f} s")
    print(
        f"plangen PDF  (in process)      median {statistics.median(pdf):.3f} s  "
        f"size {pdf_size / 1024:.0f} KiB"
    )
    print(f"plangen PDF  (CLI, cold start) median {statistics.median(cli):.3f} s")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        print("LibreOffice not installed (BENCH=1 bash scripts/setup.sh): no ratio")
        return
    lo_dir = out / "lo"

    def convert():
        subprocess.run(
            [
                office,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(lo_dir),
                str(out / "laishan.docx"),
            ],
            check=True,
            capture_output=True,
        )

    convert()  # warm-up: first start creates the profile
    lo = timed(convert, args.runs)
    lo_size = (lo_dir / "laishan.pdf").stat().st_size
    print(
        f"LibreOffice DOCX→PDF           median {statistics.median(lo):.3f} s  "
        f"size {lo_size / 1024:.0f} KiB"
    )
    print(
        f"ratio PDF/LibreOffice          {statistics.median(pdf) / statistics.median(lo):.2f} "
        f"(CLI cold start: {statistics.median(cli) / statistics.median(lo):.2f})"
    )


if __name__ == "__main__":
    main()
