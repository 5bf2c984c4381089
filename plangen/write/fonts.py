"""`plangen doctor`: which real font each role of print.css ends up using."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from plangen.lookup import find, search_path
from plangen.messages import _
from plangen.write.resources import Resources

# One probe document per role, using the same classes the templates use.
_PROBES = (
    '<h1 class="doc-title">标题规划</h1>',
    "<p>正文仿宋‰≥＜①</p>",
    "<h1>黑体</h1>",
    "<h2>楷体</h2>",
    '<table class="data"><tbody><tr><td class="name">表格文字</td></tr></tbody></table>',
)
_NO_PAGE_NUMBERS = (
    "@page :left { @bottom-left { content: none } } "
    "@page :right { @bottom-right { content: none } }"
)
ROLES = ("title (小标宋)", "body (仿宋)", "heading 1 (黑体)", "heading 2 (楷体)", "table")  # msgids
STANDARD = ("方正小标宋", "仿宋", "黑体", "楷体", "仿宋")
FREE = ("Fandol", "Noto", "AR PL", "UKai", "UMing")
INSTALL = (
    "install the free stand-ins: sudo apt-get install fonts-noto-cjk fonts-arphic-ukai "
    "fonts-arphic-uming texlive-lang-chinese, then run scripts/setup.sh once to register "
    "the Fandol fonts with fontconfig"
)  # msgid


def used_fonts(pdf: bytes) -> list[str]:
    """Base font names embedded in a PDF, subset prefixes removed."""
    from pypdf import PdfReader

    names: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {}) or {}
        names |= {
            str(f.get_object()["/BaseFont"]).lstrip("/").split("+")[-1] for f in fonts.values()
        }
    return sorted(names)


def diagnose(templates: Path | None = None) -> list[tuple[str, bool]]:
    """One line per role: the font used and whether it is a CJK face we know."""
    from plangen.write.pdf import write_pdf

    lines: list[tuple[str, bool]] = []
    if shutil.which("fc-list") is None:
        lines.append((_("fontconfig (fc-list) not found: ") + _(INSTALL), False))
    search = search_path(templates)
    css = find(search, "base/print.css")
    for role, probe, standard in zip(ROLES, _PROBES, STANDARD, strict=True):
        html = f"<html><head><style>{_NO_PAGE_NUMBERS}</style></head><body>{probe}</body></html>"
        pdf = write_pdf(html, css, Resources(Path.cwd(), search))
        fonts = used_fonts(pdf)
        cjk = [
            f
            for f in fonts
            if any(k in f for k in (*FREE, standard, "CJK", "Song", "Hei", "Kai", "Fang"))
        ]
        if cjk:
            kind = _("standard") if any(standard in f for f in cjk) else _("free stand-in")
            lines.append((f"{_(role)}: {', '.join(cjk)} ({kind})", True))
        else:
            lines.append(
                (
                    _(
                        "{role}: no CJK font found (got {fonts}); ",
                        role=_(role),
                        fonts=", ".join(fonts) or "-",
                    )
                    + _(INSTALL),
                    False,
                )
            )
    return lines
