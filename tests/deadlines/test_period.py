"""detect_period on titles and approval blocks, and placing bare months in the plan period."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.deadlines import detect_period, normalize_deadline
from pipeline.deadlines.placement import is_academic, place_half, place_month, place_quarter
from schemas import Period

D = dt.date
ACADEMIC = Period(start=D(2025, 9, 1), end=D(2026, 8, 31))


@pytest.mark.parametrize("lines, start, end", [
    (["2021-2023 жылдарға арналған мектептерде толыққанды тамақпен қамтамасыз ету жоспары"], D(2021, 1, 1), D(2023, 12, 31)),
    (["2021 – 2023 жылдарға арналған іс – шаралар жоснары"], D(2021, 1, 1), D(2023, 12, 31)),
    (["2025 – 2026  оқу жылына арналған “Балақай” бөбекжайы КМҚК Қамқоршылық кеңесінің жұмыс жоспары"],
     D(2025, 9, 1), D(2026, 8, 31)),
    ([" 2011 жылғы 1 тамыз мен 30 қыркүйек аралығында ",
      "«Қазақстан Республикасы Тәуелсіздігінің 20 жылдығына – 20 жарқын іс!» акциясы аясында"], D(2011, 8, 1), D(2011, 9, 30)),
    (["План работы методического объединения", "на 2024-2025 учебный год"], D(2024, 9, 1), D(2025, 8, 31)),
    (["План мероприятий на 2024 год"], D(2024, 1, 1), D(2024, 12, 31)),
    (["ПЛАН МЕРОПРИЯТИЙ НА 2024 ГОД"], D(2024, 1, 1), D(2024, 12, 31)),
    (["2024 жылға арналған іс-шаралар жоспары"], D(2024, 1, 1), D(2024, 12, 31)),
    (["Мектептің 2024/2025 оқу жылына арналған жұмыс жоспары"], D(2024, 9, 1), D(2025, 8, 31)),
    (["Комплексный план на 2023-2025 годы"], D(2023, 1, 1), D(2025, 12, 31)),
    (["План проведения месячника с 1 по 30 сентября 2024 года"], D(2024, 9, 1), D(2024, 9, 30)),
    (["«Мектепке жол» акциясын 2024 жылғы 15 тамыз бен 15 қыркүйек аралығында өткізу жоспары"],
     D(2024, 8, 15), D(2024, 9, 15)),
    # the approval block's date is a date, not the plan's period; the title line decides
    (["«Бекітемін»", "Директор", "15.08.2023 ж.", "2023-2024 оқу жылына арналған жоспар"], D(2023, 9, 1), D(2024, 8, 31)),
    # an academic year beats a calendar span mentioned in the same heading
    (["2021-2023 жылдарға арналған жол картасы бойынша", "2022-2023 оқу жылына арналған жоспар"], D(2022, 9, 1), D(2023, 8, 31)),
])
def test_detect_period(lines, start, end):
    period = detect_period(lines)
    assert period is not None
    assert (period.start, period.end) == (start, end)
    assert period.raw


@pytest.mark.parametrize("lines", [
    [],
    [""],
    ["Аудандық білім бөлімі облыстық білім беру басқармасының 2022 жылғы 9 ақпандағы №06-01-06-02-4/615 хатына сәйкес"],
    ["Қамқоршылық кеңестің 20__ – 20__ оқу жылына арналған жұмыс жоспарын бекіту"],
    ["Утверждено приказом от 12.03.2012 № 320"],
    ["«Қазақстан Республикасы Тәуелсіздігінің 20 жылдығына – 20 жарқын іс!» акциясы"],
])
def test_no_period(lines):
    assert detect_period(lines) is None


def test_detect_period_never_raises_on_odd_input():
    assert detect_period([None, 5, "2024"]) is None  # type: ignore[list-item]


@pytest.mark.parametrize("month, year", [(9, 2025), (10, 2025), (12, 2025), (1, 2026), (3, 2026), (8, 2026)])
def test_academic_year_places_months(month, year):
    assert place_month(month, ACADEMIC) == year


def test_calendar_year_places_every_month_in_that_year():
    year = Period(start=D(2024, 1, 1), end=D(2024, 12, 31))
    assert {place_month(m, year) for m in range(1, 13)} == {2024}


def test_no_year_is_guessed():
    several_years = Period(start=D(2021, 1, 1), end=D(2023, 12, 31))
    campaign = Period(start=D(2011, 8, 1), end=D(2011, 9, 30))
    assert place_month(3, several_years) is None
    assert place_month(3, None) is None
    assert place_month(10, campaign) is None  # October is outside the campaign window
    assert place_month(9, campaign) == 2011
    assert place_month(3, Period(start=D(2024, 1, 1))) is None


def test_quarters_and_halves_in_the_period():
    assert is_academic(ACADEMIC)
    assert place_quarter(1, "квартал", ACADEMIC) == (D(2026, 1, 1), D(2026, 3, 31))
    assert place_quarter(4, "квартал", ACADEMIC) == (D(2025, 10, 1), D(2025, 12, 31))
    assert place_quarter(1, "тоқсан", ACADEMIC) is None  # a school quarter: dates set by the school
    assert place_quarter(2, "четверть", Period(start=D(2024, 1, 1), end=D(2024, 12, 31))) is None
    assert place_half(1, ACADEMIC) == (D(2025, 9, 1), D(2025, 12, 31))
    assert place_half(2, ACADEMIC) == (D(2026, 1, 1), D(2026, 8, 31))


@pytest.mark.parametrize("text, start", [
    ("Қазан", D(2025, 10, 1)), ("Желтоқсан", D(2025, 12, 1)), ("Наурыз", D(2026, 3, 1)), ("Мамыр", D(2026, 5, 1)),
    ("Қыркүйек", D(2025, 9, 1)), ("Октябрь", D(2025, 10, 1)), ("Декабрь", D(2025, 12, 1)), ("март", D(2026, 3, 1)),
    ("в апреле", D(2026, 4, 1)), ("Тамыз", D(2026, 8, 1)),
])
def test_bare_month_in_academic_year(text, start):
    [deadline] = normalize_deadline(text, ACADEMIC)
    assert deadline.kind == "period"
    assert deadline.start == start


@pytest.mark.parametrize("text", ["Қазан", "Декабрь", "наурызда", "в мае"])
def test_bare_month_without_period_has_no_dates(text):
    [deadline] = normalize_deadline(text)
    assert (deadline.kind, deadline.start, deadline.end) == ("period", None, None)
    assert deadline.confidence < 0.5
