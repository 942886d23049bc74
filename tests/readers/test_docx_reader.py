"""DOCX reader on real files written with python-docx (tests/readers/make_fixtures.py)."""
from schemas.layout import Paragraph, Table


def test_body_order_paragraphs_then_table_then_paragraph(read_fixture):
    doc = read_fixture("ru_plan_merged.docx")
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["paragraph", "paragraph", "paragraph", "table", "paragraph"]
    assert doc.blocks[2].text == ""  # an empty paragraph is kept as a visual break
    assert doc.blocks[-1].text == "Примечание: сроки могут уточняться."
    assert doc.flags == []


def test_title_paragraph_bold_and_centred(read_fixture):
    title = read_fixture("ru_plan_merged.docx").blocks[0]
    assert title.text == "ПЛАН мероприятий по профилактике правонарушений"
    assert title.bold is True and title.align == "center"


def test_merged_header_cells_become_spans(read_fixture):
    table = read_fixture("ru_plan_merged.docx").tables()[0]
    assert (table.index, table.n_rows, table.n_cols) == (0, 6, 5)
    m = table.matrix()
    assert m[0] == ["№ п/п", "Наименование мероприятия", "Сроки исполнения", None, "Ответственные исполнители"]
    assert m[1] == [None, None, "начало", "окончание", None]
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in table.cells}
    assert spans[(0, 0)] == (2, 1) and spans[(0, 1)] == (2, 1) and spans[(0, 4)] == (2, 1)
    assert spans[(0, 2)] == (1, 2)


def test_section_row_spans_the_whole_row(read_fixture):
    m = read_fixture("ru_plan_merged.docx").tables()[0].matrix(fill_merged=True)
    assert m[2] == ["1. Организационные мероприятия"] * 5


def test_cell_paragraphs_and_manual_breaks_are_newlines(read_fixture):
    m = read_fixture("ru_plan_merged.docx").tables()[0].matrix()
    assert m[3][1] == "Провести совещание с заместителями директоров\nпо воспитательной работе"
    assert m[4][4] == "Школы района (по согласованию)\nГУ «Ювенальная полиция»"
    assert m[5][3] == ""  # an empty cell is "", a covered one None


def test_nested_table_goes_into_the_cell(read_fixture):
    table = read_fixture("ru_plan_merged.docx").tables()[0]
    cell = next(c for c in table.cells if (c.row, c.col) == (5, 4))
    assert len(cell.tables) == 1
    assert cell.tables[0].matrix() == [["Школа", "Срок"], ["СОШ №5", "май"]]
    assert len(read_fixture("ru_plan_merged.docx").tables()) == 1  # not a body table


def test_headers_and_footers_kept_apart(read_fixture):
    doc = read_fixture("ru_plan_merged.docx")
    assert [p.text for p in doc.headers] == ["Управление образования Карагандинской области"]
    assert [p.text for p in doc.footers] == ["Исп. Петрова А.К., тел. 50-12-34"]
    body = " ".join(b.text for b in doc.blocks if isinstance(b, Paragraph))
    assert "Карагандинской" not in body and "Петрова" not in body


def _numbered(doc):
    return [(p.list_label, p.list_level, p.text) for p in doc.blocks if isinstance(p, Paragraph) and p.list_label]


def test_auto_numbering_rebuilt_with_restarts_and_overrides(read_fixture):
    items = _numbered(read_fixture("lists.docx"))
    labels = [label for label, _, _ in items]
    assert labels[:3] == ["1.", "2.", "3."]
    assert labels[3:5] == ["1)", "2)"]
    assert labels[5:7] == ["1)", "2)"]  # a new w:num of the same abstract list restarts
    assert labels[7:9] == ["5.", "6."]  # startOverride 5; counted apart from the first "1." list
    assert items[0][2] == "Усилить контроль за посещаемостью."  # the label is not in the text


def test_two_level_list_restarts_lower_level(read_fixture):
    items = _numbered(read_fixture("lists.docx"))[9:14]
    assert [(label, level) for label, level, _ in items] == [("1.", 0), ("1.1.", 1), ("1.2.", 1), ("2.", 0), ("2.1.", 1)]


def test_letter_and_roman_formats(read_fixture):
    items = _numbered(read_fixture("lists.docx"))[14:18]
    assert [label for label, _, _ in items] == ["a)", "b)", "i.", "c)"]


def test_style_numbering_is_followed(read_fixture):
    last = _numbered(read_fixture("lists.docx"))[-1]
    assert last[2] == "Пункт по стилю" and last[0]  # "List Number" carries its numPr in styles.xml


def test_pages_unknown_in_docx(read_fixture):
    doc = read_fixture("ru_plan_merged.docx")
    assert doc.n_pages is None
    assert all(isinstance(b, (Paragraph, Table)) and (b.page if isinstance(b, Paragraph) else None) is None for b in doc.blocks)
