"""Column roles from a plan table's header, in Kazakh and Russian.

Headers vary endlessly ("Іс-шаралар атауы", "Наименование мероприятия", "Мерзімдер", "Срок исполнения",
"Жауапты орындаушы (бірлесіп орындаушы)", "Орындау индикаторлары"…) and OCR garbles them, so roles come
from word stems matched fuzzily, in a fixed priority: "Орындау мерзімі" is a deadline although
"орындау" also opens "Жауапты орындаушы", and "Орындау индикаторлары" is an indicator.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from lang.alphabet import latin_in_cyrillic_words
from schemas import Column

# role -> stems; a header word matches a stem when it starts with it (or nearly does, for OCR noise)
ROLE_STEMS: list[tuple[str, tuple[str, ...]]] = [
    ("number", ("№", "п/п", "р/с", "р/н", "рс", "пп", "n")),
    ("deadline", ("мерзім", "срок", "уақыт", "дата", "время", "мезгіл", "кезең", "период", "мерзімдер", "күні")),
    ("indicator", ("индикатор", "көрсеткіш", "показател", "нәтиже", "результат", "межелі")),
    ("form", ("нысан", "форма", "аяқта", "завершени")),
    ("responsible", ("жауапт", "ответствен", "исполнител", "орындаушы", "орындаушылар", "жауаптылар")),
    ("measure", ("іс-шара", "ісшара", "шара", "мероприят", "атауы", "наименован", "мазмұн", "содержани",
                 "тақырып", "тақырыб", "тема", "жұмыс", "мәселе", "вопрос", "міндет", "задач", "әрекет", "действи")),
]
WORD = re.compile(r"[№]|[^\W_]+(?:[-/][^\W_]+)*", re.UNICODE)
# "Наименование задачи, результата, мероприятия", "Іс-шаралар мен нәтижелердің атауы": the name of the
# measures, although a result (indicator) word is in it; "Наименование показателя" stays an indicator
NAMING_STEMS = ("наименован", "атауы", "мазмұн", "содержани")
MEASURE_CORE = ("іс-шара", "ісшара", "мероприят", "задач", "міндет")
FUZZY_MIN = 88  # rapidfuzz ratio for a stem against a word prefix of the same length


def header_words(header: str) -> list[str]:
    # Latin look-alikes that OCR and careless typing put inside Cyrillic words are folded first
    return [w.casefold() for w in WORD.findall(latin_in_cyrillic_words(header.replace("ё", "е")))]


def _word_matches(word: str, stem: str) -> bool:
    if word.startswith(stem) or (len(stem) <= 3 and word == stem):
        return True
    return len(stem) >= 5 and len(word) >= len(stem) and fuzz.ratio(word[: len(stem)], stem) >= FUZZY_MIN


def column_role(header: str) -> str:
    words = header_words(header)
    if not words:
        return "other"
    if words[0] in ("№", "n") and len(words) <= 3:
        return "number"
    if _names_measures(words):
        return "measure"
    for role, stems in ROLE_STEMS:
        if role == "number":
            continue
        if any(_word_matches(w, s) for w in words for s in stems):
            return role
    return "number" if any(w in ("№", "пп", "п/п", "р/с", "рс") for w in words) else "other"


def _names_measures(words: list[str]) -> bool:
    def has(stems: tuple[str, ...]) -> bool:
        return any(_word_matches(w, s) for w in words for s in stems)
    return has(NAMING_STEMS) and has(MEASURE_CORE) and not has(ROLE_STEMS[1][1])


def column_roles(headers: list[str]) -> list[Column]:
    """Roles for a header row; a role claimed twice keeps its first column, the later ones become other,
    except that a second measure-like column after the measure is often a sub-text and stays other."""
    columns, seen = [], set()
    for i, h in enumerate(headers):
        role = column_role(h)
        if role in seen and role != "other":
            role = "other"
        seen.add(role)
        columns.append(Column(header=" ".join(h.split()), role=role, index=i))
    return columns


def is_plan_header(columns: list[Column]) -> bool:
    roles = {c.role for c in columns}
    return "measure" in roles and len(roles & {"number", "responsible", "deadline", "form", "indicator"}) >= 1
