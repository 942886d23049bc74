"""Caches and shortcuts added for speed (issue 13) answer as the plain code did, in Kazakh and Russian."""
from __future__ import annotations

import pytest

from lang.content import is_weekday
from lang.headers import header_words
from lang.script import evidence, language_of
from lang.text import clean_cell, one_line
from pipeline.bodies import analyse_responsible, clear_caches
from pipeline.bodies.split import _to_pieces

TEXTS = [
    "Облыстық  білім басқармасы,\n\nаудандық білім бөлімдері (келісім бойынша)",
    "Управление\u00a0образования области;\n  отдел культуры (по согласованию)",
    "мектeп басшылары",  # a Latin 'e' inside a Cyrillic word
    "ДСБ, ОО", "", None,
]


@pytest.mark.parametrize("text", TEXTS)
def test_cached_text_helpers_answer_as_uncached(text):
    assert clean_cell(text) == clean_cell.__wrapped__(text)
    assert one_line(text) == one_line.__wrapped__(text)
    assert language_of(text) == language_of.__wrapped__(text)
    assert language_of(text, "ru") == language_of.__wrapped__(text, "ru")


def test_language_evidence_per_word():
    kk = evidence("Жоспар бойынша мектеп басшылары жауапты")
    ru = evidence("Управление образования и отдел культуры")
    assert kk.kazakh >= 3 and kk.cyrillic == 5
    assert ru.russian >= 2 and ru.kazakh == 0 and ru.cyrillic == 5


@pytest.mark.parametrize("text", [
    "Дүйсенбі", "  сәрсенбі. ", "Жұма", "Понедельник", "вторник!!!!!!!!!!!!!!!!!!!!", "Воскресенье ------------",
    "Дүйсенбі, сейсенбі", "Понедельник и вторник", "Жексенбі күні демалыс", "Пятница 10:00-11:00",
    "Ежедневно с понедельника по пятницу", "", None,
])
def test_weekday_shortcut_agrees_with_the_words(text):
    words = header_words(text or "")
    from lang.content import WEEKDAYS

    assert is_weekday(text) == (len(words) == 1 and words[0] in WEEKDAYS)


@pytest.mark.parametrize("text", ["БББ \ue000", "Управление образования \ue001"])
def test_cached_pieces_are_fresh_objects(text):
    first = _to_pieces(text, None)
    first[0].name, first[0].by_agreement = "changed", not first[0].by_agreement
    again = _to_pieces(text, None)
    assert again[0].name != "changed"
    assert again[0].by_agreement != first[0].by_agreement


@pytest.mark.parametrize("cell", ["Облыстық білім басқармасы, ата-аналар комитеті (келісім бойынша)",
                                  "Отдел образования, родительский комитет (по согласованию)"])
def test_responsible_same_after_caches_cleared(cell):
    before = analyse_responsible(cell)
    clear_caches()
    assert analyse_responsible(cell) == before
    assert [b.name for b in before.bodies][-1].endswith(("комитеті", "комитет"))
    assert before.bodies[-1].by_agreement
