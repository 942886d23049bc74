"""What the words of a cell or a line say it holds, in Kazakh and Russian: the words that name a plan
(matched fuzzily: OCR reads "жоспар" as "жоснар"), staff posts (a responsible cell names people by their
post: "зам. директора по ВР", "әдіскер"), people's names with initials, weekdays and clock times (a
timetable, not a plan)."""
from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from lang.alphabet import LOWER_CLASS, UPPER_CLASS
from lang.headers import header_words

# Stems naming a plan or its measures. Long stems also match at one edit (OCR noise, a missing letter).
PLAN_STEMS = ("жоспар", "план", "ұсыным", "рекомендац", "бағдарлама", "программ", "іс-шара", "мероприят")
FUZZY_STEM_MIN = 6  # shorter stems ("план") must match exactly: one edit from "план" is too many words

POST_STEMS = (
    # Russian
    "директор", "зам", "завуч", "руковод", "рук", "учител", "педагог", "воспитател", "психолог", "логопед",
    "дефектолог", "медицин", "медсестр", "медработ", "мед", "врач", "инструктор", "библиотекар", "администрац",
    "классн", "соц", "инспектор", "комисси", "завхоз", "секретар", "председател", "вожат", "тренер",
    "специалист", "методист", "бухгалтер", "сотрудник", "работник", "член", "актив", "организатор",
    # Kazakh
    "меңгеруш", "әдіскер", "тәрбиеш", "мұғалім", "басшы", "орынбасар", "жетекш", "медбике", "хатшы", "маман",
    "қызметкер", "мүше", "төраға", "куратор", "кеңесш", "жауапты",
)
WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
            "дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі", "жексенбі")
_LONGEST_WEEKDAY = max(map(len, WEEKDAYS))
_NOT_WORD_CHARS = re.compile(r"[\W_]+")
# a span of clock time "10:00-10:40" (with a colon: "14.09-19.09" is a span of dates)
CLOCK = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d\s*[-–—]\s*(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)")
# "Иванов А.Б.", "А.Б. Иванов", "Иванов А."
_U, _L = f"[{UPPER_CLASS}]", f"[{LOWER_CLASS}]"
PERSON = re.compile(rf"(?:^|[\s,;(])(?:{_U}{_L}+(?:-{_U}{_L}+)?\s*{_U}\.\s?(?:{_U}\.)?"
                    rf"|{_U}\.\s?(?:{_U}\.)?\s?{_U}{_L}{{2,}})")
ABBREVIATION = re.compile(rf"^(?:{_U}|[A-Z]){{2,7}}$")


def _stem_in(word: str, stem: str) -> bool:
    if word.startswith(stem):
        return True
    if len(stem) < FUZZY_STEM_MIN or len(word) < len(stem) - 1:
        return False
    return Levenshtein.distance(word[: len(stem)], stem, score_cutoff=1) <= 1


def has_plan_word(text: str | None) -> bool:
    """A word of the text is (nearly) a plan word: "жоспары", "жоснары", "План", "мероприятий"."""
    words = header_words(text or "")
    return any(_stem_in(w, s) for w in words for s in PLAN_STEMS)


def post_words(text: str | None) -> int:
    """How many words of the text name a staff post (a stem of three letters or fewer is a whole word:
    "зам.", "рук.", "мед.")."""
    return sum(1 for w in header_words(text or "")
               if any(w == s if len(s) <= 3 else w.startswith(s) for s in POST_STEMS))


def names_a_person(text: str | None) -> bool:
    return bool(PERSON.search(text or ""))


def abbreviations(text: str | None) -> int:
    """Upper-case abbreviations in the text ("ЗУВР", "ДТІЖО", "ЖАО")."""
    return sum(1 for w in re.split(r"[\s,;/()]+", text or "") if ABBREVIATION.match(w.strip(".")))


def is_weekday(text: str | None) -> bool:
    text = text or ""
    # Cheap exact test first (a timetable check reads every cell of a plan): a cell whose only word is a
    # weekday has no more letters and digits than the longest weekday (folding keeps letters letters).
    if len(text) > _LONGEST_WEEKDAY and len(_NOT_WORD_CHARS.sub("", text)) > _LONGEST_WEEKDAY:
        return False
    words = header_words(text)
    return len(words) == 1 and words[0] in WEEKDAYS


def has_clock_time(text: str | None) -> bool:
    return bool(text) and ":" in text and bool(CLOCK.search(text))  # no colon, no clock: no regex scan


# a task or goal heading of a programme: "Задача 1. …", "Цель: …", "1-міндет …", "Мақсаты: …"
GOAL_HEADING = re.compile(r"^\s*(?:\d{1,2}\s*[.)]\s*)?(?:\d{1,2}\s*-\s*(?:міндет|мақсат)"
                          r"|(?:задач|цел|подпрограмм|міндет|мақсат)[^\W\d_]{0,4}\s*\d{0,2}\s*[.:])", re.IGNORECASE)


def is_goal_heading(text: str | None) -> bool:
    """The text opens by naming a task or a goal (the heading of the measures under it)."""
    return bool(GOAL_HEADING.match(text or ""))
