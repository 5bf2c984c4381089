"""A fuzz campaign through plangen's real entry points: mutated plans, monitoring files,
template overrides and workbooks, counted by outcome. Zero internal errors (exit 70)
is the goal; each one found is saved with its traceback to reproduce.

Every case runs the CLI in-process (plangen.cli.main with sys.argv, for speed);
one case in --sample also runs as a real `plangen` process, whose exit code must
agree. Besides the exit code, each case checks what the README promises: no
traceback on stderr, and nothing written when the exit code is not 0.

Run: nice -n 19 .venv/bin/python benchmarks/fuzz.py --count 10000 [--seed 1] [--kinds plan,…]
CI runs a short profile (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANGEN = str(Path(sys.executable).with_name("plangen"))
KINDS = ("plan", "monitoring", "template", "workbook")

OUTCOMES = {0: "ok", 1: "input error", 73: "cannot write", 74: "cannot write", 70: "internal"}

# Values a hostile or careless user types where a value goes.
HOSTILE = [
    "-1",
    "0",
    "-0.0",
    "1e308",
    "-1e308",
    ".nan",
    ".inf",
    "1_000",
    "0x1F",
    "99999999999999999999",
    "''",
    '""',
    "~",
    "null",
    "[]",
    "{}",
    "[[[[[[[[1]]]]]]]]",
    "{a: {b: {c: {d: 1}}}}",
    "2023-02-30",
    "2023-13-01",
    "10000-01-01",
    "yes",
    "no",
    "on",
    "'" + "长" * 3000 + "'",
    "x" * 400,
    '"\\v\\f\\x0b\\u2028"',
    "\u000b",
    "\u2028",
    "\u00a0",
    "　　",
    "：",
    "，",
    "“引号",
    '"unterminated',
    "'unterminated",
    "[1, 2",
    "{a: 1",
    "&anchor x",
    "*nothing",
    "!!python/object:os.system",
    "!!binary aGVsbG8=",
    "<<: *a",
    "../../etc/passwd",
    "/etc/passwd",
    "..",
    "NUL",
    "con.docx",
    "a/b",
    ".hidden",
    "{{ 7 * 7 }}",
    "{% include 'x' %}",
    "<script>alert(1)</script>",
    "&amp;",
    "]]>",
    "<w:p>",
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "+1",
    "≥",
    "≤9/10万",
    "81.5岁以上",
    "100%",
    "1：1.2",
    "3-5",
    "—",
    "同比例增加",
    "𠀋",
    "\U0001f600",
    "\ufeff",
    "\x00",
    "\x1b[31m",
]
TEMPLATE_BITS = [
    "{{ x }}",
    "{{ plan }}",
    "{{ plan.meta.title * 100000 }}",
    "{{ 1 / 0 }}",
    "{{ 9 ** 99999 }}",
    '{% include "nowhere.html.j2" %}',
    '{% import "nowhere.html.j2" as n %}',
    '{% extends "nowhere.html.j2" %}',
    "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ range(10**9)|list }}",
    "{% set x = [] %}{% for i in range(10) %}{% do x.append(i) %}{% endfor %}",
    "{% raw %}",
    "{% if %}",
    "{{",
    "}}",
    "{%",
    "%}",
    "{# ",
    "{{ none.attr }}",
    "{{ 'a'|no_such_filter }}",
    "{{ '%s' % 1 }}",
    "{{ 'x'.ljust(10**10) }}",
    "{{ lipsum(10**6) }}",
    "<",
    "&",
    "\x0b",
    '{{ "x" * 100000000 }}',
    "{% block b %}{% endblock %}{% block b %}{% endblock %}",
]
CELL_BITS = [
    "",
    "-1",
    "1e308",
    "NaN",
    "=1+1",
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "x" * 40000,
    "\x0b",
    "\u2028",
    "<",
    "&amp;",
    "2022",
    "abc",
    "０．５",
    "１２３",
    "—",
    " ",
    "\t=1",
    "TRUE",
]
XML_BITS = [
    "<x>",
    "</row>",
    '<c r="A1"><v>1</v></c>',
    "&bad;",
    "<!DOCTYPE x [<!ENTITY a 'b'>]>",
    "\x00",
]
REFS = ["A1", "XFD1048576", "A1048576", "ZZ9", "B0", "1A", "AAAA1", "", "A-1", "Q17"]


@dataclass
class Case:
    """One generated input and how to run plangen on it."""

    kind: str
    args: list[str]
    watched: list[
        Path
    ]  # outputs (or files updated in place) that must stay as they were on failure
    saved: dict[str, bytes] = field(default_factory=dict)


@dataclass
class Finding:
    """A case whose outcome breaks a promise."""

    kind: str
    what: str
    args: list[str]
    detail: str
    inputs: dict[str, bytes]


# ---------- mutations ----------


def mutate_lines(rng: random.Random, text: str, donors: list[str], bits: list[str]) -> str:
    """1–4 line-level edits: what typists, copy-paste and broken editors do to YAML."""
    lines = text.splitlines(keepends=True) or ["\n"]
    if rng.random() < 0.4:  # well-formed YAML with odd values: reaches compute, render, write
        return "".join(_gentle(rng, lines, bits))
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        op = rng.choice(
            ["delete", "duplicate", "swap", "indent", "dedent", "value", "insert", "splice",
             "char", "truncate", "repeat", "key"]
        )  # fmt: skip
        line = lines[i]
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], line
        elif op == "indent":
            lines[i] = rng.choice(["  ", " ", "\t", "　", "    "]) + line
        elif op == "dedent":
            lines[i] = line.lstrip(" ")
        elif op == "value" and ":" in line:
            key = line.split(":", 1)[0]
            lines[i] = f"{key}: {rng.choice(bits)}\n"
        elif op == "insert":
            pos = rng.randint(0, len(line))
            lines[i] = line[:pos] + rng.choice(bits) + line[pos:]
        elif op == "splice":
            donor = rng.choice(donors).splitlines(keepends=True)
            if donor:
                j = rng.randrange(len(donor))
                lines[i:i] = donor[j : j + rng.randint(1, 8)]
        elif op == "char" and line:
            pos = rng.randrange(len(line))
            lines[i] = (
                line[:pos] + rng.choice(":：#-[]{}\"'|>&*!%@` \t　\x0b\u2028") + line[pos + 1 :]
            )
        elif op == "truncate":
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: rng.randint(0, len(lines[-1]))]
        elif op == "repeat":
            block = lines[i : i + rng.randint(1, 6)]
            lines[i:i] = block * rng.choice([2, 10, 200])
        elif op == "key" and ":" in line:
            indent = line[: len(line) - len(line.lstrip())]
            other = rng.choice(donors).splitlines() or [""]
            keys = [o.strip().split(":")[0] for o in other if ":" in o]
            if keys:
                lines[i] = f"{indent}{rng.choice(keys).lstrip('- ')}:{line.split(':', 1)[1]}"
        if not lines:
            lines = ["\n"]
    return "".join(lines)


def _gentle(rng: random.Random, lines: list[str], bits: list[str]) -> list[str]:
    """Values changed, quoted as YAML strings or as other numbers; the structure kept."""
    lines = list(lines)
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(lines))
        line = lines[i]
        head, sep, value = line.partition(": ")
        if not sep or not value.strip() or value.strip()[0] in "|>[{&*!#":
            continue
        if re.fullmatch(r"\s*-?[\d.]+\s*", value) or rng.random() < 0.3:
            new = rng.choice(["0", "-1", "1e9", "0.0001", "100", "101", "-0.5", "2020", "9999"])
        else:
            new = json.dumps(rng.choice(bits), ensure_ascii=False)
        lines[i] = f"{head}: {new}\n"
    return lines


def to_bytes(rng: random.Random, text: str) -> bytes:
    """Mostly UTF-8; sometimes a BOM, UTF-16, GBK or raw junk bytes, as files arrive."""
    data = text.encode("utf-8", "surrogatepass")
    roll = rng.random()
    if roll < 0.03:
        return b"\xef\xbb\xbf" + data
    if roll < 0.05:
        return text.encode("utf-16")
    if roll < 0.07:
        return text.encode("gbk", "replace")
    if roll < 0.12:
        pos = rng.randint(0, len(data))
        return data[:pos] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 6))) + data[pos:]
    return data


def mutate_book(rng: random.Random, book: bytes) -> bytes:
    """Edits inside a real export: cell text and references, XML damage, missing or huge parts."""
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    for _ in range(rng.randint(1, 3)):
        name = rng.choice([n for n in parts if n.endswith(".xml")] or list(parts))
        text = parts[name].decode("utf-8", "replace")
        op = rng.choice(["cell", "ref", "cut", "insert", "drop", "dimension", "type", "dup"])
        if op == "cell" and "<t" in text:
            starts = [k for k in range(len(text)) if text.startswith("<t", k)][:400]
            k = text.index(">", rng.choice(starts)) + 1
            end = text.find("</t>", k)
            if end > 0:
                value = rng.choice(CELL_BITS).replace("&", "&amp;").replace("<", "&lt;")
                text = text[:k] + value + text[end:]
        elif op == "ref" and ' r="' in text:
            k = rng.choice([m for m in range(len(text)) if text.startswith(' r="', m)][:400]) + 4
            end = text.index('"', k)
            text = text[:k] + rng.choice(REFS) + text[end:]
        elif op == "cut" and text:
            a = rng.randrange(len(text))
            text = text[:a] + text[a + rng.randint(1, 200) :]
        elif op == "insert":
            a = rng.randint(0, len(text))
            text = text[:a] + rng.choice(XML_BITS) + text[a:]
        elif op == "drop" and len(parts) > 1:
            del parts[name]
            continue
        elif op == "dimension":
            text = text.replace(
                '<dimension ref="', f'<dimension ref="A1:{rng.choice(REFS)}" x="', 1
            )
        elif op == "type":
            text = text.replace('t="s"', rng.choice(['t="n"', 't="b"', 't="e"', 't="str"']), 1)
        elif op == "dup" and "<row" in text:
            a = text.index("<row")
            b = text.find("</row>", a)
            if b > 0:
                text = text[: b + 6] + text[a : b + 6] * rng.choice([1, 50]) + text[b + 6 :]
        parts[name] = text.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    data = out.getvalue()
    roll = rng.random()
    if roll < 0.05:
        return data[: rng.randrange(len(data))]
    if roll < 0.1:
        k = rng.randrange(len(data))
        return data[:k] + bytes([rng.randrange(256)]) + data[k + 1 :]
    return data


# ---------- the corpus and the cases ----------


class Corpus:
    """Seed files copied into one work folder; each case writes its input beside them."""

    def __init__(self, work: Path):
        self.work = work
        self.src = work / "src"
        shutil.copytree(ROOT / "plans", self.src, ignore=shutil.ignore_patterns("haibin"))
        for path in (ROOT / "tests" / "fixtures").glob("*.yaml"):
            shutil.copy(path, self.src / f"fx-{path.name}")
        shutil.copy(
            ROOT / "tests" / "fixtures" / "evaluation" / "plan.yaml", self.src / "plan.yaml"
        )
        shutil.copy(ROOT / "tests" / "fixtures" / "evaluation" / "mon.yaml", self.src / "mon.yaml")
        texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(self.src.glob("*.yaml"))}
        self.monitoring = {n: t for n, t in texts.items() if re.search(r"^monitoring:", t, re.M)}
        self.plans = {n: t for n, t in texts.items() if n not in self.monitoring}
        self.small_plans = [n for n, t in self.plans.items() if len(t) < 4000]
        self.donors = list(texts.values())
        self.templates = {
            str(p.relative_to(ROOT / "templates")): p.read_text(encoding="utf-8")
            for p in sorted((ROOT / "templates").rglob("*"))
            if p.is_file() and p.parent.name in ("plan", "report", "base", "exchange")
        }
        self.template_texts = list(self.templates.values())
        book = work / "book.xlsx"
        _run_in_process(["export", str(self.src / "laishan-2022.yaml"), "-o", str(book)])
        self.book = book.read_bytes()

    def case(self, rng: random.Random, kind: str, n: int) -> Case:
        out = self.work / "out" / str(n)
        if kind == "plan":
            seed = rng.choice(self.small_plans if rng.random() < 0.85 else list(self.plans))
            path = self.src / f"case-{n}.yaml"
            path.write_bytes(
                to_bytes(rng, mutate_lines(rng, self.plans[seed], self.donors, HOSTILE))
            )
            command = rng.choice(["build"] * 6 + ["validate", "lint"])
            args = [command, str(path)]
            if command == "build":
                fmts = "docx,html,pdf" if rng.random() < 0.02 else rng.choice(["docx,html", "html"])
                args += ["-o", str(out), "-f", fmts, "-q"]
                if rng.random() < 0.1:
                    args.append("--by-department")
            return Case(kind, args, [out], {path.name: path.read_bytes()})
        if kind == "monitoring":
            seed = rng.choice(list(self.monitoring))
            path = self.src / f"case-{n}.yaml"
            path.write_bytes(
                to_bytes(rng, mutate_lines(rng, self.monitoring[seed], self.donors, HOSTILE))
            )
            command = rng.choice(["build"] * 4 + ["validate", "export"])
            if command == "export":
                args = ["export", str(path), "-o", str(out / "book.xlsx")]
            else:
                args = [command, str(path), "-o", str(out), "-f", "docx,html", "-q"]
                args = args if command == "build" else args[:2]
            return Case(kind, args, [out], {path.name: path.read_bytes()})
        if kind == "template":
            name = rng.choice(list(self.templates))
            folder = self.work / "tpl" / str(n)
            target = folder / name
            target.parent.mkdir(parents=True)
            bits = TEMPLATE_BITS + HOSTILE if name.endswith(".j2") else HOSTILE
            target.write_bytes(
                to_bytes(rng, mutate_lines(rng, self.templates[name], self.template_texts, bits))
            )
            if name.startswith("exchange"):
                args = ["export", str(self.src / "laishan-2022.yaml"), "-t", str(folder)]
                args += ["-o", str(out / "book.xlsx")]
            else:
                doc = "mon.yaml" if name.startswith("report") else rng.choice(self.small_plans)
                fmt = "docx" if name.endswith("docx-styles.yaml") else "html"
                fmt = "pdf" if name.endswith((".css", "fonts.yaml")) else fmt
                args = ["build", str(self.src / doc), "-t", str(folder), "-o", str(out)]
                args += ["-f", fmt, "-q"]
            return Case(kind, args, [out], {name: target.read_bytes()})
        book = self.work / "books" / f"case-{n}.xlsx"
        book.parent.mkdir(exist_ok=True)
        book.write_bytes(mutate_book(rng, self.book))
        monitoring = self.work / "books" / f"case-{n}.yaml"
        shutil.copy(self.src / "laishan-2022.yaml", monitoring)
        shutil.copy(self.src / "laishan.yaml", monitoring.parent / "laishan.yaml")
        args = ["import", str(book), str(monitoring)]
        return Case(kind, args, [monitoring], {book.name: book.read_bytes()})


# ---------- running ----------


def _run_in_process(args: list[str]) -> tuple[int, str, str]:
    """plangen's own main() in this process: exit code, stderr, traceback of a bug ('' if none)."""
    from plangen import cli

    err = io.StringIO()
    code, tb = 0, ""
    argv = sys.argv
    sys.argv = ["plangen", *args]
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except Exception:  # PLANGEN_DEBUG=1: plangen's own bug surfaces here with its traceback
        code, tb = 70, traceback.format_exc()
    finally:
        sys.argv = argv
        for number, handler in handlers.items():  # plangen's are for one run, not the campaign
            signal.signal(number, handler)
    if code in (130, 143):  # Ctrl-C or kill: the campaign stops, it is not an outcome
        raise KeyboardInterrupt
    return code, err.getvalue(), tb


def _run_process(args: list[str]) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k != "PLANGEN_DEBUG"}
    done = subprocess.run(
        [PLANGEN, *args], capture_output=True, text=True, env=env, timeout=600, check=False
    )
    return done.returncode, done.stderr


def _state(paths: list[Path]) -> dict[str, str]:
    found = {}
    for path in paths:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for f in files:
            found[str(f)] = hashlib.sha256(f.read_bytes()).hexdigest()
    return found


def run_case(case: Case, subprocess_too: bool) -> tuple[str, list[Finding]]:
    """The outcome's name, and every broken promise of this one case."""
    findings: list[Finding] = []
    before = _state(case.watched)
    code, err, tb = _run_in_process(case.args)
    outcome = OUTCOMES.get(code, f"exit {code}")

    def found(what: str, detail: str) -> None:
        findings.append(Finding(case.kind, what, case.args, detail, case.saved))

    if code == 70:
        found("internal error (70)", tb or err)
    if "Traceback" in err:
        found("traceback on stderr", err)
    if code != 0 and _state(case.watched) != before:
        found(f"exit {code} but outputs changed", err)
    if subprocess_too:
        if case.kind == "workbook":
            shutil.copy(
                case.watched[0].parent.parent / "src" / "laishan-2022.yaml", case.watched[0]
            )
        real, real_err = _run_process(case.args)
        if real != code or "Traceback" in real_err:
            found(f"in-process exit {code}, process exit {real}", real_err)
    return outcome, findings


def campaign(
    count: int,
    seed: int,
    work: Path,
    kinds: tuple[str, ...] = KINDS,
    sample: int = 50,
    progress: Callable[[int, Counter], None] | None = None,
    keep: Path | None = None,
) -> tuple[dict[str, Counter], list[Finding]]:
    """count cases spread over kinds; outcome counts per kind and the findings."""
    os.environ["PLANGEN_DEBUG"] = "1"  # bugs raise here, with their traceback
    os.environ.setdefault("PLANGEN_TEMPLATE_SECONDS", "3")
    os.environ.setdefault("PLANGEN_LANG", "en")
    rng = random.Random(seed)
    corpus = Corpus(work)
    counts: dict[str, Counter] = {k: Counter() for k in kinds}
    findings: list[Finding] = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        case = corpus.case(rng, kind, n)
        outcome, found = run_case(case, subprocess_too=sample > 0 and n % sample == sample - 1)
        counts[kind][outcome] += 1
        if found and keep is not None:  # saved at once: a long campaign can be read while it runs
            save(found, keep, first=len(findings))
        findings += found
        _clean(corpus, n)
        if progress:
            progress(n + 1, sum(counts.values(), Counter()))
    return counts, findings


def _clean(corpus: Corpus, n: int) -> None:
    for path in (corpus.work / "out" / str(n), corpus.work / "tpl" / str(n)):
        shutil.rmtree(path, ignore_errors=True)
    for path in (corpus.src / f"case-{n}.yaml", corpus.work / "books" / f"case-{n}.xlsx",
                 corpus.work / "books" / f"case-{n}.yaml"):  # fmt: skip
        path.unlink(missing_ok=True)


def save(findings: list[Finding], folder: Path, first: int = 0) -> None:
    """Each finding as a folder: its inputs, the command and the traceback."""
    for k, f in enumerate(findings, start=first):
        where = folder / f"{k:04d}-{f.kind}"
        where.mkdir(parents=True, exist_ok=True)
        for name, data in f.inputs.items():
            (where / Path(name).name).write_bytes(data)
        (where / "finding.txt").write_text(
            f"{f.what}\nplangen {' '.join(f.args)}\n\n{f.detail}", encoding="utf-8"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--sample", type=int, default=50, help="one case in N also as a process")
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"))
    args = parser.parse_args()
    kinds = tuple(k for k in args.kinds.split(",") if k)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    start = time.perf_counter()

    def progress(done: int, total: Counter) -> None:
        if done % 250 == 0:
            rate = done / (time.perf_counter() - start)
            print(f"{done:>6} cases, {rate:.1f}/s: {dict(total)}", flush=True)

    with tempfile.TemporaryDirectory(prefix="plangen-fuzz-") as tmp:
        counts, findings = campaign(
            args.count, args.seed, Path(tmp), kinds, args.sample, progress, args.findings
        )
    seconds = time.perf_counter() - start
    print(f"\n{args.count} cases, seed {args.seed}, {seconds:.0f} s")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    names = sorted({o for c in counts.values() for o in c})
    print(f"{'kind':<11}" + "".join(f"{n:>14}" for n in names))
    for kind, c in counts.items():
        print(f"{kind:<11}" + "".join(f"{c[n]:>14}" for n in names))
    if findings:
        print(f"\n{len(findings)} finding(s) saved in {args.findings}/:")
        for what, n in Counter(f"{f.kind}: {f.what}" for f in findings).most_common():
            print(f"  {n:>5}  {what}")
        raise SystemExit(1)
    print("\nno internal error, no traceback, nothing written on failure")


if __name__ == "__main__":
    main()
