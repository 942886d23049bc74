import datetime as dt

import pytest

from schemas import Reference
from pipeline.letters.requisites import (
    clean_number, find_attachment_pages, find_emails, find_executor, find_outgoing, find_phones, find_references,
    requisite_line,
)


@pytest.mark.parametrize("lines, number, date", [
    (["№ 06-04-01/253", "16.02.2022"], "06-04-01/253", dt.date(2022, 2, 16)),
    (["16.02.2022", "", "№ 06-04-01/253"], "06-04-01/253", dt.date(2022, 2, 16)),
    (["от 16.02.2022 г. № 01-12/345"], "01-12/345", dt.date(2022, 2, 16)),
    (["Шығ. № 12-5/77", "2023 жылғы 3 наурыз"], "12-5/77", dt.date(2023, 3, 3)),
    (["Исх.№ 3-1/234-И от «05» мая 2023 года"], "3-1/234-И", dt.date(2023, 5, 5)),
    (["Исх. No 07/1-188 от 3 апреля 2024г."], "07/1-188", dt.date(2024, 4, 3)),
    (["16.02.2022 ж. № 5"], "5", dt.date(2022, 2, 16)),
    (["№ 17-02/55", "", "Мектеп директорларына"], "17-02/55", None),
])
def test_outgoing_number_and_date(lines, number, date):
    got_number, got_date, used = find_outgoing(lines)
    assert (got_number, got_date) == (number, date)
    assert used


@pytest.mark.parametrize("line", [
    "№ 201 зал", "№6 хаттамасы", "На № 5-1/220 от 01.03.2023", "На No 5-1/220 от 01.03.2023", "«№ 5 жалпы білім беретін мектеп» КММ",
    "Кір. № 45 12.01.2023", "Отдел образования города Костанай",
])
def test_lines_that_are_not_outgoing_requisites(line):
    parsed = requisite_line(line)
    assert parsed is None or parsed[0] is None


def test_kazakh_suffix_is_not_part_of_the_number():
    assert clean_number("355-бұйрығына") == "355"
    assert clean_number("05-1/234-И.") == "05-1/234-И"
    assert clean_number("хатына") is None


@pytest.mark.parametrize("text, refs", [
    ("басқармасының 2022 жылғы 9 ақпандағы №06-01-06-02-4/615 хатына сәйкес",
     [("06-01-06-02-4/615", dt.date(2022, 2, 9))]),
    ("Білім бөлімінің 2022 жылғы 16-шы ақпандағы №05-04-01/253 санды хаты негізінде",
     [("05-04-01/253", dt.date(2022, 2, 16))]),
    ("Аудандық білім бөлімінің №02-11/905 хатына жауап ретінде", [("02-11/905", None)]),
    ("на письмо от 09.02.2022 № 12-3/45 сообщаем", [("12-3/45", dt.date(2022, 2, 9))]),
    ("на Ваше письмо № 123 от 9 февраля 2022 г. сообщаем", [("123", dt.date(2022, 2, 9))]),
    ("Во исполнение письма Министерства просвещения Республики Казахстан от 28.08.2023 г. № 12-08/3301 направляем",
     [("12-08/3301", dt.date(2023, 8, 28))]),
    ("На № 5-1/220 от 01.03.2023", [("5-1/220", dt.date(2023, 3, 1))]),
    # orders, decrees and protocols are not letters
    ("ҚР Үкіметінің 2012 жылғы 12 наурыздағы №320 қаулысымен бекітілген", []),
    ("утвержденные приказом Министра от 31.08.2023 № 385.", []),
    ("2023 жылғы 1 наурыздағы № 56-бұйрығымен бекітілген", []),
    ("Облыстық мәслихат № 201 зал", []),
])
def test_cited_letters(text, refs):
    assert find_references(text) == [Reference(number=n, date=d) for n, d in refs]


@pytest.mark.parametrize("lines, pages", [
    (["Қосымша: 5 парақта"], 5),
    (["Қосымша 3 бетте"], 3),
    (["Приложение: на 5 л."], 5),
    (["Приложение: на 12 листах в 1 экз."], 12),
    (["Приложение:", "1. План мероприятий на 3 л.", "2. Список школ на 2 л.", ""], 5),
    (["Приложение 1 к приказу № 45"], None),
    (["Қосымша ақпарат жоқ"], None),
])
def test_attachment_pages(lines, pages):
    assert find_attachment_pages(lines) == pages


def test_emails_and_phones():
    lines = ["тел. факс: 8 71234 2-04-20", "эл.пошта: inder_raiof@mail.kz", "тел. факс: 8 71234 2-04-20",
             "e-mail: Oo.Kst@edu.kz.", "Байланыс телефоны: +7 (7172) 74-24-32, 8 701 555 44 33",
             "от 16.02.2022 № 01-12/345"]
    assert find_emails("\n".join(lines)) == ["inder_raiof@mail.kz", "Oo.Kst@edu.kz"]
    assert find_phones(lines) == ["8 71234 2-04-20", "+7 (7172) 74-24-32", "8 701 555 44 33"]


@pytest.mark.parametrize("lines, name", [
    (["Орынд.: А. Қайратқызы", "тел. 8 71234 2-04-21"], "А. Қайратқызы"),
    (["Исп.: Иванова А.А., тел. 8 (7142) 53-21-07"], "Иванова А.А."),
    (["Исполнитель:", "Петрова О.В.", "32-11-05"], "Петрова О.В."),
    (["Орындаушы: Г. Сапарова, 8 701 555 44 33, g.saparova@mail.kz"], "Г. Сапарова"),
    (["Исполнительный комитет"], None),
])
def test_executor(lines, name):
    assert find_executor(lines)[0] == name
