"""Working days on the Kazakhstan and Russia calendars (holidays and transferred days off), relative
deadlines computed on them, and deadlines in words in both languages."""
from __future__ import annotations

import datetime as D

import pytest

from pipeline.deadlines import normalize_deadline
from pipeline.deadlines.calendar import add_working_days, country_of, is_working_day
from pipeline.deadlines.words import words
from schemas import Deadline, Relative

d = D.date


def test_kazakhstan_transfers_holidays_and_worked_saturdays():
    # 2024: 8 May was a day off moved from Saturday 4 May, which was worked; 7 and 9 May are holidays
    assert is_working_day(d(2024, 5, 4), "KZ") and not is_working_day(d(2024, 5, 8), "KZ")
    assert add_working_days(d(2024, 5, 3), 1, "KZ") == d(2024, 5, 4)
    assert add_working_days(d(2024, 5, 3), 3, "KZ") == d(2024, 5, 10)
    # 2025: Nauryz 21-25 March (two observed days), 3 January moved from Sunday 5 January
    assert [is_working_day(d(2025, 3, x), "KZ") for x in range(20, 27)] == [True, False, False, False, False,
                                                                           False, True]
    assert not is_working_day(d(2025, 1, 3), "KZ") and is_working_day(d(2025, 1, 5), "KZ")


def test_russia_transfers():
    # 2024: Saturday 27 April worked, 29-30 April off; 2025: 8 May off (moved from 23 February)
    assert is_working_day(d(2024, 4, 27), "RU") and not is_working_day(d(2024, 4, 29), "RU")
    assert not is_working_day(d(2025, 5, 8), "RU")
    assert add_working_days(d(2024, 4, 26), 1, "RU") == d(2024, 4, 27)
    assert add_working_days(d(2024, 4, 26), 2, "RU") == d(2024, 5, 2)


def test_working_days_backwards():
    assert add_working_days(d(2025, 3, 26), -1, "KZ") == d(2025, 3, 20)


def test_country_by_language_and_issuer():
    assert country_of(["Краевое государственное казенное учреждение", "МБОУ СОШ № 3"], "ru") == "RU"
    assert country_of(["Отдел образования Индерского района", "Атырауской области"], "ru") == "KZ"
    assert country_of(["anything"], "kk") == "KZ"
    assert country_of([], None) == "KZ"


def test_relative_deadline_counts_on_the_issuers_calendar():
    text = "в течение 1 рабочего дня с 26.04.2024"
    [kz] = normalize_deadline(text, country="KZ")
    [ru] = normalize_deadline(text, country="RU")
    assert (kz.relative.computed, kz.relative.calendar) == (d(2024, 4, 29), "KZ")
    assert (ru.relative.computed, ru.relative.calendar) == (d(2024, 4, 27), "RU")  # a worked Saturday
    assert kz.end == kz.relative.computed


def test_letter_date_anchors_letter_relative_deadlines():
    [dl] = normalize_deadline("хат келіп түскен күннен бастап 5 жұмыс күні ішінде", letter_date=d(2025, 9, 1))
    assert (dl.relative.anchor_date, dl.relative.computed) == (d(2025, 9, 1), d(2025, 9, 8))
    [no_letter] = normalize_deadline("хат келіп түскен күннен бастап 5 жұмыс күні ішінде")
    assert no_letter.relative.computed is None and no_letter.end is None


@pytest.mark.parametrize("text,kk,ru", [
    ("тоқсаннан кейінгі айдың 5-күніне дейін", "тоқсан сайын, келесі айдың 5-іне дейін",
     "ежеквартально, до 5-го числа следующего месяца"),
    ("ежеквартально, до 5 числа месяца, следующего за отчетным кварталом", "тоқсан сайын, келесі айдың 5-іне дейін",
     "ежеквартально, до 5-го числа следующего месяца"),
    ("жыл сайын 15 наурызға дейін", "жыл сайын 15 наурызға дейін", "ежегодно, до 15 марта"),
    ("до 25 июня и 25 декабря", "жыл сайын 25 маусымға және 25 желтоқсанға дейін", "ежегодно, до 25 июня и 25 декабря"),
    ("әр апта сайын бейсенбіде", "апта сайын, бейсенбі күні", "еженедельно, по четвергам"),
    ("4 раза в год", "жылына 4 рет", "4 раза в год"),
    ("до 1 сентября 2025 г.", "2025 жылғы 1 қыркүйекке дейін", "до 1 сентября 2025 г."),
    ("01.08.2025 - 15.08.2025", "2025 жылғы 1 тамыздан 2025 жылғы 15 тамызға дейін", "с 1 августа 2025 г. по 15 августа 2025 г."),
    ("2024-2025 оқу жылы", "2024-2025 оқу жылы", "2024-2025 учебный год"),
    ("сентябрь 2025 г.", "2025 жылғы қыркүйек", "сентябрь 2025 г."),
    ("үнемі", "үнемі", "постоянно"),
    ("в течение 5 рабочих дней", "5 жұмыс күні ішінде", "в течение 5 рабочих дней"),
    ("1-10", "мерзімі анықталмады", "срок не распознан"),
])
def test_words_in_both_languages(text, kk, ru):
    [dl] = normalize_deadline(text)
    assert (dl.deadline_words_kk, dl.deadline_words_ru) == (kk, ru)


def test_words_of_a_computed_relative_deadline():
    rel = Relative(anchor="подписания приказа", offset=3, unit="working_days", direction="after",
                   computed=d(2025, 9, 4))
    dl = Deadline(raw="x", kind="relative", relative=rel, end=d(2025, 9, 4))
    assert words(dl, "ru") == "в течение 3 рабочих дней после: подписания приказа (до 4 сентября 2025 г.)"
    assert words(dl, "kk") == "«подписания приказа» кейін 3 жұмыс күні ішінде (2025 жылғы 4 қыркүйекке дейін)"
