"""Text helpers shared by splitting and resolution: spacing, look-alike folding, matching keys."""
from __future__ import annotations

import re
import unicodedata

from lang.alphabet import to_cyrillic, upper_key
from lang.script import language_of as _language_of

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_SOFT = re.compile("[\u00ad\u200c\u200d\ufeff]")
_WS = re.compile(r"\s+")
_OPEN_SPACE = re.compile(r"\(\s+")
_SPACE_CLOSE = re.compile(r"\s+([),.;:])")
_BULLET = re.compile(r"^\s*(?:[-–—•*·]+|\d{1,2}[.)](?!\d))\s*")
_CASE_SUFFIX = re.compile(r"[-‐–]\s*[а-яәғқңөұүһі]{1,4}$")
_SPACE_DOT = re.compile(r"[\s.]+")
_WORD_HYPHEN = re.compile(r"(?<=\w)-\s*(?=\w)")
_NON_WORD = re.compile(r"[^\w\s]")
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
    """'kk', 'ru', or '' when unknowable (an abbreviation in letters both alphabets share)."""
    return _language_of(text, default="")


def abbrev_key(text: str) -> str:
    """Exact key of an abbreviation: spacing and a case-suffix ('БББ-ға') ignored."""
    return _SPACE_DOT.sub("", _CASE_SUFFIX.sub("", text.strip()))


def abbrev_fold(text: str) -> str:
    """Look-alike key of an abbreviation: Latin twins and confusable Kazakh letters merged."""
    return upper_key(abbrev_key(text))


def name_key(text: str) -> str:
    """Key of a full name for exact matching: casefolded, Latin twins folded, hyphens, quotes and
    punctuation out (so 'департа-менті' and 'санитариялық-эпидемиологиялық' compare by letters)."""
    text = to_cyrillic(clean(text)).casefold().replace("ё", "е")
    text = _NON_WORD.sub(" ", _WORD_HYPHEN.sub("", text))
    return _WS.sub(" ", text).strip()


def stem_key(key: str, size: int = 5) -> str:
    """Each word cut to its first letters: absorbs case and number endings in both languages."""
    return " ".join(w[:size] for w in key.split())
