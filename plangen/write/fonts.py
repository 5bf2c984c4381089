"""`plangen doctor`: the pinned font files, which face each role of print.css ends up
using, and which face LibreOffice gives the 公文 font names a DOCX asks for."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from plangen.lookup import find, search_path
from plangen.messages import _
from plangen.render import pinned
from plangen.write.resources import Resources
from plangen.write.stylesheet import load_docx_styles

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
    lines += pinned_files(search)
    if any(not good for _line, good in lines):
        return lines  # the probes below would stop at the same missing files
    css = find(search, "base/print.css")
    for role, probe, standard in zip(ROLES, _PROBES, STANDARD, strict=True):
        html = f"<html><head><style>{_NO_PAGE_NUMBERS}</style></head><body>{probe}</body></html>"
        pdf = write_pdf(html, css, Resources(Path.cwd(), search))
        fonts = used_fonts(pdf)
        cjk = [
            f
            for f in fonts
            if any(k in f for k in (*FREE, standard, "CJK", "Song", "Hei", "Kai", "Fang", "Pinned"))
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


def pinned_files(search: list[Path]) -> list[tuple[str, bool]]:
    """One line per font file print.css pins: where it is, or which package installs it."""
    spec = pinned.table(search)
    lines = []
    for name, package in spec["files"].items():
        path = pinned.locate(name, spec)
        if path is not None:
            lines.append((_("pinned {file}: {path}", file=name, path=str(path)), True))
        else:
            hint = _("install it: sudo apt-get install {package}", package=package)
            lines.append((_("pinned {file}: not installed; ", file=name, path="") + hint, False))
    return lines


def office_mapping(templates: Path | None = None) -> list[tuple[str, bool]]:
    """What fontconfig (so LibreOffice on Linux) gives each font name the DOCX styles use."""
    if shutil.which("fc-match") is None:
        return []
    styles = load_docx_styles(search_path(templates))
    names = {n for role in styles["fonts"].values() for n in role}
    for fonts in styles.get("fonts_by_language", {}).values():
        names |= {n for role in fonts.values() for n in role}
    lines = []
    for name in sorted(names):
        family, _tab, style = subprocess.run(
            ["fc-match", "-f", "%{family[0]}\t%{style[0]}", name],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.partition("\t")
        good = name == family or any(k in family for k in FREE) or "Liberation" in family
        face = f"{family} {style}".strip() or "-"  # the style: 方正小标宋 needs the bold Song
        text = _("DOCX {name} → {face} in LibreOffice", name=name, face=face)
        lines.append((text if good else text + "; " + _(ALIASES), good))
    return lines


ALIASES = "run scripts/setup.sh, which installs the fonts and fontconfig aliases to them"  # msgid
