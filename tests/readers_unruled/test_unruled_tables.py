"""Plan tables printed without ruling lines: the PDF reader's grid, the plans extracted from it, and
documents where the detector must stay silent (letterheads, signature blocks, prose)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.pdf_reader import read_pdf
from extractors.pdf_text import words_to_lines
from extractors.pdf_unruled import find_tables
from pipeline.extract import extract_path
from schemas.layout import Paragraph
from tests.readers_unruled.make_fixtures import KK_ROWS, RU_DEADLINES, RU_MEASURES, ensure_fixtures


@pytest.fixture(scope="module")
def fixtures() -> Path:
    return ensure_fixtures()


@pytest.fixture(scope="module")
def layouts(fixtures):
    return {p.stem: read_pdf(p.read_bytes()) for p in fixtures.glob("*.pdf")}


def _paragraph_texts(layout) -> list[str]:
    return [b.text for b in layout.blocks if isinstance(b, Paragraph) and b.text]


# ---------------------------------------------------------------------- the reader's grid
def test_russian_grid_spans_two_pages_with_sections(layouts):
    layout = layouts["ru_unruled_plan"]
    [table] = layout.tables()
    grid = table.matrix()
    assert (table.n_cols, table.pages) == (4, [1, 2])
    assert grid[0] == ["№", "Мероприятие", "Срок", "Ответственные"]
    assert table.n_rows == 1 + 2 + 12  # header, two section rows, twelve measures
    assert grid[1] == ["I. Организационная работа", None, None, None]
    section = next(c for c in table.cells if c.row == 1)
    assert section.col_span == 4
    numbered = [row for row in grid if row[0] and row[0][0].isdigit()]
    assert [row[0] for row in numbered] == [f"{i}." for i in range(1, 13)]
    assert [row[1] for row in numbered] == RU_MEASURES
    assert [row[2] for row in numbered] == RU_DEADLINES
    # the row cut by the page break is one row again, its two paragraphs kept apart
    assert numbered[2][3] == "Методист районного отдела\nДиректора школ (по согласованию)"
    assert "ШМО" in numbered[0][3] and "Заместитель директора по УР" in numbered[0][3]
    assert len(table.row_lines) == table.n_rows and set(table.row_lines) == {1, 2}
    assert table.row_lines[-1] == 2 and table.bbox is not None


def test_russian_table_sits_between_its_paragraphs(layouts):
    layout = layouts["ru_unruled_plan"]
    kinds = [b.kind for b in layout.blocks if b.kind == "table" or b.text]
    texts = _paragraph_texts(layout)
    table_at = kinds.index("table")
    assert texts[0].startswith("ПЛАН мероприятий") and kinds[0] == "paragraph"
    after = [b.text for b in layout.blocks[[i for i, b in enumerate(layout.blocks) if b.kind == "table"][0]:]
             if isinstance(b, Paragraph) and b.text]
    assert after[0].startswith("Аббревиатуры") and after[1].startswith("Руководитель отдела образования")
    assert table_at == len(kinds) - 3
    assert not any("Провести" in t or "сентябрь" in t for t in texts)  # consumed lines left the paragraphs


def test_kazakh_grid_with_two_line_header(layouts):
    [table] = layouts["kk_unruled_plan"].tables()
    grid = table.matrix()
    assert grid[0] == ["Р/с №", "Іс-шаралар атауы", "Орындау мерзімі", "Жауаптылар", "Аяқтау нысаны"]
    assert grid[1:] == [list(row) for row in KK_ROWS]
    assert table.pages == [1] and table.row_lines == [1] * 5


@pytest.mark.parametrize("stem", ["bilingual_letterhead", "protocol_signatures"])
def test_no_table_in_letters_letterheads_and_signatures(layouts, stem):
    layout = layouts[stem]
    assert layout.tables() == []
    texts = " ".join(_paragraph_texts(layout))
    assert "ҚАРАҒАНДЫ" in texts or "Председатель" in texts  # nothing was swallowed


# ---------------------------------------------------------------------- plans from the pipeline
def test_russian_plan_extracted(fixtures):
    doc = extract_path(fixtures / "ru_unruled_plan.pdf")
    [plan] = doc.plans
    assert [c.role for c in plan.columns] == ["number", "measure", "deadline", "responsible"]
    measures = plan.measures
    assert [m.number for m in measures] == [str(i) for i in range(1, 13)]
    assert [m.text for m in measures] == RU_MEASURES
    assert [m.deadline_raw for m in measures] == RU_DEADLINES
    assert [m.section for m in measures] == ["I. Организационная работа"] * 6 + ["II. Работа с родителями и учащимися"] * 6
    assert measures[2].responsible_raw == "Методист районного отдела\nДиректора школ (по согласованию)"
    assert measures[3].responsible_raw == "Социальный педагог"
    assert measures[2].provenance.page == 1 and measures[-1].provenance.page == 2
    assert "no_plan" not in {f.code for f in doc.flags}


def test_kazakh_plan_extracted(fixtures):
    doc = extract_path(fixtures / "kk_unruled_plan.pdf")
    [plan] = doc.plans
    assert [c.role for c in plan.columns] == ["number", "measure", "deadline", "responsible", "form"]
    got = [(m.number, m.text, m.deadline_raw, m.responsible_raw, m.completion_form) for m in plan.measures]
    assert got == list(KK_ROWS)


@pytest.mark.parametrize("stem", ["bilingual_letterhead", "protocol_signatures"])
def test_negatives_give_no_plan(fixtures, stem):
    doc = extract_path(fixtures / f"{stem}.pdf")
    assert doc.plans == []
    assert "no_plan" in {f.code for f in doc.flags}


# ---------------------------------------------------------------------- the detector on hand-placed words
def _line(top: float, *pieces: tuple[float, str]) -> list[dict]:
    """Words of one line: each piece (x0, text) split at spaces, 6 pt per character."""
    words = []
    for x, text in pieces:
        for token in text.split():
            words.append({"text": token, "x0": x, "x1": x + 6 * len(token), "top": top, "bottom": top + 10})
            x += 6 * len(token) + 3
    return words


def _lines(*rows: list[dict]):
    return words_to_lines([w for r in rows for w in r], page=1)


def test_tab_typed_plan_without_number_column_splits_rows_at_gaps():
    lines = _lines(
        _line(100, (50, "Мероприятие"), (250, "Срок"), (350, "Ответственный")),
        _line(120, (50, "Провести семинар"), (250, "март"), (350, "Методист")),
        _line(132, (50, "для педагогов"), (350, "района")),
        _line(150, (50, "Обновить стенд"), (250, "май"), (350, "Завуч")),
    )
    [table], used = find_tables(lines, page=1, page_height=800)
    assert table.table.matrix() == [["Мероприятие", "Срок", "Ответственный"],
                                    ["Провести семинар\nдля педагогов", "март", "Методист района"],
                                    ["Обновить стенд", "май", "Завуч"]]
    assert len(used) == 4


def test_plan_like_header_over_prose_is_not_a_table():
    """Three spaced words that read as a header, then a paragraph across the columns."""
    lines = _lines(
        _line(100, (50, "Мероприятие"), (250, "Срок"), (350, "Ответственный")),
        _line(114, (50, "Решили одобрить план работы школы и назначить ответственных за каждое мероприятие")),
        _line(128, (50, "Председатель"), (250, "__________"), (400, "Б. Нурланов")),
    )
    assert find_tables(lines, page=1, page_height=800) == ([], set())


def test_bilingual_letterhead_with_deadline_words_is_not_a_table():
    lines = _lines(
        _line(50, (50, "БІЛІМ БӨЛІМІ"), (350, "ОТДЕЛ ОБРАЗОВАНИЯ")),
        _line(64, (50, "Жұмыс телефоны 41-22-33"), (350, "Срок ответа 5 дней")),
        _line(78, (50, "Исполнитель Иванова"), (350, "тел. 41-22-34")),
    )
    assert find_tables(lines, page=1, page_height=800) == ([], set())


# ---------------------------------------------------------------------- found geometrically, anywhere
def test_headerless_numbered_table_is_found_without_a_plan_header():
    """No header at all: the row-number column and the aligned gaps make it a table."""
    lines = _lines(
        _line(100, (50, "Мектеп директорларына жолдаймыз.")),
        _line(130, (50, "1"), (80, "Ата-аналар жиналысын өткізу"), (300, "қыркүйек"), (400, "Директор")),
        _line(142, (80, "және хаттама толтыру")),
        _line(160, (50, "2"), (80, "Оқушылар жетістігін талдау"), (300, "тоқсан сайын"), (400, "Орынбасар")),
        _line(178, (50, "3"), (80, "Кітапхана қорын толықтыру"), (300, "мамыр"), (400, "Кітапханашы")),
        _line(220, (50, "Директор"), (300, "А. Сейтқали")),
    )
    [table], used = find_tables(lines, page=1, page_height=800)
    grid = table.table.matrix()
    assert [row[0] for row in grid] == ["1", "2", "3"]
    assert grid[0][1] == "Ата-аналар жиналысын өткізу\nжәне хаттама толтыру" or grid[0][1].replace("\n", " ") == \
        "Ата-аналар жиналысын өткізу және хаттама толтыру"
    assert len(used) == 4  # neither the sentence above nor the signature below


def test_unfamiliar_header_words_do_not_matter():
    lines = _lines(
        _line(100, (50, "Р/с"), (90, "Міндеттер"), (300, "Айы"), (400, "Растайтын құжат")),
        _line(120, (50, "1."), (90, "Жоба жұмысын ұйымдастыру"), (300, "Қазан"), (400, "Бұйрық")),
        _line(140, (50, "2."), (90, "Семинар өткізу"), (300, "Қараша"), (400, "Хаттама")),
    )
    [table], _ = find_tables(lines, page=1, page_height=800)
    assert table.table.matrix()[0] == ["Р/с", "Міндеттер", "Айы", "Растайтын құжат"]


def test_signature_block_of_three_columns_is_not_a_table():
    lines = _lines(
        _line(100, (50, "Председатель"), (250, "_____________"), (400, "Б. Нурланов")),
        _line(120, (50, "Секретарь"), (250, "_____________"), (400, "Г. Иванова")),
        _line(140, (50, "Член комиссии"), (250, "_____________"), (400, "Д. Сапарова")),
        _line(160, (50, "Член комиссии"), (250, "_____________"), (400, "Е. Ахметова")),
    )
    assert find_tables(lines, page=1, page_height=800) == ([], set())


def test_cells_carry_page_and_the_box_of_their_words(layouts):
    [table] = layouts["ru_unruled_plan"].tables()
    for cell in table.cells:
        if cell.text:
            assert cell.page in (1, 2) and cell.bbox is not None
            assert table.bbox.x0 - 1 <= cell.bbox.x0 < cell.bbox.x1 <= table.bbox.x1 + 1 or cell.page == 2
