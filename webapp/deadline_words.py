"""Deadlines and dates in words, in Kazakh, Russian or English, for the pages.

The pipeline is getting its own renderer of a Deadline in words (pipeline/deadlines/words.py, with
`deadline_words_kk` / `deadline_words_ru` columns in the deadlines table). This module is the web app's one
entry point: it uses those columns when the row has them, else the pipeline's function when it exists,
else the small fallback below (month names come from the pipeline's lexicon, the one home of them).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

from pipeline.deadlines.lexicon import KK_MONTHS, RU_MONTH_FORMS

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
# Kazakh dative of the month names ("наурызға дейін"): the ending follows the last sound (vowel harmony)
_KK_DATIVE = {1: "ға", 2: "ға", 3: "ға", 4: "ге", 5: "ға", 6: "ға", 7: "ге", 8: "ға", 9: "ке", 10: "ға", 11: "ға",
              12: "ға"}
# Kazakh dative of a day number ("5-іне"): by the spoken word of its last non-zero digit (or tens)
_KK_DAY_DATIVE = {"1": "іне", "2": "сіне", "3": "іне", "4": "іне", "5": "іне", "6": "сына", "7": "сіне", "8": "іне",
                  "9": "ына", "10": "ына", "20": "сына", "30": "ына"}
FREQ_WORDS = {
    "yearly": {"kk": "жыл сайын", "ru": "ежегодно", "en": "every year"},
    "quarterly": {"kk": "тоқсан сайын", "ru": "ежеквартально", "en": "every quarter"},
    "monthly": {"kk": "ай сайын", "ru": "ежемесячно", "en": "every month"},
    "weekly": {"kk": "апта сайын", "ru": "еженедельно", "en": "every week"},
    "daily": {"kk": "күн сайын", "ru": "ежедневно", "en": "every day"},
}
_WORDS = {
    "continuous": {"kk": "үнемі", "ru": "постоянно", "en": "continuously"},
    "times": {"kk": "{n} рет", "ru": "{n} раз(а)", "en": "{n} times"},
}
_RRULE_FREQ = {"YEARLY": "yearly", "MONTHLY": "monthly", "WEEKLY": "weekly", "DAILY": "daily"}


def date_words(day: dt.date | None, lang: str, by: bool = False) -> str:
    """15 наурыз 2023 / 15 марта 2023 г. / 15 March 2023; with `by`, "until" that day."""
    if day is None:
        return ""
    if lang == "kk":
        month = KK_MONTHS[day.month - 1]
        return f"{day.year} жылғы {day.day} {month}" + (f"{_KK_DATIVE[day.month]} дейін" if by else "")
    if lang == "ru":
        text = f"{day.day} {RU_MONTH_FORMS[day.month][1]} {day.year} г."
        return f"до {text}" if by else text
    text = f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"
    return f"by {text}" if by else text


def month_words(year: int, month: int, lang: str) -> str:
    if lang == "kk":
        return f"{year} жылғы {KK_MONTHS[month - 1]}"
    if lang == "ru":
        return f"{RU_MONTH_FORMS[month][0]} {year} г."
    return f"{EN_MONTHS[month - 1]} {year}"


def _day_dative(day: int) -> str:
    key = str(day % 10) if day % 10 else str(day)
    return f"{day}-{_KK_DAY_DATIVE.get(key, 'іне')}"


def _rule_parts(rrule: str) -> dict[str, str]:
    return dict(p.split("=", 1) for p in rrule.upper().split(";") if "=" in p)


def rule_words(rrule: str | None, freq: str | None, by: bool, lang: str) -> str:
    """A recurrence in words: "тоқсан сайын, айдың 5-іне дейін" / "ежеквартально, до 5-го числа"."""
    parts = _rule_parts(rrule or "")
    kind = _RRULE_FREQ.get(parts.get("FREQ", ""), freq or "")
    if kind == "monthly" and parts.get("INTERVAL") == "3":
        kind = "quarterly"
    head = FREQ_WORDS.get(kind, {}).get(lang) or FREQ_WORDS.get(freq or "", {}).get(lang, "")
    day = parts.get("BYMONTHDAY", "")
    month = parts.get("BYMONTH", "")
    tail = ""
    if day.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        d, m = int(day), int(month)
        tail = {"kk": f"{d} {KK_MONTHS[m - 1]}" + (f"{_KK_DATIVE[m]} дейін" if by else ""),
                "ru": ("до " if by else "") + f"{d} {RU_MONTH_FORMS[m][1]}",
                "en": ("by " if by else "") + f"{d} {EN_MONTHS[m - 1]}"}[lang]
    elif day.isdigit():
        d = int(day)
        tail = {"kk": f"айдың {_day_dative(d) + ' дейін' if by else str(d) + '-күні'}",
                "ru": f"{'до ' if by else ''}{d}-го числа", "en": f"{'by ' if by else 'on '}day {d}"}[lang]
    return ", ".join(x for x in (head, tail) if x)


def _pipeline_words() -> Callable[..., str] | None:
    try:
        from pipeline.deadlines import words  # type: ignore[attr-defined]
    except ImportError:
        return None
    for name in ("deadline_words", "in_words", "describe"):
        if callable(getattr(words, name, None)):
            return getattr(words, name)
    return None


_PIPELINE = _pipeline_words()


def deadline_words(deadline: Any, lang: str) -> str:
    """One deadline (a Deadline record or a deadlines row) in words in `lang`."""
    get = (lambda k: deadline.get(k)) if isinstance(deadline, dict) else (lambda k: getattr(deadline, k, None))
    stored = get(f"deadline_words_{lang}") or get(f"words_{lang}")
    if stored:
        return stored
    if _PIPELINE is not None and lang in ("kk", "ru") and not isinstance(deadline, dict):
        try:
            return _PIPELINE(deadline, lang)
        except Exception:  # the UI must not fail on a renderer's error: fall back to ours
            pass
    kind, by = get("kind"), bool(get("by"))
    if kind == "recurring":
        words = rule_words(get("rrule"), get("freq"), by, lang)
        times = get("times_per_period")
        if times and not get("rrule"):
            words = f"{FREQ_WORDS.get(get('freq') or '', {}).get(lang, '')} {_WORDS['times'][lang].format(n=times)}"
        return words.strip() or (get("raw") or "")
    if kind == "continuous":
        return _WORDS["continuous"][lang]
    start, end = get("start"), get("end")
    if start and end and start != end:
        return f"{date_words(start, lang)} – {date_words(end, lang)}"
    if end:
        return date_words(end, lang, by)
    if start:
        return date_words(start, lang)
    return get("event") or get("raw") or ""


MONTH_PATTERN = re.compile(r"(\d{4})-(\d{2})")
