"""The issue-12 table, measured: every example's PDF and its DOCX as LibreOffice prints it.

Builds each plan and monitoring file in plans/ (and plans/*/) to DOCX and PDF,
converts the DOCX with LibreOffice (skipped, saying so, when soffice is absent) and
measures both with tests/layout_check.py: lines per full text page, characters per
full line, line-pitch spread, the page number's distance below the type area,
one-character last lines, captions left at a page's foot, lines starting with a
closing mark. Prints one row per example and route, and the load average.
Run: .venv/bin/python benchmarks/layout_figures.py [plans/x.yaml …]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from layout_check import (  # noqa: E402
    body_pages,
    captions_at_foot,
    closing_starts,
    folio_mm,
    full_lines,
    one_char_last_lines,
    pitches,
    read,
)

COLUMNS = (
    "example",
    "route",
    "pages",
    "lines/full page",
    "chars/full line",
    "pitch spread pt",
    "page no. mm",
    "one-char last lines",
    "captions at foot",
    "closing starts",
)


def row(example: str, route: str, pdf: Path) -> list[str]:
    """One table row: the figures of one PDF."""
    pages = read(pdf)
    body = body_pages(pages)
    text_pages = [p for p in body if p.lines and all(ln.body for ln in p.lines)]
    lines = Counter(len(p.lines) for p in text_pages)
    full = full_lines(body)
    chars = Counter(len(ln.text) for ln in full)
    steps = pitches(body)
    folios = sorted({round(f, 1) for f in folio_mm(pages)})
    return [
        example,
        route,
        str(len(pages)),
        f"{max(lines, default=0)} ({lines[max(lines, default=0)]}/{len(text_pages)})",
        f"{chars.most_common(1)[0][0] if chars else '-'} "
        f"({round(100 * chars[28] / max(1, len(full)))}% at 28)",
        str(round(max(steps) - min(steps), 2)) if steps else "-",
        "/".join(map(str, folios)) or "-",
        str(len(one_char_last_lines(body))),
        str(len(captions_at_foot(pages))),
        str(len(closing_starts(body))),
    ]


def examples(args: list[str]) -> list[Path]:
    if args:
        return [Path(a) for a in args]
    plans = ROOT / "plans"
    return sorted([*plans.glob("*.yaml"), *plans.glob("*/*.yaml")])


def main() -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    plangen = Path(sys.executable).with_name("plangen")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out, lo = Path(tmp) / "build", Path(tmp) / "office"
        for path in examples(sys.argv[1:]):
            done = subprocess.run(
                [plangen, "build", path, "-o", out, "-f", "docx,pdf", "-q"],
                capture_output=True,
                text=True,
            )
            if done.returncode:
                print(f"{path}: build failed: {done.stderr.strip()}", file=sys.stderr)
                continue
            name = path.stem
            rows.append(row(name, "PDF", out / f"{name}.pdf"))
            if office is None:
                continue
            profile = Path(tmp) / "profile"
            subprocess.run(
                [office, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
                + ["--convert-to", "pdf", "--outdir", lo, out / f"{name}.docx"],
                capture_output=True,
                check=True,
                timeout=600,
            )
            rows.append(row(name, "DOCX→LibreOffice", lo / f"{name}.pdf"))
    if office is None:
        print(
            "LibreOffice (soffice) is not installed: DOCX rows skipped "
            "(BENCH=1 bash scripts/setup.sh installs it)"
        )
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(COLUMNS)]
    print("| " + " | ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
