"""Working days of Kazakhstan and Russia, and shifting a date by an offset in any unit.

Holidays and transferred days off (переносы: a weekday off and the Saturday or Sunday worked for it) come
from the `holidays` package: its Kazakhstan calendar lists the transfers of the government's yearly
decrees (adilet.zan.kz) and its Russia calendar those of the government's yearly decrees, with the weekend
days worked in `weekend_workdays`. Each country's calendar is built once per process and grows by the
years asked for.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Optional

from pipeline.deadlines.dates import add_months_keep_day

COUNTRIES = ("KZ", "RU")
DEFAULT_COUNTRY = "KZ"  # the letters jospar reads come from Kazakhstan's education system

# What marks a Russian (Russian Federation) school or body, and a Kazakhstan one, in a letterhead or heading.
_RU_MARKS = re.compile(
    r"российск\w*\s+федерац|(?<!\w)рф(?!\w)|(?<!\w)(?:мбоу|мкоу|маоу|мбдоу|мадоу|мкдоу|гбоу|гбпоу|гаоу|моу|мдоу|сош\s+№)"
    r"|муниципальн\w*\s+(?:бюджетн|казенн|автономн)|(?<!\w)(?:края|краевого|округа)(?!\w)|огрн|(?<!\w)инн(?!\w)"
    r"|башкортостан|татарстан|приморск\w*\s+кра",
    re.IGNORECASE,
)
_KZ_MARKS = re.compile(
    r"қазақстан|казахстан|(?<!\w)(?:рк|қр)(?!\w)|облыс|әкімдігі|акимат|(?<!\w)(?:гу|кгу|ммм|кмм|мкқк|гккп)(?!\w)"
    r"|(?<!\w)(?:бин|бсн|иик|жск)(?!\w)",
    re.IGNORECASE,
)


def country_of(texts: list[str], language: Optional[str] = None) -> str:
    """'KZ' or 'RU' for a document, from its letterhead, headings and language: Kazakh text is Kazakhstan;
    Russian text is Russia only when a Russian Federation mark (МБОУ, "края", "Российской Федерации", ОГРН)
    outweighs Kazakhstan ones (Russian is an official language in Kazakhstan)."""
    if language == "kk":
        return "KZ"
    joined = "\n".join(t for t in texts if t)
    ru, kz = len(_RU_MARKS.findall(joined)), len(_KZ_MARKS.findall(joined))
    return "RU" if ru > kz else DEFAULT_COUNTRY


@lru_cache(maxsize=None)
def _calendar(country: str):
    import holidays  # imported on first use: most deadline cells never count working days

    return holidays.country_holidays(country)


def is_working_day(day: dt.date, country: str = DEFAULT_COUNTRY) -> bool:
    cal = _calendar(country if country in COUNTRIES else DEFAULT_COUNTRY)
    if day in cal:  # also loads the year (its holidays and its worked weekend days)
        return False
    if day in getattr(cal, "weekend_workdays", ()):
        return True
    return day.weekday() < 5


def add_working_days(day: dt.date, count: int, country: str = DEFAULT_COUNTRY) -> dt.date:
    """The `count`-th working day after `day` (before it when count < 0); `day` itself is not counted."""
    step = 1 if count >= 0 else -1
    left = abs(count)
    while left:
        day += dt.timedelta(days=step)
        if is_working_day(day, country):
            left -= 1
    return day


def shift(day: dt.date, offset: int, unit: str, direction: str, country: str = DEFAULT_COUNTRY) -> Optional[dt.date]:
    """`day` moved `offset` units forward (direction "after") or back ("before")."""
    sign = -1 if direction == "before" else 1
    try:
        if unit == "working_days":
            return add_working_days(day, sign * offset, country)
        if unit == "weeks":
            return day + dt.timedelta(weeks=sign * offset)
        if unit == "months":
            return add_months_keep_day(day, sign * offset)
        return day + dt.timedelta(days=sign * offset)
    except (OverflowError, ValueError):
        return None
