"""Word numbering rules on hand-written numbering.xml (unit tests of extractors.docx_numbering)."""
from lxml import etree

from extractors.docx_numbering import Numbering, format_number, to_letters, to_roman

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def numbering(body: str) -> Numbering:
    return Numbering(etree.fromstring(f'<w:numbering xmlns:w="{W}">{body}</w:numbering>'))


def lvl(ilvl, fmt, text, start=1, extra=""):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def test_formats():
    assert [to_roman(n) for n in (1, 4, 9, 14, 40, 1994)] == ["I", "IV", "IX", "XIV", "XL", "MCMXCIV"]
    assert [to_letters(n) for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]
    assert format_number(3, "upperLetter") == "C" and format_number(7, "decimalZero") == "07"
    assert format_number(4, "lowerRoman") == "iv"


def test_three_levels_and_restart_of_deeper_levels():
    n = numbering('<w:abstractNum w:abstractNumId="0">' + lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%1.%2.")
                  + lvl(2, "lowerLetter", "%3)") + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    seq = [(0, "I."), (1, "I.1."), (2, "a)"), (2, "b)"), (1, "I.2."), (2, "a)"), (0, "II."), (1, "II.1.")]
    assert [n.label("1", ilvl) for ilvl, _ in seq] == [want for _, want in seq]


def test_legal_numbering_shows_decimals():
    n = numbering('<w:abstractNum w:abstractNumId="0">' + lvl(0, "upperRoman", "%1.")
                  + lvl(1, "decimal", "%1.%2.", extra="<w:isLgl/>") + '</w:abstractNum>'
                  '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    assert [n.label("1", 0), n.label("1", 1)] == ["I.", "1.1."]


def test_lvl_restart_zero_keeps_counting():
    n = numbering('<w:abstractNum w:abstractNumId="0">' + lvl(0, "decimal", "%1.")
                  + lvl(1, "decimal", "(%2)", extra='<w:lvlRestart w:val="0"/>') + '</w:abstractNum>'
                  '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    assert [n.label("1", k) for k in (0, 1, 1, 0, 1)] == ["1.", "(1)", "(2)", "2.", "(3)"]


def test_instances_count_apart_and_overrides_apply():
    n = numbering('<w:abstractNum w:abstractNumId="0">' + lvl(0, "decimal", "%1)") + '</w:abstractNum>'
                  '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                  '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
                  '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'
                  '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
                  + lvl(0, "upperLetter", "%1.") + '</w:lvlOverride></w:num>')
    assert [n.label("1", 0), n.label("2", 0), n.label("1", 0), n.label("2", 0)] == ["1)", "3)", "2)", "4)"]
    assert [n.label("3", 0), n.label("3", 0)] == ["A.", "B."]


def test_bullets_and_unnumbered_paragraphs():
    n = numbering('<w:abstractNum w:abstractNumId="0">' + lvl(0, "bullet", "\uf0b7") + '</w:abstractNum>'
                  '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    assert n.label("1", 0) == "•"
    assert n.label("0", 0) is None and n.label("99", 0) is None and n.label("1", 5) is None
    assert Numbering(None).label("1", 0) is None
