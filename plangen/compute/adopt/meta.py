"""The document's details (title, issuer, date, 文号, period) from the lines before
chapter 一 and the signature after the last one."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from plangen.compute.adopt.result import Note
from plangen.compute.adopt.text import normalise
from plangen.load.adopt.document import Para, words
from plangen.messages import _


@dataclass
class Front:
    """What the leading lines gave: meta values found, the preamble, notes."""

    meta: dict[str, Any] = field(default_factory=dict)
    preamble: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def _date(m: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _title_line(text: str) -> bool:
    w = words()["meta"]
    return len(text) <= 60 and "。" not in text and bool(re.search(w["title_words"], text))


def read_front(paras: list[Para], title_hint: str = "") -> Front:
    """Meta and preamble from the paragraphs before the first chapter."""
    w = words()["meta"]
    front = Front()
    found = front.meta
    texts = [normalise(p.text) for p in paras]
    used = [False] * len(paras)
    for i, text in enumerate(texts):
        if m := re.search(w["issuer"], paras[i].text):
            found.setdefault("issuer", m.group(1))
        if (m := re.search(w["date"], paras[i].text)) and (d := _date(m)):
            found.setdefault("date", d)
        if re.search(w["chrome"], paras[i].text):
            used[i] = True
            front.notes.append(
                Note(paras[i].where, "unplaced", _("page text left out: {text}", text=text[:40]))
            )
    for i, text in enumerate(texts):
        if used[i]:
            continue
        if m := re.fullmatch(w["title_quoted"], text):
            used[i] = True
            if "title" in found:
                continue
            found["title"] = m.group(1)
            status = m.group(2).strip()
            if status:
                found["status"] = status
            continue
        if "title" not in found and _title_line(text):
            used[i] = True
            title = text
            if i > 0 and not used[i - 1] and len(texts[i - 1]) <= 20 and "。" not in texts[i - 1]:
                title = texts[i - 1] + title  # a title set on two lines
                used[i - 1] = True
            ends = re.search(f"({w['title_words']})([（(][^（）()]*[）)])?$", title)
            nxt = texts[i + 1] if i + 1 < len(texts) else ""
            issuer_like = re.search(w["issuer_ends"], nxt) or re.fullmatch(w["signature_date"], nxt)
            if not ends and nxt and len(nxt) <= 30 and "。" not in nxt and not issuer_like:
                title += nxt
                used[i + 1] = True
            found["title"] = title.strip("《》")
            continue
        if text.strip("（）()") in w["status_words"]:
            used[i] = True
            found.setdefault("status", text.strip("（）()"))
            continue
        if found.get("title") and text.strip("《》") == found["title"]:
            used[i] = True
            continue
        if re.fullmatch(w["doc_number"], text):
            used[i] = True
            found["doc_number"] = text
            continue
        if (m := re.fullmatch(w["signature_date"], text)) and (d := _date(m)):
            used[i] = True
            found.setdefault("date", d)
            continue
        if len(text) <= 25 and re.search(w["issuer_ends"], text) and "title" in found:
            used[i] = True
            found.setdefault("issuer", text)
            continue
    for i, text in enumerate(texts):
        if used[i]:
            continue
        if "。" in text or len(text) > 30:
            front.preamble.append(text)
        else:
            front.notes.append(
                Note(
                    paras[i].where,
                    "unplaced",
                    _("line before chapter 一 left out: {text}", text=text),
                )
            )
    if "title" not in found and title_hint:
        found["title"] = title_hint
    return front


def read_signature(paras: list[Para]) -> tuple[dict[str, Any], int]:
    """Issuer and date from the last lines (莱山区卫生健康局 / 2022年6月13日), and how many
    of the last paragraphs they take."""
    w = words()["meta"]
    found: dict[str, Any] = {}
    used = 0
    tail = [normalise(p.text) for p in paras[-3:]]
    for text in reversed(tail):
        if (
            (m := re.fullmatch(w["signature_date"], text))
            and (d := _date(m))
            and "date" not in found
        ):
            found["date"] = d
        elif len(text) <= 25 and re.search(w["issuer_ends"], text) and "issuer" not in found:
            found["issuer"] = text
        elif re.fullmatch(w["doc_number"], text):
            found["doc_number"] = text
        else:
            break
        used += 1
    return found, used


def complete_meta(found: dict[str, Any], where: str) -> tuple[dict[str, Any], list[Note]]:
    """A meta block that validates: values found, and guesses for the rest, each noted."""
    w = words()["meta"]
    notes: list[Note] = []

    def guess(key: str, value: Any, why: str) -> None:
        meta[key] = value
        notes.append(Note(where, "guess", why))

    meta: dict[str, Any] = {}
    title = found.get("title") or ""
    m = re.match(w["region"], title)
    if m:
        meta["region"] = m.group(1)
        meta["level"] = m.group(1)[-1]
    else:
        guess("region", "REGION", _("no region in the title; wrote REGION: change it"))
        meta["level"] = "区"
    if title:
        meta["title"] = title
    else:
        guess("title", "TITLE", _("no title found; wrote TITLE: change it"))
    if "issuer" in found:
        meta["issuer"] = found["issuer"]
    else:
        issuer = w["issuer_fallback"].format(region=meta["region"])
        guess("issuer", issuer, _("no issuer found; wrote {issuer}: check it", issuer=issuer))
    period = None
    for word, start in w["five_year"].items():
        if word in title:
            period = (start, start + 4)
    if (p := re.search(w["period"], title)) is not None:
        period = (int(p.group(1)), int(p.group(2)))
    if period is None:
        year = found["date"].year if "date" in found else dt.date.today().year
        period = (year, year + 4)
        notes.append(
            Note(
                where, "guess", _("no period in the title; wrote {a}-{b}", a=period[0], b=period[1])
            )
        )
    meta["period"] = f"{period[0]}-{period[1]}"
    if "date" in found:
        meta["date"] = found["date"]
    else:
        date = dt.date(period[0], 1, 1)
        why = _("no date found; wrote {date}: put the document's date", date=date.isoformat())
        guess("date", date, why)
    for key in ("doc_number", "status"):
        if found.get(key):
            meta[key] = found[key]
    return meta, notes
