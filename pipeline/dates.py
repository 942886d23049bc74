"""Calendar dates as letters write them, Kazakh and Russian: "16.02.2022", "2022 жылғы 9 ақпандағы",
"2022 жылғы 16-шы ақпандағы", "9 ақпан 2022 ж.", "9 февраля 2022 г.", "«09» февраля 2022 года".

Only whole dates (day, month, year) are found here; a bare month or a period belongs to pipeline.deadlines.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lang.months import LOOSE_MONTH, loose_month_number
from lang.numbers import full_year

_MONTH_RE = LOOSE_MONTH
_L = r"[^\W\d_]"  # one letter of any script
_ORDINAL = r"(?:\s?-?\s?(?:ші|шы|сі|сы|і|ы))?"  # "16-шы", "9-ы"

_NUMERIC = re.compile(r"(?<![\d./])«?(\d{1,2})»?\s?[./]\s?(\d{1,2})\s?[./]\s?(\d{4}|\d{2})(?![\d])")
_ISO = re.compile(r"(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?!\d)")
# "2022 жылғы 9 ақпандағы", "2022 ж. «16» ақпан", "2022 жылдың 16-шы ақпанындағы"
_KK_YEAR_FIRST = re.compile(
    rf"(?<!\d)(\d{{4}})\s*(?:ж(?:ылғы|ылдың|ыл)?\.?)\s*«?(\d{{1,2}})»?{_ORDINAL}\s+({_MONTH_RE}){_L}*",
    re.IGNORECASE,
)
# "9 ақпан 2022 ж.", "9 февраля 2022 г.", "«09» февраля 2022 года"
_DAY_FIRST = re.compile(
    rf"(?<!\d)«?(\d{{1,2}})»?{_ORDINAL}\s+({_MONTH_RE}){_L}*\s*(\d{{4}})"
    r"(?:\s*(?:ж(?:ыл|ылғы)?|г(?:ода|од)?)\b\.?)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateHit:
    date: dt.date
    start: int
    end: int


def _month_number(word: str) -> int | None:
    return loose_month_number(word)


def _year(text: str) -> int:
    return full_year(text) or 0


def _make(year: int, month: int | None, day: int) -> dt.date | None:
    if month is None or not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateHit]:
    """Every whole date in `text`, in reading order, with its span (overlaps resolved leftmost-longest)."""
    hits: list[DateHit] = []
    for m in _NUMERIC.finditer(text):
        d = _make(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            hits.append(DateHit(d, m.start(), m.end()))
    for m in _ISO.finditer(text):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            hits.append(DateHit(d, m.start(), m.end()))
    for m in _KK_YEAR_FIRST.finditer(text):
        d = _make(int(m.group(1)), _month_number(m.group(3)), int(m.group(2)))
        if d:
            hits.append(DateHit(d, m.start(), m.end()))
    for m in _DAY_FIRST.finditer(text):
        d = _make(int(m.group(3)), _month_number(m.group(2)), int(m.group(1)))
        if d:
            hits.append(DateHit(d, m.start(), m.end()))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[DateHit] = []
    for h in hits:
        if not kept or h.start >= kept[-1].end:
            kept.append(h)
    return kept


def parse_date(text: str) -> dt.date | None:
    """The first whole date in `text`, or None."""
    hits = find_dates(text)
    return hits[0].date if hits else None
