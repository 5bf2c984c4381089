"""Measure a PDF as a 办公室 proofreader would (GB/T 9704-2012 page grid).

Used by tests/write/test_layout.py on plangen's PDF and on the PDF LibreOffice
makes from plangen's DOCX; `python tests/layout_check.py FILE.pdf` prints the
figures. Body text is 16 pt (三号); the type area is 156 × 225 mm starting 37 mm
from the top and 28 mm from the left.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

MM = 72 / 25.4
TYPE_TOP = 37 * MM
TYPE_BOTTOM = (297 - 35) * MM
TYPE_LEFT = 28 * MM
TYPE_RIGHT = (210 - 26) * MM
LANDSCAPE_BOTTOM = (210 - 26) * MM  # a landscape page (wide tables): type area 225 × 156 mm
BODY_SIZE = 16
CLOSING = set("，。、；：？！）》」』】〕〉”’…%·")


@dataclass
class Line:
    page: int
    top: float  # the baseline (the lowest and highest on the line)
    bottom: float
    x0: float
    x1: float
    text: str
    sizes: set[int]
    fonts: set[str]

    @property
    def body(self) -> bool:
        return self.sizes == {BODY_SIZE}

    @property
    def cjk_only(self) -> bool:
        return all(ord(c) > 0x2000 for c in self.text)


@dataclass
class Page:
    number: int
    lines: list[Line] = field(default_factory=list)
    folio: Line | None = None  # the page-number line below the type area
    images: int = 0  # pictures on the page (a figure's caption stands under its picture)
    type_bottom: float = TYPE_BOTTOM  # LANDSCAPE_BOTTOM on a landscape page

    @property
    def landscape(self) -> bool:
        return self.type_bottom != TYPE_BOTTOM


def read(pdf: Path) -> list[Page]:
    """Lines of each page (chars grouped by baseline), page numbers apart."""
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            rows: dict[float, list[dict]] = {}
            for ch in page.chars:
                if not ch["text"].strip():
                    continue
                base = page.height - ch["matrix"][5]  # the baseline, from the top
                ch = {**ch, "base": base}
                key = next((k for k in rows if abs(k - base) < 2.5), base)
                rows.setdefault(key, []).append(ch)
            out = Page(
                n,
                images=len(page.images),
                type_bottom=LANDSCAPE_BOTTOM if page.width > page.height else TYPE_BOTTOM,
            )
            for key in sorted(rows):
                chars = sorted(rows[key], key=lambda c: c["x0"])
                line = Line(
                    n,
                    min(c["base"] for c in chars),
                    max(c["base"] for c in chars),
                    chars[0]["x0"],
                    chars[-1]["x1"],
                    "".join(c["text"] for c in chars),
                    {round(c["size"]) for c in chars},
                    {c["fontname"].split("+")[-1] for c in chars},
                )
                if line.top > out.type_bottom + 5:
                    out.folio = line
                else:
                    out.lines.append(line)
            pages.append(out)
    return pages


def body_pages(pages: list[Page]) -> list[Page]:
    """Pages after the front matter (title and 目录 pages); all pages when there is no 目录."""

    def toc(page: Page) -> bool:
        return any(
            "·" * 3 in ln.text or ln.text.replace("\u3000", "").replace(" ", "") == "目录"
            for ln in page.lines
        )

    last = max((i for i, p in enumerate(pages) if toc(p)), default=-1)
    return pages[last + 1 :]


def full_lines(body: list[Page]) -> list[Line]:
    """Body-size lines of Chinese only that start at the left edge and reach the right."""
    return [
        ln
        for p in body
        for ln in p.lines
        if ln.body and ln.cjk_only and ln.x0 - TYPE_LEFT < 2 and ln.x1 > TYPE_RIGHT - 17
    ]


def pitches(body: list[Page]) -> list[float]:
    """Distances between consecutive body-size lines of a paragraph, in pt."""
    out = []
    for p in body:
        for a, b in zip(p.lines, p.lines[1:], strict=False):
            if a.body and b.body and b.top - a.top < 35 and a.bottom - a.top < 0.5:
                out.append(round(b.top - a.top, 2))
    return out


def folio_mm(pages: list[Page]) -> list[float]:
    """Where the page number's dash is, in mm below the type area (its middle: 0.38 em up)."""
    return [
        (p.folio.top - 0.38 * max(p.folio.sizes) - p.type_bottom) / MM
        for p in pages
        if p.folio is not None
    ]


def closing_starts(body: list[Page]) -> list[str]:
    """Body-text lines that begin with a closing punctuation mark (避头)."""
    return [
        f"p{ln.page}:{ln.text[:6]}"
        for p in body
        for ln in p.lines
        if ln.body and ln.text[0] in CLOSING
    ]


def one_char_last_lines(body: list[Page]) -> list[str]:
    """Paragraph last lines holding one character and its punctuation (`责）`, `成。`).

    A body line that starts at the left edge (not indented, so it continues a
    paragraph) and stops short of the right edge is that paragraph's last line.
    """
    return [
        f"p{ln.page}:{ln.text}"
        for p in body
        for ln in p.lines
        if ln.body
        and ln.x0 - TYPE_LEFT < 2
        and ln.x1 < TYPE_RIGHT - 17
        and ln.text[0] not in CLOSING
        and all(c in CLOSING for c in ln.text[1:])
    ]


def captions_at_foot(pages: list[Page]) -> list[str]:
    """Pages whose last line is a table caption (its table is on the next page), or a
    figure caption on a page without a picture (figure captions stand under theirs)."""
    return [
        f"p{p.number}:{p.lines[-1].text}"
        for p in pages
        if p.lines
        and 14 in p.lines[-1].sizes
        and (
            p.lines[-1].text.startswith("表")
            or (p.lines[-1].text.startswith("图") and not p.images)
        )
    ]


def measure(pdf: Path) -> dict[str, object]:
    """The figures of the issue's table, over the body pages."""
    pages = read(pdf)
    body = body_pages(pages)
    text_pages = [p for p in body if p.lines and all(ln.body for ln in p.lines)]
    full = full_lines(body)
    edges = [ln.x1 for ln in full]
    steps = pitches(body)
    starts = closing_starts(body)
    return {
        "pages": len(pages),
        "lines per text page": dict(sorted(Counter(len(p.lines) for p in text_pages).items())),
        "chars per full line": dict(sorted(Counter(len(ln.text) for ln in full).items())),
        "right edge spread pt": round(max(edges) - min(edges), 2) if edges else None,
        "pitch": dict(Counter(steps).most_common(6)),
        "pitch spread pt": round(max(steps) - min(steps), 2) if steps else None,
        "folio below type area mm": sorted({round(f, 1) for f in folio_mm(pages)}),
        "lines starting with closing punctuation": starts[:8],
        "one-character last lines": one_char_last_lines(body),
        "numbered front pages": [
            p.number for p in pages[: len(pages) - len(body)] if p.folio is not None
        ],
        "captions at a page's foot": captions_at_foot(pages),
        "fonts": sorted({f for p in body for ln in p.lines for f in ln.fonts}),
    }


def check_grid(pages: list[Page], body: list[Page], where: str) -> None:
    """Assert the grid of the layout issue: 22 × 28 at 28.9 pt, folios 7 mm down, 目录 unnumbered."""
    steps = pitches(body)
    assert steps and max(steps) - min(steps) < 0.5, (where, Counter(steps).most_common(5))
    assert abs(Counter(steps).most_common(1)[0][0] - 28.9) < 0.05, where
    text_pages = [p for p in body if p.lines and all(ln.body for ln in p.lines)]
    counts = Counter(len(p.lines) for p in text_pages)
    assert max(counts) == 22, (where, counts)
    assert counts[22] >= 0.5 * len(text_pages), (where, counts)  # others end early: keeps
    full = [ln for ln in full_lines(body) if ln.x1 > TYPE_RIGHT - 2]  # to the right edge
    # LibreOffice hangs a final 。 or ， into the margin (28 + 1); it counts as 28
    chars = Counter(len(ln.text) - (ln.x1 > TYPE_RIGHT + 8) for ln in full)
    # the others are spread to the edge because their successor may not start a line (避头)
    assert max(chars) == 28 and chars[28] >= 0.85 * len(full), (where, chars)
    folios = folio_mm(pages)
    assert folios and all(abs(f - 7) <= 1 for f in folios), (where, sorted(set(folios)))
    assert not closing_starts(body), (where, closing_starts(body)[:5])
    assert not captions_at_foot(pages), where
    front = pages[: len(pages) - len(body)]
    assert not [p.number for p in front if p.folio is not None], where  # 目录 unnumbered
    assert body[0].folio is not None and body[0].folio.text.strip("— ") == "1", where


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(name)
        for key, value in measure(Path(name)).items():
            print(f"  {key}: {value}")
