"""Laishan PDF: plangen against LibreOffice converting plangen's own DOCX, in pairs.

Each pair runs one plangen PDF build and one LibreOffice headless DOCX→PDF of the
same plan, alternating which goes first, so both see the same machine state.
Cold: `plangen build` as a new process, as users run it. Warm: the same command
repeated inside this process (imports done, fonts configured), as `-j` workers and
`plangen serve` run it. Every PDF engine the installed plangen accepts
(`--pdf-engine typst` once it exists) is measured the same way. Prints min/median/max,
the ratio of medians and the median of per-pair ratios, page counts of both PDFs,
the date, machine and the load average at start (warning above 0.5). Never asserts.
Run: .venv/bin/python benchmarks/pdf_vs_libreoffice.py [--pairs 7]
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PLAN = ROOT / "plans" / "laishan.yaml"
PLANGEN = str(Path(sys.executable).with_name("plangen"))


def machine() -> str:
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {model}, Python {platform.python_version()}"
    )


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)


def engines(out: Path) -> dict[str, list[str]]:
    """PDF engines of the installed plangen: WeasyPrint always, Typst when it builds."""
    found = {"weasyprint": []}
    helptext = subprocess.run([PLANGEN, "build", "--help"], capture_output=True, text=True).stdout
    if "--pdf-engine" in helptext:
        probe = [PLANGEN, "build", str(PLAN), "-o", str(out / "probe"), "-f", "pdf", "-q"]
        if subprocess.run([*probe, "--pdf-engine", "typst"], capture_output=True).returncode == 0:
            found["typst"] = ["--pdf-engine", "typst"]
        else:
            print("plangen has --pdf-engine, but `--pdf-engine typst` failed: Typst not measured")
    return found


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def spread(values: list[float]) -> str:
    return (
        f"min {min(values):6.3f}  median {statistics.median(values):6.3f}  max {max(values):6.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=7)
    args = parser.parse_args()
    pairs = max(7, args.pairs)
    load = os.getloadavg()
    dropped = os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None  # runs use .pyc
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {machine()}")
    print(
        "bytecode: cached (.pyc written by the warm-up run"
        + ("; PYTHONDONTWRITEBYTECODE of this shell dropped for the runs)" if dropped else ")")
    )
    print(
        f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        + ("  (WARNING: above 0.5, figures are inflated and noisy)" if load[0] > 0.5 else "")
    )
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        print("LibreOffice not installed (BENCH=1 bash scripts/setup.sh): nothing to compare")
        return
    out = Path(tempfile.mkdtemp(prefix="plangen-bench-"))
    subprocess.run([PLANGEN, "build", str(PLAN), "-o", str(out), "-f", "docx", "-q"], check=True)
    docx = out / "laishan.docx"
    lo_dir = out / "lo"
    profile = (out / "lo-profile").as_uri()  # its own profile: another soffice cannot block it
    lo_cmd = [office, f"-env:UserInstallation={profile}", "--headless"]
    lo_cmd += ["--convert-to", "pdf", "--outdir", str(lo_dir), str(docx)]

    def office_run() -> None:
        subprocess.run(lo_cmd, check=True, capture_output=True)

    office_run()  # the first start creates LibreOffice's profile
    from plangen.cli import cli

    print(f"plan: {PLAN.name}; {pairs} pairs each, order alternating")
    for engine, option in engines(out).items():
        target = out / engine
        build = ["build", str(PLAN), "-o", str(target), "-f", "pdf", "-q", *option]

        def cold(build=build) -> None:
            subprocess.run([PLANGEN, *build], check=True)

        def warm(build=build) -> None:
            cli.main(build, standalone_mode=False)

        warm()  # imports and font configuration, once for the warm process
        for mode, run in (("cold CLI", cold), ("warm, in process", warm)):
            mine, theirs = [], []
            for i in range(pairs):
                if i % 2:
                    theirs.append(timed(office_run))
                    mine.append(timed(run))
                else:
                    mine.append(timed(run))
                    theirs.append(timed(office_run))
            ratios = [m / t for m, t in zip(mine, theirs, strict=True)]
            of_medians = statistics.median(mine) / statistics.median(theirs)
            print(f"\n{engine}, {mode}:")
            print(f"  plangen PDF            {spread(mine)}")
            print(f"  LibreOffice DOCX→PDF   {spread(theirs)}")
            print(
                f"  ratio plangen/LibreOffice: {of_medians:.2f}"
                f" (median of per-pair ratios {statistics.median(ratios):.2f}, "
                f"min {min(ratios):.2f}, max {max(ratios):.2f})"
            )
        pdf = target / "laishan.pdf"
        print(
            f"  pages: plangen {pages(pdf)} ({pdf.stat().st_size / 1024:.0f} KiB), "
            f"LibreOffice {pages(lo_dir / 'laishan.pdf')} "
            f"({(lo_dir / 'laishan.pdf').stat().st_size / 1024:.0f} KiB)"
        )
    print(f"\nload average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
