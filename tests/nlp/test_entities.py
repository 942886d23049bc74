"""ORG and DATE entities in free text (a Kazakh letter, a Russian protocol) from make_nlp."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.bodies.abbrev import glossary_body_id
from pipeline.nlp import make_nlp
from pipeline.nlp.dates import date_candidates

KK_LETTER = (
    "Аудандық білім бөлімі облыстық білім беру басқармасының 2022 жылғы 9 ақпандағы №06-01-06-02-4/615 "
    "хатына сәйкес жоспарды жолдайды. Ақпаратты Атырау облысының денсаулық сақтау басқармасы мен ҚР ОАМ-ға "
    "15.03.2022 ж. дейін, балалардың құқықтарын қорғау департаментіне 2023 жылғы 1 қыркүйекке дейін "
    "жолдаңыз. Орындалуын БББ бақылайды. Мектепке екі мың оқушы барады."
)
RU_PROTOCOL = (
    "Протокол заседания от 27 июня 2023 года. Управлению образования Актюбинской области совместно с "
    "департаментом полиции и КДН до 25 марта 2024 г. представить информацию в Министерство просвещения РК. "
    "Отделам образования районов обеспечить исполнение не позднее 01.09.2024. В зале 201 присутствовали 35 человек."
)


@pytest.fixture(scope="module")
def kk_doc():
    return make_nlp("kk", glossary={"БББ": "Атырау облысы Білім беру басқармасы"})(KK_LETTER)


@pytest.fixture(scope="module")
def ru_doc():
    return make_nlp("ru")(RU_PROTOCOL)


def ents(doc, label):
    return [(e.text, e.kb_id_) for e in doc.ents if e.label_ == label]


def test_kazakh_orgs(kk_doc):
    assert ents(kk_doc, "ORG") == [
        ("Аудандық білім бөлімі", "kz.dis.education"),
        ("облыстық білім беру басқармасының", "kz.reg.education"),
        ("Атырау облысының денсаулық сақтау басқармасы", "kz.reg.health"),
        ("ҚР ОАМ", "kz.min.enlightenment"),
        ("балалардың құқықтарын қорғау департаментіне", "kz.reg.child_rights"),
        ("БББ", glossary_body_id("Атырау облысы Білім беру басқармасы")),  # the plan's glossary wins
    ]


def test_kazakh_dates_carry_their_deadline(kk_doc):
    dates = [e for e in kk_doc.ents if e.label_ == "DATE"]
    assert [e.text for e in dates] == ["2022 жылғы 9 ақпандағы", "15.03.2022 ж.", "2023 жылғы 1 қыркүйекке"]
    assert [e._.deadline.end for e in dates] == [dt.date(2022, 2, 9), dt.date(2022, 3, 15), dt.date(2023, 9, 1)]
    assert [e._.deadline.by for e in dates] == [False, True, True]  # "дейін" read with the date


def test_russian_orgs(ru_doc):
    assert ents(ru_doc, "ORG") == [
        ("Управлению образования Актюбинской области", "kz.reg.education"),
        ("департаментом полиции", "kz.reg.police"),
        ("КДН", "kz.reg.minors_commission"),
        ("Министерство просвещения РК", "kz.min.enlightenment"),
        ("Отделам образования районов", "kz.dis.education"),
    ]


def test_russian_dates(ru_doc):
    dates = [e for e in ru_doc.ents if e.label_ == "DATE"]
    assert [e.text for e in dates] == ["27 июня 2023 года", "25 марта 2024 г.", "01.09.2024"]
    assert [e._.deadline.end for e in dates] == [dt.date(2023, 6, 27), dt.date(2024, 3, 25), dt.date(2024, 9, 1)]
    assert dates[1]._.deadline.by and dates[2]._.deadline.by


def test_numbers_and_letter_numbers_are_not_dates():
    assert date_candidates("№06-01-06-02-4/615 хат, 201 зал, 35 человек, 2022-2023 оқу жылы") == []
    doc = make_nlp("ru")("Комната 32.13.2024 и 99 марта 2024 года")  # impossible dates are dropped
    assert [e.label_ for e in doc.ents] == []


def test_make_nlp_rejects_other_languages():
    with pytest.raises(ValueError):
        make_nlp("en")
