"""Kazakh lexical attributes: numbers written as words count as numbers (like_num)."""
from __future__ import annotations

import re

from spacy.attrs import LIKE_NUM

_NUM_WORDS = {
    "нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз", "он", "жиырма", "отыз",
    "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан", "жүз", "мың", "миллион", "миллиард", "триллион",
    "жарты", "бірінші", "екінші", "үшінші", "төртінші", "бесінші", "алтыншы", "жетінші", "сегізінші",
    "тоғызыншы", "оныншы", "жиырмасыншы", "отызыншы", "жүзінші", "мыңыншы",
}
_ORDINAL_SUFFIX = re.compile(r"^(\w+?)(?:ыншы|інші|ншы|нші)$")
_DIGITS = re.compile(r"^[+-]?\d+(?:[.,]\d+)?(?:-?(?:ші|шы|інші|ыншы|сы|сі|і|ы))?$")  # not '16.02.2022'
_ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")


def like_num(text: str) -> bool:
    """'15', '1,5', '1-ші', 'II', 'екі', 'жүз', 'бесінші', 'екі мың' parts."""
    text = text.strip()
    if _DIGITS.match(text) or _ROMAN.match(text):
        return True
    if text.count("/") == 1 and all(p.isdigit() for p in text.split("/")):
        return True
    lower = text.casefold()
    if lower in _NUM_WORDS:
        return True
    ordinal = _ORDINAL_SUFFIX.match(lower)
    return bool(ordinal) and (ordinal.group(1) in _NUM_WORDS or ordinal.group(1) + "ы" in _NUM_WORDS
                              or ordinal.group(1) + "і" in _NUM_WORDS)


LEX_ATTRS = {LIKE_NUM: like_num}
