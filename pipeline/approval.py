"""Approval blocks ("«Бекітілген»", "БЕКІТЕМІН", "Утверждаю", "УТВЕРЖДЕН приказом…"): who approved the
plan and when."""
from __future__ import annotations

import datetime as dt
import re

from pipeline.text import one_line

KEYWORD = re.compile(r"^\W*(бекітілген|бекітемін|бекітілді|бекітем|бекiтемiн|утверждаю|утвержден[оа]?|утверждён|"
                     r"согласовано|келісілген|келісемін)\b\W*", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{2}|\d{4})(?!\d)")


def is_approval(line: str) -> bool:
    return bool(KEYWORD.match(one_line(line)))


def parse_date(line: str) -> dt.date | None:
    """A date written as digits ("15.08.2023 ж.", "«15» 08. 2023") or in words, via the deadline grammar."""
    m = NUMERIC_DATE.search(line)
    if m:
        day, month, year = (int(g) for g in m.groups())
        year += 2000 if year < 100 else 0
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    try:
        from pipeline.deadlines import normalize_deadline
    except ImportError:
        return None
    found = [d for d in normalize_deadline(line) if d.kind == "date" and d.end]
    return found[0].end if found else None


def parse_approval(lines: list[str]) -> tuple[str | None, dt.date | None]:
    """(approved_by, approved_on) from the lines of an approval block, keyword line first."""
    who, when = [], None
    for i, line in enumerate(lines):
        text = one_line(KEYWORD.sub("", line) if i == 0 else line).strip("«»\"' ")
        if not text:
            continue
        date = parse_date(text)
        if date and when is None:
            when = date
            text = NUMERIC_DATE.sub("", text).strip(" .,«»\"")
            if len(text) < 4:
                continue
        text = re.sub(r"_{2,}", " ", text).strip()
        if text:
            who.append(" ".join(text.split()))
    return (" ".join(who) or None), when
