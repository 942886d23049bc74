"""Light stemming: word endings fold for alignment, different words stay apart."""
from __future__ import annotations

import pytest

from pipeline.diff.normalize import norm_tokens
from pipeline.diff.stem import is_kazakh, stem, stem_tokens


@pytest.mark.parametrize("forms", [
    ["мектеп", "мектептер", "мектептері", "мектептерде", "мектептердің", "мектепке"],
    ["оқушы", "оқушылар", "оқушыларды", "оқушыларының", "оқушыларға"],
    ["топ", "топтар", "топтардың"],
    ["камера", "камералары", "камераларын"],
])
def test_kazakh_endings_fold(forms):
    assert len({stem(f, kazakh=True) for f in forms}) == 1, {f: stem(f, kazakh=True) for f in forms}


@pytest.mark.parametrize("forms", [
    ["мониторинг", "мониторинга", "мониторингом"],
    ["руководители", "руководитель", "руководителей"],
    ["школа", "школы", "школах", "школе"],
    ["учителя", "учитель", "учителей"],
])
def test_russian_endings_fold(forms):
    assert len({stem(f, kazakh=False) for f in forms}) == 1, {f: stem(f, kazakh=False) for f in forms}


@pytest.mark.parametrize("a,b,kazakh", [
    ("ведомстволық", "ведомстваралық", True),
    ("бақылау", "бағалау", True),
    ("питания", "обучения", False),
    ("мектеп", "мектепке дейінгі", True),
])
def test_different_words_stay_apart(a, b, kazakh):
    assert stem_tokens(norm_tokens(a), kazakh) != stem_tokens(norm_tokens(b), kazakh)


def test_short_words_and_numbers_untouched():
    assert stem("ас", True) == "ас" and stem("2023", False) == "2023" and stem("ент", False) == "ент"


def test_language_guess():
    assert is_kazakh("Мектеп асханаларының") and not is_kazakh("Организация питания")
    assert stem_tokens(["оқушыларды"]) == ["оқушы"]
