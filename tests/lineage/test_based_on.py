import datetime as dt

import pytest

from schemas import Reference
from pipeline.lineage import compare_reference, parse_based_on


@pytest.mark.parametrize("heading, number, date", [
    (["Білім бөлімінің 2022 жылғы 16-шы ақпандағы №05-04-01/253 санды хаты негізінде жасалған",
      "Қ.Абақайыпұлы атындағы орта мектебінің іс-шаралар жоспары"], "05-04-01/253", dt.date(2022, 2, 16)),
    (["Аудандық білім бөлімінің 2024 жылғы 20 мамырдағы №02-14/377 хатына сәйкес жасалған"], "02-14/377",
     dt.date(2024, 5, 20)),
    (["Облыстық білім басқармасының № 3-11/52 хатын басшылыққа ала отырып әзірленген"], "3-11/52", None),
    (["План мероприятий школы,", "разработан на основании письма отдела образования от 16.02.2022 № 05-04-01/253"],
     "05-04-01/253", dt.date(2022, 2, 16)),
    (["Во исполнение письма управления образования № 12-3/778 от 9 марта 2023 г."], "12-3/778", dt.date(2023, 3, 9)),
    (["в соответствии с письмом МП РК от «05» сентября 2023 года", "№ 3-2/1457"], "3-2/1457", dt.date(2023, 9, 5)),
])
def test_based_on_in_both_languages(heading, number, date):
    assert parse_based_on(heading) == Reference(number=number, date=date)


@pytest.mark.parametrize("heading", [
    ["2021 – 2023 жылдарға арналған іс-шаралар жоспары"],
    ["ҚР Үкіметінің 2012 жылғы 12 наурыздағы №320 қаулысымен бекітілген нормаларды орындау жоспары"],
    ["Утвержден приказом руководителя от 01.09.2023 № 115"],
    [],
])
def test_no_letter_no_basis(heading):
    assert parse_based_on(heading) is None


@pytest.mark.parametrize("ref, number, date, expected", [
    (Reference(number="05-04-01/253", date=dt.date(2022, 2, 16)), "05-04-01/253", dt.date(2022, 2, 16), "same"),
    (Reference(number="05-04-01/253", date=None), "05‑04‑01 / 253", dt.date(2022, 2, 16), "same"),
    (Reference(number="05-04-01/253", date=dt.date(2022, 2, 16)), "06-04-01/253", dt.date(2022, 2, 16), "near"),
    (Reference(number="05-04-01/253", date=dt.date(2022, 2, 16)), "05-04-01/253", dt.date(2021, 2, 16), "near"),
    (Reference(number="02-41/377", date=dt.date(2024, 5, 20)), "02-14/377", dt.date(2024, 5, 20), "near"),
    (Reference(number="05-04-01/253", date=dt.date(2022, 2, 16)), "06-04-01/253", dt.date(2022, 3, 1), None),
    (Reference(number="05-04-01/253", date=None), "06-04-01/253", dt.date(2022, 2, 16), None),
    (Reference(number="12", date=dt.date(2022, 2, 16)), "13", dt.date(2022, 2, 16), None),
    (Reference(number="02-14/377", date=dt.date(2024, 5, 20)), "07-01/999", dt.date(2024, 5, 20), None),
])
def test_compare_reference(ref, number, date, expected):
    assert compare_reference(ref, number, date) == expected
