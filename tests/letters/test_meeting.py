import datetime as dt

import pytest

from pipeline.letters import parse_meeting


def test_agenda_items_wrapped_over_lines_as_a_pdf_prints_them():
    lines = ["Облыстық ардагерлер кеңесінің", "№12 хаттамасы", "Қостанай қаласы 14.03.2024ж.",
             "Күн тәртібінде:",
             "1. «Мектептердегі патриоттық тәрбие» - баяндамашы облыстық білім",
             "басқармасының басшысы-", "Е.Қ.Сейітов",
             "2. Ардагерлердің мектептерге барып кездесулер өткізу кестесін",
             "бекіту туралы.",
             "Бірінші мәселе бойынша Е.Қ.Сейітов баяндады."]
    meeting = parse_meeting(lines)
    assert meeting.number == "12" and meeting.date == dt.date(2024, 3, 14) and meeting.place == "Қостанай қаласы"
    assert meeting.agenda == [
        "«Мектептердегі патриоттық тәрбие» - баяндамашы облыстық білім басқармасының басшысы- Е.Қ.Сейітов",
        "Ардагерлердің мектептерге барып кездесулер өткізу кестесін бекіту туралы.",
    ]


@pytest.mark.parametrize("title, number", [
    (["ПРОТОКОЛ №7"], "7"), (["Протокол № 2-П"], "2-П"), (["ХАТТАМА № 15"], "15"),
    (["Ата-аналар жиналысының", "№ 3 хаттамасы"], "3"), (["Хаттама"], None),
])
def test_protocol_numbers(title, number):
    assert parse_meeting(title + ["г. Астана 01.02.2024 г."]).number == number


def test_labelled_place_and_agenda_on_the_label_line():
    lines = ["ПРОТОКОЛ № 4", "совещания при руководителе отдела образования", "от 5 февраля 2024 года",
             "Место проведения: актовый зал отдела образования", "Повестка дня: 1. О подготовке к ЕНТ.",
             "2. Разное.", "Слушали: Серикову А.Б."]
    meeting = parse_meeting(lines)
    assert meeting.date == dt.date(2024, 2, 5)
    assert meeting.place == "актовый зал отдела образования"
    assert meeting.agenda == ["О подготовке к ЕНТ.", "Разное."]


def test_place_on_the_line_before_a_bare_date():
    lines = ["Хаттама № 1", "Шымкент қаласы", "05.09.2023 ж.", "Қатысқандар: 12"]
    assert parse_meeting(lines).place == "Шымкент қаласы"


@pytest.mark.parametrize("lines", [
    ["Мектеп директорларына", "Хаттамаға сәйкес жұмыстарды ұйымдастыру сұралады."],
    ["План мероприятий", "1. Провести совещание."],
    [],
])
def test_not_a_protocol(lines):
    assert parse_meeting(lines) is None
