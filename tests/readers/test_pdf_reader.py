"""PDF reader on LibreOffice renderings of invented Russian plans (make_fixtures.py)."""
from schemas.layout import Paragraph
from tests.readers.make_fixtures import HEADER_3P, MEASURES_RU, TALL_ROW, three_page_rows


def _paragraphs(doc):
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def test_table_over_three_pages_is_one_table(read_fixture):
    doc = read_fixture("ru_plan_3pages.pdf")
    assert doc.n_pages == 3 and doc.flags == []
    tables = doc.tables()
    assert len(tables) == 1
    table = tables[0]
    assert table.pages == [1, 2, 3] and table.index == 0
    assert len(table.row_lines) == table.n_rows and set(table.row_lines) == {1, 2, 3}
    assert table.row_lines == sorted(table.row_lines)


def test_repeated_header_dropped_and_rows_in_order(read_fixture):
    m = read_fixture("ru_plan_3pages.pdf").tables()[0].matrix()
    assert m[0] == HEADER_3P
    assert sum(1 for row in m if row[0] == "№ п/п") == 1
    assert [row[0] for row in m[1:]] == [f"{n}." for n in range(1, 33)]


def test_rows_broken_by_page_breaks_are_merged_back(read_fixture):
    table = read_fixture("ru_plan_3pages.pdf").tables()[0]
    m = table.matrix()
    expected = three_page_rows()
    assert len(m) == len(expected) + 1  # no half rows left over
    tall = m[TALL_ROW]
    assert tall[1].startswith(MEASURES_RU[0]) and tall[1].rstrip(".").endswith(MEASURES_RU[0])
    assert " ".join(tall[1].split()) == " ".join(expected[TALL_ROW - 1][1].split())
    # the tall row starts on page 1 and ends on page 2: its row is counted on its first page
    assert table.row_lines[TALL_ROW] == 1 and table.row_lines[TALL_ROW + 1] == 2
    for row, want in zip(m[1:], expected):
        assert [" ".join(t.split()) for t in row] == [" ".join(t.split()) for t in want]


def test_page_numbers_go_to_footers(read_fixture):
    doc = read_fixture("ru_plan_3pages.pdf")
    assert [(p.text, p.page) for p in doc.footers] == [("1", 1), ("2", 2), ("3", 3)]
    assert not any(t.strip().isdigit() for t in _paragraphs(doc))


def test_lines_join_into_paragraphs_with_hyphenation(read_fixture):
    texts = _paragraphs(read_fixture("ru_plan_3pages.pdf"))
    note = next(t for t in texts if t.startswith("Информацию"))
    assert "департаменті образования" in note  # "департа-" + "менті" joined
    assert "северо-восточный" in note  # a compound inside a line keeps its hyphen
    assert texts[:3] == ["УТВЕРЖДАЮ", "Руководитель управления образования",
                         "План мероприятий по обеспечению всеобуча на 2024-2025 учебный год"]


def test_vertical_gaps_become_empty_paragraphs(read_fixture):
    doc = read_fixture("ru_plan_3pages.pdf")
    kinds = ["" if (b.kind == "paragraph" and not b.text) else b.kind for b in doc.blocks]
    # title lines, gap, table, gap, note, gap, signature
    assert kinds == ["paragraph", "paragraph", "paragraph", "", "table", "", "paragraph", "", "paragraph"]


def test_paragraphs_carry_page_and_bbox(read_fixture):
    doc = read_fixture("ru_plan_3pages.pdf")
    first = doc.blocks[0]
    assert first.page == 1 and first.bbox is not None and first.bbox.x1 > first.bbox.x0
    cell = doc.tables()[0].cells[0]
    assert cell.bbox is not None and cell.bbox.top >= first.bbox.bottom


LANDSCAPE_HEADER = ["№", "Мероприятие", "Ответственные", "Форма", "Срок", "Индикатор", "Примечание"]


def _check_landscape_table(doc):
    assert doc.n_pages == 3
    tables = doc.tables()
    assert len(tables) == 1 and tables[0].pages == [2]
    m = tables[0].matrix()
    assert m[0] == LANDSCAPE_HEADER
    assert [row[0] for row in m[1:]] == ["1", "2", "3", "4"]
    assert " ".join(m[1][1].split()) == MEASURES_RU[1]
    texts = _paragraphs(doc)
    assert "Сопроводительное письмо" in texts and "Приложение закончено." in texts


def test_landscape_page(read_fixture):
    _check_landscape_table(read_fixture("landscape.pdf"))


def test_rotated_page_with_rotate_key(read_fixture):
    _check_landscape_table(read_fixture("rotated.pdf"))  # /Rotate 90, content drawn sideways


def test_sideways_page_is_turned_upright(read_fixture):
    _check_landscape_table(read_fixture("sideways.pdf"))  # sideways content, no /Rotate
