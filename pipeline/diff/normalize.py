"""Text normalisation for comparing two versions of a cell.

Two strings that normalise to the same token list differ only cosmetically: letter case, punctuation,
spacing, a trailing full stop, Latin/Cyrillic look-alike letters (OCR and keyboard-layout twins), a
number spelt as a digit, a Roman numeral or a word ("1" / "I" / "бір" / "один"), and a percent sign
spelt out ("100%" / "100 пайыз" / "100 процентов"). Word endings are NOT folded here: a changed word
is a material change (stemming lives in stem.py and serves alignment only).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from lang.alphabet import fold_twins
from lang.numbers import AMBIGUOUS, KK_CARDINALS, ROMAN, RU_CARDINALS

# Roman numerals and cardinal number words ("1" / "I" / "бір" / "один" / "пяти"); Kazakh "он" (ten) is
# left out: it is also a Russian pronoun.
_ROMAN = {k: str(v) for k, v in ROMAN.items()}
_NUMBER_WORDS = {w: str(n) for w, n in {**KK_CARDINALS, **RU_CARDINALS}.items() if w not in AMBIGUOUS}
_PERCENT_WORD = re.compile(r"^(пайыз|процент|проц$|прц$)")

# a token is a run of digits, a run of letters, or a percent sign; everything else separates tokens
_TOKEN = re.compile(r"\d+|[^\W\d_]+|%")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")
# a unit word after a four-digit year: "2023 г." / "2023 года", "2024 ж." / "2024 жыл"
_YEAR_WORDS = {"г": "год", "гг": "год", "год": "год", "года": "год", "году": "год", "годы": "год",
               "ж": "жыл", "жж": "жыл", "жыл": "жыл", "жылы": "жыл"}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# a grammatical ending glued to a numeral or % ("11-х", "1-го", "16-шы", "100%-ға") is spelling, not content
_NUMERAL_ENDING = re.compile(
    r"([\d%])\s*[-‐–]\s*(?:х|го|му|й|я|е|м|ый|ой|ом|ых|ми|ая|ое|ые|шы|ші|інші|ыншы|нші|ншы"
    r"|ға|ге|қа|ке|да|де|та|те|дан|ден|тан|тен|нан|нен|ның|нің|дың|дің|тың|тің|ы|і|сы|сі)(?![^\W\d_])",
    re.IGNORECASE)


def clean(text: str | None) -> str:
    """NFC, invisible characters removed, whitespace collapsed: the raw value as it should be shown."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).translate(_INVISIBLE)
    return re.sub(r"\s+", " ", text).strip()


def _canonical_token(token: str, cyrillic_context: bool) -> str:
    if token.isdecimal():  # not isdigit(): "²" is a digit that int() refuses
        return str(int(token)) if len(token) < 6 else token  # "01" -> "1", long codes kept as written
    token = fold_twins(token, cyrillic_context).casefold().replace("ё", "е")
    if token in _ROMAN:
        return _ROMAN[token]
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS[token]
    if token == "%" or _PERCENT_WORD.match(token):
        return "%"
    return token


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    text = _NUMERAL_ENDING.sub(r"\1", clean(text))
    cyrillic_context = len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text))
    out: list[str] = []
    for token in _TOKEN.findall(text):
        token = _canonical_token(token, cyrillic_context)
        if out and len(out[-1]) == 4 and out[-1].isdigit() and token in _YEAR_WORDS:
            token = _YEAR_WORDS[token]  # "2023 г." and "2023 года" are one spelling of the year
        out.append(token)
    return tuple(out)


def norm_tokens(text: str | None) -> list[str]:
    """The comparison tokens of a string: two strings with equal tokens differ only cosmetically."""
    return list(_tokens(text or ""))


def norm_text(text: str | None) -> str:
    return " ".join(_tokens(text or ""))


def norm_key(word: str) -> str:
    """A whitespace-delimited word reduced to what matters, without separators ("I-4" -> "14")."""
    return "".join(_tokens(word))


def same_up_to_cosmetics(old: str | None, new: str | None) -> bool:
    return _tokens(old or "") == _tokens(new or "")
