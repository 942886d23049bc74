"""Words the deadline grammar is built from, Kazakh and Russian, as regex fragments.

Every fragment works on text already prepared by `text.prepare` (lower case, Latin look-alikes folded to
Cyrillic, ё -> е), so only lower-case Cyrillic forms are listed here.
"""
from __future__ import annotations

from lang import months, numbers

# A letter (any script), for boundaries: (?<!L) ... (?!L). Digits and "_" are not letters.
L = r"[^\W\d_]"
NOT_BEFORE = rf"(?<!{L})"
NOT_AFTER = rf"(?!{L})"

# ---------------------------------------------------------------- months (lang.months)
MONTH_WORD = months.MONTH_WORD
month_of = months.month_of
ABLATIVE, GENITIVE, DATIVE = months.ABLATIVE, months.GENITIVE, months.DATIVE


def _alt(words) -> str:
    return "|".join(sorted(set(words), key=len, reverse=True))


# ---------------------------------------------------------------- years
YEAR4 = r"(?<!\d)(?:19|20)\d{2}(?!\d)"
# What follows a year: "ж.", "жж.", "жыл", "жылғы", "жылдарға", "г.", "гг.", "года", "году", "годы".
YEAR_MARK = rf"(?:\s*(?:жж|гг|ж|г)(?:\.|{NOT_AFTER})|\s*(?:жыл|год){L}*)"
ACADEMIC_MARK = rf"\s*(?:оқу\s+жыл{L}*|учебн{L}*\s+год{L}*|уч\.?\s*г(?:од{L}*|\.|{NOT_AFTER}))"

# ---------------------------------------------------------------- ordinals and numbers
# Ordinals of quarters and half-years (1-4); Roman numerals come as Latin I/V or Kazakh І (folded to "і").
ORDINAL_WORDS = {w: n for w, n in numbers.ORDINAL_WORDS.items() if n <= 4}
ROMAN = {w: n for w, n in numbers.ROMAN.items() if n <= 4}
ORDINAL = (
    rf"{NOT_BEFORE}(?P<ord>{_alt(ORDINAL_WORDS)}|{_alt(ROMAN)}|[1-4])"
    rf"(?:\s*-?\s*(?:ші|шы|нші|ншы|й|го|ый|ий|ое|я)(?!{L}))?{NOT_AFTER}"
)


def ordinal_value(token: str) -> int | None:
    token = token.strip()
    if token.isdigit():
        return int(token)
    return ORDINAL_WORDS.get(token) or ROMAN.get(token)


CARDINAL_WORDS = {**{w: n for w, n in numbers.KK_CARDINALS.items() if n <= 12},
                  **{w: n for w, n in numbers.RU_CARDINALS.items() if n <= 12}, "он екі": 12}
ADVERB_TIMES = numbers.ADVERB_TIMES
CARDINAL = rf"{NOT_BEFORE}(?P<n>\d{{1,2}}|{_alt(CARDINAL_WORDS)}){NOT_AFTER}"


def cardinal_value(token: str) -> int | None:
    token = " ".join(token.split())
    return int(token) if token.isdigit() else CARDINAL_WORDS.get(token)


# ---------------------------------------------------------------- weekdays
WEEKDAYS, BYDAY_ORDER, weekday_code = months.WEEKDAYS, months.BYDAY_ORDER, months.weekday_code
# "сред" must not be "среди"/"средств"; Russian weekday endings are listed, Kazakh ones are free.
WEEKDAY_WORD = (
    rf"{NOT_BEFORE}(?:(?P<wkk>дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі){L}{{0,6}}"
    rf"|(?P<wru>понедельник|вторник|четверг|пятниц|суббот|воскресень|воскресен)(?:{L}{{0,4}})"
    rf"|(?P<wsr>сред)(?:а|у|ы|е|ам|ами)){NOT_AFTER}"
)
