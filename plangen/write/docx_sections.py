"""Front matter in a section of its own: no page number on the title and 目录 pages.

GB/T 9704 numbers the body; the PDF does the same with a named page (print.css).
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn

from plangen.write.ooxml import put


def end_front_matter(doc: DocxDocument) -> None:
    """Start the body on a new page in a new section that carries the page numbers from 1."""
    doc.add_section(WD_SECTION.NEW_PAGE)
    front, body = doc.sections[-2]._sectPr, doc.sections[-1]._sectPr
    # python-docx leaves the footers with the earlier section: move them to the body.
    for ref in front.findall(qn("w:footerReference")) + front.findall(qn("w:headerReference")):
        front.remove(ref)
        body.insert(0, ref)
    put(body, "pgNumType", start="1")
