"""lang.alphabet: look-alike folds keep length; OCR confusions merge only in matching keys."""
from hypothesis import given, strategies as st

from lang.alphabet import (
    fold_for_match, fold_twins, has_kazakh_letter, latin_in_cyrillic_words, lower_same_length, to_cyrillic, upper_key,
)


def test_latin_inside_cyrillic_words_kk_and_ru():
    assert latin_in_cyrillic_words("мектeп жоспары") == "мектеп жоспары"  # Latin e, Kazakh
    assert latin_in_cyrillic_words("Упрaвление образования") == "Управление образования"  # Latin a, Russian
    assert latin_in_cyrillic_words("PISA және TIMSS") == "PISA және TIMSS"  # Latin words stay Latin
    assert latin_in_cyrillic_words("Əкімдік") == "Әкімдік"  # the Latin schwa of Kazakh keyboards


def test_to_cyrillic_folds_every_twin():
    assert to_cyrillic("OO") == "ОО" and to_cyrillic("KДН") == "КДН"


def test_fold_twins_by_own_letters():
    assert fold_twins("плaн") == "план"
    assert fold_twins("GНР") == "GHP"
    assert fold_twins("ATA", cyrillic_context=True) == "АТА"
    assert fold_twins("GMP", cyrillic_context=True) == "GMP"


def test_ocr_confusions_share_one_key():
    # Tesseract and Russian keyboards: Қ/К, Ү/У, Ұ/У, Ө/О, Ң/Н, Ғ/Г, І/И, Latin twins
    assert fold_for_match("Қазақстан") == fold_for_match("Казакстан") == fold_for_match("Kaзaкcтaн")
    assert fold_for_match("бөлімі") == fold_for_match("болими")
    assert fold_for_match("Ұйым") == fold_for_match("уйым")
    assert fold_for_match("Ёлка") == fold_for_match("елка")
    assert fold_for_match("басқарма") != fold_for_match("бөлім")


def test_abbreviation_key():
    assert upper_key("ББҮ") == upper_key("ББҰ") == upper_key("ББУ") == upper_key("ББY")
    assert upper_key("СӘБД") == upper_key("СЭБД")
    assert upper_key("ІІД") == upper_key("1ІД") == upper_key("IIД")
    assert upper_key("ДСБ") != upper_key("ДББ")


def test_kazakh_letters():
    assert has_kazakh_letter("білім") and has_kazakh_letter("ҚР")
    assert not has_kazakh_letter("образование")


@given(st.text(alphabet="aceiopxyАБВгдеёжҚқӘәİ0O1l |.", max_size=40))
def test_folds_keep_length(text):
    for fold in (latin_in_cyrillic_words, to_cyrillic, lower_same_length):
        assert len(fold(text)) == len(text)
