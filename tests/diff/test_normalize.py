"""What counts as cosmetic: case, punctuation, spacing, trailing full stop, number spellings, percent
spellings, Latin/Cyrillic twins, numeral endings; and what does not: a changed word of meaning."""
from __future__ import annotations

import pytest

from pipeline.diff.normalize import clean, fold_twins, norm_key, norm_tokens, same_up_to_cosmetics

COSMETIC = [
    ("ақпарат", "Ақпарат"),
    ("Сапалы тамақтану бойынша видеоконтент дайындау", "Сапалы тамақтану бойынша видеоконтент дайындау."),
    ("2022-2023жыл", "2022-2023 жыл"),
    ("Қ(А)БББ", "Қ(А) БББ"),
    ("мектепте бір рет тамақтандыру", "мектепте I рет тамақтандыру"),  # Latin I
    ("мектепте бір рет тамақтандыру", "мектепте І рет тамақтандыру"),  # Kazakh Cyrillic І
    ("1-4 сынып оқушылары", "I-4 сынып оқушылары"),
    ("білім алушыларды 100% қамту", "білім алушыларды 100 пайыз қамту"),
    ("100%-ға дейін", "100 пайызға дейін"),
    ("тоқсанына бір рет", "тоқсанына 1 рет"),
    ("жылына 2 рет", "жылына екі рет"),
    ("16-шы ақпандағы", "16 ақпандағы"),
    ("ATA-АНАЛАРҒА АРНАЛҒАН", "ата-аналарға арналған"),  # Latin A, T inside Kazakh capitals
    ("охват 100 процентов", "охват 100%"),
    ("охват сто процентов учащихся", "охват сто % учащихся"),
    ("один раз в квартал", "1 раз в квартал"),
    ("два раза в год", "2 раза в год"),
    ("учащихся I-IV классов", "учащихся 1-4 классов"),
    ("выпускников 11-х классов", "выпускников 11 классов"),
    ("до 1 октября 2023 г.", "до 1 октября 2023 года"),
    ("Прoведение мoнитoринга", "Проведение мониторинга"),  # Latin o
    ("«Дом – школа – дом»", '"Дом-школа-дом"'),
    ("организация  работы", "организация работы"),
    ("Ёлка", "елка"),
    ("тамақ\u00adтану", "тамақтану"),  # soft hyphen
]

MATERIAL = [
    ("ведомстволық сараптамалық топтар", "ведомстваралық сараптамалық топтар"),
    ("БББ-ға талдамалық ақпарат", "АБББ-ға талдамалық ақпарат"),
    ("БҒМ-ға талдамалық ақпарат", "АБББ-ға талдамалық ақпарат"),
    ("ас блоктарында бейнебақылау камералары", "Ас блоктарында бейнебақылау"),
    ("сауалнама жүргізу", "сауалнамалар жүргізу"),  # a changed ending is a changed word here
    ("до 10 марта", "до 25 марта"),
    ("межведомственных рейдов", "ведомственных рейдов"),
    ("1-4 классов", "1-5 классов"),
    ("охват 100%", "охват 90%"),
    ("учащихся из малообеспеченных семей", "учащихся из многодетных семей"),
]


@pytest.mark.parametrize("old,new", COSMETIC)
def test_cosmetic_pairs_normalise_equal(old, new):
    assert same_up_to_cosmetics(old, new), (norm_tokens(old), norm_tokens(new))


@pytest.mark.parametrize("old,new", MATERIAL)
def test_material_pairs_stay_different(old, new):
    assert not same_up_to_cosmetics(old, new)


def test_twins_fold_into_the_majority_script():
    assert fold_twins("мектeп") == "мектеп"  # one Latin e in a Cyrillic word
    assert fold_twins("GНР") == "GHP"  # Cyrillic Н, Р in a Latin abbreviation
    assert fold_twins("PISA") == "PISA"  # a real Latin word stays Latin
    assert fold_twins("ATA", cyrillic_context=True) == "АТА"
    assert fold_twins("GMP", cyrillic_context=True) == "GMP"  # G has no Cyrillic twin


def test_tokens_and_keys():
    assert norm_tokens("№320 қаулысымен") == ["320", "қаулысымен"]
    assert norm_tokens(None) == [] and norm_tokens("") == [] and norm_tokens(" .,; ") == []
    assert norm_key("I-4") == norm_key("1-4") == "14"
    assert norm_key("100%") == norm_key("100") + norm_key("пайыз")


def test_clean_is_nfc_and_collapses_spaces():
    decomposed = "и\u0306"  # и + combining breve = й
    assert clean(f"  {decomposed}  а\n б ") == "й а б"
