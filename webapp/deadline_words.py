"""Deadlines and dates in words for the pages, in the visitor's language.

Kazakh and Russian come from the pipeline's renderer (pipeline/deadlines/words.py), stored with every
deadline as `deadline_words_kk` / `deadline_words_ru`; dates and months from lang/months.py, the one home
of month names and their case forms. English, which only the interface needs, is put together here from
the record's fields.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from lang.months import KK_MONTHS, RU_GENITIVE, RU_MONTHS, kk_dative
from pipeline.deadlines.words import words as pipeline_words
from schemas import Deadline

EN_FREQ = {"yearly": "every year", "quarterly": "every quarter", "monthly": "every month", "weekly": "every week",
           "daily": "every day"}


def date_words(day: dt.date | None, lang: str, by: bool = False) -> str:
    """2023 жылғы 15 наурызға дейін / до 15 марта 2023 г. / by 15 March 2023."""
    if day is None:
        return ""
    if lang == "kk":
        month = KK_MONTHS[day.month - 1]
        return f"{day.year} жылғы {day.day} " + (f"{kk_dative(month)} дейін" if by else month)
    if lang == "ru":
        return ("до " if by else "") + f"{day.day} {RU_GENITIVE[day.month]} {day.year} г."
    return ("by " if by else "") + f"{day.day} {calendar.month_name[day.month]} {day.year}"


def month_words(year: int, month: int, lang: str) -> str:
    if lang == "kk":
        return f"{year} жылғы {KK_MONTHS[month - 1]}"
    if lang == "ru":
        return f"{RU_MONTHS[month - 1]} {year} г."
    return f"{calendar.month_name[month]} {year}"


def _record(deadline: Any) -> Deadline:
    if isinstance(deadline, Deadline):
        return deadline
    return Deadline.model_validate({k: v for k, v in dict(deadline).items() if k in Deadline.model_fields})


def deadline_words(deadline: Any, lang: str) -> str:
    """One deadline (a Deadline record or a deadlines row) in words in `lang` (kk, ru, en)."""
    d = _record(deadline)
    if lang in ("kk", "ru"):
        return getattr(d, f"deadline_words_{lang}") or pipeline_words(d, lang)
    return _english(d)


def _english(d: Deadline) -> str:
    if d.kind == "recurring":
        rule = dict(p.split("=", 1) for p in (d.rrule or "").split(";") if "=" in p)
        day, month = rule.get("BYMONTHDAY", ""), rule.get("BYMONTH", "")
        when = (f"{day} {calendar.month_name[int(month)]}" if day.isdigit() and month.isdigit() and "," not in month
                else f"day {day}" if day.isdigit() else "")
        head = EN_FREQ.get(d.freq or "", d.freq or "")
        times = f"{d.times_per_period} times" if d.times_per_period and not d.rrule else ""
        tail = f"{'by' if d.by else 'on'} {when}" if when else ""
        return ", ".join(x for x in (f"{head} {times}".strip(), tail) if x) or d.raw
    if d.kind == "continuous":
        return "continuously"
    if d.start and d.end and d.start != d.end:
        return f"{date_words(d.start, 'en')} – {date_words(d.end, 'en')}"
    if d.end or d.start:
        return date_words(d.end or d.start, "en", d.by and bool(d.end))
    return d.event or d.raw
