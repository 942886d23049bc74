"""The text reader: both table forms, paragraphs, encodings, on real files."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from extractors.read import read_bytes, sniff
from extractors.text import read_text
from schemas import Paragraph, Table

FIXTURES = Path(__file__).resolve().parents[1] / "structure" / "fixtures"
TABS = (FIXTURES / "ru_plan_tabs.txt").read_bytes()
CELLS = (FIXTURES / "ru_plan_cells.txt").read_bytes()


def test_tab_separated_rows_become_one_table_with_empty_cells_kept():
    layout = read_text(TABS)
    (table,) = layout.tables()
    grid = table.matrix()
    assert table.n_cols == 5 and grid[0][0] == "№ п/п"
    assert grid[1] == ["1. Организационные мероприятия", "", "", "", ""]  # trailing tabs are cells
    assert grid[4][0] == "" and grid[4][1] == "по воспитательной работе"
    assert table.row_lines[0] == 11 and table.line == 11


def test_one_cell_per_line_rows_rebuilt_from_header_width():
    layout = read_text(CELLS)
    (table,) = layout.tables()
    grid = table.matrix()
    assert grid[0] == ["№", "Мероприятия", "Сроки", "Ответственные"]
    assert grid[1][0] == "1. Организационная работа"  # a one-cell section row
    assert grid[2][0] == "1.1" and grid[2][1].startswith("Заседание попечительского совета №1\n1. Утверждение")
    assert grid[5][3] == "члены ПС,\nмедсестра"  # continuation after a blank line stays in the cell
    assert [p.text for p in layout.blocks if isinstance(p, Paragraph) and p.text][-1].startswith("Заведующая")


def test_paragraphs_keep_line_numbers_and_blank_lines_mark_breaks():
    layout = read_text(TABS)
    paras = [b for b in layout.blocks if isinstance(b, Paragraph)]
    assert paras[0].text == "Отдел образования города Алматы" and paras[0].line == 1
    assert any(p.text == "" for p in paras)
    assert isinstance(layout.blocks[-1], Paragraph)


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("cp1251"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),  # with BOM
    lambda t: t.encode("utf-16-le"),  # without BOM
])
def test_encodings_give_the_same_layout(encode):
    text = TABS.decode("utf-8")
    reference = read_text(TABS)
    layout = read_text(encode(text))
    assert [t.matrix() for t in layout.tables()] == [t.matrix() for t in reference.tables()]
    assert not layout.flags


def test_kazakh_cp1251_is_not_possible_but_kazakh_utf16_is():
    text = "№\tІс-шаралар атауы\tМерзімі\n1.\tЖиналыс өткізу\tқыркүйек\n2.\tЕсеп беру\tжыл сайын\n"
    layout = read_text(text.encode("utf-16"))
    assert layout.tables()[0].matrix()[1] == ["1.", "Жиналыс өткізу", "қыркүйек"]


def test_garbage_and_empty_bytes_are_flagged_not_raised():
    assert read_text(b"").flags[0].code == "empty"
    garbage = bytes(range(256)) * 20
    layout = read_bytes(garbage, "x.txt")
    assert any(f.code == "not_text" for f in layout.flags)


@pytest.mark.parametrize("data,name,kind", [
    (b"%PDF-1.7\n...", "letter.docx", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.doc", "doc"),
    ("План".encode(), "no-extension", "text"),
    (b"garbage", "scan.pdf", "pdf"),
])
def test_format_is_sniffed_from_bytes_before_the_name(data, name, kind):
    assert sniff(data, name) == kind


def test_a_table_needs_two_rows():
    layout = read_text("Один\tдва\nобычный текст\n".encode())
    assert not layout.tables()
    assert [b.text for b in layout.blocks if isinstance(b, Paragraph)][0] == "Один\tдва"
