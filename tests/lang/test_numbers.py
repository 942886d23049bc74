"""lang.numbers: number words kk/ru, Roman numerals, one two-digit year rule, academic years."""
import pytest

from lang.numbers import (
    academic_year, full_year, kk_day_dative, number_value, parts, roman_marks, roman_value, row_number,
)


@pytest.mark.parametrize("text,value", [
    ("5", 5), ("05", 5), ("5-ші", 5), ("5-го", 5), ("5-іне", 5), ("бес", 5), ("бесінші", 5), ("пять", 5),
    ("пяти", 5), ("пятого", 5), ("пятый", 5), ("двадцать пятого", 25), ("жиырма бес", 25), ("он бес", 15),
    ("третьего", 3), ("үшінші", 3), ("десяти", 10), ("тоғызыншы", 9), ("III", 3), ("ІІ", 2), ("двух", 2),
])
def test_number_value(text, value):
    assert number_value(text) == value


@pytest.mark.parametrize("text", ["четверть", "мектеп", "", "пя"])
def test_not_numbers(text):
    assert number_value(text) is None


def test_roman():
    assert roman_value("iv") == 4 and roman_value("ІV") == 4 and roman_value("XII") == 12


def test_one_year_rule():
    assert full_year("25") == 2025 and full_year("11") == 2011 and full_year("98") == 1998
    assert full_year("2024") == 2024 and full_year("3024") is None and full_year("x") is None


@pytest.mark.parametrize("text,years", [
    ("2024-2025 оқу жылы", (2024, 2025)), ("2024/25", (2024, 2025)), ("на 2024-2025 учебный год", (2024, 2025)),
    ("2025 – 2026 оқу жылына", (2025, 2026)), ("2021-2023 жылдарға", None),
])
def test_academic_year(text, years):
    assert academic_year(text) == years


def test_kazakh_day_dative():
    assert kk_day_dative(5) == "5-іне" and kk_day_dative(6) == "6-сына" and kk_day_dative(10) == "10-ына"
    assert kk_day_dative(20) == "20-сына" and kk_day_dative(1) == "1-іне" and kk_day_dative(2) == "2-сіне"


def test_measure_numbers():
    assert row_number("3.4.") == "3.4" and row_number("текст") is None and parts("1.2") == (1, 2)


@pytest.mark.parametrize("marks, want", [
    (["1", "П", "Ш"], ["I", "II", "III"]),  # OCR of a Latin I, II, III
    (["І", "П", "Ш", "ІУ"], ["І", "ІІ", "ІІІ", "ІV"]),  # a Kazakh І read right keeps the Cyrillic letters
    (["l", "11", "111"], ["I", "II", "III"]),
])
def test_roman_section_marks_misread_by_ocr(marks, want):
    assert roman_marks(marks) == want


@pytest.mark.parametrize("marks", [
    ["1", "2", "3"],  # digits are digits
    ["1"], ["I", "II"],  # nothing to repair
    ["П"],  # a lone "П." may be an initial
    ["1", "П", "4"], ["А", "Б", "В"], ["1", "Ш"],  # not one run of numerals
])
def test_section_marks_left_alone(marks):
    assert roman_marks(marks) is None


def test_ocr_writes_roman_numerals_in_latin_letters():
    """A scan cannot tell the Kazakh І from the Latin I: OCR'd numerals are written the usual way."""
    assert roman_marks(["І", "ІІ", "ІІІ"], ocr=True) == ["I", "II", "III"]
    assert roman_marks(["І", "ІІ", "ІІІ"]) is None  # typed Kazakh numerals stay as typed
    assert roman_marks(["I", "II"], ocr=True) is None and roman_marks(["1", "2"], ocr=True) is None


def test_sequence_number_reads_cut_and_padded_row_numbers():
    from lang.numbers import sequence_number

    assert sequence_number(3, 10, 14) == 13  # the photo's edge cut the "1"
    assert sequence_number(218, 17, 19) == 18  # a rule read as a "2" before the number
    assert sequence_number(5, 4, 6) == 5 and sequence_number(7, None, 9) == 7  # fits: as read
    assert sequence_number(2, 10, 30) is None  # 12 or 22: no single number
    assert sequence_number(1, 3, 2) is None and sequence_number(1, 4, None) is None  # the count starts again


def test_opens_new_kk_and_ru():
    from lang.text import opens_new

    assert opens_new("Күзгі іс-шаралар") and opens_new("«Таза аула» акциясы") and opens_new(" Смотр")
    assert not opens_new("ұйымдастыру және өткізу") and not opens_new("- стенд") and not opens_new("(по плану)")
    assert not opens_new("") and not opens_new("1-4 сыныптар")


def test_roman_marks_read_a_photographed_ii_as_tse():
    """A photo joins the serifs of II into Ц; only a run of marks reading I, II decides."""
    from lang.numbers import roman_marks

    assert roman_marks(["1", "Ц"], ocr=True) == ["I", "II"]
    assert roman_marks(["Ц"], ocr=True) is None and roman_marks(["1", "Ц", "Ц"], ocr=True) is None
