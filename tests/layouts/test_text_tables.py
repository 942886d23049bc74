"""Pipe, Markdown, grid and fixed-width tables in plain text: cells, multi-line cells, spans into the
source text, and text that must stay paragraphs. Invented Kazakh and Russian plans, not the seeds."""
from __future__ import annotations

from extractors.text import read_text, source_text
from schemas.layout import Paragraph


def _read(text: str):
    data = text.encode("utf-8")
    return read_text(data), source_text(data)


def _spans_point_at_cells(layout, source: str) -> None:
    for table in layout.tables():
        for cell in table.cells:
            if cell.text:
                assert cell.span is not None, cell
                got = source[cell.span.start:cell.span.end]
                # (a word hyphenated over a line end is joined in the cell: its tail ends the span)
                assert got.split()[0] == cell.text.split()[0] and cell.text.split()[-1].endswith(got.split()[-1])


MARKDOWN = """Жоспар

| № | Іс-шаралар атауы | Мерзімі | Жауаптылар |
|---|:-----------------|:------:|-----------:|
| 1 | Ата-аналар жиналысын өткізу<br>және хаттама жасау | қыркүйек | Сынып жетекшілері |
| 2 | Есеп беру \\| талдау | жыл сайын | Директор |

Директор А. Сейтқали
"""


def test_markdown_table_with_alignment_row_breaks_and_escaped_pipe():
    layout, source = _read(MARKDOWN)
    [table] = layout.tables()
    assert table.matrix() == [["№", "Іс-шаралар атауы", "Мерзімі", "Жауаптылар"],
                              ["1", "Ата-аналар жиналысын өткізу\nжәне хаттама жасау", "қыркүйек", "Сынып жетекшілері"],
                              ["2", "Есеп беру | талдау", "жыл сайын", "Директор"]]
    assert table.row_lines == [3, 5, 6]
    _spans_point_at_cells(layout, source)
    assert [b.text for b in layout.blocks if isinstance(b, Paragraph) and b.text] == ["Жоспар", "Директор А. Сейтқали"]


PIPES = """№ | Мероприятие | Срок | Ответственные
1 | Провести семинар для | октябрь | Методист
  | молодых учителей |  | отдела
2 | Обновить стенды | ноябрь | Завуч
"""


def test_pipes_without_outer_pipes_continue_a_numbered_row_under_empty_cells():
    layout, source = _read(PIPES)
    [table] = layout.tables()
    assert table.matrix()[1] == ["1", "Провести семинар для\nмолодых учителей", "октябрь", "Методист\nотдела"]
    assert table.n_rows == 3
    _spans_point_at_cells(layout, source)


GRID = """+----+----------------------+----------+
| №  | Мероприятие          | Срок     |
+====+======================+==========+
| 1  | Провести педсовет по | август   |
|    | итогам года          |          |
+----+----------------------+----------+
| 2  | Сдать отчёт          | май      |
+----+----------------------+----------+
"""


def test_grid_table_rows_run_between_rule_lines():
    layout, source = _read(GRID)
    [table] = layout.tables()
    assert table.matrix() == [["№", "Мероприятие", "Срок"], ["1", "Провести педсовет по\nитогам года", "август"],
                              ["2", "Сдать отчёт", "май"]]
    _spans_point_at_cells(layout, source)


FIXED = """ОТДЕЛ ОБРАЗОВАНИЯ                                      БІЛІМ БӨЛІМІ

                         ПЛАН МЕРОПРИЯТИЙ
№    Мероприятие                          Срок            Ответственные
1    Провести заседание методического     сентябрь        Заместитель
     совета по итогам прошлого года                       директора по УР
2    Организовать курсы повышения         в течение года  Методист района
     квалификации для молодых педа-
     гогов
3    Провести мониторинг посещаемости     ежеквартально   Социальный педагог

                                 1
\f№    Мероприятие                          Срок            Ответственные
4    Обновить информационный стенд по     май             Завуч
     профилактике травматизма

Руководитель отдела образования                           А. Сейткали
"""


def test_fixed_width_columns_multiline_cells_hyphens_and_page_break():
    layout, source = _read(FIXED)
    [table] = layout.tables()
    grid = table.matrix()
    assert grid[0] == ["№", "Мероприятие", "Срок", "Ответственные"]
    assert [row[0] for row in grid[1:]] == ["1", "2", "3", "4"]  # the repeated header is dropped
    assert grid[1][1].replace("\n", " ") == "Провести заседание методического совета по итогам прошлого года"
    assert grid[2][1].replace("\n", " ") == "Организовать курсы повышения квалификации для молодых педагогов"
    assert grid[1][3].replace("\n", " ") == "Заместитель директора по УР"
    assert grid[4][1].replace("\n", " ") == "Обновить информационный стенд по профилактике травматизма"
    assert table.row_lines[:2] == [4, 5] and table.bbox is None and all(c.bbox is None for c in table.cells)
    _spans_point_at_cells(layout, source)
    texts = [b.text for b in layout.blocks if isinstance(b, Paragraph) and b.text]
    assert "Руководитель отдела образования А. Сейткали" in " ".join(texts).replace("  ", " ") or any(
        t.startswith("Руководитель") for t in texts)


PROSE = """Директорам общеобразовательных школ

Отдел образования  просит  в срок до 1 октября представить план мероприятий по профилактике
правонарушений.  Ответственные исполнители  –  заместители директоров по воспитательной работе.
Наименование мероприятий  указывать полностью,  сроки  –  по месяцам.

ҚАРАҒАНДЫ ОБЛЫСЫ                          УПРАВЛЕНИЕ ОБРАЗОВАНИЯ
БІЛІМ БЕРУ БАСҚАРМАСЫ                     КАРАГАНДИНСКОЙ ОБЛАСТИ

Председатель            _____________           Б. Нурланов
Секретарь               _____________           Г. Иванова
Член комиссии           _____________           Д. Сапарова
"""


def test_letterheads_signatures_and_double_spaced_prose_stay_paragraphs():
    layout, _ = _read(PROSE)
    assert layout.tables() == []
    texts = " ".join(b.text for b in layout.blocks if isinstance(b, Paragraph))
    assert "Председатель" in texts and "ҚАРАҒАНДЫ" in texts and "профилактике" in texts


def test_a_lone_pipe_in_prose_is_no_table():
    layout, _ = _read("Бөлім | Отдел\n\nХат мәтіні осында.\n")
    assert layout.tables() == []
