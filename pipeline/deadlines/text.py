"""Preparing a deadline string for the grammar without moving any character.

`prepare` returns a string of exactly the same length as its input, so a span found in the prepared text
cuts the same piece out of the original: every `Deadline.raw` is a piece of what the plan says.
"""
from __future__ import annotations

import re
import unicodedata

from lang.alphabet import DIGIT_TWINS, latin_in_cyrillic_words, lower_same_length
from lang.months import respell_months

# A run of digits and their look-alikes inside a date or a year ("О1.О9.2О23", "2О22").
_DIGITISH = re.compile(r"(?<![^\W\d_])[0-9OoОоIlІі|]+(?:[./][0-9OoОоIlІі|]+)*(?![^\W\d_])")
# Spaces of every kind become a plain space; a soft hyphen becomes "-" ("жоспар\xadларына").
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\r": " ",
                         "\u2009": " ", "\u200a": " ", "\u00ad": "-", "ё": "е", "Ё": "Е"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _fold_digits(m: re.Match) -> str:
    token = m.group(0)
    return token.translate(DIGIT_TWINS) if sum(c.isdigit() for c in token) >= 2 else token


# Only texts holding a digit next to a look-alike need the digit fold.
_DIGIT_TWIN = re.compile(r"\d[OoОоIlІі|./]*[OoОоIlІі|]|[OoОоIlІі|][OoОоIlІі|./]*\d")


def prepare(text: str) -> str:
    """Lower case, spaces unified, Latin look-alikes folded in Cyrillic words, "О" read as "0" in dates."""
    out = text.translate(_SPACES)
    if _DIGIT_TWIN.search(out):
        out = _DIGITISH.sub(_fold_digits, out)
    out = respell_months(lower_same_length(latin_in_cyrillic_words(out)))
    assert len(out) == len(text)  # spans must map one to one
    return out
