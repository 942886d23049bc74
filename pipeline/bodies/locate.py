"""Where a body's name, as normalised, stands in the raw responsible cell (Body.span)."""
from __future__ import annotations

from typing import Optional

from schemas import Span

# What the splitter drops between the letters of a name: spacing, soft hyphens and the hyphen of a word
# wrapped over a line ("департа-\nменті" is "департаменті").
_SOFT = "\u00ad\u200b\u200c\u200d\ufeff"


def _squeezed(raw: str) -> tuple[str, list[int]]:
    """The raw text with every run of spaces as one space, soft marks and wrap hyphens out, and the raw
    index of each kept character."""
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch in _SOFT:
            i += 1
            continue
        if ch == "-" and i + 1 < n and raw[i + 1] in "\r\n":
            j = i + 1
            while j < n and raw[j].isspace():
                j += 1
            if j < n and raw[j].islower():  # a wrapped word, not a dash before a new line
                i = j
                continue
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            i += 1
            continue
        out.append(ch)
        where.append(i)
        i += 1
    return "".join(out), where


def locate(raw: str, name: str, start: int = 0) -> Optional[Span]:
    """The span of `name` in `raw` at or after `start` (else anywhere), or None when it is not there."""
    if not name.strip():
        return None
    at = raw.find(name, start)
    if at < 0:
        at = raw.find(name)
    if at >= 0:
        return Span(start=at, end=at + len(name))
    text, where = _squeezed(raw)
    key = " ".join(name.split())
    begin = next((k for k, w in enumerate(where) if w >= start), 0)
    at = text.find(key, begin)
    if at < 0:
        at = text.find(key)
    if at < 0:
        at = text.lower().find(key.lower())
    if at < 0:
        return None
    return Span(start=where[at], end=where[at + len(key) - 1] + 1)
