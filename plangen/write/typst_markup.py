"""Typst markup from the semantic document, walked element by element as write/docx.py does.

Typst markup is code, so no user text is ever written as markup: every run of
text becomes a string literal (`#"…";`), and every element a call of a function
of base/print.typ with its tag and classes. How each one looks is decided there.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field

from plangen.write.padding import right_padding
from plangen.write.resources import FetchRefused, Resources

STYLESHEET_MODULE = "print.typ"
# Elements that hold text inside a paragraph; at block level they get one of their own.
INLINE = frozenset(
    ("a", "abbr", "b", "br", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q")
    + ("s", "samp", "small", "span", "strong", "sub", "sup", "u")
)
_SPACE = re.compile(r"[ \t\r\n\f]+")
# A paragraph's last two characters and the marks after them: kept on one line, so
# no paragraph ends in one character and its punctuation (`责）` alone).
_LAST_TWO = re.compile(r"[\u3400-\u9fff]{2}[）》」』】〕〉”’，。、；：？！…—]*\s*$")
TIE = "plangen-tie"  # the element that holds them; print.typ boxes it
_MAGIC = ((b"\x89PNG", "png"), (b"\xff\xd8", "jpg"), (b"GIF8", "gif"), (b"RIFF", "webp"))


class UnknownTypstElement(ValueError):
    """A block element the writer has no visit_ method for: its text would be lost."""

    def __init__(self, tag: str):
        super().__init__(tag)
        self.tag = tag


@dataclass
class Markup:
    """The main Typst file and the images it reads, by file name."""

    source: str
    lang: str = "zh-CN"
    images: dict[str, bytes] = field(default_factory=dict)


def to_markup(xhtml: str, resources: Resources) -> Markup:
    """The semantic XHTML as a Typst document that imports base/print.typ."""
    root = ET.fromstring(xhtml)
    walker = _Walker(resources, {el.get("id", "") for el in root.iter()} - {""})
    return walker.run(root)


def string(text: str) -> str:
    """A Typst string literal: the only form user text takes in the markup."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def array(items: Iterable[str]) -> str:
    """A Typst array of strings; one item needs its trailing comma."""
    parts = [string(i) for i in items]
    return f"({parts[0]},)" if len(parts) == 1 else f"({', '.join(parts)})"


def _classes(el: ET.Element) -> list[str]:
    return el.get("class", "").split()


def _has_toc(root: ET.Element) -> bool:
    return any("toc" in _classes(nav) for nav in root.iter("nav"))


class _Walker:
    def __init__(self, resources: Resources, ids: set[str]):
        self.resources = resources
        self.ids = ids
        self.out: list[str] = []
        self.images: dict[str, bytes] = {}
        self.anchored: set[str] = set()
        self.pending: list[str] = []  # section ids waiting for the section's first block
        self.closing = 0  # content blocks opened (main matter, 版记) to close at the end

    def run(self, root: ET.Element) -> Markup:
        head = root.find("head")
        title = head.find("title") if head is not None else None
        metas = {m.get("name"): m.get("content", "") for m in root.iter("meta")}
        lang, _sep, region = root.get("lang", "zh-CN").partition("-")
        self.out.append(f'#import "{STYLESHEET_MODULE}": *')
        self.out.append(
            "#show: setup.with("
            f"lang: {string(lang.lower() if len(lang) in (2, 3) else 'zh')}, "
            f"region: {string(region.lower()) if len(region) == 2 else 'none'}, "
            f"title: {string(title.text or '' if title is not None else '')}, "
            f"author: {string(metas.get('author') or '')}, "
            f"description: {string(metas.get('description') or '')}, "
            f"front: {'true' if _has_toc(root) else 'false'})"
        )
        body = root.find("body")
        if body is not None:
            self._blocks(body)
        self.out.append("]" * self.closing)
        return Markup("\n".join(self.out) + "\n", root.get("lang", "zh-CN"), self.images)

    # ---------- inline ----------

    def _text(self, text: str | None) -> str:
        if not text:
            return ""
        text = _SPACE.sub(" ", text)
        return f"#{string(text)};" if text else ""

    def _content(self, el: ET.Element, anchors: bool = False) -> str:
        """el's text and children as a content block, with waiting anchors first."""
        parts = []
        if anchors:
            parts += [self._anchor(i) for i in self.pending]
            self.pending.clear()
        children = list(el)
        lead = (el.text or "").lstrip()
        parts.append(self._text(lead if children else lead.rstrip()))
        for i, child in enumerate(children):
            parts.append(self._inline(child))
            tail = child.tail or ""
            parts.append(self._text(tail.rstrip() if i == len(children) - 1 else tail))
        return "[" + "".join(parts) + "]"

    def _inline(self, el: ET.Element) -> str:
        if el.tag == "br":
            return "#linebreak();"
        return f"#inline({string(el.tag)}, {array(_classes(el))}){self._content(el)};"

    def _anchor(self, ident: str) -> str:
        if ident in self.anchored:
            return ""
        self.anchored.add(ident)
        return f"#anchor({string(ident)});"

    # ---------- blocks ----------

    def _emit(self, line: str) -> None:
        self.out.append(line)

    def _blocks(self, el: ET.Element) -> None:
        self._stray(el.text)
        for child in el:
            self._block(child)
            self._stray(child.tail)

    def _block(self, el: ET.Element) -> None:
        """Dispatch to visit_<tag>; an element without one would vanish, so it is refused."""
        ident = el.get("id")
        if ident and el.tag not in ("section", "h1", "h2", "h3", "h4", "p"):
            self._emit(self._anchor(ident))
        visit = getattr(self, f"visit_{el.tag}", None)
        if visit is None:
            if el.tag in INLINE:
                self._emit(f"#p((), [{self._inline(el)}]);")
                return
            raise UnknownTypstElement(el.tag)
        visit(el)

    def _stray(self, text: str | None) -> None:
        """Text written straight into a container: a paragraph, as a browser shows it."""
        if text and text.strip():
            self._emit(f"#p((), [{self._text(text.strip())}]);")

    # One method per block element of the vocabulary in docs/templates.md.

    def visit_header(self, el: ET.Element) -> None:
        self._blocks(el)

    visit_main = visit_header

    def visit_div(self, el: ET.Element) -> None:
        classes = _classes(el)
        wrapper = next((w for w in ("box", "foot", "red-head") if w in classes), None)
        if wrapper is None:
            self._blocks(el)
            return
        name = {"box": "box-el"}.get(wrapper, wrapper)
        self._emit(f"#{name}[")
        self._blocks(el)
        self._emit("];")

    def visit_section(self, el: ET.Element) -> None:
        if "record" in _classes(el):  # to the end of the document: its pages have no number
            self._emit("#record[")
            self.closing += 1
        else:
            self._emit(f"#section-start({array(_classes(el))});")
        if el.get("id"):
            self.pending.append(el.get("id", ""))
        self._blocks(el)
        for ident in self.pending:
            self._emit(self._anchor(ident))
        self.pending.clear()

    def visit_nav(self, el: ET.Element) -> None:
        if "toc" not in _classes(el):
            self._blocks(el)
            return
        for p in el.iter("p"):
            classes = _classes(p)
            if "toc-entry" in classes:
                self._toc_entry(p, classes)
            elif "toc-title" in classes:
                self.visit_p(p)
        self._emit("#pagebreak(weak: true);")
        self._emit("#main-matter[")  # closed at the end of the document
        self.closing += 1

    def _toc_entry(self, p: ET.Element, classes: list[str]) -> None:
        level = next((c.split("-", 1)[1] for c in classes if c.startswith("level-")), "1")
        link = p.find("a")
        target = (link.get("href", "") if link is not None else "").removeprefix("#")
        label = string(target) if target in self.ids else "none"
        body = self._content(link if link is not None else p)
        self._emit(f"#toc-entry({int(level) if level.isdigit() else 1}, {label}){body};")

    def visit_h1(self, el: ET.Element) -> None:
        level = int(el.tag[1])
        if el.get("id"):
            self.pending.append(el.get("id", ""))
        self._emit(f"#hd({level}, {array(_classes(el))}){self._content(el, anchors=True)};")

    visit_h2 = visit_h3 = visit_h4 = visit_h1

    def visit_p(self, el: ET.Element) -> None:
        _tie_last_two(el)
        if el.get("id"):
            self.pending.append(el.get("id", ""))
        right = right_padding(el)
        extra = "" if right is None else f", pad-right: {right:g}em"
        self._emit(f"#p({array(_classes(el))}, {self._content(el, anchors=True)}{extra});")

    def visit_ul(self, el: ET.Element) -> None:
        for item in el:
            self._emit(f"#p((), {self._content(item, anchors=True)});")

    visit_ol = visit_ul

    def visit_table(self, el: ET.Element) -> None:
        caption = el.find("caption")
        if caption is not None:
            self._emit(f"#caption{self._content(caption)};")
        head = [tr for part in el.findall("thead") for tr in part.findall("tr")]
        body = [tr for part in el.findall("tbody") for tr in part.findall("tr")]
        body += el.findall("tr")
        cols = [c.get("class", "") for c in el.iter("col")]
        if not cols:
            first = (head + body)[:1]
            count = sum(int(c.get("colspan", 1)) for c in first[0]) if first else 1
            cols = [""] * count
        placed = _place(head + body, len(cols))
        header = [self._cell(*spot) for spot in placed if spot[3] < len(head)]
        rest = [self._cell(*spot) for spot in placed if spot[3] >= len(head)]
        self._emit(
            f"#data-table({array(_classes(el))}, {array(cols)}, "
            f"({', '.join(header)}{',' if len(header) == 1 else ''}), "
            f"({', '.join(rest)}{',' if len(rest) == 1 else ''}));"
        )

    def _cell(self, cell: ET.Element, tr: ET.Element, x: int, y: int, rows: int, cols: int) -> str:
        return (
            f"(kind: {string(cell.tag)}, classes: {array(_classes(cell))}, "
            f"row: {array(_classes(tr))}, x: {x}, y: {y}, rowspan: {rows}, colspan: {cols}, "
            f"body: {self._content(cell)})"
        )

    def visit_figure(self, el: ET.Element) -> None:
        img = el if el.tag == "img" else el.find("img")
        src = self._image(img.get("src", "")) if img is not None else None
        caption = el.find("figcaption")
        body = f"#figcaption{self._content(caption)};" if caption is not None else ""
        self._emit(f"#figure-el({string(src) if src else 'none'}, [{body}]);")

    visit_img = visit_figure

    def _image(self, src: str) -> str | None:
        """The image's file name in the Typst root, or None when it is refused."""
        try:
            data = self.resources.get(src)
        except FetchRefused:
            return None  # recorded in resources.refused; the build reports it
        ext = next((e for magic, e in _MAGIC if data.startswith(magic)), "svg")
        name = f"image-{len(self.images) + 1}.{ext}"
        self.images[name] = data
        return name


def _tie_last_two(el: ET.Element) -> None:
    """Move the paragraph's last two characters (and their marks) into a <plangen-tie>."""
    owner, slot = el, "text"
    while len(owner):
        last = owner[-1]
        if last.tail and last.tail.strip():
            slot = "tail"
            break
        owner = last
    text = (owner[-1].tail if slot == "tail" else owner.text) or ""
    match = _LAST_TWO.search(text)
    if match is None:
        return
    tie = ET.Element(TIE)
    tie.text = match.group().strip()
    if slot == "tail":
        owner[-1].tail = text[: match.start()]
    else:
        owner.text = text[: match.start()]
    owner.append(tie)


def _span(cell: ET.Element, attr: str) -> int:
    value = cell.get(attr, "1")
    return max(1, int(value)) if value.isdigit() else 1


def _place(
    rows: list[ET.Element], width: int
) -> list[tuple[ET.Element, ET.Element, int, int, int, int]]:
    """(cell, row, x, y, rowspan, colspan) of every cell, as HTML lays the rows out."""
    taken: set[tuple[int, int]] = set()
    out = []
    for y, tr in enumerate(rows):
        x = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (x, y) in taken:
                x += 1
            if x >= width:
                break
            rows_, cols_ = _span(cell, "rowspan"), _span(cell, "colspan")
            rows_ = min(rows_, len(rows) - y)
            cols_ = min(cols_, width - x)
            for dy in range(rows_):
                for dx in range(cols_):
                    taken.add((x + dx, y + dy))
            out.append((cell, tr, x, y, rows_, cols_))
            x += cols_
    return out
