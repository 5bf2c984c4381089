"""What plangen says to users, in their language.

Messages are written in English in the code and translated in gettext catalogs
(plangen/locale/<lang>/LC_MESSAGES/plangen.po, read with Babel). The language
comes from PLANGEN_LANG, else the usual locale variables: zh_CN.UTF-8 gives Chinese.
"""

from __future__ import annotations

import errno
import os
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
    from babel.messages.pofile import read_po  # not imported by a run in English

    with path.open("rb") as fh:
        return {m.id: m.string for m in read_po(fh) if m.id and m.string}


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
