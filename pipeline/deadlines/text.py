"""Preparing a deadline string for the grammar without moving any character.

`prepare` returns a string of exactly the same length as its input, so a span found in the prepared text
cuts the same piece out of the original: every `Deadline.raw` is a piece of what the plan says.
"""
from __future__ import annotations

import re
import unicodedata

# Latin letters OCR and typists put into Cyrillic words (and the Latin schwa Kazakh keyboards lack).
_LATIN_TO_CYRILLIC = str.maketrans({
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х", "Y": "У", "I": "І", "a": "а", "c": "с", "e": "е", "o": "о", "p": "р",
    "x": "х", "y": "у", "i": "і", "k": "к", "Ə": "Ә", "ə": "ә",
})
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_WORD = re.compile(r"[^\W\d_]+")
# A run of digits and their look-alikes inside a date or a year ("О1.О9.2О23", "2О22").
_DIGITISH = re.compile(r"(?<![^\W\d_])[0-9OoОоIlІі|]+(?:[./][0-9OoОоIlІі|]+)*(?![^\W\d_])")
_TO_DIGIT = str.maketrans({"O": "0", "o": "0", "О": "0", "о": "0",
                           "I": "1", "l": "1", "І": "1", "і": "1", "|": "1"})
# Spaces of every kind become a plain space; a soft hyphen becomes "-" ("жоспар\xadларына").
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\r": " ",
                         "\u2009": " ", "\u200a": " ", "\u00ad": "-", "ё": "е", "Ё": "Е"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _fold_word(m: re.Match) -> str:
    word = m.group(0)
    return word.translate(_LATIN_TO_CYRILLIC) if _CYRILLIC.search(word) else word


def _fold_digits(m: re.Match) -> str:
    token = m.group(0)
    return token.translate(_TO_DIGIT) if sum(c.isdigit() for c in token) >= 2 else token


def _lower_keep_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # a few capitals ("İ") lower into two characters; keep those as they are
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# Only texts holding a digit next to a look-alike, or any Latin letter, need the slower folds.
_DIGIT_TWIN = re.compile(r"\d[OoОоIlІі|./]*[OoОоIlІі|]|[OoОоIlІі|][OoОоIlІі|./]*\d")
_LATIN = re.compile(r"[A-Za-zƏə]")


def prepare(text: str) -> str:
    """Lower case, spaces unified, Latin look-alikes folded in Cyrillic words, "О" read as "0" in dates."""
    out = text.translate(_SPACES)
    if _DIGIT_TWIN.search(out):
        out = _DIGITISH.sub(_fold_digits, out)
    if _LATIN.search(out):
        out = _WORD.sub(_fold_word, out)
    out = _lower_keep_length(out)
    assert len(out) == len(text)  # spans must map one to one
    return out
