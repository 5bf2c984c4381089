"""Cold CLI time of the two PDF engines against LibreOffice, for the same plan.

Each round runs, in turn: `plangen build -f pdf --pdf-engine typst`, the same with
WeasyPrint, and LibreOffice headless converting plangen's DOCX of the plan (started
once per conversion, as an officer's Word/WPS → PDF route is). Rounds alternate the
three, so a change in the machine's load touches all of them alike. Prints min,
median and max of each, the ratios of the medians to LibreOffice, the page count of
each PDF and the load average at the start (a warning above 0.5).
Run: .venv/bin/python benchmarks/pdf_engines.py [--runs 7] [--plan plans/laishan.yaml]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
PLANGEN = str(Path(sys.executable).with_name("plangen"))


def run(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--plan", type=Path, default=ROOT / "plans" / "laishan.yaml")
    args = parser.parse_args()
    dropped = os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None  # runs use .pyc
    office = shutil.which("soffice") or shutil.which("libreoffice")
    work = Path(tempfile.mkdtemp(prefix="plangen-engines-"))
    folders = {name: work / name for name in ("typst", "weasyprint", "office", "docx")}
    profile = (work / "profile").as_uri()
    subprocess.run(
        [PLANGEN, "build", str(args.plan), "-o", str(folders["docx"]), "-f", "docx", "-q"],
        check=True,
    )
    docx = next(folders["docx"].glob("*.docx"))
    commands = {
        engine: [PLANGEN, "build", str(args.plan), "-o", str(folders[engine]), "-f", "pdf"]
        + ["--pdf-engine", engine, "-q"]
        for engine in ("typst", "weasyprint")
    }
    if office:
        commands["office"] = [office, f"-env:UserInstallation={profile}", "--headless"]
        commands["office"] += ["--convert-to", "pdf", "--outdir", str(folders["office"]), str(docx)]
    load = os.getloadavg()
    for cmd in commands.values():  # warm-up: page cache, LibreOffice's new profile
        run(cmd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            times[name].append(run(cmd))
    print(
        f"{time.strftime('%Y-%m-%d %H:%M')}; {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; plan {args.plan.name}; {args.runs} rounds"
    )
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(
        "bytecode: cached (.pyc written by the warm-up run"
        + ("; PYTHONDONTWRITEBYTECODE of this shell dropped for the runs)" if dropped else ")")
    )
    if load[0] > 0.5:
        print("warning: the machine is busy (load > 0.5); figures are slower and noisier")
    for name, values in times.items():
        pages = len(PdfReader(next(folders[name].glob("*.pdf"))).pages)
        label = {"office": "LibreOffice DOCX→PDF"}.get(name, f"plangen PDF, {name}")
        print(
            f"{label:<24} min {min(values):.3f}  median {statistics.median(values):.3f}  "
            f"max {max(values):.3f} s   {pages} pages"
        )
    if "office" not in times:
        print("LibreOffice not installed (BENCH=1 bash scripts/setup.sh): no ratios")
        return
    office_median = statistics.median(times["office"])
    for name in ("typst", "weasyprint"):
        print(f"ratio {name} / LibreOffice: {statistics.median(times[name]) / office_median:.2f}")


if __name__ == "__main__":
    main()
