"""What plangen says to users, in their language.

Messages are written in English in the code and translated in gettext catalogs
(plangen/locale/<lang>/LC_MESSAGES/plangen.po, read with Babel). The language
comes from PLANGEN_LANG, else the usual locale variables: zh_CN.UTF-8 gives Chinese.
"""

from __future__ import annotations

import errno
import os
import re
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def language() -> str:
    """zh_CN or en, from PLANGEN_LANG, LC_ALL, LC_MESSAGES or LANG (first one set)."""
    for var in ("PLANGEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "").strip()
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


@lru_cache(maxsize=4)
def catalog(lang: str) -> dict[str, str]:
    """msgid → translation for a language; empty when there is no catalog."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "plangen.po"
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    if "msgid_plural" in text or "msgctxt" in text:  # beyond read_po_entries: Babel's reader
        from babel.messages.pofile import read_po

        with path.open("rb") as fh:
            return {m.id: m.string for m in read_po(fh) if m.id and m.string}
    return read_po_entries(text)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r"\\(.)")


def read_po_entries(text: str) -> dict[str, str]:
    """msgid → msgstr of a .po file without plurals or contexts, as Babel's read_po gives
    them: every validate in Chinese reads the catalog, and importing Babel and parsing
    with it took 0.05 s, a third of the start-up goal (tests/test_messages.py compares)."""
    found: dict[str, str] = {}
    entry: dict[str, list[str]] = {}
    key = ""

    def close() -> None:
        msgid, msgstr = "".join(entry.get("msgid", [])), "".join(entry.get("msgstr", []))
        if msgid and msgstr:
            found[msgid] = msgstr
        entry.clear()

    for line in text.splitlines():
        line = line.strip()
        if line.startswith(("msgid ", "msgstr ")):
            key, _sep, line = line.partition(" ")
            if key == "msgid":
                close()
        elif not line.startswith('"'):
            if line and not line.startswith("#"):
                raise ValueError(f"unexpected line in a .po file: {line[:40]}")
            continue
        piece = line[1:-1] if len(line) >= 2 and line.endswith('"') else line[1:]
        entry.setdefault(key, []).append(_ESCAPE.sub(lambda m: _ESCAPES.get(m[1], m[1]), piece))
    close()
    return found


def _(message: str, /, **values: object) -> str:
    """Translate message and fill its {named} fields."""
    lang = language()
    text = catalog(lang).get(message, message) if lang != "en" else message
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, count: int, /) -> str:
    """The plural-aware form for click's messages; Chinese has one form, English two."""
    return _(singular if count == 1 else plural)


def os_reason(exc: OSError) -> str:
    """The operating system's reason in the user's language (strerror is always English)."""
    words = {
        errno.ENOENT: _("no such file or folder"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.EISDIR: _("it is a folder, not a file"),
        errno.ENOTDIR: _("a part of the path is a file, not a folder"),
        errno.ENAMETOOLONG: _("the name is too long"),
        errno.ELOOP: _("too many symbolic links"),
    }
    return words.get(exc.errno, exc.strerror or str(exc))
