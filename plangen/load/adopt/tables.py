"""Indicator-table columns by their header words, and tables rebuilt from text lines."""

from __future__ import annotations

import re

from plangen.load.adopt.document import words


def column_roles(header: list[str]) -> list[str]:
    """The role of each header cell: domain, seq, name, unit, base, target, nature or ''."""
    table = words()["table"]
    roles: list[str] = []
    years: list[int] = []
    for cell in header:
        text = re.sub(r"\s+", "", cell)
        role = ""
        for name, pattern in table["roles"].items():
            if re.search(pattern, text) and name not in roles:
                role = name
                break
        year = re.search(table["year"], text)
        if not role and year:
            role = "year"
            years.append(int(year.group(1)))
        roles.append(role)
    # Two year columns: the earlier is the base, the later the target.
    year_cols = [i for i, r in enumerate(roles) if r == "year"]
    for i in year_cols:
        text = re.sub(r"\s+", "", header[i])
        year = int(re.search(table["year"], text).group(1))
        if "base" not in roles and (len(year_cols) == 1 or year == min(years)):
            roles[i] = "base"
        elif "target" not in roles:
            roles[i] = "target"
        else:
            roles[i] = ""
    return roles


def looks_like_header(cells: list[str]) -> bool:
    """A row of short cells of which several are indicator-table header words."""
    roles = column_roles(cells)
    known = [r for r in roles if r]
    return (
        len(cells) >= words()["table"]["header_min"]
        and "name" in known
        and ("seq" in known or "target" in known)
        and len(known) >= words()["table"]["header_min"] - 1
    )


def is_heading(text: str) -> bool:
    """Text that starts a heading, 专栏 or 表N caption: never a table cell."""
    w = words()
    patterns = [*w["headings"].values(), w["box"], w["caption"]]
    return any(re.match(p, text.strip()) for p in patterns)


def _is_header_cell(text: str) -> bool:
    text = re.sub(r"\s+", "", text)
    if not text or len(text) > 14 or re.match(words()["caption"], text):
        return False
    table = words()["table"]
    return any(re.search(p, text) for p in table["roles"].values()) or bool(
        re.search(table["year"], text)
    )


def find_header(lines: list[str], start: int) -> tuple[list[str], int, bool] | None:
    """Header cells starting at lines[start] (one cell per line), the index after, tabbed."""
    tabbed = lines[start].startswith("\t")
    cells: list[str] = []
    i = start
    while i < len(lines):
        raw = lines[i]
        if not raw.strip():
            i += 1
            continue
        if tabbed and not raw.startswith("\t") and cells and len(raw.strip()) <= 6:
            cells[-1] += raw.strip()  # 指标\n要求: a cell broken over lines
            i += 1
            continue
        if not _is_header_cell(raw) or (tabbed and not raw.startswith("\t")):
            break
        cells.append(raw.strip())
        i += 1
    if looks_like_header(cells):
        return cells, i, tabbed
    return None


def rebuild_rows(
    lines: list[str], start: int, header: list[str], tabbed: bool
) -> tuple[list[list[str]], int]:
    """Data rows from one-cell-per-line text after a header; the index of the first line
    not used. Rows are found by their 序号 (1, 2, 3…): text extraction drops empty cells."""
    roles = column_roles(header)
    tokens: list[tuple[str, int]] = []  # (cell, line index)
    i = start
    while i < len(lines):
        raw = lines[i]
        text = raw.strip()
        if not text:
            if tabbed and raw.startswith("\t"):
                tokens.append(("", i))
            i += 1
            continue
        if tabbed and not raw.startswith("\t"):
            if len(text) > 12 or not tokens or is_heading(text):
                break
            cell, at = tokens[-1]
            tokens[-1] = (cell + text, at)  # a cell broken over lines
            i += 1
            continue
        if len(text) > 60 or "。" in text:
            break
        tokens.append((text, i))
        i += 1
    return _rows_from_tokens(tokens, roles, tabbed, start)


def _rows_from_tokens(
    tokens: list[tuple[str, int]], roles: list[str], tabbed: bool, start: int
) -> tuple[list[list[str]], int]:
    natures = set(words()["table"]["natures"])
    width = len(roles)
    seq_col = roles.index("seq") if "seq" in roles else None
    if seq_col is None:
        return [], start
    after = [r for r in roles[seq_col + 1 :]]
    before = seq_col  # cells before 序号 (the domain)
    seqs: list[int] = []
    expected = 1
    for k, (cell, _line) in enumerate(tokens):
        if cell == str(expected):
            seqs.append(k)
            expected += 1
    rows: list[list[str]] = []
    end_line = start
    prev_end = -1
    for n, k in enumerate(seqs):
        nxt = seqs[n + 1] if n + 1 < len(seqs) else len(tokens)
        if tabbed:
            body = [c for c, _ in tokens[k + 1 : min(k + 1 + len(after), nxt)]]
            lead = [c for c, _ in tokens[max(k - before, 0) : k]]
            used = min(k + 1 + len(after), nxt) - 1
        else:
            stop = next(
                (j for j in range(k + 1, nxt) if tokens[j][0].replace(" ", "") in natures),
                None,
            )
            if stop is None:
                stop = min(k + len(after), nxt - 1)
            body = [c for c, _ in tokens[k + 1 : stop + 1]]
            lead = ["".join(c for c, _ in tokens[prev_end + 1 : k])]
            used = stop
            prev_end = stop
            if len(body) < len(after) and "unit" in after:
                body.insert(after.index("unit"), "")  # the empty unit cell was not extracted
        body = (body + [""] * len(after))[: len(after)]
        lead = ([""] * before + lead)[-before:] if before else []
        rows.append(lead + [str(n + 1)] + body)
        end_line = tokens[used][1] + 1
    return [row[:width] for row in rows], end_line
