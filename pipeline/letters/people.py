"""Who a letter is addressed to and who signed it."""
from __future__ import annotations

import re

from pipeline.letters.requisites import clean, requisite_line
from lang.alphabet import LOWER_CLASS, UPPER_CLASS

# Kazakh addressees end in a dative: "Мектеп директорларына", "Аудандық білім бөлімдерінің басшыларына"
_KK_ROLE_DATIVE = re.compile(
    r"^(?:басшы|директор|меңгеруші|әкім|бастығ|бастық|төраға|жетекші|ректор|басқарушы|ұйым|бөлім|мектеп"
    r"|мекеме|басқарма|департамент)[а-яәғқңөұүһі]*(?:ға|ге|қа|ке|на|не)$",
    re.IGNORECASE,
)
_KK_PLURAL_DATIVE = re.compile(r"[а-яәғқңөұүһі]{3,}(?:лар|лер|дар|дер|тар|тер)(?:ына|іне)$", re.IGNORECASE)
# Russian addressees open with a dative role: "Руководителям организаций образования", "Директору школы"
_RU_ROLE_DATIVE = re.compile(
    r"^(?:руководител(?:ям|ю)|директор(?:ам|у)|начальник(?:ам|у)|заведующ(?:им|ему)|аким(?:ам|у)|председател(?:ям|ю)"
    r"|глав(?:ам|е)|министр(?:ам|у)|ректор(?:ам|у)|президент(?:ам|у)|управляющ(?:им|ему))\b",
    re.IGNORECASE,
)
_ADDRESSEE_LABEL = re.compile(r"^(?:кімге|кому)\s*:\s*", re.IGNORECASE)
_GENITIVE_END = re.compile(r"(?:ның|нің|дың|дің|тың|тің|,|және|мен|пен|бен)$", re.IGNORECASE)
_BODY_START = re.compile(r"^(?:уважаем|құрметті|о\s|об\s|на\s+№|на\s+основании|во\s+исполнение|в\s+соответствии)",
                         re.IGNORECASE)

_UP, _LOW = UPPER_CLASS, LOWER_CLASS
_SURNAME = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
# "О. Дилмукашева", "А.Б. Сейткали", "Сейткали А.Б.", "Н.Рахметуллина"
# the surname-first form must not end where initials-first begins ("Басшы Қ. Бекмұхамбетов")
NAME_RE = re.compile(rf"(?<![\w.])(?:(?:[{_UP}]\.\s?){{1,2}}\s?{_SURNAME}|"
                     rf"{_SURNAME}\s(?:[{_UP}]\.\s?){{1,2}}(?!\s?[{_UP}][{_LOW}]))(?![\w])")


def find_addressee(lines: list[str], limit: int) -> tuple[str | None, int | None]:
    """The addressee among the first `limit` lines, and the index of the line that names it."""
    for i, raw in enumerate(lines[:limit]):
        line = clean(raw)
        if not line or len(line) > 100:
            continue
        label = _ADDRESSEE_LABEL.match(line)
        if label:
            line = line[label.end():]
            return _russian_addressee([line] + _following(lines, i)), i
        if _RU_ROLE_DATIVE.match(line):
            return _russian_addressee([line] + _following(lines, i)), i
        last = line.rstrip(" .,;:").split(" ")[-1]
        if _KK_ROLE_DATIVE.search(last) or _KK_PLURAL_DATIVE.search(last):
            return _kazakh_addressee(lines, i), i
    return None, None


def _following(lines: list[str], i: int) -> list[str]:
    """The short lines that continue an addressee begun on line i, up to a blank line."""
    out = []
    for raw in lines[i + 1:i + 4]:
        line = clean(raw)
        if not line or len(line) > 60 or requisite_line(line) is not None or _BODY_START.match(line):
            break
        out.append(line)
    return out


def _russian_addressee(parts: list[str]) -> str:
    return clean(" ".join(parts)).rstrip(" ,;:")


def _kazakh_addressee(lines: list[str], i: int) -> str:
    """Kazakh addressees end on line i; earlier lines belong to it while they end in a genitive
    ("…бөлімдерінің") or a conjunction."""
    parts = [clean(lines[i])]
    for raw in reversed(lines[max(0, i - 3):i]):
        line = clean(raw)
        if not line or len(line) > 60 or not _GENITIVE_END.search(line):
            break
        parts.insert(0, line)
    return clean(" ".join(parts)).rstrip(" ,;:")


def find_signatory(lines: list[str], after: int, skip: set[int]) -> str | None:
    """The first person's name after line index `after` (the end of the body), not on a skipped line
    (the executor's)."""
    for i in range(after + 1, len(lines)):
        if i in skip:
            continue
        m = NAME_RE.search(clean(lines[i]))
        if m:
            return m.group(0)
    return None
