"""Address words of letterheads, Kazakh and Russian: what marks a line as the issuer's address block
(postal code, street, building, phone, e-mail, bank requisites) rather than its name.

Printed letterheads are often scanned or retyped, so the longer words are matched fuzzily on their
look-alike key ("көпесі" for "көшесі"); short ones and abbreviations exactly.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from lang.alphabet import fold_for_match

# Street, building, district and office words (matched fuzzily: at least 5 letters).
ADDRESS_WORDS = ("көшесі", "даңғылы", "шағынаудан", "ғимарат", "ғимараты", "құрылыс", "құрылысы", "кеңсе",
                 "улица", "проспект", "микрорайон", "строение", "корпус", "переулок", "бульвар", "кабинет")
FUZZY_MIN = 80
_EXACT = re.compile(
    r"(?:\b\d{6}\b|@|тел\b|тел\.|факс|e-?mail|эл\.?\s*(?:пошта|почта)|ул\.|пр\.|мкр|ш\.а\.|шағын\s*аудан"
    r"|үй\b|дом\b|http|www\.|\bБСН\b|\bБИН\b|\bИИК\b|\bЖСК\b|\bБСК\b|\bБИК\b|\bКбе\b|каб\.)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]{5,}")
_KEYS = tuple(fold_for_match(w) for w in ADDRESS_WORDS)


@lru_cache(maxsize=8192)
def is_address_word(word: str) -> bool:
    key = fold_for_match(word)
    return any(fuzz.ratio(key, k) >= FUZZY_MIN for k in _KEYS if abs(len(k) - len(key)) <= 2)


def is_address_line(line: str) -> bool:
    return bool(_EXACT.search(line)) or any(is_address_word(w) for w in _WORD.findall(line))
