"""How cost grows with plan size: 50, 250 and 1,000 tasks, each built in a fresh process.

Prints wall time, time per task and peak memory (max RSS) for DOCX and PDF, and
the throughput of a 100-plan batch on all cores against the same batch on one, with
the CPU seconds it took (less sensitive than wall time to other work on the machine).
Run: .venv/bin/python benchmarks/scale.py [--batch 100] [--batch-only] [--pdf-engine typst]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

PLANGEN = str(Path(sys.executable).with_name("plangen"))


def run(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MiB) and CPU seconds (its workers' included) of one plangen."""
    start = time.perf_counter()
    proc = subprocess.Popen([PLANGEN, *args])
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"plangen {' '.join(args)} failed")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--batch-only", action="store_true", help="Skip the 50/250/1000 tasks.")
    parser.add_argument("--jobs", type=int, default=None, help="Only this -j for the batch.")
    parser.add_argument(
        "--pdf-engine",
        default="weasyprint",
        choices=("weasyprint", "typst"),
        help="Who lays out the PDFs (and the DOCX TOC's pages).",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="plangen-scale-"))
    load = os.getloadavg()
    engine = ["--pdf-engine", args.pdf_engine, "-q"]
    dropped = os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None  # runs use .pyc
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} cores; "
        f"Python {platform.python_version()}; PDF engine {args.pdf_engine}"
    )
    print(
        f"load average at start: {load[0]:.2f}"
        + ("  (WARNING: above 0.5)" if load[0] > 0.5 else "")
    )
    warm = generate.write(work / "warm-up.yaml", tasks=5, indicators=2, boxes=1)
    run(["build", str(warm), "-o", str(work / "warm-up"), *engine])  # writes the .pyc files
    print(
        "bytecode: cached (.pyc written by the warm-up run"
        + ("; PYTHONDONTWRITEBYTECODE of this shell dropped for the runs)" if dropped else ")")
    )
    print(f"{'tasks':>6} {'format':>6} {'seconds':>8} {'ms/task':>8} {'peak MiB':>9}")
    for tasks in () if args.batch_only else (50, 250, 1000):
        plan = generate.write(
            work / f"plan{tasks}.yaml",
            tasks=tasks,
            indicators=tasks // 5,
            boxes=max(1, tasks // 20),
        )
        for fmt in ("docx", "pdf"):
            seconds, peak, _cpu = run(
                ["build", str(plan), "-o", str(work / "out"), "-f", fmt, *engine]
            )
            print(
                f"{tasks:>6} {fmt:>6} {seconds:>8.2f} {seconds / tasks * 1000:>8.1f} {peak:>9.0f}"
            )
    batch = work / "batch"
    batch.mkdir()
    for i in range(args.batch):
        generate.write(
            batch / f"district{i:03d}.yaml", tasks=35, indicators=21, boxes=9, region=f"样例{i}区"
        )
    cores = os.cpu_count() or 1
    for jobs in [args.jobs] if args.jobs else sorted({1, cores}):
        seconds, _, cpu = run(
            ["build", str(batch), "-o", str(work / f"batch-out-{jobs}"), "-j", str(jobs), *engine]
        )
        print(
            f"batch of {args.batch} plans (docx+pdf), {jobs} process(es): {seconds:.1f} s, "
            f"{args.batch / seconds * 60:.0f} plans/minute; {cpu:.1f} s of CPU "
            f"(user + system, workers included: {cpu / jobs:.1f} s per process)"
        )
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
