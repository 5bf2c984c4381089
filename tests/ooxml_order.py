"""Schema order of OOXML property elements: Word refuses files that break it."""

from __future__ import annotations

from docx.oxml.ns import qn

from plangen.write.ooxml import SEQUENCES, local


def out_of_order(root) -> list[str]:
    """Every property element whose children break the schema order (for tests)."""
    problems = []
    for tag, order in SEQUENCES.items():
        for el in root.iter(qn(tag)):
            ranks = [order.index(local(c.tag)) for c in el if local(c.tag) in order]
            if ranks != sorted(ranks):
                problems.append(f"{tag}: {[local(c.tag) for c in el]}")
    return problems
