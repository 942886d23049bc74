"""The registered `kk` language: tokenizer exceptions, stop words, number words."""
from __future__ import annotations

import pytest
import spacy

import pipeline.nlp  # noqa: F401  registers "kk"
from pipeline.nlp import Kazakh


@pytest.fixture(scope="module")
def kk():
    return spacy.blank("kk")


def texts(nlp, text):
    return [t.text for t in nlp(text)]


def test_blank_kk_is_our_class(kk):
    assert isinstance(kk, Kazakh) and kk.lang == "kk"
    assert spacy.util.get_lang_class("kk") is Kazakh


@pytest.mark.parametrize("text, tokens", [
    ("2022 ж. қаңтар", ["2022", "ж.", "қаңтар"]),
    ("2021-2023 жж. аралығы", ["2021", "-", "2023", "жж.", "аралығы"]),
    ("кітаптар, т.б. құралдар", ["кітаптар", ",", "т.б.", "құралдар"]),
    ("өлең, ән т.с.с.", ["өлең", ",", "ән", "т.с.с."]),
    ("ҚР ОАМ-ның бұйрығы", ["ҚР", "ОАМ", "-", "ның", "бұйрығы"]),
    ("Қ(А)БББ, ББҰ", ["Қ(А)БББ", ",", "ББҰ"]),
    ("Қ(А) БББ-ға", ["Қ(А)", "БББ", "-", "ға"]),
    ("№06-01-06-02-4/615 хатына", ["№06-01-06-02-4/615", "хатына"]),
    ("№ 06-04-01/253 16.02.2022", ["№", "06-04-01/253", "16.02.2022"]),
])
def test_tokenizer_exceptions(kk, text, tokens):
    assert texts(kk, text) == tokens


def test_norms_of_abbreviations(kk):
    doc = kk("ҚР т.б. ж.")
    assert [t.norm_ for t in doc] == ["Қазақстан Республикасы", "тағы басқа", "жыл"]


def test_stop_words(kk):
    doc = kk("Білім басқармасы және аудандық бөлімдер бойынша ақпарат үшін")
    assert [t.text for t in doc if t.is_stop] == ["және", "бойынша", "үшін"]
    assert not kk.vocab["басқармасы"].is_stop


@pytest.mark.parametrize("word", ["бір", "екі", "он", "жиырма", "жүз", "мың", "тоқсан", "бесінші", "оныншы",
                                  "15", "1,5", "1-ші", "II", "3/4"])
def test_like_num_true(kk, word):
    assert kk(word)[0].like_num


@pytest.mark.parametrize("word", ["басқарма", "бірлесіп", "16.02.2022", "ж.", "ББҰ"])
def test_like_num_false(kk, word):
    assert not kk(word)[0].like_num


def test_russian_is_spacys_own(kk):
    ru = spacy.blank("ru")
    assert [t.text for t in ru("до 25 марта 2024 г.")] == ["до", "25", "марта", "2024", "г."]
    assert ru("двадцать")[0].like_num
