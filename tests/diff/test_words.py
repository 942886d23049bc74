"""Word-level edit scripts for highlighting."""
from __future__ import annotations

from pipeline.diff.words import as_cosmetic, word_ops


def ops(old, new):
    return [(o.op, o.old, o.new) for o in word_ops(old, new)]


def test_changed_word_is_a_replacement_among_equal_runs():
    got = ops("Тамақ өнімдерінің сапасын бақылау бойынша ведомстволық сараптамалық топтардың қызметін талдау",
              "Тамақ өнімдерінің сапасын бақылау бойынша ведомстваралық сараптамалық топтардың қызметін талдау.")
    assert got == [("equal", "Тамақ өнімдерінің сапасын бақылау бойынша", "Тамақ өнімдерінің сапасын бақылау бойынша"),
                   ("replace", "ведомстволық", "ведомстваралық"),
                   ("equal", "сараптамалық топтардың қызметін", "сараптамалық топтардың қызметін"),
                   ("cosmetic", "талдау", "талдау.")]


def test_deleted_and_inserted_words():
    assert ops("ас блоктарында бейнебақылау камералары", "Ас блоктарында бейнебақылау") == [
        ("cosmetic", "ас", "Ас"), ("equal", "блоктарында бейнебақылау", "блоктарында бейнебақылау"),
        ("delete", "камералары", "")]
    assert ops("Ас мәзірін орналастыру", "Ас мәзірін күн сайын орналастыру")[1] == ("insert", "", "күн сайын")


def test_spelling_only_differences_are_cosmetic():
    assert ops("100% қамту", "100 пайыз қамту") == [("cosmetic", "100%", "100 пайыз"), ("equal", "қамту", "қамту")]
    assert ops("2022-2023жыл", "2022-2023 жыл") == [("cosmetic", "2022-2023жыл", "2022-2023 жыл")]
    assert ops("мониторинг два раза", "мониторинг 2 раза")[1] == ("cosmetic", "два", "2")


def test_empty_sides():
    assert ops(None, "жаңа іс-шара") == [("insert", "", "жаңа іс-шара")]
    assert ops("ескі", "") == [("delete", "ескі", "")]
    assert ops(None, None) == []


def test_as_cosmetic_never_claims_meaning():
    assert {o.op for o in as_cosmetic(word_ops("a b c", "a x c"))} <= {"equal", "cosmetic"}
