"""Programme tables (invented kk/ru texts): tasks numbered 1., 2. above results 1.1.1 and measures 1.2.1,
the task row carrying its funding (sources such as "МБ", "ОБ" read as bodies); and a header whose first
cell is merged down over a row of years."""
from __future__ import annotations

import pytest

from lang.content import is_goal_heading
from lang.numbers import row_number
from tests.structure.helpers import only_plan, table

RU = [
    ["№", "Наименование задачи, результата, мероприятия", "Единица измерения", "Источник финансирования", "2025 год", "2026 год"],
    ["№", "Наименование задачи, результата, мероприятия", "Единица измерения", "Источник финансирования", "2025", "2026"],
    ["1.", "Задача 1. Развитие школьного спорта", "тыс. руб.", "МБ ОБ", "100,0", "120,0"],
    ["1.1", "Результаты:", "", "", "", ""],
    ["1.1.1", "Количество проведённых соревнований", "ед.", "", "12", "14"],
    ["1.2", "Мероприятия", "", "", "", ""],
    ["1.2.1", "Организация районной спартакиады школьников", "тыс. руб.", "МБ", "50,0", "60,0"],
    ["1.2.2 .", "Закупка спортивного инвентаря для школ", "тыс. руб.", "МБ", "50,0", "60,0"],
    ["2.", "Задача 2. Укрепление материальной базы", "тыс. руб.", "ОБ", "300,0", ""],
    ["2.1", "Мероприятия", "", "", "", ""],
    ["2.1.1", "Ремонт спортивного зала", "тыс. руб.", "ОБ", "300,0", ""],
]
KK = [
    ["№", "Міндеттердің, нәтижелердің және іс-шаралардың атауы", "Өлшем бірлігі", "Қаржыландыру көзі", "2025 жыл"],
    ["1.", "1-міндет. Мектеп спортын дамыту", "мың теңге", "ЖБ РБ", "100,0"],
    ["1.1", "Іс-шаралар", "", "", ""],
    ["1.1.1", "Аудандық спартакиада ұйымдастыру", "мың теңге", "ЖБ", "50,0"],
    ["1.1.2", "Спорт құралдарын сатып алу", "мың теңге", "ЖБ", "50,0"],
    ["2.", "2-міндет. Материалдық базаны нығайту", "мың теңге", "РБ", "300,0"],
    ["2.1", "Іс-шаралар", "", "", ""],
    ["2.1.1", "Спорт залын жөндеу", "мың теңге", "РБ", "300,0"],
]


def test_russian_tasks_with_funding_are_sections_not_measures():
    plan = only_plan("Задачи и мероприятия программы", table(RU))
    assert [m.number for m in plan.measures] == ["1.1.1", "1.2.1", "1.2.2", "2.1.1"]
    assert plan.measures[1].section == "1.2 Мероприятия"
    assert any(s.startswith("1 Задача 1.") for s in plan.sections)
    assert [c.role for c in plan.columns][:2] == ["number", "measure"]


def test_kazakh_tasks_with_funding_are_sections_not_measures():
    plan = only_plan("Бағдарламаның міндеттері мен іс-шаралары", table(KK))
    assert [m.number for m in plan.measures] == ["1.1.1", "1.1.2", "2.1.1"]
    assert plan.measures[2].section == "2.1 Іс-шаралар"


@pytest.mark.parametrize("text", ["Задача 1. Развитие спорта", "Цель: рост охвата", "1-міндет. Дамыту",
                                  "Мақсаты: сапаны арттыру", "2. Задача: ремонт"])
def test_goal_headings(text):
    assert is_goal_heading(text)


@pytest.mark.parametrize("text", ["Задачи решаются вовремя", "Организация соревнований", "Міндетті түрде өткізу",
                                  "Спорт залын жөндеу"])
def test_not_goal_headings(text):
    assert not is_goal_heading(text)


def test_a_number_typed_with_a_space_before_its_dot():
    assert row_number("2.2.1 .") == "2.2.1" and row_number("3 .") == "3" and row_number("1. 2") is None
