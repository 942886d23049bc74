"""Numbers as plans write them: measure numbering ("1.", "3.4.", "I."), number words in Kazakh and Russian
("бес", "пяти", "5-ші", "бесінші", "пятого", "двадцать пятого"), Roman numerals, and years (two-digit years,
"2024-2025 оқу жылы", "2024/25").
"""
from __future__ import annotations

import re
from functools import lru_cache

# ---------------------------------------------------------------- measure numbering
ROW_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\s?\.?\s*$")  # "2.2.1 ." typed with a space
ROMAN_HEAD = re.compile(r"^\s*([IVXІХ]+)\s*[.)]\s*\S", re.UNICODE)
HEADING_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVXІХ]+)\s*[.)]?\s+\S", re.UNICODE)


def row_number(text: str | None) -> str | None:
    """The measure number as written without its trailing dot, or None."""
    m = ROW_NUMBER.match(text or "")
    return m.group(1) if m else None


# a number opening a text, its dot or bracket right before the words ("1.Организация", "2) Өткізу")
LEADING_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\s*[.)]\s*(?=[^\W\d_«\"(])")


def leading_number(text: str | None) -> str | None:
    """The number printed at the start of a text (without its dot), or None."""
    m = LEADING_NUMBER.match(text or "")
    return m.group(1) if m else None


def parts(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split(".") if p.isdigit())


def sequence_number(read: int, before: int | None, after: int | None) -> int | None:
    """The row number a damaged read stands for, between the numbers read above and below: its leading
    digit cut off by a photo's edge ("3" between 10 and 14 is 13) or a rule read as an extra leading
    digit ("218" between 17 and 19 is 18). The read itself when it fits; None when no single number
    does, or when nothing below bounds it (a "1" after "4" starts the count again)."""
    if before is None or (before < read and (after is None or read < after)):
        return read
    if after is None:
        return None
    text = str(read)
    fits = [n for n in range(before + 1, after)
            if str(n).endswith(text) and n != read or len(text) > len(str(n)) and text.endswith(str(n))]
    return fits[0] if len(fits) == 1 else None


# ---------------------------------------------------------------- Roman numerals
# Typed with Latin I/V/X or the Kazakh Cyrillic І and Х; matched after casefolding.
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
         "xi": 11, "xii": 12}
ROMAN.update({k.replace("i", "і").replace("x", "х"): v for k, v in list(ROMAN.items())})


def roman_value(token: str) -> int | None:
    return ROMAN.get(token.strip().casefold())


# OCR reads printed Roman numerals as look-alike digits and Cyrillic letters: I as 1, l, | or Kazakh І, II as
# П, Ц (a photo joins the serifs) or 11, III as Ш or 111, V as У, X as Х. Only a whole run of section marks decides (see roman_marks).
_ROMAN_TWINS = {"п": "ii", "ц": "ii", "ш": "iii", "1": "i", "l": "i", "|": "i", "і": "i", "у": "v", "х": "x"}
SECTION_MARK = re.compile(r"^\s*(\S{1,5}?)\s*([.)])(?=\s*\S)")


def _as_roman(mark: str) -> int | None:
    folded = "".join(_ROMAN_TWINS.get(ch, ch) for ch in mark.casefold())
    return ROMAN.get(folded) if set(folded) <= set("ivx") else None


def roman_marks(marks: list[str], ocr: bool = False) -> list[str] | None:
    """Section marks as OCR read them, in order ("1", "П", "Ш") -> the Roman numerals they print ("I", "II",
    "III"), or None. Only when every mark reads, through the look-alikes, as the next numeral of one run and at
    least one is no numeral as it stands (П, Ш: no plan numbers its sections so), so "1., 2." stay digits.
    Typed text keeps Kazakh І/Х when a mark that was read right uses them; OCR (`ocr`) cannot tell the Kazakh
    І from the Latin I, so its numerals are written the usual way, in Latin letters."""
    values = [_as_roman(m) for m in marks]
    if not marks or None in values or values != list(range(values[0], values[0] + len(values))):
        return None
    if len(marks) == 1 and values[0] != 1:
        return None  # a lone "П." is as likely an initial
    cyrillic = not ocr and any(roman_value(m) is not None and any(ch in "ІХ" for ch in m.upper()) for m in marks)
    if all(roman_value(m) is not None or m.isdigit() for m in marks) and not (ocr and any(
            ch in "ІХ" for m in marks for ch in m.upper())):
        return None
    latin = [k for k, v in sorted(ROMAN.items(), key=lambda kv: kv[1]) if set(k) <= set("ivx")]
    by_value = {ROMAN[k]: k.upper() for k in latin}
    out = [by_value[v] for v in values]
    return [o.replace("I", "І").replace("X", "Х") for o in out] if cyrillic else out


def section_numeral(text: str | None) -> int | None:
    """A cell holding only a Roman numeral ("I", "IV.", Kazakh "І", "ХІ"): a section's number."""
    return roman_value((text or "").strip().rstrip("."))


# ---------------------------------------------------------------- number words
KK_CARDINALS = {"бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9,
                "он": 10, "жиырма": 20, "отыз": 30}
KK_ORDINALS = {"бірінші": 1, "екінші": 2, "үшінші": 3, "төртінші": 4, "бесінші": 5, "алтыншы": 6, "жетінші": 7,
               "сегізінші": 8, "тоғызыншы": 9, "оныншы": 10, "жиырмасыншы": 20, "отызыншы": 30}
# Russian cardinals in every case, then ordinal stems taking adjective endings.
RU_CARDINALS = {
    "один": 1, "одна": 1, "одно": 1, "одного": 1, "одной": 1, "одному": 1, "одну": 1, "одним": 1,
    "два": 2, "две": 2, "двух": 2, "двум": 2, "двумя": 2, "три": 3, "трех": 3, "трем": 3, "тремя": 3,
    "четыре": 4, "четырех": 4, "четырем": 4, "четырьмя": 4, "восемь": 8, "восьми": 8, "восемью": 8,
}
_RU_TEENS = {"пят": 5, "шест": 6, "сем": 7, "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12,
             "тринадцат": 13, "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17,
             "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20, "тридцат": 30}
for _stem, _n in _RU_TEENS.items():
    RU_CARDINALS.update({_stem + "ь": _n, _stem + "и": _n, _stem + "ью": _n})
_RU_ORDINAL_STEMS = {"перв": 1, "втор": 2, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
                     "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13,
                     "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18,
                     "девятнадцат": 19, "двадцат": 20, "тридцат": 30}
_ADJ_ENDINGS = ("ый", "ой", "ого", "ому", "ом", "ая", "ую", "ое", "ые", "ых", "ым", "ыми")
RU_ORDINALS = {stem + e: n for stem, n in _RU_ORDINAL_STEMS.items() for e in _ADJ_ENDINGS}
RU_ORDINALS.update({"третий": 3, "третьего": 3, "третьему": 3, "третьем": 3, "третья": 3, "третью": 3,
                    "третье": 3, "третьи": 3, "третьих": 3, "третьей": 3})
# "он" (ten) is also a Russian pronoun: callers that read mixed text may leave it out.
AMBIGUOUS = {"он"}
NUMBER_WORDS: dict[str, int] = {**KK_CARDINALS, **KK_ORDINALS, **RU_CARDINALS, **RU_ORDINALS}
ORDINAL_WORDS: dict[str, int] = {**KK_ORDINALS, **RU_ORDINALS}
ADVERB_TIMES = {"единожды": 1, "однажды": 1, "дважды": 2, "трижды": 3, "четырежды": 4}

# "5-ші", "5-інші", "5-го", "5-е", "5-не", "5-іне", "5-күні": a digit with an ordinal or case ending.
DIGIT_WITH_ENDING = re.compile(r"^(\d{1,4})(?:\s*-?\s*[^\W\d_]{1,8})?$")


def _alt(words) -> str:
    return "|".join(sorted(set(words), key=len, reverse=True))


# One number written as a word (or two: "двадцать пятого", "он бес"), for regexes over lower-case text.
NUMBER_WORD_PATTERN = rf"(?:(?:жиырма|отыз|он|двадцать|тридцать)\s+)?(?:{_alt(NUMBER_WORDS)})"


@lru_cache(maxsize=4096)
def number_value(text: str) -> int | None:
    """The number a token or a short phrase writes: "5", "05", "5-ші", "5-го", "бес", "бесінші",
    "пяти", "пятого", "двадцать пятого", "он бес", "жиырма бесінші", "III"; None otherwise."""
    token = " ".join((text or "").casefold().replace("ё", "е").split()).strip(".,;:«»\"()")
    if not token:
        return None
    m = DIGIT_WITH_ENDING.match(token)
    if m:
        return int(m.group(1))
    if token in NUMBER_WORDS:
        return NUMBER_WORDS[token]
    words = token.split()
    if len(words) == 2 and words[0] in ("жиырма", "отыз", "он", "двадцать", "тридцать"):
        tens, units = NUMBER_WORDS.get(words[0]), NUMBER_WORDS.get(words[1])
        if tens and units and units < 10:
            return tens + units
    return roman_value(token)


def is_ordinal(text: str) -> bool:
    token = (text or "").casefold().strip()
    return token.split()[-1] in ORDINAL_WORDS if token else False


def kk_day_dative(day: int) -> str:
    """"5-іне", "6-сына", "10-ына", "20-сына": the day of a month as a Kazakh date takes it after
    "айдың" (possessive + dative, by the last number word's harmony and final sound)."""
    word = _kk_last_word(day)
    if word[-1] in "аеыі":
        return f"{day}-{'сына' if word[-1] in 'аы' else 'сіне'}"
    back = any(ch in "аоұы" for ch in word) and not any(ch in "әеөүі" for ch in word)
    return f"{day}-{'ына' if back else 'іне'}"


def _kk_last_word(n: int) -> str:
    units = {v: k for k, v in KK_CARDINALS.items()}
    if n % 10:
        return units[n % 10]
    return units.get(n, "он")


# ---------------------------------------------------------------- years
TWO_DIGIT_PIVOT = 70  # "25" -> 2025, "98" -> 1998: plans are about the present


def full_year(text: str | int | None) -> int | None:
    """A written year as four digits, by ONE rule: two digits below 70 are this century ("11" -> 2011,
    "25" -> 2025), from 70 the last ("98" -> 1998); four digits are kept between 1900 and 2100."""
    try:
        year = int(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if 0 <= year < 100:
        return 2000 + year if year < TWO_DIGIT_PIVOT else 1900 + year
    return year if 1900 <= year <= 2100 else None


def second_year(first: int, written: str) -> int | None:
    """The second year of a span whose second year may be shortened: ("2024", "25") -> 2025."""
    if len(written) == 4:
        return full_year(written)
    if len(written) == 2 and written.isdigit():
        return first // 100 * 100 + int(written)
    return None


ACADEMIC_YEAR = re.compile(
    r"(?<!\d)(?P<y1>(?:19|20)\d{2})\s*(?:ж\.?|г\.?)?\s*[-–—‒−/]\s*(?P<y2>(?:19|20)\d{2}|\d{2})(?!\d)"
    r"(?P<mark>\s*(?:оқу\s+жыл|учебн\S*\s+год|уч\.?\s*г|ж(?:ыл|ж)?|г(?:од|г)?))?",
    re.IGNORECASE,
)


def academic_year(text: str) -> tuple[int, int] | None:
    """The first academic year written in the text: "2024-2025 оқу жылы", "2024/25", "на 2024-2025
    учебный год" -> (2024, 2025); a span that is not two consecutive years is no academic year."""
    for m in ACADEMIC_YEAR.finditer(text or ""):
        first = int(m.group("y1"))
        second = second_year(first, m.group("y2"))
        if second == first + 1:
            return first, second
    return None
