"""Is a PDF text layer real text, or glyphs mapped to the wrong letters?

Kazakh fonts of the 1990s-2000s (KZ Times and kin) and some scanners' OCR put Latin look-alikes,
digits or private-use codes where Cyrillic letters are: "6ac4apMacbt" for "басқармасы", "xbrn"
for "жыл". Such a page reads as nonsense and must be OCR'd. Real text, in Kazakh, Russian or
English, almost never has these word shapes:

- a private-use or replacement character, or pdfminer's "(cid:N)" for a glyph without a code,
  inside a word (alone, a private-use glyph is a Symbol-font bullet);
- Latin and Cyrillic letters mixed in one word;
- a digit between two letters ("o6n", "Mo4");
- a capital after a small letter inside a Latin word ("KoMMyHan", "xeHe"): Cyrillic small
  letters drawn like Latin capitals (м н т к в) land there.

A page is garbled when enough of its words have one of these shapes. Text from a scanner's own
OCR has a few such words too (a misread letter), far fewer than that.
"""
from __future__ import annotations

import re

MIN_WORDS = 12  # fewer words say too little (a page number, a stamp)
GARBLED_SHARE = 0.25  # share of odd words that makes a page garbled
_WORD = re.compile(r"\S+")
_PRIVATE = re.compile(r"[\ue000-\uf8ff\ufffd]|\(cid:\d+\)")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_DIGIT_INSIDE = re.compile(r"[^\W\d_]\d+[^\W\d_]")
_CAMEL = re.compile(r"[a-z][A-Z]")


def is_odd_word(word: str) -> bool:
    """A word shaped as garbled glyph mapping makes it, not as people write."""
    if _PRIVATE.search(word):
        return True
    if _LATIN.search(word) and _CYRILLIC.search(word):
        return True
    core = word.strip("()[]{}«»\"'.,;:!?-–—")
    return bool(_DIGIT_INSIDE.search(core) or (_LATIN.search(core) and _CAMEL.search(core)))


def garbled_share(text: str) -> tuple[float, int]:
    """(share of odd words among the words with a letter, number of such words)."""
    words = [w for w in _WORD.findall(text or "") if any(ch.isalpha() for ch in w) or len(_PRIVATE.findall(w)) > 1]
    if not words:
        return 0.0, 0
    return sum(map(is_odd_word, words)) / len(words), len(words)


def is_garbled(text: str) -> bool:
    """True for a text layer that is not real text (see the module's docstring)."""
    share, n = garbled_share(text)
    return n >= MIN_WORDS and share >= GARBLED_SHARE
