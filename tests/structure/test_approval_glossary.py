"""Approval blocks and glossaries, Kazakh and Russian."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.approval import is_approval, parse_approval
from pipeline.glossary import is_heading, parse_entry, parse_glossary


@pytest.mark.parametrize("lines,who,when", [
    (["УТВЕРЖДАЮ", "Директор школы", "__________ Иванов Олег", "«12» сентября 2024 г."], "Директор школы Иванов Олег", dt.date(2024, 9, 12)),
    (["«БЕКІТЕМІН»", "Мектеп директоры", "Ж. Сейтқали", "2023 жылғы 1 қыркүйек"], "Мектеп директоры Ж. Сейтқали", dt.date(2023, 9, 1)),
    (["Бекітілген", "Білім бөлімінің басшысы А. Омаров 05.09.23 ж."], "Білім бөлімінің басшысы А. Омаров", dt.date(2023, 9, 5)),
    (["Утверждено приказом", "от 30.08.2024 № 145"], "приказом от № 145", dt.date(2024, 8, 30)),
    (["СОГЛАСОВАНО", "Председатель ПС"], "Председатель ПС", None),
])
def test_approval(lines, who, when):
    assert is_approval(lines[0])
    assert parse_approval(lines) == (who, when)


def test_not_an_approval():
    assert not is_approval("Бекітілген жоспарға сәйкес жұмыс жүргізу")
    assert not is_approval("План утверждён не был")


@pytest.mark.parametrize("line", ["Аббревиатуралар:", "Қысқартулар", "Сокращения:", "СПИСОК СОКРАЩЕНИЙ", "Условные обозначения:"])
def test_glossary_headings(line):
    assert is_heading(line)


@pytest.mark.parametrize("line,entry", [
    ("БББ – Атырау облысы Білім беру басқармасы", ("БББ", "Атырау облысы Білім беру басқармасы")),
    ("Қ(А)БББ — қалалық (аудандық) білім бөлімдері;", ("Қ(А)БББ", "қалалық (аудандық) білім бөлімдері")),
    ("ОО - организации образования", ("ОО", "организации образования")),
    ("МИО РК: местные исполнительные органы", ("МИО РК", "местные исполнительные органы")),
    ("Это обычная строка - с дефисом", None),
    ("Іс-шара – жоспардың бір бөлігі", None),
])
def test_glossary_entries(line, entry):
    assert parse_entry(line) == entry


def test_glossary_skips_its_heading_and_noise():
    assert parse_glossary(["Сокращения:", "ГОО – городской отдел образования", "", "прочее"]) == {"ГОО": "городской отдел образования"}
