"""Text helpers shared by splitting and resolution: spacing, look-alike folding, matching keys."""
from __future__ import annotations

import re
import unicodedata

# Latin letters that print like Cyrillic ones (OCR and keyboard-layout slips): same length, so
# offsets found on the folded text are valid on the original.
LATIN_TO_CYRILLIC = str.maketrans({
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х", "Y": "У", "I": "І", "a": "а", "c": "с", "e": "е", "o": "о", "p": "р",
    "x": "х", "y": "у", "i": "і", "k": "к", "m": "м", "h": "һ",
})

# Coarser folding for abbreviations only: letters OCR or typists swap inside an abbreviation
# (Ү/Ұ, Ә/Э, Қ/К, І/I/1 ...). Applied after LATIN_TO_CYRILLIC.
ABBREV_FOLD = str.maketrans({
    "Ү": "У", "Ұ": "У", "Ә": "Э", "Қ": "К", "Ғ": "Г", "Ң": "Н", "Ө": "О", "Һ": "Х",
    "1": "І", "|": "І", "Ё": "Е", "0": "О", "И": "І",
})

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_SOFT = re.compile("[\u00ad\u200c\u200d\ufeff]")
_WS = re.compile(r"\s+")
_OPEN_SPACE = re.compile(r"\(\s+")
_SPACE_CLOSE = re.compile(r"\s+([),.;:])")
_BULLET = re.compile(r"^\s*(?:[-–—•*·]+|\d{1,2}[.)](?!\d))\s*")
_RU_LETTER = re.compile("[а-яё]", re.I)
_CASE_SUFFIX = re.compile(r"[-‐–]\s*[а-яәғқңөұүһі]{1,4}$")
_SPACE_DOT = re.compile(r"[\s.]+")
_WORD_HYPHEN = re.compile(r"(?<=\w)-\s*(?=\w)")
_NON_WORD = re.compile(r"[^\w\s]")
KK_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
QUOTES = "«»“”„\"'‘’`"


def clean(text: str) -> str:
    """NFC, soft hyphens and zero-width marks out, unified dashes, CRLF -> LF."""
    text = unicodedata.normalize("NFC", text or "")
    text = _SOFT.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2010", "-").replace("\u2011", "-")


def squeeze(text: str) -> str:
    """Collapse runs of spaces and line breaks; no space inside brackets or before , . ; :"""
    text = _WS.sub(" ", _SPACES.sub(" ", text)).strip()
    text = _OPEN_SPACE.sub("(", text)
    text = _SPACE_CLOSE.sub(r"\1", text)
    return text


def strip_edges(text: str) -> str:
    """Drop list bullets, numbering and trailing punctuation around one body's name."""
    text = _BULLET.sub("", text)
    return text.strip().strip(" ,.;:").strip()


def language_of(text: str) -> str:
    """'kk' when a Kazakh-only letter is present, 'ru' for other Cyrillic, '' when unknowable
    (an abbreviation in letters both alphabets share): callers choose a default."""
    if any(ch in KK_LETTERS for ch in text):
        return "kk"
    if _RU_LETTER.search(text):
        return "ru"
    return ""


_LATIN = re.compile(r"[A-Za-z]")


def fold_latin(text: str) -> str:
    return text.translate(LATIN_TO_CYRILLIC) if _LATIN.search(text) else text


def lower_same_length(text: str) -> str:
    """Lowercased text with the same offsets (falls back to the text when lowering changes length)."""
    low = text.lower()
    return low if len(low) == len(text) else text


def abbrev_key(text: str) -> str:
    """Exact key of an abbreviation: spacing and a case-suffix ('БББ-ға') ignored."""
    return _SPACE_DOT.sub("", _CASE_SUFFIX.sub("", text.strip()))


def abbrev_fold(text: str) -> str:
    """Look-alike key of an abbreviation: Latin twins and confusable Kazakh letters merged."""
    return abbrev_key(text).upper().translate(LATIN_TO_CYRILLIC).upper().translate(ABBREV_FOLD)


def name_key(text: str) -> str:
    """Key of a full name for exact matching: casefolded, Latin twins folded, hyphens, quotes and
    punctuation out (so 'департа-менті' and 'санитариялық-эпидемиологиялық' compare by letters)."""
    text = fold_latin(clean(text)).casefold().replace("ё", "е")
    text = _NON_WORD.sub(" ", _WORD_HYPHEN.sub("", text))
    return _WS.sub(" ", text).strip()


def stem_key(key: str, size: int = 5) -> str:
    """Each word cut to its first letters: absorbs case and number endings in both languages."""
    return " ".join(w[:size] for w in key.split())
