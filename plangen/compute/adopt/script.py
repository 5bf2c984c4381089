"""Plans in traditional characters: classified in simplified form, written as they were.

The patterns of words.yaml are simplified. A traditional document is read through a
simplified copy (OpenCC, character for character), and every string of the result is
then taken back from the original text at the same place, so nothing is converted
that the author wrote.
"""

from __future__ import annotations

from typing import Any

from plangen.compute.adopt.text import compact, normalise
from plangen.load.adopt.document import Document, Para, Table
from plangen.script import is_traditional, to_simplified


def _texts(doc: Document) -> list[str]:
    out: list[str] = []
    for item in doc.items:
        if isinstance(item, Para):
            out.append(item.text)
        else:
            out += [cell for row in item.rows for cell in row]
    return out


class Restorer:
    """Simplified strings back to the original script, by where they occur."""

    def __init__(self) -> None:
        self.pairs: dict[str, str] = {}

    def add(self, original: str) -> str:
        """Remember an original text; its simplified form (same length) is returned."""
        simplified = to_simplified(original)
        if len(simplified) != len(original):  # not character for character: keep as is
            return original
        for form in (lambda s: s, normalise, compact, lambda s: normalise(compact(s))):
            a, b = form(simplified), form(original)
            if len(a) == len(b):
                self.pairs[a] = b
        return simplified

    def restore(self, text: str) -> str:
        if not text or to_simplified(text) != text:
            return text
        for simplified, original in self.pairs.items():
            at = simplified.find(text)
            if at >= 0:
                return original[at : at + len(text)]
        return text

    def apply(self, data: Any) -> Any:
        """Every string of plan data in the original script (ids and keys stay)."""
        if isinstance(data, str):
            return self.restore(data)
        if isinstance(data, list):
            return [self.apply(x) for x in data]
        if isinstance(data, dict):
            return {k: (v if k == "id" else self.apply(v)) for k, v in data.items()}
        return data


def simplified_copy(doc: Document) -> tuple[Document, Restorer] | None:
    """A simplified copy of a document written in traditional characters; None otherwise."""
    if not is_traditional(_texts(doc)):
        return None
    restorer = Restorer()
    copy = Document(doc.path, title_hint=restorer.add(doc.title_hint))
    for item in doc.items:
        if isinstance(item, Para):
            copy.items.append(Para(restorer.add(item.text), item.where))
        else:
            rows = [[restorer.add(cell) for cell in row] for row in item.rows]
            copy.items.append(Table(rows, item.where, item.caption))
    return copy, restorer
