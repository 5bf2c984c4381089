"""The one inline style the writers read: `padding-right` in em on a paragraph.

Templates set it where a right indent is computed from the text (the 署名 and 成文日期
of a notice, compute/signing.py); WeasyPrint applies it as CSS, and the DOCX and
Typst writers read it here.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

_PADDING_RIGHT = re.compile(r"(?:^|;)\s*padding-right\s*:\s*([0-9]+(?:\.[0-9]+)?)em\s*(?:;|$)")


def right_padding(el: ET.Element) -> float | None:
    """The element's `style="padding-right: Nem"`, in em; None when it has none."""
    found = _PADDING_RIGHT.search(el.get("style", ""))
    return float(found.group(1)) if found else None
