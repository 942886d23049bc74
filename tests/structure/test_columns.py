"""Column roles from headers in Kazakh and Russian, with spelling variants and OCR noise."""
from __future__ import annotations

import pytest

from lang.headers import column_role, column_roles

CASES = [
    ("№", "number"), ("№ п/п", "number"), ("Р/с №", "number"), ("N", "number"),
    ("Іс-шаралар атауы", "measure"), ("Іс-шараның атауы", "measure"), ("Іс шаралар", "measure"),
    ("Наименование мероприятия", "measure"), ("Мероприятия", "measure"), ("Содержание работы", "measure"),
    ("Мерзімдер", "deadline"), ("Орындау мерзімі", "deadline"), ("Срок исполнения", "deadline"),
    ("Сроки проведения", "deadline"), ("Срок иcполнения", "deadline"), ("Өткізілу уақыты", "deadline"),
    ("Жауаптылар", "responsible"), ("Жауапты орындаушы (бірлесіп орындаушы)", "responsible"),
    ("Ответственные исполнители", "responsible"), ("Ответственный", "responsible"), ("Исполнители", "responsible"),
    ("Аяқтау нысаны", "form"), ("Аяқталу нысаны", "form"), ("Форма завершения", "form"),
    ("Орындау индикаторлары", "indicator"), ("Индикаторы", "indicator"), ("Ожидаемый результат", "indicator"),
    ("Күтілетін нәтиже", "indicator"), ("Примечание", "other"), ("Ескерту", "other"),
    ("Отвeтственные", "responsible"),  # Latin e inside
    ("Мерзiмi", "deadline"),  # Latin i for Kazakh і
    # the name of tasks, results and measures is the measure column; the name of an indicator is not
    ("Наименование задачи, результата, мероприятия", "measure"), ("Іс-шаралар мен нәтижелердің атауы", "measure"),
    ("Міндеттердің, нәтижелердің атауы", "measure"), ("Наименование показателя", "indicator"),
    ("Көрсеткіштің атауы", "indicator"), ("Значение результата, объём финансирования мероприятия", "indicator"),
]


@pytest.mark.parametrize("header,role", CASES)
def test_role(header, role):
    assert column_role(header) == role


def test_a_role_is_claimed_once():
    roles = [c.role for c in column_roles(["№", "Мероприятие", "Срок начала", "Срок окончания", "Ответственные"])]
    assert roles == ["number", "measure", "deadline", "other", "responsible"]
