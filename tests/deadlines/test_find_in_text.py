"""find_deadlines_in_text: deadline phrases inside a list plan's item; other dates stay out."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.deadlines import find_deadlines_in_text
from schemas import Period

D = dt.date


@pytest.mark.parametrize("text, raw, kind, start, end, by", [
    ("01.09.2023ж. дейін мектептердегі ауладағы әжетханаларды жабу, бюджеттен қаражат бөлінуін қадағалансын;",
     "01.09.2023ж. дейін", "date", None, D(2023, 9, 1), True),
    ("Обеспечить подключение школ к сети Интернет до 1 сентября 2024 года.", "до 1 сентября 2024 года", "date", None,
     D(2024, 9, 1), True),
    ("Представить отчет в срок до 25.12.2024 г. в управление образования", "в срок до 25.12.2024 г.", "date", None,
     D(2024, 12, 25), True),
    ("Информацию направить не позднее 15 января 2025 г. на электронный адрес", "не позднее 15 января 2025 г.", "date",
     None, D(2025, 1, 15), True),
    ("Мектептерде 2024 жылдың 1 қыркүйегіне дейін бейнебақылау камераларын орнату", "2024 жылдың 1 қыркүйегіне дейін",
     "date", None, D(2024, 9, 1), True),
    ("Акцияны 2024 жылғы 15 тамыз бен 15 қыркүйек аралығында өткізу", "2024 жылғы 15 тамыз бен 15 қыркүйек аралығында",
     "range", D(2024, 8, 15), D(2024, 9, 15), False),
    ("Провести месячник с 1 по 30 сентября 2024 г. во всех школах", "с 1 по 30 сентября 2024 г.", "range",
     D(2024, 9, 1), D(2024, 9, 30), False),
    ("С 01.09.2024 ввести электронный журнал", "С 01.09.2024", "range", D(2024, 9, 1), None, False),
    ("2025 жылдан бастап барлық мектептерді қамту", "2025 жылдан бастап", "range", D(2025, 1, 1), None, False),
    ("Сократить очередь в детские сады до конца 2025 года", "до конца 2025 года", "date", None, D(2025, 12, 31), True),
])
def test_deadline_phrase_found(text, raw, kind, start, end, by):
    [deadline] = find_deadlines_in_text(text)
    assert (deadline.raw, deadline.kind, deadline.start, deadline.end, deadline.by) == (raw, kind, start, end, by)


@pytest.mark.parametrize("text", [
    "ҚР Үкіметінің 2012 жылғы 12 наурыздағы №320 қаулысымен бекітілген мектепте бір рет тамақтандыру нормаларының "
    "сақталуына мониторинг жүргізу",
    "Мониторинг соблюдения норм питания, утвержденных приказом от 12.03.2012 № 320",
    "В соответствии с Законом РК от 27 июля 2007 года «Об образовании» обеспечить охват детей",
    "Қазақстан Республикасы Білім және ғылым министрінің 2017 жылғы 27 шілдедегі № 355-бұйрығымен танысу",
    "«Ақтөбе облысының білім беру саласындағы өзекті мәселелері (2022-2023 оқу жылы)» атты баяндама",
    "«Дара бала» бағдарламасына мектеп мұғалімдерінің де қатысуына мүмкіндік берілсін;",
    "1-4 сынып оқушыларын тегін ыстық тамақпен 100% қамту",
    "Письмо от 16.02.2022 № 06-04-01/253 принять к сведению",
    "",
])
def test_other_dates_stay_out(text):
    assert find_deadlines_in_text(text) == []


def test_a_decree_date_and_a_deadline_in_one_item():
    text = "Приказ от 12.03.2012 № 320 довести до сведения школ до 01.10.2024 г."
    [deadline] = find_deadlines_in_text(text)
    assert (deadline.raw, deadline.end, deadline.by) == ("до 01.10.2024 г.", D(2024, 10, 1), True)


def test_day_and_month_placed_in_plan_period():
    period = Period(start=D(2025, 9, 1), end=D(2026, 8, 31))
    [deadline] = find_deadlines_in_text("Есепті 15 наурызға дейін тапсыру", period)
    assert (deadline.kind, deadline.end, deadline.by) == ("date", D(2026, 3, 15), True)
    [unread] = find_deadlines_in_text("Есепті 15 наурызға дейін тапсыру")
    # no year anywhere: a dated kind without dates (flagged by the component), never a guessed year
    assert (unread.kind, unread.end, unread.by, unread.raw) == ("date", None, True, "15 наурызға дейін")
