"""lang.months: month forms in both languages, tolerant finder, seasons, Kazakh endings."""
import re

import pytest

from lang.months import (
    ACADEMIC_ORDER, MONTH_WORD, RU_GENITIVE, find_months, kk_dative, kk_genitive, month_number, month_of,
    season_of, weekday_code,
)

MONTH = re.compile(MONTH_WORD)


@pytest.mark.parametrize("word,month", [
    ("қыркүйек", 9), ("қыркүйекте", 9), ("қыркүйектің", 9), ("қыркүйегіне", 9), ("наурызға", 3),
    ("желтоқсанның", 12), ("мамырда", 5), ("сентябрь", 9), ("сентября", 9), ("сентябре", 9), ("мая", 5),
    ("мае", 5), ("августа", 8), ("декабрем", 12),
])
def test_forms_in_both_languages(word, month):
    m = MONTH.fullmatch(word)
    assert m, word
    assert month_of(m.group("mw") or m.group("mwru") or m.group("mwab")) == month
    assert month_number(word) == month


@pytest.mark.parametrize("word,month", [
    ("Кыркуйек", 9), ("Kазан", 10), ("желтоксан", 12), ("сентабря", 9), ("Қыркүйeк", 9), ("ОКТЯБРЯ", 10),
    ("сент.", 9), ("наурыз", 3),
])
def test_tolerant_month_number(word, month):
    assert month_number(word) == month


@pytest.mark.parametrize("word", ["мар", "сен", "мектеп", "марка", "мамыражай", "қазақ", "маусымдық2"])
def test_not_months(word):
    assert month_number(word) is None


def test_abbreviation_needs_its_dot():
    assert MONTH.fullmatch("сент.") and not MONTH.fullmatch("сент")


def test_find_months_in_noisy_lines():
    assert [m for _, _, m in find_months("Қыркүйек / Қаңтар / Мамыр")] == [9, 1, 5]
    assert [m for _, _, m in find_months("в сентябре и октябре")] == [9, 10]


def test_seasons_and_order():
    assert season_of("күзде") == "autumn" and season_of("осенью") == "autumn"
    assert season_of("қыста") == "winter" and season_of("летом") == "summer"
    assert ACADEMIC_ORDER[0] == 9 and ACADEMIC_ORDER[-1] == 8


def test_kazakh_endings_follow_harmony():
    assert kk_dative("қыркүйек") == "қыркүйекке"
    assert kk_dative("наурыз") == "наурызға"
    assert kk_dative("шілде") == "шілдеге"
    assert kk_genitive("ақпан") == "ақпанның"
    assert kk_genitive("наурыз") == "наурыздың"
    assert kk_genitive("қыркүйек") == "қыркүйектің"
    assert RU_GENITIVE[9] == "сентября" and RU_GENITIVE[5] == "мая"


def test_weekdays():
    assert weekday_code("бейсенбіде") == "TH" and weekday_code("четвергам") == "TH"


def test_month_words_respelled_letter_for_letter():
    from lang.months import respell_months

    text = "Караша, до 15 кыркүйекке дейін; Сэуір. г. Казань; СЕНТЯБРЬ"
    out = respell_months(text)
    assert len(out) == len(text)
    assert out == "қараша, до 15 қыркүйекке дейін; сәуір. г. Казань; СЕНТЯБРЬ"


@pytest.mark.parametrize("text, month, name", [
    # Kazakh: look-alike letters, a split word, photo confusions (е/с, и/н) and one or two slips
    ("Қараша", 11, "қараша"), ("КАРАША", 11, "қараша"), ("Кантар", 1, "қаңтар"), ("Қаң тар", 1, "қаңтар"),
    ("Желтоксаи", 12, "желтоқсан"), ("Кeлтoкcан", 12, "желтоқсан"), ("Кыркуиек", 9, "қыркүйек"),
    ("Маусьм", 6, "маусым"), ("Сэуір", 4, "сәуір"), ("Шiлде", 7, "шілде"),
    # Russian: ъ for ь, Latin twins, е/с, one slip, a split word
    ("Октябръ", 10, "октябрь"), ("HOЯБРЬ", 11, "ноябрь"), ("Дскабрь", 12, "декабрь"),
    ("Фeвраль", 2, "февраль"), ("Сен тябрь", 9, "сентябрь"), ("Апрсль", 4, "апрель"),
    # a declined form keeps working
    ("Қарашада", 11, "қараша"), ("ноября", 11, "ноябрь"),
])
def test_heading_months_through_ocr_damage(text, month, name):
    from lang.months import heading_month

    assert heading_month(text) == (month, name)


@pytest.mark.parametrize("text", [
    # short words one letter from a month stay what they are; other headings are no month
    "Қазақ", "Тамыр", "Марат", "Жоспар", "Мақсат", "Сайлау", "Жалпы ережелер", "Общие положения",
    "Август Бебель көшесі", "Тәрбие жұмысы", "Работа с родителями", "",
])
def test_heading_months_leave_other_headings(text):
    from lang.months import heading_month

    assert heading_month(text) is None
