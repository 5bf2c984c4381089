"""DOCX writer: walks the semantic XHTML and emits Word paragraphs, styles and tables.

Formatting mechanics live here; every size, font and margin comes from the
stylesheet (docx-styles.yaml), so the look can be changed without code.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from plangen.errors import PlanError
from plangen.messages import _
from plangen.render import pinned
from plangen.write.atomic import fixed_zip
from plangen.write.columns import css_widths
from plangen.write.docx_fonts import declare_fonts
from plangen.write.docx_groups import cut_groups
from plangen.write.docx_lastline import LATIN_FILES, Metrics, latin_widths, mend
from plangen.write.docx_sections import end_front_matter
from plangen.write.docx_toc import TocMarks
from plangen.write.ooxml import put
from plangen.write.padding import right_padding
from plangen.write.pdf_groups import tag_tables
from plangen.write.resources import FetchRefused, Resources
from plangen.write.stylesheet import USER_FILE

_ALIGN = {
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Semantic class of a paragraph or heading → Word style (see docs/templates.md).
_CLASS_STYLES = {
    "doc-title": "Title",
    "doc-status": "Subtitle",
    "doc-issuer": "Doc Meta",
    "doc-date": "Doc Date",
    "doc-number": "Doc Meta",
    "appendix-title": "Appendix Title",
    "appendix-label": "Appendix Label",
    "box-title": "Box Title",
    "caption": "Caption",
    "note": "Note",
    "issuer-mark": "Issuer Mark",
    "notice-number": "Notice Number",
    "notice-title": "Notice Title",
    "notice-to": "Notice To",
    "notice-attachment": "Notice Attachment",
    "notice-signature": "Notice Signature",
    "notice-date": "Notice Date",
    "notice-note": "Notice Note",
    "record-cc": "Record",
    "record-printer": "Record Last",
}
# Elements that hold text inside a paragraph; at block level they get one of their own.
INLINE = frozenset(
    ("a", "abbr", "b", "br", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q")
    + ("s", "samp", "small", "span", "strong", "sub", "sup", "u")
)
# Inline elements of a comparison (plangen diff) → Word character styles.
_TAG_STYLES = {"del": "Deleted Text", "ins": "Inserted Text"}


class UnknownElement(ValueError):
    """A block element the writer has no visit_ method for: its text would be lost."""

    def __init__(self, tag: str, classes: set[str]):
        super().__init__(tag)
        self.tag = tag
        self.classes = classes


def write_docx(
    xhtml: str,
    styles: dict[str, Any],
    resources: Resources,
    when: dt.date | None = None,
    pages: Mapping[str, str] | None = None,
    rows: Mapping[str, int] | None = None,
    stylesheet: Path | None = None,
) -> bytes:
    """Convert the semantic document into DOCX bytes, reproducibly for the same input.

    pages: the page printed where each id starts (the PDF's), cached in the TOC;
    rows: the page each grouped table row starts on there, where merged cells are cut;
    stylesheet: print.css, whose column widths the tables take.
    """
    root = ET.fromstring(xhtml)
    tag_tables(root)
    try:
        writer = _Writer(styles, resources, root.get("lang", "zh-CN"), pages or {}, rows or {})
        writer.stylesheet = stylesheet
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        if USER_FILE not in styles:
            raise  # the shipped stylesheet: plangen's own bug
        raise PlanError.single(
            styles[USER_FILE],
            _("this stylesheet cannot be applied: {what}", what=f"{type(exc).__name__}: {exc}"),
            _("compare your copy with the shipped docx-styles.yaml, or remove it"),
        ) from None
    writer.run(root)
    buf = io.BytesIO()
    writer.doc.save(buf)
    stamp = (when or dt.date(1980, 1, 1)).timetuple()
    return fixed_zip(buf.getvalue(), stamp)


class _Writer:
    def __init__(
        self,
        styles: dict[str, Any],
        resources: Resources,
        lang: str = "zh-CN",
        pages: Mapping[str, str] | None = None,
        rows: Mapping[str, int] | None = None,
    ):
        self.css = styles
        self.resources = resources
        self.lang = lang
        self.toc = TocMarks(pages or {})
        self.rows = rows or {}
        self.stylesheet: Path | None = None  # print.css, for column widths
        self._landscape = False
        self._metrics: dict[str, Metrics] = {}
        self._latin: dict[bool, dict[str, float]] = {}
        self.fonts = {**styles["fonts"], **styles.get("fonts_by_language", {}).get(lang, {})}
        self.doc = Document()
        self._ids: dict[str, str] = {}
        self.body = self.doc
        self._setup_styles()
        self._setup_page()
        used = [name for role in self.fonts.values() for name in role]
        declare_fonts(self.doc, used, styles.get("font_table", {}), lang)

    # ---------- setup ----------

    def _name_fonts(self, fonts: Any, role: str) -> None:
        """Explicit Latin and East Asian names; theme fonts would override them."""
        east, latin = self.fonts[role]
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), latin)
        fonts.set(qn("w:eastAsia"), east)

    def _set_fonts(self, rpr_owner: Any, role: str) -> None:
        rpr = rpr_owner.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = put(rpr, "rFonts")
        self._name_fonts(fonts, role)
        put(rpr, "color", val="000000")

    def _setup_styles(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            for fonts in defaults.iter(qn("w:rFonts")):
                self._name_fonts(fonts, "body")
            for lang in defaults.iter(qn("w:lang")):  # spelling and line breaking by language
                lang.set(qn("w:eastAsia"), self.lang)
            rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
            if rpr is not None:  # the character grid's cell is this size plus charSpace
                size = str(round(self.css["paragraph"]["Normal"].get("size", 16) * 2))
                put(rpr, "sz", val=size)
                put(rpr, "szCs", val=size)
        for name, spec in self.css["paragraph"].items():
            style = self._style(name, WD_STYLE_TYPE.PARAGRAPH)
            self._paragraph_style(style, spec)
        for name, spec in self.css.get("character", {}).items():
            self._character_style(self._style(name, WD_STYLE_TYPE.CHARACTER), spec)
        for fonts in styles.element.iter(qn("w:rFonts")):  # table styles nest theirs deeper
            if any(fonts.get(qn(a)) for a in _THEME_ATTRS):
                self._name_fonts(fonts, "body")
        for color in styles.element.iter(qn("w:color")):
            if color.get(qn("w:themeColor")):
                for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
                    color.attrib.pop(qn(attr), None)
                color.set(qn("w:val"), "000000")

    def _style(self, name: str, kind: WD_STYLE_TYPE):
        try:
            return self.doc.styles[name]
        except KeyError:
            return self.doc.styles.add_style(name, kind)

    def _character_style(self, style, spec: dict[str, Any]) -> None:
        """A run style; without font: it keeps the paragraph's font (inserted/deleted text)."""
        if "font" in spec:
            self._set_fonts(style.element, spec["font"])
            style.font.bold = bool(spec.get("bold", False))
        if "size" in spec:
            style.font.size = Pt(spec["size"])
        if "strike" in spec:
            style.font.strike = bool(spec["strike"])
        if "underline" in spec:
            style.font.underline = bool(spec["underline"])
        if "color" in spec:
            style.font.color.rgb = RGBColor.from_string(str(spec["color"]))

    def _paragraph_style(self, style, spec: dict[str, Any]) -> None:
        if spec.get("based"):
            style.base_style = self.doc.styles[spec["based"]]
        old_rpr = style.element.find(qn("w:rPr"))
        if old_rpr is not None:
            style.element.remove(old_rpr)
        ppr = style.element.get_or_add_pPr()
        for tag in ("w:pBdr", "w:numPr"):
            old = ppr.find(qn(tag))
            if old is not None:
                ppr.remove(old)
        self._set_fonts(style.element, spec.get("font", "body"))
        size = spec.get("size", 16)
        style.font.size = Pt(size)
        style.font.bold = bool(spec.get("bold", False))
        style.font.italic = False
        fmt = style.paragraph_format
        if spec.get("line") == "single":  # a picture's paragraph: as tall as the picture
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(spec.get("line", 28.9))
        fmt.space_before = Pt(spec.get("before", 0))
        fmt.space_after = Pt(spec.get("after", 0))
        fmt.alignment = _ALIGN[spec.get("align", "justify")]
        fmt.left_indent = Mm(spec.get("left", 0))
        indent_chars = spec.get("indent", 0)
        fmt.first_line_indent = Pt(size * indent_chars)
        ind = ppr.find(qn("w:ind"))
        if ind is not None:
            ind.set(qn("w:firstLineChars"), str(int(indent_chars * 100)))
        fmt.keep_with_next = bool(spec.get("keep_next", False))
        fmt.widow_control = False  # a full page holds 22 lines, as the PDF (orphans: 1)
        if "right" in spec:
            fmt.right_indent = Mm(spec["right"])
        if "color" in spec:
            style.font.color.rgb = RGBColor.from_string(str(spec["color"]))
        if "border" in spec:
            self._paragraph_border(ppr, spec["border"])
        if "tab_right" in spec:
            tabs = put(ppr, "tabs")
            tab = OxmlElement("w:tab")
            tab.set(qn("w:val"), "right")
            tab.set(qn("w:pos"), str(round(spec["tab_right"] / 25.4 * 1440)))
            if "tab_leader" in spec:  # the TOC's dots to the page number
                tab.set(qn("w:leader"), spec["tab_leader"])
            tabs.append(tab)
        if "level" in spec:
            put(ppr, "outlineLvl", val=str(spec["level"]))
        # Exact line spacing keeps the 28.9 pt pitch; snapping to the line grid would
        # make LibreOffice round it to alternating 27.9/29.9 pt.
        put(ppr, "snapToGrid", val="0")
        if spec.get("grid"):
            # No punctuation hanging in the margin, as in the PDF: LibreOffice (7.4) drops
            # the glyph of a hanging 、 or ； from its PDF. Its import reads overflowPunct
            # inverted, so "1" (Word's own default: hanging allowed) turns hanging off there.
            put(ppr, "overflowPunct", val="1")
        if spec.get("grid") and "grid_condense" in self.css["page"]:
            twips = round(self.css["page"]["grid_condense"] * 20)
            put(style.element.get_or_add_rPr(), "spacing", val=str(twips))

    @staticmethod
    def _paragraph_border(ppr, sides: dict[str, Any]) -> None:
        """Rules above or below a paragraph: [size in eighths of a point, colour, space in pt]."""
        border = put(ppr, "pBdr")
        for side in ("top", "left", "bottom", "right"):
            if side not in sides:
                continue
            size, color, space = sides[side]
            line = OxmlElement(f"w:{side}")
            line.set(qn("w:val"), "single")
            line.set(qn("w:sz"), str(size))
            line.set(qn("w:space"), str(space))
            line.set(qn("w:color"), str(color))
            border.append(line)

    def _setup_page(self) -> None:
        page = self.css["page"]
        section = self.doc.sections[0]
        section.page_width = Mm(page["width"])
        section.page_height = Mm(page["height"])
        margin = page["margin"]
        section.top_margin = Mm(margin["top"])
        section.bottom_margin = Mm(margin["bottom"])
        section.left_margin = Mm(margin["left"])
        section.right_margin = Mm(margin["right"])
        section.footer_distance = Mm(page["footer"])
        section.header_distance = Mm(15)
        sect = section._sectPr
        grid = sect.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            sect.append(grid)
        grid.set(qn("w:type"), page.get("grid", "linesAndChars"))
        grid.set(qn("w:linePitch"), str(round(page["line_pitch"] * 20)))
        if "char_space" in page:
            grid.set(qn("w:charSpace"), str(page["char_space"]))
        self.doc.settings.odd_and_even_pages_header_footer = True
        self._page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
        self._page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)

    def _page_number(self, footer, align) -> None:
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0]
        self._pstyle(para, "Footer")
        para.alignment = align
        one_char = Pt(14)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            para.paragraph_format.right_indent = one_char
        else:
            para.paragraph_format.left_indent = one_char
        para.paragraph_format.first_line_indent = Pt(0)
        self._styled_run(para, "— ", "Page Number")
        self._field(para, "PAGE", "1", "Page Number")
        self._styled_run(para, " —", "Page Number")

    # ---------- primitives ----------

    def _style_id(self, name: str) -> str:
        """Style ids by name, cached: python-docx looks them up by scanning every style."""
        if name not in self._ids:
            self._ids[name] = self.doc.styles[name].style_id
        return self._ids[name]

    def _pstyle(self, para, name: str) -> None:
        para._p.get_or_add_pPr().get_or_add_pStyle().val = self._style_id(name)

    def _rstyle(self, run, name: str) -> None:
        run._r.get_or_add_rPr().style = self._style_id(name)

    def _styled_run(self, para, text: str, style: str | None = None, bold: bool = False):
        run = para.add_run(text)
        if style:
            self._rstyle(run, style)
        if bold:
            run.bold = True
        return run

    def _field(self, para, instruction: str, cached: str, style: str | None = None) -> None:
        def fld(kind: str):
            run = para.add_run()
            if style:
                self._rstyle(run, style)
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
            return run

        fld("begin")
        run = para.add_run()
        if style:
            self._rstyle(run, style)
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        run._r.append(instr)
        fld("separate")
        self._styled_run(para, cached, style)
        fld("end")

    def _para(self, style: str, container=None):
        target = container if container is not None else self.body
        para = target.add_paragraph()
        self._pstyle(para, style)
        if self.toc.pending is not None:  # the first paragraph of a section the TOC cites
            level = self.css["paragraph"].get(style, {}).get("level")
            self.toc.mark(para, None if level is None else level + 1)
        return para

    def _inline(self, para, el: ET.Element, style: str | None = None, bold: bool = False) -> None:
        """Add an element's text and children as runs, mapping classes to run styles."""
        if el.text:
            self._styled_run(para, el.text, style, bold)
        for child in el:
            if child.tag == "br" and "balance" in _classes(child):  # a title's balanced break
                para.add_run().add_break()
                if child.tail:
                    self._styled_run(para, child.tail, style, bold)
                continue
            cls = _classes(child)
            child_style, child_bold = style, bold
            if "runin-title" in cls:
                level = next((c.split("-")[1] for c in cls if c.startswith("level-")), "3")
                child_style = f"Run-in Heading {level}"
            elif child.tag in _TAG_STYLES:
                child_style = _TAG_STYLES[child.tag]
            elif child.tag in ("b", "strong"):
                child_style = "Box Head" if "box-head" in cls else style
                child_bold = child_style is None or child_style == style
            self._inline(para, child, child_style, child_bold)
            if child.tail:
                self._styled_run(para, child.tail, style, bold)

    def _page_break(self) -> None:
        para = self.body.add_paragraph()
        para.add_run().add_break(WD_BREAK.PAGE)

    # ---------- walking ----------

    def run(self, root: ET.Element) -> None:
        for img in root.iter("img"):  # every source is checked, even where Word shows none
            with contextlib.suppress(FetchRefused):
                self.resources.get(img.get("src", ""))
        head = root.find("head")
        body = root.find("body")
        if head is not None:
            self._properties(head)
        if body is not None:
            self._blocks(body)

    def _properties(self, head: ET.Element) -> None:
        props = self.doc.core_properties
        title = head.find("title")
        props.title = _core(title.text if title is not None and title.text else "")
        metas = {m.get("name"): _core(m.get("content", "")) for m in head.iter("meta")}
        props.author = metas.get("author", "")
        props.last_modified_by = metas.get("author", "")
        props.subject = metas.get("description", "")
        props.revision = 1
        created = metas.get("dcterms.created")
        stamp = dt.datetime.fromisoformat(created) if created else dt.datetime(2000, 1, 1)
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp

    def _blocks(self, el: ET.Element, container=None) -> None:
        self._stray_text(el.text, container)
        for child in el:
            self._block(child, container)
            self._stray_text(child.tail, container)

    def _block(self, el: ET.Element, container=None) -> None:
        """Dispatch to visit_<tag>; an element without one would vanish, so it is refused."""
        visit = getattr(self, f"visit_{el.tag}", None)
        if visit is None:
            if el.tag in INLINE:
                self._inline(self._para("Body Text", container), el)
                return
            raise UnknownElement(el.tag, _classes(el))
        visit(el, container)

    def _stray_text(self, text: str | None, container=None) -> None:
        """Text written straight into a container: a paragraph, as a browser shows it."""
        if text and text.strip():
            self._styled_run(self._para("Body Text", container), text.strip())

    # One method per block element of the vocabulary in docs/templates.md.

    def visit_header(self, el: ET.Element, container=None) -> None:
        self._blocks(el, container)

    visit_main = visit_header

    def visit_div(self, el: ET.Element, container=None) -> None:
        if "box" in _classes(el):
            self._box(el)
        elif "landscape" in _classes(el):  # a table wider than the portrait type area
            self._turn(landscape=True)
            self._blocks(el, container)
            self._turn(landscape=False)
        elif "foot" in _classes(el):  # at the foot of its page (版记)
            # a line to spare: a wrong guess must not push the 版记 onto another page
            slack = self.css["page"]["line_pitch"]
            self._spacer(self._page_height_pt() - self._estimated_height(el) - slack, container)
            self._blocks(el, container)
        else:
            self._blocks(el, container)

    def _turn(self, landscape: bool) -> None:
        """A new section on landscape (or again portrait) pages; footers and numbers run on.

        The portrait margins turn with the page: its top and bottom become the right and
        left, so the type area is 225 × 156 mm and the page number 7 mm below it.
        """
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        for restart in section._sectPr.findall(qn("w:pgNumType")):
            section._sectPr.remove(restart)  # cloned from the body's section: numbers run on
        page, margin = self.css["page"], self.css["page"]["margin"]
        self._landscape = landscape
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(page["height"]), Mm(page["width"])
            section.top_margin, section.bottom_margin = Mm(margin["left"]), Mm(margin["right"])
            section.left_margin, section.right_margin = Mm(margin["bottom"]), Mm(margin["top"])
            section.footer_distance = Mm(page["footer"] - margin["bottom"] + margin["right"])
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(page["width"]), Mm(page["height"])
            section.top_margin, section.bottom_margin = Mm(margin["top"]), Mm(margin["bottom"])
            section.left_margin, section.right_margin = Mm(margin["left"]), Mm(margin["right"])
            section.footer_distance = Mm(page["footer"])

    def _page_height_pt(self) -> float:
        page = self.css["page"]
        return (page["height"] - page["margin"]["top"] - page["margin"]["bottom"]) / 25.4 * 72

    def _estimated_height(self, el: ET.Element) -> float:
        """Height of el's paragraphs in pt, counting wrapped lines of full-width characters."""
        width = self._type_width()
        total = 0.0
        for p in el:
            spec = self.css["paragraph"].get(_CLASS_STYLES.get(_first(p), "Body Text"), {})
            size = spec.get("size", 16)
            usable = width - spec.get("left", 0) - spec.get("right", 0)
            per_line = max(1, int(usable / (size / 72 * 25.4)))
            lines = -(-len("".join(p.itertext()).strip()) // per_line)
            total += max(1, lines) * spec.get("line", 28.9) + 2  # and its rules
        return total

    def _spacer(self, height: float, container=None) -> None:
        """One empty paragraph of an exact height, which pushes what follows down."""
        if height <= 0:
            return
        fmt = self._para("Body Text", container).paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(min(height, 1584))

    def visit_section(self, el: ET.Element, container=None) -> None:
        if "record" in _classes(el):
            self._record_section()
        elif _classes(el) & {"appendix", "page-break"}:
            self._page_break()
        self.toc.enter(el.get("id"))
        self._blocks(el, container)

    def _record_section(self) -> None:
        """版记 on an even page of its own, without a page number (GB/T 9704-2012 7.5)."""
        section = self.doc.add_section(WD_SECTION.EVEN_PAGE)
        sect = section._sectPr
        for ref in sect.findall(qn("w:footerReference")):
            sect.remove(ref)
        section.footer.is_linked_to_previous = False
        section.even_page_footer.is_linked_to_previous = False

    def visit_nav(self, el: ET.Element, container=None) -> None:
        if "toc" in _classes(el):
            self._toc(el)
        else:
            self._blocks(el, container)

    def visit_h1(self, el: ET.Element, container=None) -> None:
        style = _CLASS_STYLES.get(_first(el), f"Heading {el.tag[1]}")
        self._inline(self._para(style, container), el)

    visit_h2 = visit_h3 = visit_h4 = visit_h1

    def visit_p(self, el: ET.Element, container=None) -> None:
        style = _CLASS_STYLES.get(_first(el), "Body Text")
        para = self._para(style, container)
        self._inline(para, el)
        spec = self.css["paragraph"].get(style, {})
        right = right_padding(el)
        if right is not None:  # computed from the text (a notice's 署名 and 成文日期)
            para.paragraph_format.right_indent = Pt(right * spec.get("size", 16))
        justified = spec.get("align", "justify") == "justify"
        if spec.get("grid") and justified and container is None and not self._landscape:
            mend(para._p, self._grid_metrics(style, spec), self._bold)

    def _grid_metrics(self, style: str, spec: dict[str, Any]) -> Metrics:
        """A grid style's lines as docx_lastline predicts them (Latin advances read once)."""
        if style not in self._metrics:
            if not self._latin:
                for bold, name in LATIN_FILES.items():
                    try:
                        self._latin[bold] = latin_widths(
                            pinned.font_bytes(name, self.resources.search)
                        )
                    except (FileNotFoundError, PlanError):
                        self._latin[bold] = {}  # not installed: Latin counted as half an em
            size = spec.get("size", 16)
            self._metrics[style] = Metrics(
                width=self._type_width() / 25.4 * 72,
                indent=size * spec.get("indent", 0),
                size=size,
                spacing=self.css["page"].get("grid_condense", 0.0),
                latin=self._latin,
            )
        return self._metrics[style]

    def _bold(self, run) -> bool:
        """Whether a run is set bold, by its own properties or its character style."""
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            return False
        b = rpr.find(qn("w:b"))
        if b is not None:
            return b.get(qn("w:val"), "true") not in ("0", "false")
        style = rpr.find(qn("w:rStyle"))
        bold = {
            self._style_id(n) for n, s in self.css.get("character", {}).items() if s.get("bold")
        }
        return style is not None and style.get(qn("w:val")) in bold

    def visit_table(self, el: ET.Element, container=None) -> None:
        self._table(el)

    def visit_figure(self, el: ET.Element, container=None) -> None:
        self._figure(el)

    visit_img = visit_figure

    def visit_ul(self, el: ET.Element, container=None) -> None:
        for item in el:
            self._inline(self._para("Body Text", container), item)

    visit_ol = visit_ul

    def _toc(self, nav: ET.Element) -> None:
        entries = []
        for p in nav.iter("p"):
            cls = _classes(p)
            text = "".join(p.itertext())
            if "toc-title" in cls:
                self._styled_run(self._para("TOC Heading"), text)
            elif "toc-entry" in cls:
                link = p.find("a")
                anchor = (link.get("href", "") if link is not None else "").lstrip("#")
                entries.append((2 if "level-2" in cls else 1, text, anchor))
        if not entries:
            return
        paras = [self._para(f"TOC {level}") for level, _text, _anchor in entries]
        self.toc.write(paras, entries)
        if not self.toc.filled:  # without the PDF's pages Word must fill in the numbers
            put(self.doc.settings.element, "updateFields", val="true")
        end_front_matter(self.doc)

    def _box(self, el: ET.Element) -> None:
        table = self.body.add_table(rows=1, cols=1)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self._borders(table, self.css["tables"]["box_border"])
        self._row_flag(table.rows[0], "cantSplit")  # a 专栏 whole on one page when it fits
        cell = table.rows[0].cells[0]
        cell.width = Mm(self._type_width())
        first = True
        for p in el:
            style = "Box Title" if "box-title" in _classes(p) else "Box Text"
            para = cell.paragraphs[0] if first else cell.add_paragraph()
            self._pstyle(para, style)
            first = False
            self._inline(para, p)
        self._para("Body Text")  # keeps the next box or heading off the border

    def _type_width(self) -> float:
        page = self.css["page"]
        if self._landscape:
            return page["height"] - page["margin"]["top"] - page["margin"]["bottom"]
        return page["width"] - page["margin"]["left"] - page["margin"]["right"]

    def _table(self, el: ET.Element) -> None:
        caption = el.find("caption")
        if caption is not None:
            self._inline(self._para("Caption"), caption)
        widths = self._column_widths(el)
        head_rows = list(el.find("thead") or [])
        small = len(widths) > self.css["tables"]["small_above_columns"]
        cut_groups(el, self.rows)
        body_rows = list(el.find("tbody") or [])
        grid = _grid(head_rows + body_rows, len(widths))
        table = self.body.add_table(rows=len(grid), cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        self._borders(table, self.css["tables"]["border"])
        self._padding(table)
        self._fixed_layout(table, widths)
        for r, (row, cells) in enumerate(zip(table.rows, grid, strict=True)):
            if r < len(head_rows):
                self._row_flag(row, "tblHeader")
            self._row_flag(row, "cantSplit")
            # a piece of a merged group stays on one page (docx_groups cut it to fit)
            held = r + 1 < len(grid) and any(role == "continue" for _c, role in grid[r + 1])
            for c, (cell, spec) in enumerate(zip(row.cells, cells, strict=True)):
                cell.width = Mm(widths[c])
                src, role = spec
                tcpr = cell._tc.get_or_add_tcPr()
                put(tcpr, "vAlign", val="center")
                if role == "continue":
                    put(tcpr, "vMerge")
                    self._pstyle(cell.paragraphs[0], "Table Text")
                    continue
                if role == "restart":
                    put(tcpr, "vMerge", val="restart")
                para = cell.paragraphs[0]
                cls = _classes(src) if src is not None else set()
                if src is not None and src.tag == "th":
                    self._pstyle(para, "Table Head")
                elif small:
                    self._pstyle(para, "Table Small")
                    if cls & {"name", "text"}:
                        para.alignment = WD_ALIGN_PARAGRAPH.LEFT
                elif cls & {"name", "text"}:
                    self._pstyle(para, "Table Left")
                else:
                    self._pstyle(para, "Table Text")
                if src is not None:
                    self._inline(para, src)
            if held:  # every cell's paragraph, the merged ones too (row.cells skips those)
                for para in row._tr.iter(qn("w:p")):
                    put(para.get_or_add_pPr(), "keepNext")

    def _column_widths(self, el: ET.Element) -> list[float]:
        """Widths in mm: print.css's, so cells wrap as in the PDF; else by the DOCX weights."""
        weights = self.css["tables"]["columns"]
        cols = [c.get("class", "") for c in el.iter("col")]
        if not cols:
            first = next(iter(el.iter("tr")), None)
            count = sum(int(c.get("colspan", 1)) for c in first) if first is not None else 1
            cols = [""] * count
        given = css_widths(el, self.stylesheet) if self.stylesheet is not None else []
        if given and None not in given:
            values = [float(w) for w in given if w is not None]
        else:
            values = [float(weights.get(c, 1.0)) for c in cols]
        total = sum(values)
        return [self._type_width() * v / total for v in values]

    def _fixed_layout(self, table, widths: list[float]) -> None:
        tblpr = table._tbl.tblPr
        put(tblpr, "tblLayout", type="fixed")
        put(tblpr, "tblW", w=str(round(sum(widths) / 25.4 * 1440)), type="dxa")
        for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
            col.set(qn("w:w"), str(round(w / 25.4 * 1440)))

    def _row_flag(self, row, tag: str) -> None:
        put(row._tr.get_or_add_trPr(), tag, val="true")

    def _padding(self, table) -> None:
        """Cell margins from the stylesheet (Word's default is 0 above and 1.9 mm aside)."""
        margins = put(table._tbl.tblPr, "tblCellMar")
        for side, pt in self.css["tables"]["padding"].items():
            m = OxmlElement(f"w:{side}")
            m.set(qn("w:w"), str(round(pt * 20)))
            m.set(qn("w:type"), "dxa")
            margins.append(m)

    def _borders(self, table, size: int) -> None:
        borders = put(table._tbl.tblPr, "tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            b = OxmlElement(f"w:{side}")
            b.set(qn("w:val"), "single")
            b.set(qn("w:sz"), str(size))
            b.set(qn("w:space"), "0")
            b.set(qn("w:color"), "000000")
            borders.append(b)

    def _figure(self, el: ET.Element) -> None:
        img = el if el.tag == "img" else el.find("img")
        if img is not None:
            try:
                data = self.resources.get(img.get("src", ""))
            except FetchRefused:
                data = None  # recorded in resources.refused; the build reports it
            if data is not None:
                para = self._para("Figure")
                para.add_run().add_picture(io.BytesIO(data), width=Mm(self._type_width() * 0.9))
        cap = el.find("figcaption")
        if cap is not None:
            self._inline(self._para("Caption"), cap)


def _classes(el: ET.Element) -> set[str]:
    """Class tokens: `box` matches class="box", never class="inbox"."""
    return set(el.get("class", "").split())


def _first(el: ET.Element) -> str:
    """The element's first class, which names its role (doc-title, caption, …)."""
    cls = el.get("class", "").split()
    return cls[0] if cls else ""


def _grid(rows: Iterable[ET.Element], width: int) -> list[list[tuple[ET.Element | None, str]]]:
    """Lay HTML rows with rowspan onto a full grid: (cell, 'single'|'restart'|'continue')."""
    rows = list(rows)
    grid: list[list[tuple[ET.Element | None, str] | None]] = [[None] * width for _ in rows]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            while c < width and grid[r][c] is not None:
                c += 1
            if c >= width:
                break
            span = max(1, int(cell.get("rowspan", 1)))
            grid[r][c] = (cell, "restart" if span > 1 else "single")
            for k in range(1, min(span, len(rows) - r)):
                grid[r + k][c] = (None, "continue")
            c += 1
    return [[slot or (None, "single") for slot in row] for row in grid]


CORE_LIMIT = 255  # python-docx refuses longer document properties; the text itself keeps all


def _core(value: str) -> str:
    """A document property (title, author) cut to the length Word's core properties take."""
    return value[:CORE_LIMIT]
