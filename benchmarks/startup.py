"""Start-up times of the installed command, paired with bare Python in the same run.

Each round runs `python -c pass`, `plangen --version`, `plangen validate`, the import
of what a PDF build needs, and `import weasyprint` with and without plangen's
library-search workaround, one after the other; prints medians over the rounds and
the goals of issue 15 (--version < 0.06 s, validate < 0.15 s). Prints, never asserts.

Bytecode: the runs drop PYTHONDONTWRITEBYTECODE, so after the warm-up round every
module, plangen's own included, loads from its .pyc as after `pip install`. One more
row validates with plangen's modules compiled from source on every run (a copy of
the package imported with PYTHONDONTWRITEBYTECODE=1), as an editable install runs on
a machine that sets that variable.
Run: .venv/bin/python benchmarks/startup.py [--rounds 9]
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

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PLANGEN = str(Path(PY).with_name("plangen"))
PLAN = str(ROOT / "plans" / "laishan.yaml")

CASES = {
    "python -c pass": [PY, "-c", "pass"],
    "plangen --version": [PLANGEN, "--version"],
    "plangen validate laishan.yaml": [PLANGEN, "validate", "-q", PLAN],
    "  the same in Chinese": [PLANGEN, "validate", "-q", PLAN],
    "  plangen's bytecode not cached": [PLANGEN, "validate", "-q", PLAN],
    "import weasyprint (plain)": [PY, "-c", "import weasyprint"],
    "import plangen.write.weasy": [PY, "-c", "import plangen.write.weasy"],
    "imports of a PDF build": [
        PY,
        "-c",
        "import plangen.cli, plangen.pipeline.build, plangen.write.pdf",
    ],
}
GOALS = {
    "plangen --version": 0.06,
    "plangen validate laishan.yaml": 0.15,
    "  the same in Chinese": 0.15,
    "  plangen's bytecode not cached": 0.15,
}


def machine() -> str:
    """nproc, CPU model and Python, for the line every benchmark prints."""
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {machine()}")
    print(f"load average at start: {load:.2f}" + ("  (WARNING: above 0.5)" if load > 0.5 else ""))
    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    copy = Path(tempfile.mkdtemp(prefix="plangen-startup-"))
    for folder in ("plangen", "templates"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    envs = {
        "  the same in Chinese": {**cached, "PLANGEN_LANG": "zh_CN"},
        "  plangen's bytecode not cached": {
            **cached,
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": str(copy),
        },
    }
    print(
        "bytecode: cached (PYTHONDONTWRITEBYTECODE dropped for the runs"
        + (", set in this shell" if "PYTHONDONTWRITEBYTECODE" in os.environ else "")
        + "), except the row that says otherwise"
    )
    times: dict[str, list[float]] = {name: [] for name in CASES}
    cpu: dict[str, list[float]] = {name: [] for name in CASES}
    for round_ in range(args.rounds + 1):  # round 0 writes the .pyc files and is not counted
        for name, cmd in CASES.items():
            start = time.perf_counter()
            env = envs.get(name, {**cached, "PLANGEN_LANG": "en"})
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
            _pid, status, usage = os.wait4(proc.pid, 0)
            if status:
                raise SystemExit(f"{name} failed")
            if round_:
                times[name].append(time.perf_counter() - start)
                cpu[name].append(usage.ru_utime + usage.ru_stime)
    shutil.rmtree(copy)
    bare = statistics.median(times["python -c pass"])
    print(f"{'':34} {'median':>7} {'min':>7} {'max':>7} {'× bare':>7} {'CPU':>7}")
    for name, values in times.items():
        med = statistics.median(values)
        goal = GOALS.get(name)
        note = f"  goal < {goal} s: {'met' if med < goal else 'NOT met'}" if goal else ""
        print(
            f"{name:34} {med:7.3f} {min(values):7.3f} {max(values):7.3f} {med / bare:7.1f}"
            f" {statistics.median(cpu[name]):7.3f}{note}"
        )
    print("CPU: median user + system seconds of the process, less disturbed by other work")


if __name__ == "__main__":
    main()
