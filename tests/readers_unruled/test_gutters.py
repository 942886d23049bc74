"""Unruled tables whose cells are justified and packed close (a scanner's OCR text layer): the gap
between two cells is narrower than the gaps inside a justified cell, so only the free strips the rows
leave (gutters) separate the columns. Hand-placed words, kk and ru."""
from __future__ import annotations

from extractors.pdf_text import words_to_lines
from extractors.pdf_unruled import find_tables
from extractors.unruled_gutters import gutters

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
    [["2.", "Провести родительские собрания в", "ежемесячно", "Классные"],
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
