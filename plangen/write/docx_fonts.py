"""The DOCX's font declarations: word/fontTable.xml and settings' themeFontLang.

python-docx's template declares Japanese fonts (ＭＳ 明朝, themeFontLang ja-JP);
Word, WPS and LibreOffice then substitute the 公文 faces the styles name with a
Japanese fallback. Here the table lists exactly the fonts the styles use, with
the alternate names, panose and charset from docx-styles.yaml's font_table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import quoteattr

from docx.document import Document as DocxDocument

from plangen.write.ooxml import put

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DEFAULT = {"charset": "00", "family": "auto", "pitch": "variable"}


def declare_fonts(
    doc: DocxDocument, names: Iterable[str], table: dict[str, Any], lang: str
) -> None:
    """Replace the template's font table with names, and set the East Asian theme language."""
    part = next(p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    part._blob = font_table_xml(names, table)
    put(doc.settings.element, "themeFontLang", val="en-US", eastAsia=lang)


def font_table_xml(names: Iterable[str], table: dict[str, Any]) -> bytes:
    """w:fonts with one w:font per distinct name, in the order first used."""
    rows = []
    for name in dict.fromkeys(names):
        spec = {**_DEFAULT, **table.get(name, {})}
        children = []
        if spec.get("alt"):
            children.append(f"<w:altName w:val={quoteattr(str(spec['alt']))}/>")
        if spec.get("panose"):
            children.append(f'<w:panose1 w:val="{spec["panose"]}"/>')
        children.append(f'<w:charset w:val="{spec["charset"]}"/>')
        children.append(f'<w:family w:val="{spec["family"]}"/>')
        children.append(f'<w:pitch w:val="{spec["pitch"]}"/>')
        rows.append(f"<w:font w:name={quoteattr(name)}>{''.join(children)}</w:font>")
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{_W}">{"".join(rows)}</w:fonts>'
    )
    return xml.encode("utf-8")
