"""Approval blocks ("«Бекітілген»", "БЕКІТЕМІН", "Утверждаю", "УТВЕРЖДЕН приказом…"): who approved the
plan and when."""
from __future__ import annotations

import datetime as dt
import re

from pipeline.dates import find_dates
from lang.text import one_line

KEYWORD = re.compile(r"^\W*(бекітілген|бекітемін|бекітілді|бекітем|бекiтемiн|утверждаю|утвержден[оа]?|утверждён|"
                     r"согласовано|келісілген|келісемін)\b\W*", re.IGNORECASE)


YEAR_WORD = re.compile(r"(?<!\w)(?:ж|жыл|г|года?)\.?(?!\w)", re.IGNORECASE)


def is_approval(line: str) -> bool:
    """The keyword opening a short line ("УТВЕРЖДАЮ", "Утверждено приказом"), not a sentence that starts
    with the same word ("Бекітілген жоспарға сәйкес жұмыс жүргізу")."""
    lines = line.strip().splitlines()
    text = one_line(lines[0]) if lines else ""  # a paragraph with manual breaks: its first line
    m = KEYWORD.match(text)
    if not m:
        return False
    return m.group(1).isupper() or len(text[m.end():].split()) <= 3


def parse_approval(lines: list[str]) -> tuple[str | None, dt.date | None]:
    """(approved_by, approved_on) from the lines of an approval block, keyword line first."""
    who, when = [], None
    for i, line in enumerate(lines):
        text = one_line(KEYWORD.sub("", line) if i == 0 else line).strip("«»\"' ")
        if not text:
            continue
        hits = find_dates(text)
        if hits and when is None:
            when = hits[0].date
            rest = text[: hits[0].start] + " " + text[hits[0].end:]
            text = YEAR_WORD.sub(" ", rest).strip(" .,«»\"")
            if len(text) < 4:
                continue
        text = re.sub(r"_{2,}", " ", text).strip()
        if text:
            who.append(" ".join(text.split()))
    return (" ".join(who) or None), when
