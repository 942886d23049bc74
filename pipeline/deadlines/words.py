"""A Deadline in words, Kazakh and Russian, for whoever reads it: the CLI's text output, the web app, the CSV.

    FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=5, by  ->  "тоқсан сайын, келесі айдың 5-іне дейін"
                                                    "ежеквартально, до 5-го числа следующего месяца"
    date 2025-03-15, by                            ->  "2025 жылғы 15 наурызға дейін" / "до 15 марта 2025 г."
    relative 5 working days after "подписания приказа"
                                                   ->  "«подписания приказа» кейін 5 жұмыс күні ішінде"
                                                    "в течение 5 рабочих дней после: подписания приказа"
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Optional

from lang.months import (
    KK_MONTHS, KK_WEEKDAY_NAMES, RU_GENITIVE, RU_MONTHS, RU_WEEKDAY_HABIT, kk_ablative, kk_dative,
)
from lang.numbers import kk_day_dative
from schemas import Deadline

FREQ_KK = {"yearly": "жыл сайын", "quarterly": "тоқсан сайын", "monthly": "ай сайын", "weekly": "апта сайын",
           "daily": "күн сайын"}
FREQ_RU = {"yearly": "ежегодно", "quarterly": "ежеквартально", "monthly": "ежемесячно", "weekly": "еженедельно",
           "daily": "ежедневно"}
PER_KK = {"yearly": "жылына", "quarterly": "тоқсанына", "monthly": "айына", "weekly": "аптасына", "daily": "күніне"}
PER_RU = {"yearly": "в год", "quarterly": "в квартал", "monthly": "в месяц", "weekly": "в неделю", "daily": "в день"}
UNIT_KK = {"working_days": "жұмыс күні", "calendar_days": "күн", "weeks": "апта", "months": "ай"}
# after "в течение": the genitive, singular for one and plural otherwise ("в течение 3 рабочих дней")
UNIT_RU_GENITIVE = {"working_days": ("рабочего дня", "рабочих дней"), "calendar_days": ("календарного дня", "календарных дней"),
                    "weeks": ("недели", "недель"), "months": ("месяца", "месяцев")}
UNIT_RU = {"working_days": ("рабочий день", "рабочих дня", "рабочих дней"),
           "calendar_days": ("календарный день", "календарных дня", "календарных дней"),
           "weeks": ("неделя", "недели", "недель"), "months": ("месяц", "месяца", "месяцев")}


def with_words(deadline: Deadline) -> Deadline:
    deadline.deadline_words_kk = words(deadline, "kk")
    deadline.deadline_words_ru = words(deadline, "ru")
    return deadline


def words(d: Deadline, lang: str) -> str:
    """The deadline in Kazakh ('kk') or Russian ('ru')."""
    kk = lang == "kk"
    if d.kind == "date" and d.end:
        return _kk_date(d.end, d.by) if kk else ("до " if d.by else "") + _ru_date(d.end)
    if d.kind == "range" and (d.start or d.end):
        return _range(d.start, d.end, kk)
    if d.kind == "period":
        return _period(d, kk)
    if d.kind == "recurring":
        return _recurring(d, kk)
    if d.kind == "relative" and d.relative:
        return _relative(d, kk)
    if d.kind == "continuous":
        return "үнемі" if kk else "постоянно"
    if d.kind == "event":
        return f"оқиға бойынша: {d.event or d.raw}" if kk else f"по событию: {d.event or d.raw}"
    return "мерзімі анықталмады" if kk else "срок не распознан"


# ---------------------------------------------------------------- dates
def _kk_date(day: dt.date, by: bool = False, ending=None) -> str:
    month = KK_MONTHS[day.month - 1]
    month = (ending or (kk_dative if by else None) or (lambda w: w))(month)
    return f"{day.year} жылғы {day.day} {month}" + (" дейін" if by else "")


def _ru_date(day: dt.date) -> str:
    return f"{day.day} {RU_GENITIVE[day.month]} {day.year} г."


def _range(start: Optional[dt.date], end: Optional[dt.date], kk: bool) -> str:
    if kk:
        if start and end:
            return f"{_kk_date(start, ending=kk_ablative)} {_kk_date(end, by=True)}"
        return f"{_kk_date(start, ending=kk_ablative)} бастап" if start else _kk_date(end, by=True)
    if start and end:
        return f"с {_ru_date(start)} по {_ru_date(end)}"
    return f"с {_ru_date(start)}" if start else f"по {_ru_date(end)}"


def _period(d: Deadline, kk: bool) -> str:
    start, end = d.start, d.end
    if not (start and end):
        return (f"жылы көрсетілмеген кезең: {d.raw}" if kk else f"период без года: {d.raw}")
    prefix = ("" if not d.by else ("" if kk else "до конца: "))
    last_day = calendar.monthrange(end.year, end.month)[1]
    whole_months = start.day == 1 and end.day == last_day
    if whole_months and (start.year, start.month) == (end.year, end.month):
        if d.by and not kk:  # "до конца сентября 2025 г.": the month in the genitive
            return f"до конца {RU_GENITIVE[start.month]} {start.year} г."
        text = f"{start.year} жылғы {KK_MONTHS[start.month - 1]}" if kk else f"{RU_MONTHS[start.month - 1]} {start.year} г."
    elif whole_months and (start.month, end.month) == (1, 12):
        years = f"{start.year}" if start.year == end.year else f"{start.year}-{end.year}"
        text = f"{years} жыл" if kk else f"{years} {'год' if start.year == end.year else 'годы'}"
    elif whole_months and (start.month, end.month) == (9, 8) and end.year == start.year + 1:
        text = f"{start.year}-{end.year} оқу жылы" if kk else f"{start.year}-{end.year} учебный год"
    else:
        return _range(start, end, kk)
    return prefix + text + (" соңына дейін" if d.by and kk else "")


# ---------------------------------------------------------------- recurring
def _rrule_parts(rrule: str) -> dict[str, str]:
    return dict(p.split("=", 1) for p in rrule.upper().replace(" ", "").split(";") if "=" in p)


def _recurring(d: Deadline, kk: bool) -> str:
    freq = d.freq or "yearly"
    if d.times_per_period and not d.rrule:
        return f"{PER_KK[freq]} {d.times_per_period} рет" if kk else f"{_ru_times(d.times_per_period)} {PER_RU[freq]}"
    head = (FREQ_KK if kk else FREQ_RU)[freq]
    if not d.rrule:
        return head
    parts = _rrule_parts(d.rrule)
    months = [int(m) for m in parts.get("BYMONTH", "").split(",") if m.strip("-").isdigit()]
    day = parts.get("BYMONTHDAY")
    byday = [c for c in parts.get("BYDAY", "").split(",") if c]
    if parts.get("FREQ") == "WEEKLY" and byday:
        names = [(KK_WEEKDAY_NAMES if kk else RU_WEEKDAY_HABIT)[c[-2:]] for c in byday]
        return f"{head}, {', '.join(names)} күні" if kk else f"{head}, {', '.join(names)}"
    if day == "-1":
        if months == [3, 6, 9, 12]:
            return f"{head}, тоқсанның соңғы күні" if kk else f"{head}, в последний день квартала"
        return f"{head}, айдың соңғы күні" if kk else f"{head}, в последний день месяца"
    if day and day.isdigit():
        n = int(day)
        by_kk, by_ru = (" дейін", "до ") if d.by else ("", "")
        if months == [1, 4, 7, 10]:  # the month after each quarter: a reporting date
            return (f"{head}, келесі айдың {kk_day_dative(n)}{by_kk}" if kk
                    else f"{head}, {by_ru}{n}-го числа следующего месяца")
        if months:
            if kk:
                dates = " және ".join(f"{n} {kk_dative(KK_MONTHS[m - 1]) if d.by else KK_MONTHS[m - 1]}" for m in months)
                return f"{head} {dates}{by_kk}"
            return f"{head}, {by_ru}" + " и ".join(f"{n} {RU_GENITIVE[m]}" for m in months)
        return f"{head}, айдың {kk_day_dative(n)}{by_kk}" if kk else f"{head}, {by_ru}{n}-го числа"
    return head


def _ru_times(n: int) -> str:
    return f"{n} {_ru_plural(n, ('раз', 'раза', 'раз'))}"


def _ru_plural(n: int, forms: tuple[str, str, str]) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


# ---------------------------------------------------------------- relative
def _relative(d: Deadline, kk: bool) -> str:
    r = d.relative
    n = r.offset or 0
    if kk:
        unit = f"{n} {UNIT_KK[r.unit]}"
        if r.direction == "before":
            text = f"«{r.anchor}» дейін {unit} бұрын" if r.anchor else f"{unit} бұрын"
        else:
            text = f"«{r.anchor}» кейін {unit} ішінде" if r.anchor else f"{unit} ішінде"
        return text + (f" ({_kk_date(r.computed, by=True)})" if r.computed else "")
    if r.direction == "before":
        unit = f"{n} {_ru_plural(n, UNIT_RU[r.unit])}"
        text = f"за {unit} до: {r.anchor}" if r.anchor else f"за {unit}"
    else:
        forms = UNIT_RU_GENITIVE[r.unit]
        unit = f"{n} {forms[0] if n % 10 == 1 and n % 100 != 11 else forms[1]}"
        text = f"в течение {unit} после: {r.anchor}" if r.anchor else f"в течение {unit}"
    return text + (f" (до {_ru_date(r.computed)})" if r.computed else "")
