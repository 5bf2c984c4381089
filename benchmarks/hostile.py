"""Time and peak memory of hostile inputs after the limits: bomb workbooks and runaway templates.

Before the limits (issue 16) a 142 KB workbook unpacking to a 51 MB sheet took
71 s and 1.6 GB, a cell at XFD1048576 60 s and 3.4 GB, `{{ "x" * 100000000 }}`
46 s and 5 GB, and a 10^5 × 10^5 loop never ended. Each case here runs
`plangen` in a fresh process; the table gives the exit code, the median wall time
and peak RSS over --repeat runs, and the first line plangen printed.

Run: .venv/bin/python benchmarks/hostile.py [--repeat 3] [--only NAME]
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANGEN = str(Path(sys.executable).with_name("plangen"))
FAR = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'


def measure(args: list[str], env: dict[str, str] | None = None) -> tuple[int, float, float, str]:
    """Exit code, wall seconds, peak RSS in MiB and the first line on stderr of one run."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [PLANGEN, *args],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, **(env or {})},
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        err.seek(0)
        lines = [line for line in err.read().decode("utf-8", "replace").splitlines() if line]
    code = os.waitstatus_to_exitcode(status)
    first = next((line for line in lines if not line.startswith("…")), "")
    return code, seconds, usage.ru_maxrss / 1024, first


def rewrite(book: Path, out: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    with zipfile.ZipFile(book) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    change(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    out.write_bytes(buffer.getvalue())
    return out


def far_cell(declared: bool) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        sheet = sheet.replace("</sheetData>", FAR + "</sheetData>")
        if declared:
            sheet = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', sheet)
        parts["xl/worksheets/sheet1.xml"] = sheet.encode()

    return change


def huge_sheet(megabytes: int) -> Callable[[dict[str, bytes]], None]:
    """Rows far past the form in the sheet itself, as in the report (numbered implicitly)."""

    def change(parts: dict[str, bytes]) -> None:
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'
        rows = row * (megabytes * 2**20 // len(row))
        parts["xl/worksheets/sheet1.xml"] = sheet.replace(
            "</sheetData>", rows + "</sheetData>"
        ).encode()

    return change


def padded(parts: dict[str, bytes]) -> None:
    parts["xl/media/image1.png"] = b"\0" * (40 * 2**20)


BOMBS = {
    "xlsx: cell at XFD1048576, declared": far_cell(True),
    "xlsx: cell at XFD1048576, not declared": far_cell(False),
    "xlsx: sheet unpacks to 51 MB": huge_sheet(51),
    "xlsx: sheet unpacks to 30 MB (under 32 MiB)": huge_sheet(30),
    "xlsx: part unpacks to 40 MiB": padded,
}


def workbook_cases(work: Path) -> dict[str, list[str]]:
    for name in ("laishan.yaml", "laishan-2022.yaml"):
        shutil.copy(ROOT / "plans" / name, work)
    book = work / "book.xlsx"
    code, *_ = measure(["export", str(work / "laishan-2022.yaml"), "-o", str(book)])
    assert code == 0, "export failed"
    # Built in a child process: a parent grown by 51 MB strings would pass its peak RSS
    # on to every plangen it starts (Linux keeps ru_maxrss across fork and exec).
    subprocess.run([sys.executable, __file__, "--make-books", str(work)], check=True)
    cases = {}
    for k, (name, _change) in enumerate(BOMBS.items()):
        bomb = work / f"bomb{k}.xlsx"
        label = f"{name} ({bomb.stat().st_size // 1024} KB)"
        cases[label] = ["import", str(bomb), str(work / "laishan-2022.yaml")]
    return cases


def make_books(work: Path) -> None:
    for k, change in enumerate(BOMBS.values()):
        rewrite(work / "book.xlsx", work / f"bomb{k}.xlsx", change)


TEMPLATES = {
    "template: loop 10^5 × 10^5, prints nothing": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    ),
    "template: loop 10^5 × 10^5, prints 10 chars": (
        "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx{% endfor %}{% endfor %}"
    ),
    'template: {{ "x" * 100000000 }}': '{{ "x" * 100000000 }}',
    'template: {{ "x".ljust(10**9) }}': '{{ "x".ljust(1000000000) }}',
    "template: {{ 9 ** 99999999 }}": "{{ 9 ** 99999999 }}",
    "template: recursive macro": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}",
}


def template_cases(work: Path) -> dict[str, list[str]]:
    plan = ROOT / "tests" / "fixtures" / "minimal.yaml"
    cases = {}
    for k, (name, text) in enumerate(TEMPLATES.items()):
        folder = work / f"t{k}"
        (folder / "plan").mkdir(parents=True)
        (folder / "plan" / "toc.html.j2").write_text(text + "\n", encoding="utf-8")
        cases[name] = ["build", str(plan), "-t", str(folder), "-o", str(work / "out"), "-f", "html"]
    return cases


def nesting_case(work: Path) -> dict[str, list[str]]:
    text = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    lines = [text[: text.index("chapters:")], "chapters:\n  - title: 深\n    body:\n"]
    indent = "      "
    for i in range(400):
        lines.append(f"{indent}- section: s{i}\n{indent}  body:\n")
        indent += "    "
    lines.append(f"{indent}- 段落。\n")
    plan = work / "deep.yaml"
    plan.write_text("".join(lines), encoding="utf-8")
    return {"plan: sections nested 400 deep": ["build", str(plan), "-o", str(work / "out")]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    parser.add_argument("--make-books", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_books:
        make_books(args.make_books)
        return
    limits = {k: v for k, v in os.environ.items() if k.startswith("PLANGEN_TEMPLATE_")}
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"limits: {limits or 'shipped defaults (30 s, 50 MB of markup)'}\n")
    print(f"{'case':<48} {'exit':>4} {'median s':>9} {'peak MiB':>9}  first line")
    with tempfile.TemporaryDirectory(prefix="plangen-hostile-") as tmp:
        work = Path(tmp)
        cases = {**workbook_cases(work), **template_cases(work), **nesting_case(work)}
        for name, command in cases.items():
            if args.only not in name:
                continue
            runs = [measure(command) for _ in range(args.repeat)]
            codes = {r[0] for r in runs}
            seconds = statistics.median(r[1] for r in runs)
            peak = statistics.median(r[2] for r in runs)
            first = runs[-1][3].replace(tmp, "…")
            print(
                f"{name:<48} {'/'.join(map(str, sorted(codes))):>4} {seconds:>9.2f} {peak:>9.0f}"
                f"  {first[:110]}",
                flush=True,
            )
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
