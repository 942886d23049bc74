"""The Kazakh and Russian alphabets, look-alike letters, and the folds built on them.

Three tables, each one character to one character, so every fold keeps the text's length and a span
found on the folded text cuts the same piece out of the original:

- LATIN_TO_CYRILLIC / CYRILLIC_TO_LATIN: letters whose printed glyphs are the same in both scripts.
  Keyboard-layout slips and PDF text layers put them inside words of the other script ("мектeп" with a
  Latin e; a text layer whose font maps Kazakh letters to Latin codes).
- OCR_CONFUSIONS: Kazakh letters Tesseract (and typists without a Kazakh layout) read as their plain
  Russian or Latin neighbours: Қ/К, Ү/У, Ұ/У, Ә/А, І/I/1, Ө/О, Ң/Н, Ғ/Г, Һ/h. Folding a Kazakh letter
  into its plain twin loses information, so this table is only for matching keys (`fold_for_match`),
  never for text that is shown.
- DIGIT_TWINS: letters that stand for digits inside numbers ("О1.О9.2О23", "2О22").
"""
from __future__ import annotations

import re
import unicodedata

RU_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
KK_ONLY_LOWER = "әғқңөұүһі"
KK_ONLY = KK_ONLY_LOWER + KK_ONLY_LOWER.upper()
# Kazakh Cyrillic is the Russian alphabet plus nine letters (the 42-letter alphabet of 1940-2021 in use).
KK_LOWER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
RU_UPPER = RU_LOWER.upper()
KK_UPPER = KK_LOWER.upper()
CYRILLIC_LETTERS = set(KK_LOWER + KK_UPPER)
KK_ONLY_SET = frozenset(KK_ONLY)
# regex character classes, for patterns elsewhere
LOWER_CLASS = "а-яёәғқңөұүһі"
UPPER_CLASS = "А-ЯЁӘҒҚҢӨҰҮҺІ"

_LATIN_CYRILLIC_PAIRS = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х", "Y": "У", "a": "а", "c": "с", "e": "е", "i": "і", "k": "к", "m": "м", "o": "о",
    "p": "р", "x": "х", "y": "у", "h": "һ", "Ə": "Ә", "ə": "ә",
}
LATIN_TO_CYRILLIC = str.maketrans(_LATIN_CYRILLIC_PAIRS)
# Back to Latin only the letters that have one twin: Ү as well as У prints like Y.
CYRILLIC_TO_LATIN = str.maketrans({**{c: lat for lat, c in _LATIN_CYRILLIC_PAIRS.items()}, "Ү": "Y", "ү": "y"})
LATIN_TWINS = frozenset(_LATIN_CYRILLIC_PAIRS)
CYRILLIC_TWINS = frozenset(_LATIN_CYRILLIC_PAIRS.values()) | {"Ү", "ү"}

# Kazakh letter -> the letter OCR or a Russian keyboard puts in its place (upper and lower case).
# Ә is read as Э more often than as А (its glyph is a turned Э).
_OCR_PAIRS = {"Қ": "К", "Ү": "У", "Ұ": "У", "Ә": "Э", "Ө": "О", "Ң": "Н", "Ғ": "Г", "Һ": "Х", "І": "И"}
OCR_CONFUSIONS = str.maketrans({**_OCR_PAIRS, **{k.lower(): v.lower() for k, v in _OCR_PAIRS.items()}})
# Also read as І: the Latin I, the digit 1 and a vertical bar (merged before OCR_CONFUSIONS folds І to И).
OCR_I_TWINS = str.maketrans({"I": "І", "1": "І", "|": "І", "l": "і"})

# Cyrillic letters a blurred or cut phone photo makes Tesseract trade for one another (the glyphs differ by
# a stroke or a gap): е/с, и/н/п, щ/ш, ъ/ь. For matching keys of short known words only (month headings):
# folding them in running text would merge real words.
PHOTO_CONFUSIONS = str.maketrans({"е": "с", "и": "н", "п": "н", "щ": "ш", "ъ": "ь"})

DIGIT_TWINS = str.maketrans({"O": "0", "o": "0", "О": "0", "о": "0", "I": "1", "l": "1", "І": "1", "і": "1",
                             "|": "1"})

_LATIN = re.compile(r"[A-Za-zƏə]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_WORD = re.compile(r"[^\W\d_]+")
_SOFT = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def has_kazakh_letter(text: str) -> bool:
    return any(ch in KK_ONLY_SET for ch in text)


def is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def has_latin(text: str) -> bool:
    return bool(_LATIN.search(text))


def latin_in_cyrillic_words(text: str) -> str:
    """Latin look-alikes folded inside words that hold a Cyrillic letter ("мектeп" -> "мектеп");
    words wholly Latin ("PISA", an e-mail) are left alone. Same length as `text`."""
    if not _LATIN.search(text):
        return text
    return _WORD.sub(lambda m: m.group(0).translate(LATIN_TO_CYRILLIC) if _CYRILLIC.search(m.group(0))
                     else m.group(0), text)


def to_cyrillic(text: str) -> str:
    """Every Latin look-alike letter as its Cyrillic twin, whatever word it stands in. Same length."""
    return text.translate(LATIN_TO_CYRILLIC) if _LATIN.search(text) else text


def fold_twins(run: str, cyrillic_context: bool = False) -> str:
    """Fold look-alike letters of one letter run into the run's own script: the script of its letters
    that have no twin ("G" makes "GНР" Latin, "л" makes "плaн" Cyrillic), else its majority script. A run
    made only of Latin look-alikes ("ATA" in "ATA-АНАЛАР") is folded to Cyrillic inside Cyrillic text."""
    cyr = _CYRILLIC.findall(run)
    lat = _LATIN.findall(run)
    if cyr and lat:
        own_lat = any(ch not in LATIN_TWINS for ch in lat)
        own_cyr = any(ch not in CYRILLIC_TWINS for ch in cyr)
        to_cyr = own_cyr if own_cyr != own_lat else len(cyr) >= len(lat)
        return run.translate(LATIN_TO_CYRILLIC if to_cyr else CYRILLIC_TO_LATIN)
    if lat and cyrillic_context and all(ch in LATIN_TWINS for ch in run if ch.isalpha()):
        return run.translate(LATIN_TO_CYRILLIC)
    return run


def lower_same_length(text: str) -> str:
    """Lower case without moving any character ("İ" lowers into two characters: kept as it is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold_for_match(text: str) -> str:
    """A matching key: NFC, invisible marks out, lower case, ё -> е, Latin twins to Cyrillic, Kazakh
    letters folded into the letters OCR confuses them with: "Қазақстан", the Russian-keyboard "Казакстан"
    and an OCR'd "Kaзaкcтaн" share one key. Not for display."""
    text = unicodedata.normalize("NFC", text or "").translate(_SOFT)
    text = text.translate(LATIN_TO_CYRILLIC).translate(OCR_I_TWINS)
    return text.lower().replace("ё", "е").translate(OCR_CONFUSIONS)


def photo_key(text: str) -> str:
    """`fold_for_match` with the photo confusions merged too, letters only: "Келтокеаи" and "Желтоқсан"
    differ by one letter, "Кант аз" keys as "кантаз". For matching a short heading against known words."""
    return "".join(ch for ch in fold_for_match(text) if ch.isalpha()).translate(PHOTO_CONFUSIONS)


def upper_key(text: str) -> str:
    """The look-alike key of an abbreviation: upper case, Latin twins and OCR confusions merged
    (ББҮ/ББҰ/ББУ/BБУ, СӘБД/СЭБД, І/I/1/И, Ё/Е, 0/О)."""
    text = to_cyrillic(text.upper()).upper().translate(OCR_I_TWINS).translate(OCR_CONFUSIONS)
    return text.translate(_ABBREV_EXTRA)


_ABBREV_EXTRA = str.maketrans({"Ё": "Е", "0": "О"})
