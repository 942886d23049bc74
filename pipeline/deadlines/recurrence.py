"""Recurring deadlines: how often (freq, times per period) and, where the text makes it exact, an RRULE.

"жыл сайын 15 наурызға дейін" -> FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15; "тоқсаннан кейінгі айдың 1-күніне" and
"до 5 числа месяца, следующего за отчётным кварталом" -> FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=N;
"әр апта сайын бейсенбіде" / "по четвергам" -> FREQ=WEEKLY;BYDAY=TH. "жылына 4 рет" has no exact rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.deadlines.grammar import find_atoms
from pipeline.deadlines.lexicon import (
    ADVERB_TIMES, BYDAY_ORDER, CARDINAL, L, WEEKDAY_WORD, cardinal_value, weekday_code,
)

_B = rf"(?<!{L})"
_UNIT_KK = r"(?P<unit>жарты\s*жыл(?:дық)?|жыл|тоқсан|ай|апта|күн|семестр)"
_UNIT_RU = r"(?P<unit>полгода|полугоди|год|квартал|месяц|недел|день|дня|четверт|семестр)"

# Each pattern names the unit a recurrence counts in. A reporting period ("отчетным кварталом",
# "тоқсаннан кейінгі") decides first; otherwise the earliest match in the text.
REPORTING_PATTERNS = [
    re.compile(rf"{_B}отчетн{L}*\s+{_UNIT_RU}"),
    re.compile(rf"{_B}(?:есепті\s+)?{_UNIT_KK}(?:нан|дан|тан|нен|ден|тен|тің|тың|дың|дің|ның|нің)\s+кейінгі"),
]
UNIT_PATTERNS = [
    re.compile(rf"{_B}{_UNIT_KK}\s+сайын"),
    re.compile(rf"{_B}әр\s+{_UNIT_KK}"),
    re.compile(rf"{_B}{_UNIT_KK}(?:ына|іне|сына|сіне|на|не|да|де|та|те|ында|інде)\s+(?:\S+\s+){{0,2}}?(?:рет|мәрте)"),
    re.compile(rf"{_B}(?:раз{L}*|дважды|трижды|единожды|однажды)\s+(?:в|за)\s+{_UNIT_RU}"),
    re.compile(rf"{_B}кажд{L}*\s+{_UNIT_RU}"),
    re.compile(rf"{_B}(?P<ru>ежегодн|ежекварт|поквартальн|ежемесячн|помесячн|еженедельн|ежедневн|күнделікті){L}*"),
]
# "до 5 числа месяца, следующего за отчётным" with no reporting unit named: the month is the period.
FOLLOWING_PATTERN = re.compile(rf"{_B}{_UNIT_RU}{L}*,?\s+следующ{L}*\s+за\s+отчетн")
FREQ_OF_UNIT = {
    "жыл": "yearly", "год": "yearly", "тоқсан": "quarterly", "квартал": "quarterly", "четверт": "quarterly",
    "ай": "monthly", "месяц": "monthly", "апта": "weekly", "недел": "weekly", "күн": "daily", "день": "daily",
    "дня": "daily", "ежегодн": "yearly", "ежекварт": "quarterly", "поквартальн": "quarterly",
    "ежемесячн": "monthly", "помесячн": "monthly", "еженедельн": "weekly", "ежедневн": "daily",
    "күнделікті": "daily",
}
HALF_UNITS = ("жарты", "полгода", "полугоди", "семестр")  # twice a year
# Weekdays said as a habit: "по четвергам", "каждый четверг", "әр бейсенбі", "бейсенбі сайын/күндері".
WEEKLY_HABIT = re.compile(
    rf"{_B}(?:по\s+(?:понедельник|вторник|сред|четверг|пятниц|суббот|воскресень){L}*ам"
    rf"|кажд{L}*\s+(?:понедельник|вторник|сред|четверг|пятниц|суббот|воскресень)"
    rf"|әр\s+(?:дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі)"
    rf"|(?:дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі)\s+(?:сайын|күндері))"
)
COUNT = re.compile(rf"{CARDINAL}\s*-?\s*(?:рет|мәрте|раз){L}*")
ADVERB = re.compile(rf"{_B}(?P<adv>{'|'.join(ADVERB_TIMES)}){L}*")
BARE_ONCE = re.compile(rf"{_B}раз\s+в\s")
WEEKDAY = re.compile(WEEKDAY_WORD)
# A day of the month after the reporting period: "кейінгі айдың 1-күніне", "5 числа месяца, следующего за".
RELATIVE_KK = re.compile(rf"кейінгі\s+(?:айдың|айының)\s+(?P<d>\d{{1,2}})(?P<dat>\s*-?\s*(?:күніне|жұлдызына|ына|іне|сына|сіне|на|не))?")
RELATIVE_RU = re.compile(rf"(?P<d>\d{{1,2}})(?:\s*-?\s*го)?\s+числ{L}*\s+(?:месяца,?\s+)?следующ")
MONTH_DAY = re.compile(rf"(?:айдың\s+(?P<kk>\d{{1,2}})|(?P<ru>\d{{1,2}})(?:\s*-?\s*го)?\s+числ{L}*"
                       rf"|(?P<kd>\d{{1,2}})\s*-?\s*(?:не|на|іне|ына|сіне|сына|күніне|жұлдызына)\s+(?:дейін|шейін))")
LAST_DAY = re.compile(rf"{_B}(?:соңғы\s+күн{L}*|последн{L}*\s+(?:день|числ{L}*)(?!\s+рабоч))")
LIMIT = re.compile(rf"{_B}(?:дейін|шейін|кешіктірмей{L}*|до|не\s+позднее|не\s+позже|к)(?!{L})")

@dataclass
class Recurrence:
    freq: Optional[str]
    times: Optional[int]
    rrule: Optional[str]
    by: bool


# Words without which no recurrence pattern can match: tried first, in one pass.
HINT = re.compile(r"сайын|әр\s|ежег|ежекв|ежемес|еженед|ежедн|кажд|рет|мәрте|раз|дважды|трижды|единожды|однажды"
                  r"|отчетн|кейінгі|следующ|поквартал|помесяч|күнделікті|күндері|по\s+\S+ам(?!\S)")


def looks_recurring(prepared: str, lo: int, hi: int) -> bool:
    if not HINT.search(prepared, lo, hi):
        return False
    text = prepared[lo:hi]
    return _unit(text) is not None or bool(WEEKLY_HABIT.search(text))


def read_recurrence(prepared: str, lo: int, hi: int) -> Optional[Recurrence]:
    """The recurrence written in prepared[lo:hi], or None when no unit of time is named."""
    text = prepared[lo:hi]
    unit = _unit(text)
    weekdays = _weekdays(text)
    if unit is None and WEEKLY_HABIT.search(text):
        unit = "недел"
    if unit is None:
        return None
    half = unit.startswith(HALF_UNITS)
    freq = "yearly" if half else FREQ_OF_UNIT.get(unit)
    times = _times(text)
    if half:
        times = (times or 1) * 2
    relative = RELATIVE_KK.search(text) or RELATIVE_RU.search(text)
    rrule = None if times else _rrule(freq, text, prepared, lo, hi, relative, weekdays)
    if freq == "daily" and times is None:
        rrule = "FREQ=DAILY"
    by = bool(LIMIT.search(text)) or bool(relative and relative.groupdict().get("dat"))
    return Recurrence(freq, times, rrule, by)


def _unit(text: str) -> Optional[str]:
    best = None
    for pattern in REPORTING_PATTERNS:
        best = best or pattern.search(text)
    if best is None:
        for pattern in UNIT_PATTERNS:
            m = pattern.search(text)
            if m and (best is None or m.start() < best.start()):
                best = m
    best = best or FOLLOWING_PATTERN.search(text)
    if best is None:
        return None
    return " ".join((best.groupdict().get("unit") or best.groupdict().get("ru")).split())


def _times(text: str) -> Optional[int]:
    m = COUNT.search(text)
    if m:
        return cardinal_value(m.group("n"))
    m = ADVERB.search(text)
    if m:
        return ADVERB_TIMES[m.group("adv")]
    return 1 if BARE_ONCE.search(text) else None


def _weekdays(text: str) -> list[str]:
    codes = {weekday_code(m.group(0)) for m in WEEKDAY.finditer(text)}
    return [c for c in BYDAY_ORDER if c in codes]


def _rrule(freq, text, prepared, lo, hi, relative, weekdays) -> Optional[str]:
    if freq == "weekly":
        return f"FREQ=WEEKLY;BYDAY={','.join(weekdays)}" if weekdays else None
    last = LAST_DAY.search(text)
    if relative:
        day = int(relative.group("d"))
        if not 1 <= day <= 28:
            return None
        if freq == "quarterly":
            return f"FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY={day}"
        if freq == "monthly":
            return f"FREQ=MONTHLY;BYMONTHDAY={day}"
    if freq == "yearly":
        # one day of the month in one or more months: "жыл сайын 5 қаңтарға және 5 шілдеге дейін"
        atoms = find_atoms(prepared, lo, hi)
        days = [(a.month, a.day) for a in atoms if a.kind == "daymonth"]
        if days and len({d for _, d in days}) == 1:
            months = ",".join(str(m) for m in sorted({m for m, _ in days}))
            return f"FREQ=YEARLY;BYMONTH={months};BYMONTHDAY={days[0][1]}"
        return None  # "ежегодно в марте": once some day in March, which no RRULE says (BYMONTH=3 is every day)
    if freq == "quarterly" and last and not relative:
        return "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"
    if freq == "monthly":
        if last:
            return "FREQ=MONTHLY;BYMONTHDAY=-1"
        m = MONTH_DAY.search(text)
        if m and not relative:
            day = int(m.group("kk") or m.group("ru") or m.group("kd"))
            return f"FREQ=MONTHLY;BYMONTHDAY={day}" if 1 <= day <= 31 else None
    return None
