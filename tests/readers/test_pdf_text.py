"""Line joining rules (unit tests of extractors.pdf_text on hand-made lines)."""
from extractors.pdf_text import (
    HYPHEN_MARK, Line, cell_text, compound_first_parts, continues, join_text, resolve_hyphens, running_lines,
)


def line(text, x0, x1, top, page=1, first_word=40.0):
    return Line(text=text, x0=x0, x1=x1, top=top, bottom=top + 12, page=page, first_word_width=first_word, space_width=3)


def test_wrapped_line_continues_short_line_does_not():
    full = line("Организовать работу консультационных пунктов для", 57, 530, 100)
    nxt = line("родителей по вопросам", 57, 200, 114, first_word=60)
    assert continues(full, nxt, 57, 538)
    short = line("Руководитель отдела", 57, 200, 100)
    assert not continues(short, nxt, 57, 538)


def test_new_item_and_indent_start_new_paragraphs():
    full = line("что-то длинное до самого правого края страницы", 57, 536, 100)
    assert not continues(full, line("2. Второй пункт", 57, 300, 114), 57, 538)
    assert not continues(full, line("- маркер", 57, 300, 114), 57, 538)
    assert not continues(full, line("Новый абзац с отступом", 92, 300, 114), 57, 538)


def test_right_aligned_block_lines_stay_apart():
    a = line("УТВЕРЖДАЮ", 440, 538, 50)
    b = line("Руководитель управления образования", 330, 538, 64, first_word=70)
    assert not continues(a, b, 57, 538)


def test_hyphen_joins():
    assert join_text("в департа-", "менті") == f"в департа-{HYPHEN_MARK}менті"
    assert join_text("на 2021-", "2023 годы") == "на 2021-2023 годы"  # a break after a hyphen takes no space
    assert join_text("ведомство\u00ad", "аралық") == "ведомствоаралық"  # soft hyphen: syllable break
    assert join_text("конец строки", "начало") == "конец строки начало"
    assert join_text("тире -", "слово") == "тире - слово"


def test_resolve_hyphens_with_document_evidence():
    texts = [f"в департа-{HYPHEN_MARK}менті", f"интернет-{HYPHEN_MARK}ресурстарында", "на интернет-ресурсе школы",
             f"баспасөз-{HYPHEN_MARK}мәслихат", f"кто-{HYPHEN_MARK}то", f"іс-{HYPHEN_MARK}шаралар"]
    parts = compound_first_parts(texts)
    assert "интернет" in parts and "департа" not in parts  # marked breaks are no evidence
    out = [resolve_hyphens(t, parts) for t in texts]
    assert out[0] == "в департаменті"
    assert out[1] == "интернет-ресурстарында"
    assert out[3] == "баспасөзмәслихат"  # no evidence either way: treated as a syllable break
    assert out[4] == "кто-то" and out[5] == "іс-шаралар"


def test_cell_text_wraps_and_paragraph_breaks():
    lines = [line("Провести мониторинг", 80, 228, 10, first_word=50),
             line("посещаемости.", 80, 150, 24, first_word=60),
             line("Второй абзац", 80, 150, 38, first_word=40)]
    assert cell_text(lines, 80, 230) == "Провести мониторинг посещаемости.\nВторой абзац"


def test_running_lines_page_numbers_and_repeated_headers():
    pages = [[line("Проект", 270, 320, 20, page=p), line("Текст", 57, 300, 300, page=p),
              line(f"- {p} -", 290, 300, 800, page=p)] for p in (1, 2, 3)]
    found = running_lines(pages, [842.0] * 3)
    texts = sorted(l.text for ls in pages for l in ls if id(l) in found)
    assert texts == ["- 1 -", "- 2 -", "- 3 -", "Проект", "Проект", "Проект"]
    assert running_lines(pages[:1], [842.0]) == set()  # one page: nothing repeats


def test_a_date_at_line_start_is_no_list_label():
    prev = line("01.08.11 ж. –", 286.6, 341.0, 10, first_word=35)
    assert continues(prev, line("20.09.11 ж.", 286.6, 333.5, 24, first_word=35), 286.6, 375.4)
    assert not continues(prev, line("2. Екінші", 286.6, 333.5, 24, first_word=10), 286.6, 375.4)


def test_hanging_indent_continues_a_list_item():
    words = [{"x0": 75, "x1": 85, "text": "1."}, {"x0": 93, "x1": 530, "text": "«Ақтөбе ..."}]
    item = Line(text="1. «Ақтөбе облыстық білім басқармасында", x0=75, x1=530, top=10, bottom=22, page=1,
                first_word_width=10, space_width=3, words=words)
    assert continues(item, line("асырылуы» - баяндамашы", 93, 400, 24, first_word=50), 57, 538)
    assert not continues(item, line("Жаңа абзац", 120, 400, 24, first_word=50), 57, 538)
