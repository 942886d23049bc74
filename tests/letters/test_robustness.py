"""Bad input never crashes the parsers: arbitrary text, OCR debris, huge lines."""
from hypothesis import given, settings, strategies as st

from pipeline.letters import parse_letter, parse_meeting
from pipeline.letters.requisites import find_references
from pipeline.lineage import parse_based_on

PIECES = st.sampled_from(["№", "No ", "06-04-01/253", "16.02.2022", "2022 жылғы 9 ақпандағы", " хатына", " письмо от ",
                          "Қосымша:", " парақта", "Исп.:", "тел.", "@", "ПРОТОКОЛ", "Күн тәртібі:", "1.", "\t", "  ",
                          "О. Дилмукашева", "Мектеп директорларына", "«", "»", "\u00ad", "ж.", "г."])
LINE = st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=12).map("".join))


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, max_size=25))
def test_parsers_never_raise(lines):
    letter = parse_letter(lines)
    meeting = parse_meeting(lines)
    assert letter is None or (letter.number or letter.addressee or letter.references)
    assert meeting is None or meeting.kind == "protocol"
    assert all(r.number for r in find_references(" ".join(lines)))
    parse_based_on(lines)


def test_long_lines_and_empty_input():
    assert parse_letter([]) is None and parse_meeting([]) is None
    long_line = "Аудандық білім бөлімі " * 5000 + "№ 5 хатына сәйкес"
    assert parse_letter(["Мектеп директорларына", long_line]).references[0].number == "5"
