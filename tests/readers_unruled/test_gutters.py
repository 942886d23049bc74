"""Unruled tables whose cells are justified and packed close (a scanner's OCR text layer): the gap
between two cells is narrower than the gaps inside a justified cell, so only the free strips the rows
leave (gutters) separate the columns. Hand-placed words, kk and ru."""
from __future__ import annotations

from extractors.assemble import PageContent, assemble
from extractors.pdf_reader import add_unruled_tables
from extractors.pdf_text import words_to_lines
from extractors.pdf_unruled import find_tables
from extractors.unruled_gutters import gutters
from pipeline.structure import build_structure
from schemas import LayoutDocument

CELLS_RU = [(72, 84), (96, 300), (310, 468), (478, 566)]  # number | measure | deadline | responsible
CHAR = 5.0


def _justified(top: float, x0: float, x1: float, text: str, spread: bool = True) -> list[dict]:
    """Words of one cell line set from x0; a spread (justified) line ends at x1, its spaces widened."""
    tokens = text.split()
    widths = [CHAR * len(t) for t in tokens]
    room = (x1 - x0 - sum(widths)) / max(len(tokens) - 1, 1) if spread and len(tokens) > 1 else 3.0
    words, x = [], x0
    for token, width in zip(tokens, widths):
        words.append({"text": token, "x0": x, "x1": x + width, "top": top, "bottom": top + 10})
        x += width + room
    return words


def _row(top: float, cells: list[str | None], spread: tuple[bool, ...] = (False, True, True, False)) -> list[dict]:
    out = []
    for (x0, x1), text, wide in zip(CELLS_RU, cells, spread):
        if text:
            out += _justified(top, x0, x1, text, wide)
    return out


def _centred(top: float, x0: float, x1: float, text: str) -> list[dict]:
    width = CHAR * len(text)
    return _justified(top, (x0 + x1 - width) / 2, 0, text, spread=False)


def _plan(header: list[str], rows: list[list[list[str | None]]]):
    words = [w for (x0, x1), h in zip(CELLS_RU, header) for w in _centred(100, x0 - 20 if x0 < 90 else x0, x1, h)]
    top = 130
    for row in rows:
        for k, line in enumerate(row):
            words += _row(top, line, (False, True, k == 0, False))
            top += 14
    return words_to_lines(words, page=1)


RU_ROWS = [
    [["1.", "Подготовить и утвердить график", "до 15 сентября", "Петрова А.К."],
     [None, "дежурства педагогов на переменах", "2025 г./ приказ", None],
     [None, "и в столовой", None, None]],
    [["2.", "Провести родительские собрания в", "ежемесячно до 5 числа", "Классные"],
     [None, "каждом классе по вопросам", None, "руководители"],
     [None, "безопасности", None, None]],
    [["3.", "Организовать занятость детей в", "в течение года", "Сидоров Б.Б."],
     [None, "кружках и секциях школы", None, None]],
]
KK_ROWS = [
    [["1.", "Мектептегі кезекшілік кестесін", "15 қыркүйекке", "Ахметова Д.С."],
     [None, "бекіту және мұғалімдерді таныстыру", "дейін / бұйрық", None]],
    [["2.", "Ата-аналар жиналысын әр сыныпта", "ай сайын", "Сынып"],
     [None, "қауіпсіздік мәселесі бойынша өткізу", None, "жетекшілері"]],
    [["3.", "Оқушылардың бос уақытын үйірмелер", "оқу жылы", "Сейтқали Н.Б."],
     [None, "арқылы ұйымдастыру", "бойы", None]],
]


def test_justified_close_cells_leave_gutters_the_gap_does_not_see():
    lines = _plan(["№", "Мероприятия", "Срок исполнения", "Ответственный"], RU_ROWS)
    cuts = gutters(lines[1:])
    assert {(82, 96), (300, 310), (468, 478)} <= {(round(a), round(b)) for a, b in cuts}  # narrower than the gaps in a cell


def test_russian_justified_plan_read_at_its_gutters():
    lines = _plan(["№", "Мероприятия", "Срок исполнения", "Ответственный"], RU_ROWS)
    [table], used = find_tables(lines, page=1, page_height=800)
    grid = [[" ".join((t or "").split()) for t in row] for row in table.table.matrix()]
    assert grid[0] == ["№", "Мероприятия", "Срок исполнения", "Ответственный"]
    assert [row[0] for row in grid[1:]] == ["1.", "2.", "3."]
    assert grid[1][1] == "Подготовить и утвердить график дежурства педагогов на переменах и в столовой"
    assert grid[1][2] == "до 15 сентября 2025 г./ приказ"
    assert grid[2][3] == "Классные руководители"
    assert len(used) == len(lines)


def test_kazakh_justified_plan_read_at_its_gutters():
    lines = _plan(["Р/с", "Іс-шаралар", "Мерзімі", "Жауаптылар"], KK_ROWS)
    [table], _ = find_tables(lines, page=1, page_height=800)
    grid = [[" ".join((t or "").split()) for t in row] for row in table.table.matrix()]
    assert grid[0] == ["Р/с", "Іс-шаралар", "Мерзімі", "Жауаптылар"]
    assert grid[1][2] == "15 қыркүйекке дейін / бұйрық"
    assert grid[3][1] == "Оқушылардың бос уақытын үйірмелер арқылы ұйымдастыру"
    assert grid[2][3] == "Сынып жетекшілері"


def test_justified_prose_under_a_header_like_line_is_no_table():
    """Lines of a justified paragraph leave no strip free down the lines: no gutters, no table."""
    text = ("Руководителям школ обеспечить проведение мероприятий по профилактике правонарушений среди "
            "несовершеннолетних и представить информацию о проделанной работе в отдел образования "
            "в установленные сроки с приложением фотоматериалов и копий приказов").split()
    words = [w for (x0, x1), h in zip(CELLS_RU, ["№", "Мероприятия", "Срок", "Ответственный"])
             for w in _centred(100, x0, x1, h)]
    for k in range(6):
        chunk = text[(k * 5) % len(text):][:7] or text[:7]
        words += _justified(130 + 14 * k, 72, 566, " ".join(chunk))
    lines = words_to_lines(words, page=1)
    assert find_tables(lines, page=1, page_height=800) == ([], set())


# ---------------------------------------------------------------- pages -> layout -> plan
def _pages(header: list[str], rows: list[list[list[str | None]]], split: int):
    """Two pages (rows[:split] under the header on the first, the rest at the top of the second),
    as the PDF reader holds them before the unruled pass; a title line above the header."""
    first = _centred(60, 96, 468, "ПЛАН" if header[0] == "№" else "ЖОСПАР")
    first += [w for (x0, x1), h in zip(CELLS_RU, header) for w in _centred(100, x0 - 20 if x0 < 90 else x0, x1, h)]
    pages, top = [], 130
    for number, part in ((1, rows[:split]), (2, rows[split:])):
        words = first if number == 1 else []
        top = 130 if number == 1 else 40
        for row in part:
            for k, line in enumerate(row):
                words = words + _row(top, line, (False, True, k == 0, False))
                top += 14
        # the first page's table runs to its bottom margin: it continues on the next page
        pages.append(PageContent(number=number, width=595, height=top + 20 if number == 1 else 842,
                                 lines=words_to_lines(words, page=number)))
    return pages


def _plan_of_pages(pages):
    add_unruled_tables(pages)
    layout = assemble(pages, LayoutDocument(media_type="application/pdf"))
    plans, _, failed = build_structure(layout, "0" * 64)
    assert not failed
    [plan] = plans
    return plan


def test_russian_justified_plan_over_two_pages_gives_its_deadlines_and_responsibles():
    plan = _plan_of_pages(_pages(["№", "Мероприятия", "Срок исполнения", "Ответственный"], RU_ROWS, 2))
    assert [c.role for c in plan.columns] == ["number", "measure", "deadline", "responsible"]
    got = [(m.number, m.deadline_raw, m.responsible_raw) for m in plan.measures]
    assert got == [("1", "до 15 сентября 2025 г./ приказ", "Петрова А.К."),
                   ("2", "ежемесячно до 5 числа", "Классные руководители"), ("3", "в течение года", "Сидоров Б.Б.")]


def test_kazakh_justified_plan_over_two_pages_gives_its_deadlines_and_responsibles():
    plan = _plan_of_pages(_pages(["Р/с", "Іс-шаралар", "Мерзімі", "Жауаптылар"], KK_ROWS, 2))
    assert [(m.number, m.deadline_raw) for m in plan.measures] == [
        ("1", "15 қыркүйекке дейін / бұйрық"), ("2", "ай сайын"), ("3", "оқу жылы бойы")]
    assert plan.measures[1].responsible_raw == "Сынып жетекшілері"
