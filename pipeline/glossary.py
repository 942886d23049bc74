"""Glossaries of abbreviations ("Аббревиатуралар:", "Сокращения", "Список сокращений"): the plan's own
key to the bodies named in its responsible column."""
from __future__ import annotations

import re

from lang.alphabet import upper_key
from lang.text import one_line

HEADING = re.compile(
    r"^\s*(аббревиатура\w*|қысқарт\w*|қысқаша\s+атау\w*|шартты\s+белгі\w*|сокращени\w*|список\s+сокращений|"
    r"перечень\s+сокращений|условные\s+обозначения|принятые\s+сокращения|используемые\s+сокращения)\s*[:.]?\s*$",
    re.IGNORECASE,
)
# "БББ – Атырау облысы Білім беру басқармасы", "ОО - организации образования", "ДСБ: ..."
ENTRY = re.compile(r"^\s*(?P<key>[^\s–—=:-][^–—=:]{0,24}?)\s*(?:[–—=:]|\s-\s|-\s|\s-)\s*(?P<value>\S.{2,})$")


def is_heading(line: str) -> bool:
    return bool(HEADING.match(one_line(line)))


def looks_like_abbreviation(key: str) -> bool:
    """Mostly capitals: "БББ", "Қ(А)БББ", "СЭБД", "ОО", "МИО РК"."""
    letters = [c for c in key if c.isalpha()]
    if not letters or len(key) > 25 or len(key.split()) > 3:
        return False
    return sum(1 for c in letters if c.isupper()) / len(letters) >= 0.6


def parse_entry(line: str) -> tuple[str, str] | None:
    m = ENTRY.match(one_line(line))
    if not m or not looks_like_abbreviation(m.group("key")):
        return None
    return m.group("key").strip(), m.group("value").strip().rstrip(";,.").strip()


def parse_glossary(lines: list[str]) -> dict[str, str]:
    entries = (parse_entry(line) for line in lines if line.strip() and not is_heading(line))
    return {k: v for k, v in (e for e in entries if e)}


def letters_from_expansions(glossary: dict[str, str]) -> dict[str, str]:
    """An OCR'd glossary: an abbreviation whose letters are its expansion's initials but for letters OCR
    confuses ("К(А)БББ" for "Қалалық аудандық білім беру бөлімдері") takes the initials' letters ("Қ(А)БББ")."""
    return {_from_initials(key, value): value for key, value in glossary.items()}


def _from_initials(key: str, value: str) -> str:
    initials = [w[0].upper() for w in re.split(r"[\s\-–]+", value) if w[:1].isalpha()]
    letters = [c for c in key if c.isalpha()]
    if len(initials) != len(letters) or upper_key("".join(letters)) != upper_key("".join(initials)):
        return key
    it = iter(initials)
    return "".join(next(it) if c.isalpha() else c for c in key)
