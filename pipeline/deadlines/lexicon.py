"""Words the deadline grammar is built from, Kazakh and Russian, as regex fragments.

Every fragment works on text already prepared by `text.prepare` (lower case, Latin look-alikes folded to
Cyrillic, ё -> е), so only lower-case Cyrillic forms are listed here.
"""
from __future__ import annotations

# A letter (any script), for boundaries: (?<!L) ... (?!L). Digits and "_" are not letters.
L = r"[^\W\d_]"
NOT_BEFORE = rf"(?<!{L})"
NOT_AFTER = rf"(?!{L})"

# ---------------------------------------------------------------- months
KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
             "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"]
# Kazakh case/possessive endings a month name takes in plans ("наурызға", "наурыздағы", "наурызында",
# "қыркүйекке", "шілдедегі", "қарашаның"); both vowel-harmony sets are allowed for every month.
KK_MONTH_SUFFIXES = [
    "ға", "ге", "қа", "ке", "на", "не", "а", "е",
    "да", "де", "та", "те", "дағы", "дегі", "тағы", "тегі",
    "дан", "ден", "тан", "тен", "нан", "нен",
    "дың", "дің", "тың", "тің", "ның", "нің",
    "ы", "і", "сы", "сі", "ын", "ін", "сын", "сін",
    "ында", "інде", "сында", "сінде", "ындағы", "індегі", "сындағы", "сіндегі",
    "ынан", "інен", "сынан", "сінен", "ының", "інің", "сының", "сінің",
    "ына", "іне", "сына", "сіне", "ғы", "гі", "дағыға",
]
# Russian month forms in every case (nominative, genitive, prepositional, dative, instrumental).
RU_MONTH_FORMS: dict[int, list[str]] = {
    1: ["январь", "января", "январе", "январю", "январем"],
    2: ["февраль", "февраля", "феврале", "февралю", "февралем"],
    3: ["март", "марта", "марте", "марту", "мартом"],
    4: ["апрель", "апреля", "апреле", "апрелю", "апрелем"],
    5: ["май", "мая", "мае", "маю", "маем"],
    6: ["июнь", "июня", "июне", "июню", "июнем"],
    7: ["июль", "июля", "июле", "июлю", "июлем"],
    8: ["август", "августа", "августе", "августу", "августом"],
    9: ["сентябрь", "сентября", "сентябре", "сентябрю", "сентябрем"],
    10: ["октябрь", "октября", "октябре", "октябрю", "октябрем"],
    11: ["ноябрь", "ноября", "ноябре", "ноябрю", "ноябрем"],
    12: ["декабрь", "декабря", "декабре", "декабрю", "декабрем"],
}
# Abbreviations take a dot ("9 сент. 2022 г."), so a bare "мар" or "дек" is never read as a month.
RU_MONTH_ABBR = {"янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "авг": 8, "сен": 9, "сент": 9,
                 "окт": 10, "ноя": 11, "нояб": 11, "дек": 12}

# "қыркүйек" softens its last consonant before a vowel: "қыркүйегіне", "қыркүйегінде".
KK_MONTH_STEMS = KK_MONTHS + ["қыркүйег"]
MONTH_BY_WORD: dict[str, int] = {w: i + 1 for i, w in enumerate(KK_MONTHS)}
MONTH_BY_WORD["қыркүйег"] = 9
for _m, _forms in RU_MONTH_FORMS.items():
    MONTH_BY_WORD.update({f: _m for f in _forms})
MONTH_BY_WORD.update(RU_MONTH_ABBR)


def _alt(words) -> str:
    return "|".join(sorted(set(words), key=len, reverse=True))


# A month word; group "mw" holds the stem/form looked up in MONTH_BY_WORD, "msuf" the Kazakh ending.
# An optional following "ай" ("наурыз айында") is part of the month.
MONTH_WORD = (
    rf"{NOT_BEFORE}(?:(?P<mw>{_alt(KK_MONTH_STEMS)})(?P<msuf>{_alt(KK_MONTH_SUFFIXES)})?"
    rf"|(?P<mwru>{_alt(f for fs in RU_MONTH_FORMS.values() for f in fs)})"
    rf"|(?P<mwab>{_alt(RU_MONTH_ABBR)})\.){NOT_AFTER}"
    rf"(?:\s+ай(?:ы|ына|ында|ынан|ының|да|дан|дың)?{NOT_AFTER})?"
)


def month_of(word: str | None) -> int | None:
    return MONTH_BY_WORD.get(word or "")


# Kazakh endings on a month that mean "from" (ablative) or "by/for" (dative).
ABLATIVE = ("дан", "ден", "тан", "тен", "нан", "нен", "ынан", "інен", "сынан", "сінен")
GENITIVE = ("ның", "нің", "дың", "дің", "тың", "тің", "ының", "інің", "сының", "сінің")
DATIVE = ("ға", "ге", "қа", "ке", "на", "не", "а", "е", "ына", "іне", "сына", "сіне")

# ---------------------------------------------------------------- years
YEAR4 = r"(?<!\d)(?:19|20)\d{2}(?!\d)"
# What follows a year: "ж.", "жж.", "жыл", "жылғы", "жылдарға", "г.", "гг.", "года", "году", "годы".
YEAR_MARK = rf"(?:\s*(?:жж|гг|ж|г)(?:\.|{NOT_AFTER})|\s*(?:жыл|год){L}*)"
ACADEMIC_MARK = rf"\s*(?:оқу\s+жыл{L}*|учебн{L}*\s+год{L}*|уч\.?\s*г(?:од{L}*|\.|{NOT_AFTER}))"

# ---------------------------------------------------------------- ordinals and numbers
# Roman numerals come as Latin I/V or Kazakh І (folded to "і"); "1-ші", "1-й", words.
ORDINAL_WORDS = {
    "бірінші": 1, "екінші": 2, "үшінші": 3, "төртінші": 4,
    "первый": 1, "первого": 1, "первом": 1, "первое": 1, "первая": 1, "первой": 1, "первую": 1,
    "второй": 2, "второго": 2, "втором": 2, "второе": 2, "вторая": 2, "вторую": 2,
    "третий": 3, "третьего": 3, "третьем": 3, "третье": 3, "третья": 3, "третьей": 3, "третью": 3,
    "четвертый": 4, "четвертого": 4, "четвертом": 4, "четвертая": 4, "четвертой": 4, "четвертую": 4,
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "і": 1, "іі": 2, "ііі": 3, "іv": 4}
ORDINAL = (
    rf"{NOT_BEFORE}(?P<ord>{_alt(ORDINAL_WORDS)}|{_alt(ROMAN)}|[1-4])"
    rf"(?:\s*-?\s*(?:ші|шы|нші|ншы|й|го|ый|ий|ое|я)(?!{L}))?{NOT_AFTER}"
)


def ordinal_value(token: str) -> int | None:
    token = token.strip()
    if token.isdigit():
        return int(token)
    return ORDINAL_WORDS.get(token) or ROMAN.get(token)


CARDINAL_WORDS = {
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9,
    "он": 10, "он екі": 12,
    "один": 1, "одного": 1, "одну": 1, "одна": 1, "два": 2, "двух": 2, "две": 2, "три": 3, "трех": 3,
    "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "десять": 10,
    "двенадцать": 12,
}
ADVERB_TIMES = {"единожды": 1, "однажды": 1, "дважды": 2, "трижды": 3, "четырежды": 4}
CARDINAL = rf"{NOT_BEFORE}(?P<n>\d{{1,2}}|{_alt(CARDINAL_WORDS)}){NOT_AFTER}"


def cardinal_value(token: str) -> int | None:
    token = " ".join(token.split())
    return int(token) if token.isdigit() else CARDINAL_WORDS.get(token)


# ---------------------------------------------------------------- weekdays
WEEKDAYS = {
    "дүйсенбі": "MO", "сейсенбі": "TU", "сәрсенбі": "WE", "бейсенбі": "TH", "жұма": "FR",
    "сенбі": "SA", "жексенбі": "SU",
    "понедельник": "MO", "вторник": "TU", "сред": "WE", "четверг": "TH", "пятниц": "FR",
    "суббот": "SA", "воскресен": "SU",
}
# "сред" must not be "среди"/"средств"; Russian weekday endings are listed, Kazakh ones are free.
WEEKDAY_WORD = (
    rf"{NOT_BEFORE}(?:(?P<wkk>дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі){L}{{0,6}}"
    rf"|(?P<wru>понедельник|вторник|четверг|пятниц|суббот|воскресень|воскресен)(?:{L}{{0,4}})"
    rf"|(?P<wsr>сред)(?:а|у|ы|е|ам|ами)){NOT_AFTER}"
)
BYDAY_ORDER = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def weekday_code(word: str) -> str | None:
    for stem, code in WEEKDAYS.items():
        if word.startswith(stem):
            return code
    return None
