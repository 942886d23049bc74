"""Months, seasons, quarters and half-years in Kazakh and Russian, with the forms plans write them in.

Kazakh glues case and possessive endings to a month ("қыркүйек", "қыркүйекте", "қыркүйектің",
"қыркүйегіне": the last consonant softens before a vowel); Russian declines it ("сентябрь", "сентября",
"в сентябре") or abbreviates it with a dot ("сент."). The regex fragments here work on text prepared for
matching (lower case, Latin look-alikes folded to Cyrillic, ё -> е); `month_number` and `find_months`
also take raw or OCR-damaged text.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from lang.alphabet import fold_for_match, photo_key

KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
             "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"]
RU_MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь",
             "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]
# the school year runs September to August
ACADEMIC_ORDER = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8]

# Kazakh case/possessive endings a month takes in plans ("наурызға", "наурыздағы", "наурызында",
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
# Kazakh endings by meaning: "from" (ablative), "of" (genitive), "to/by" (dative).
ABLATIVE = ("дан", "ден", "тан", "тен", "нан", "нен", "ынан", "інен", "сынан", "сінен")
GENITIVE = ("ның", "нің", "дың", "дің", "тың", "тің", "ының", "інің", "сының", "сінің")
DATIVE = ("ға", "ге", "қа", "ке", "на", "не", "а", "е", "ына", "іне", "сына", "сіне")

# Russian forms in every case: nominative, genitive, prepositional, dative, instrumental.
_RU_STEMS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]


def _ru_forms(month: int) -> list[str]:
    stem = _RU_STEMS[month - 1]
    if stem in ("март", "август"):
        return [stem, stem + "а", stem + "е", stem + "у", stem + "ом"]
    if stem == "ма":
        return ["май", "мая", "мае", "маю", "маем"]
    return [stem + e for e in ("ь", "я", "е", "ю", "ем")]


RU_MONTH_FORMS: dict[int, list[str]] = {m: _ru_forms(m) for m in range(1, 13)}
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

# The genitive a Russian date uses ("5 сентября") and the Russian prepositional ("в сентябре").
RU_GENITIVE = {m: forms[1] for m, forms in RU_MONTH_FORMS.items()}
RU_PREPOSITIONAL = {m: forms[2] for m, forms in RU_MONTH_FORMS.items()}

# Seasons: months and the forms a plan writes ("күзде", "күзгі", "осенью", "в осенний период").
SEASONS: dict[str, tuple[int, ...]] = {"winter": (12, 1, 2), "spring": (3, 4, 5), "summer": (6, 7, 8),
                                       "autumn": (9, 10, 11)}
SEASON_WORDS = {
    "winter": ("қыс", "қыста", "қысқы", "зима", "зимой", "зиму", "зимы", "зимний", "зимние", "зимних",
               "зимнем", "зимнего", "зимнее"),
    "spring": ("көктем", "көктемде", "көктемгі", "көктемге", "весна", "весной", "весну", "весны", "весенний",
               "весенние", "весенних", "весеннем", "весеннего", "весеннее"),
    # bare "жаз" too ("Жаз бойы": all summer), like "күз" and "қыс"
    "summer": ("жаз", "жазда", "жазғы", "жазға", "лето", "лета", "летом", "летний", "летние", "летних", "летнем",
               "летнего", "летнее"),
    "autumn": ("күз", "күзде", "күзгі", "күзге", "осень", "осенью", "осенний", "осенние", "осенних", "осеннем",
               "осеннего", "осеннее"),
}
SEASON_BY_WORD = {w: s for s, words in SEASON_WORDS.items() for w in words}

# Periods of a year, as stems: a calendar quarter (тоқсан, квартал), a school term (четверть: no fixed
# dates), a half-year (жарты жыл, полугодие), a semester.
QUARTER_STEMS = ("тоқсан", "квартал", "четверт")
HALF_STEMS = ("жарты жыл", "жартыжыл", "жарты жылдық", "полугод", "полгод")


def _alt(words) -> str:
    return "|".join(sorted(set(words), key=len, reverse=True))


_L = r"[^\W\d_]"
# Any month stem: for a quick "does this text name a month" test (prepared text).
MONTH_HINT = re.compile(_alt(KK_MONTH_STEMS[:8] + ["қыркүйе"] + KK_MONTH_STEMS[9:12]
                             + [s for s in _RU_STEMS if s != "ма"] + ["ма[йяею]"] + list(RU_MONTH_ABBR)))

# A month word; group "mw" holds the Kazakh stem looked up in MONTH_BY_WORD, "msuf" its ending, "mwru" a
# Russian form, "mwab" an abbreviation. An optional following "ай" ("наурыз айында") is part of the month.
MONTH_WORD = (
    rf"(?<!{_L})(?:(?P<mw>{_alt(KK_MONTH_STEMS)})(?P<msuf>{_alt(KK_MONTH_SUFFIXES)})?"
    rf"|(?P<mwru>{_alt(f for fs in RU_MONTH_FORMS.values() for f in fs)})"
    rf"|(?P<mwab>{_alt(RU_MONTH_ABBR)})\.)(?!{_L})"
    rf"(?:\s+ай(?:ы|ына|ында|ынан|ының|да|дан|дың)?(?!{_L}))?"
)
# A month word with the stem only, on lower-case text: "ақпандағы", "февраля" (for date finders that
# read unprepared text: OCR and keyboard variants of Kazakh letters allowed, as in LOOSE_MONTH).
_KK_VARIANTS = {"қ": "[қк]", "ң": "[ңн]", "ә": "[әэа]", "ү": "[үу]", "ұ": "[ұу]", "і": "[іи]", "ө": "[өо]",
                "ғ": "[ғг]"}


def _loose(stem: str) -> str:
    return "".join(_KK_VARIANTS.get(ch, re.escape(ch)) for ch in stem)


LOOSE_MONTH_ALTS: list[tuple[str, int]] = (
    [(_loose(s if s != "қыркүйек" else "қыркүйе"), i + 1) for i, s in enumerate(KK_MONTHS)]
    + [(s if s != "ма" else "ма[йяе]", i + 1) for i, s in enumerate(_RU_STEMS)]
)
LOOSE_MONTH = "|".join(f"(?:{alt})" for alt, _ in LOOSE_MONTH_ALTS)
_LOOSE_COMPILED = [(re.compile(alt, re.IGNORECASE), n) for alt, n in LOOSE_MONTH_ALTS]


def month_of(word: str | None) -> int | None:
    """The month of a form captured by MONTH_WORD (exact lookup)."""
    return MONTH_BY_WORD.get(word or "")


# Every written form (Kazakh stem + ending, Russian case form) by its look-alike key.
_FOLDED_FORMS: dict[str, int] = {}
_SPELLED: dict[str, str] = {}  # look-alike key -> the form as written ("караша" -> "қараша")
for _stem in KK_MONTH_STEMS:
    for _ending in [""] + KK_MONTH_SUFFIXES:
        _FOLDED_FORMS.setdefault(fold_for_match(_stem + _ending), MONTH_BY_WORD[_stem])
        _SPELLED.setdefault(fold_for_match(_stem + _ending), _stem + _ending)
for _m, _forms in RU_MONTH_FORMS.items():
    _FOLDED_FORMS.update({fold_for_match(f): _m for f in _forms})
    _SPELLED.update({fold_for_match(f): f for f in _forms})
_FORM_KEYS = list(_FOLDED_FORMS)
_LETTERS = re.compile(r"[^\W\d_]+")


def respell_months(text: str) -> str:
    """Month words OCR or a keyboard without Kazakh letters changed letter for letter ("Караша",
    "Кыркүйекке", "Сэуір") written as the month is spelled, in lower case; the length never changes, so
    character spans still point into the original. Words that are no month stay as they are."""
    def fix(m: re.Match) -> str:
        word = m.group(0)
        spelled = _SPELLED.get(fold_for_match(word))
        return spelled if spelled is not None and len(spelled) == len(word) and spelled != word.lower() else word
    return _LETTERS.sub(fix, text)
_FUZZY_MIN = 86
_FUZZY_MIN_LEN = 6


@lru_cache(maxsize=4096)
def month_number(word: str) -> int | None:
    """The month a word names, in any case form, tolerant of OCR and keyboard slips ("Kазан",
    "кыркуйекте", "сентабря"); None for any other word ("қазақ", "мамыражай"). Abbreviations count
    only with their dot."""
    raw = (word or "").strip()
    if raw.endswith(".") and raw[:-1].lower() in RU_MONTH_ABBR:
        return RU_MONTH_ABBR[raw[:-1].lower()]
    key = fold_for_match(raw.strip(".,;:«»\"()"))
    if key in _FOLDED_FORMS:
        return _FOLDED_FORMS[key]
    if len(key) < _FUZZY_MIN_LEN or not key.isalpha():
        return None
    found = process.extractOne(key, _FORM_KEYS, scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN)
    return _FOLDED_FORMS[found[0]] if found else None


_WORD = re.compile(r"[^\W\d_]+\.?")

# Month names as a heading row prints them (nominative, kk and ru) by their photo key.
_HEADING_KEYS: list[tuple[str, int, str]] = (
    [(photo_key(w), i + 1, w) for i, w in enumerate(KK_MONTHS)]
    + [(photo_key(forms[0]), m, forms[0]) for m, forms in RU_MONTH_FORMS.items()])
HEADING_MAX_LETTERS = 14  # "Желтоқсан айы" at most: a longer text is no lone month heading


def _heading_slips(n: int) -> int:
    """Letters OCR may get wrong in a month name of n letters and still leave it the only month near:
    none below six ("қазан" and "қазақ", "июнь" and "июль" are one letter apart), one up to eight,
    two from nine ("желтоқсан", "сентябрь" + 1)."""
    return 0 if n < 6 else 1 if n < 9 else 2


def heading_month(text: str) -> tuple[int, str] | None:
    """(month, its name as spelled) of a heading row naming one month through OCR damage a photo
    leaves: look-alike letters (К/Қ, Н/Ң, У/Ү/Ұ, О/Ө, Г/Ғ, Latin twins, е/с, и/н), a word split by a
    gap ("Кант аз"), a letter or two misread ("Келтокеаи", "Октябръ"). The nearest month must be
    nearer than any other. None for any other text."""
    words = _LETTERS.findall(text or "")
    if not words or sum(map(len, words)) > HEADING_MAX_LETTERS:
        return None
    key = photo_key("".join(words))
    ranked = sorted((Levenshtein.distance(key, k), month, name) for k, month, name in _HEADING_KEYS)
    best, month, name = ranked[0]
    rival = min(d for d, m, _ in ranked if m != month)
    if best <= _heading_slips(len(key)) and best < rival:
        return month, name
    exact = month_number(words[0]) if len(words) == 1 else None  # a declined form ("қарашада", "ноября")
    return (exact, min((Levenshtein.distance(key, k), n) for k, m, n in _HEADING_KEYS if m == exact)[1]) if exact else None


def find_months(text: str) -> list[tuple[int, int, int]]:
    """(start, end, month) of every month word in `text`, tolerant of OCR noise."""
    out = []
    for m in _WORD.finditer(text or ""):
        word = m.group(0)
        number = month_number(word) if word.endswith(".") else month_number(word.rstrip("."))
        if number:
            out.append((m.start(), m.end(), number))
    return out


def loose_month_number(word: str) -> int | None:
    """The month of a word found by LOOSE_MONTH."""
    for pattern, number in _LOOSE_COMPILED:
        if pattern.match(word):
            return number
    return None


def season_of(word: str) -> str | None:
    return SEASON_BY_WORD.get(fold_for_match(word).replace("э", "ә")) or SEASON_BY_WORD.get(word.lower())


# ---------------------------------------------------------------- weekdays
# Stems: Kazakh weekdays take endings freely ("бейсенбіде"), Russian ones decline ("по четвергам").
WEEKDAYS = {
    "дүйсенбі": "MO", "сейсенбі": "TU", "сәрсенбі": "WE", "бейсенбі": "TH", "жұма": "FR",
    "сенбі": "SA", "жексенбі": "SU",
    "понедельник": "MO", "вторник": "TU", "сред": "WE", "четверг": "TH", "пятниц": "FR",
    "суббот": "SA", "воскресен": "SU",
}
BYDAY_ORDER = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
KK_WEEKDAY_NAMES = {"MO": "дүйсенбі", "TU": "сейсенбі", "WE": "сәрсенбі", "TH": "бейсенбі", "FR": "жұма",
                    "SA": "сенбі", "SU": "жексенбі"}
RU_WEEKDAY_NAMES = {"MO": "понедельник", "TU": "вторник", "WE": "среда", "TH": "четверг", "FR": "пятница",
                    "SA": "суббота", "SU": "воскресенье"}
# "по четвергам": a weekday as a habit
RU_WEEKDAY_HABIT = {"MO": "по понедельникам", "TU": "по вторникам", "WE": "по средам", "TH": "по четвергам",
                    "FR": "по пятницам", "SA": "по субботам", "SU": "по воскресеньям"}


def weekday_code(word: str) -> str | None:
    for stem, code in WEEKDAYS.items():
        if word.startswith(stem):
            return code
    return None


# ---------------------------------------------------------------- Kazakh endings for writing months
_VOWELS = "аәеоөұүыіэюяиу"
_VOICELESS = "кқпстфхцчшщ"


def kk_dative(word: str) -> str:
    """"қыркүйек" -> "қыркүйекке", "наурыз" -> "наурызға", "шілде" -> "шілдеге"."""
    front, last = _front(word), word[-1].lower()
    if last in _VOICELESS:
        return word + ("ке" if front else "қа")
    return word + ("ге" if front else "ға")


def kk_genitive(word: str) -> str:
    """"ақпан" -> "ақпанның", "наурыз" -> "наурыздың", "қыркүйек" -> "қыркүйектің"."""
    front, last = _front(word), word[-1].lower()
    if last in _VOWELS or last in "мнң":
        return word + ("нің" if front else "ның")
    if last in _VOICELESS or last in "бвгд":
        return word + ("тің" if front else "тың")
    return word + ("дің" if front else "дың")


def kk_ablative(word: str) -> str:
    """"қыркүйек" -> "қыркүйектен", "наурыз" -> "наурыздан", "ақпан" -> "ақпаннан", "шілде" -> "шілдеден"."""
    front, last = _front(word), word[-1].lower()
    if last in "мнң":
        return word + ("нен" if front else "нан")
    if last in _VOICELESS or last in "бвгд":
        return word + ("тен" if front else "тан")
    return word + ("ден" if front else "дан")


def _front(word: str) -> bool:
    """Front-vowel harmony: the last of ә е ө ү і (front) or а о ұ ы (back) decides."""
    for ch in reversed(word.lower()):
        if ch in "әеөүі":
            return True
        if ch in "аоұы":
            return False
    return False
