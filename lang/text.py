"""Small text helpers shared by the structure stage."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f]+")


# The structure stage looks at each cell several times (header, row kinds, grid): clean each text once.
@lru_cache(maxsize=16384)
def clean_cell(text: str | None) -> str:
    """NFC, spaces collapsed inside each line, blank lines dropped; line breaks kept."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    lines = (SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


@lru_cache(maxsize=16384)
def one_line(text: str | None) -> str:
    return " ".join(clean_cell(text).split())


def casefold(text: str | None) -> str:
    return one_line(text).casefold()


OPENING_QUOTES = "«\"“„"


def opens_new(text: str | None) -> bool:
    """A text opening as a measure or a sentence does: a capital letter or an opening quote ("«Таза аула»
    акциясы"). The rest of a cut sentence opens in lower case, with a digit, a dash or a bracket."""
    text = (text or "").lstrip()
    return bool(text) and (text[0].isupper() or text[0] in OPENING_QUOTES)
