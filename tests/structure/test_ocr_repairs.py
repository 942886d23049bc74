"""What OCR does to a plan, repaired in the structure stage: Roman section numerals misread (I → 1, II → П,
III → Ш), a header printed again, a "№" or a dot lost, a lone "1)" dropped. Plans written so on purpose
(sections numbered with digits, numbers 1 … 22) keep what they print."""
from __future__ import annotations

import pytest

import io

import docx

from pipeline.extract import extract_bytes

HEAD = {"kk": ("№", "Іс-шара", "Мерзімі", "Жауапты"), "ru": ("№", "Мероприятие", "Срок", "Ответственный")}
ROWS = {
    "kk": [("Ұйымдастыру жұмыстары", [("1", "Жиналыс өткізу", "қыркүйек", "Директор")]),
           ("Практикалық жұмыстар", [("2", "Сабақтар өткізу", "қазан", "Орынбасар")]),
           ("Қорытынды", [("3", "Есеп беру", "мамыр", "Директор")])],
    "ru": [("Организационная работа", [("1", "Провести совещание", "сентябрь", "Директор")]),
           ("Практическая работа", [("2", "Провести уроки", "октябрь", "Завуч")]),
           ("Итоги", [("3", "Сдать отчет", "май", "Директор")])],
}


def _plan_docx(lang: str, marks: list[str]) -> bytes:
    """A ruled plan table whose section rows are merged across the table, as a scan's grid rebuilds it."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, HEAD[lang]):
        cell.text = text
    for mark, (title, rows) in zip(marks, ROWS[lang]):
        cells = table.add_row().cells
        merged = cells[0].merge(cells[3])
        merged.text = f"{mark}. {title}"
        for row in rows:
            for cell, text in zip(table.add_row().cells, row):
                cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_misread_roman_sections_are_repaired(lang):
    (plan,) = extract_bytes(_plan_docx(lang, ["1", "П", "Ш"]), f"{lang}.docx").plans
    titles = [title for title, _ in ROWS[lang]]
    assert plan.sections == [f"{n}. {t}" for n, t in zip(["I", "II", "III"], titles)]
    assert [m.section for m in plan.measures] == plan.sections


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_digit_and_letter_sections_stay(lang):
    for marks in (["1", "2", "3"], ["I", "II", "III"]):
        (plan,) = extract_bytes(_plan_docx(lang, marks), f"{lang}.docx").plans
        assert [s.split(".")[0] for s in plan.sections] == marks


def _scanned_plan_docx(lang: str) -> bytes:
    """A plan as a scan's grid gives it back: the "№" of the header lost on the first page, the header
    printed again (with its "№") where the second page starts, dots lost from "1.1" and "2.2", sections
    numbered "1.", "2." in rows merged across the table."""
    head = ("", *HEAD[lang][1:])
    rows = [("1.", None), ("11", 0), ("1.2", 1), ("header", None), ("2.", None), ("2.1", 2), ("22", 0), ("2.3", 1)]
    document = docx.Document()
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, head):
        cell.text = text
    titles = iter(title for title, _ in ROWS[lang])
    for number, k in rows:
        cells = table.add_row().cells
        if number == "header":
            for cell, text in zip(cells, HEAD[lang]):
                cell.text = text
        elif k is None:
            cells[0].merge(cells[3]).text = f"{number} {next(titles)}"
        else:
            _, text, deadline, who = ROWS[lang][k][1][0]
            for cell, value in zip(cells, (number, text, deadline, who)):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_scanned_grid_keeps_its_numbers_and_drops_the_repeated_header(lang):
    (plan,) = extract_bytes(_scanned_plan_docx(lang), f"{lang}.docx").plans
    assert plan.columns[0].role == "number"  # its header was lost, its cells are numbers
    assert [m.number for m in plan.measures] == ["1.1", "1.2", "2.1", "2.2", "2.3"]
    assert "number_inferred" in [f.code for f in plan.measures[0].flags]  # read as "11"
    assert all(m.text != HEAD[lang][1] for m in plan.measures)  # the header printed again is no measure


def test_numbers_without_dots_in_a_plan_numbered_so_stay():
    from pipeline.numbering import restore_dots
    from schemas import Measure

    flat = [Measure(measure_id=str(k), number=str(k), text="x") for k in range(9, 13)]  # 9, 10, 11, 12
    restore_dots(flat)
    assert [m.number for m in flat] == ["9", "10", "11", "12"]
    mixed = [Measure(measure_id="a", number="1.9", text="x"), Measure(measure_id="b", number="110", text="x"),
             Measure(measure_id="c", number="1.11", text="x")]
    restore_dots(mixed)
    assert [m.number for m in mixed] == ["1.9", "1.10", "1.11"]


LIST_WITHOUT_ITEM_1 = {
    "kk": "Акцияны өткізу жөніндегі ұсынымдар\n\n5.1. Мектеп деңгейінде мынадай іс-шаралар өткізіледі:\n"
          "ұйымдастыру комитетінің құрамын бекіту;\n2) ата-аналар жиналысын өткізу;\n3) есеп беру.\n",
    "ru": "Рекомендации по проведению акции\n\n5.1. На уровне школы проводятся следующие мероприятия:\n"
          "утверждение состава оргкомитета;\n2) проведение родительского собрания;\n3) представление отчета.\n",
}


def _paragraphs_docx(text: str) -> bytes:
    """One paragraph a line, as OCR gives a page's lines."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_list_item_whose_label_ocr_dropped_is_item_1(lang):
    (plan,) = extract_bytes(_paragraphs_docx(LIST_WITHOUT_ITEM_1[lang]), f"{lang}.docx").plans
    assert [m.number for m in plan.measures] == ["5.1.1", "5.1.2", "5.1.3"]
    assert plan.measures[0].text.startswith(LIST_WITHOUT_ITEM_1[lang].split("\n")[3][:10])
    assert "number_inferred" in [f.code for f in plan.flags]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_an_explanation_under_a_clause_is_no_item(lang):
    text = LIST_WITHOUT_ITEM_1[lang].replace("\n2) ", "\n1) ").replace("\n3) ", "\n2) ")
    (plan,) = extract_bytes(_paragraphs_docx(text), f"{lang}.docx").plans
    assert [m.number for m in plan.measures] == ["5.1.1", "5.1.2"]


@pytest.mark.parametrize("lang, heading, items", [
    ("kk", "ҰСЫНЫМДАР:", ["Жиналыс өткізілсін;", "Есеп берілсін;", "Тізім жасақталсын;"]),
    ("ru", "РЕКОМЕНДАЦИИ:", ["Провести совещание;", "Представить отчет;", "Составить список;"]),
])
def test_an_item_whose_dot_ocr_read_as_a_comma_is_still_an_item(lang, heading, items):
    lines = [heading, f"1. {items[0]}", f"2, {items[1]}", f"3. {items[2]}", "", "Мысалы, 4, 5 және 6 сынып."]
    (plan,) = extract_bytes(_paragraphs_docx("\n".join(lines)), f"{lang}.docx").plans
    assert [(m.number, m.text) for m in plan.measures] == [(str(k), t) for k, t in enumerate(items, 1)]


def test_ocr_glossary_abbreviations_take_the_letters_of_their_expansions():
    from pipeline.glossary import letters_from_expansions

    read = {"К(А)БББ": "Қалалық аудандық білім беру бөлімдері", "ББУ": "білім беру ұйымдары",
            "OO": "отдел образования",  # Latin O's
            "МОН РК": "Министерство образования и науки Республики Казахстан",  # not one word a letter: kept
            "ДСБ": "Денсаулық сақтау басқармасы"}
    assert letters_from_expansions(read) == {
        "Қ(А)БББ": "Қалалық аудандық білім беру бөлімдері", "ББҰ": "білім беру ұйымдары",
        "ОО": "отдел образования", "МОН РК": "Министерство образования и науки Республики Казахстан",
        "ДСБ": "Денсаулық сақтау басқармасы"}


def test_a_typed_glossary_keeps_what_the_author_typed():
    text = ("№\tІс-шара\tМерзімі\tЖауапты\n1\tЖиналыс өткізу\tқыркүйек\tКАБББ\n2\tЕсеп беру\tқазан\tББУ\n\n"
            "Аббревиатуралар:\nКАБББ – Қалалық аудандық білім беру бөлімдері\nББУ – білім беру ұйымдары\n")
    (plan,) = extract_bytes(text.encode(), "kk.txt").plans
    assert set(plan.glossary) == {"КАБББ", "ББУ"}


BARE = {
    "kk": ["ҰСЫНЫМДАР:", "Бағдарламаға мұғалімдер де тартылсын;", "Апатты мектептердің тізімі",
           "жасақталсын;", "01.09.2023 дейін әжетханалар мектеп ішіне көшірілсін;", ". Есеп берілсін.", "",
           "Т. Талаева", "Кеңестің төрағасы"],
    "ru": ["РЕКОМЕНДАЦИИ:", "Привлечь к программе учителей школ;", "Составить список школ в аварийном",
           "состоянии;", "До 01.09.2023 перенести санузлы в здания школ;", ". Представить отчет.", "",
           "Т. Талаева", "Председатель совета"],
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_list_whose_numbers_are_lost_is_read_sentence_by_sentence(lang):
    (plan,) = extract_bytes(_paragraphs_docx("\n".join(BARE[lang])), f"{lang}.docx").plans
    assert [m.number for m in plan.measures] == ["1", "2", "3", "4"]
    assert plan.measures[1].text == f"{BARE[lang][2]} {BARE[lang][3]}"
    assert plan.measures[3].text == BARE[lang][5][2:]
    assert "number_inferred" in [f.code for f in plan.flags]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_prose_under_a_title_is_no_list(lang):
    """A letter titled by its subject ("О плане мероприятий") and written in sentences gives no plan."""
    title = {"kk": "Іс-шаралар жоспары туралы", "ru": "О плане мероприятий"}[lang]
    body = BARE[lang][1:6]
    assert extract_bytes(_paragraphs_docx("\n".join([title, *body])), f"{lang}.docx").plans == []


LOST_LABELS = {
    "kk": ["Ұсынымдар", "", "6,1. Мектеп деңгейінде:", "1) ұйымдастыру комитетін бекіту;",
           "сабаққа келмейтін балаларды анықтау және", "мектепке қайтару;", "күнделікті бақылауды ұйымдастыру;",
           "4) есеп беру, оның ішінде:", "- ата-аналарға;", "- бөлімге."],
    "ru": ["Рекомендации", "", "6,1. На уровне школы:", "1) утвердить состав оргкомитета;",
           "выявлять детей, не посещающих занятия, и", "возвращать их в школу;", "организовать ежедневный контроль;",
           "4) отчитаться, в том числе:", "- перед родителями;", "- перед отделом."],
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_items_whose_labels_ocr_lost_are_read_from_the_sentences_between(lang):
    lines = LOST_LABELS[lang]
    (plan,) = extract_bytes(_paragraphs_docx("\n".join(lines)), f"{lang}.docx").plans
    assert [m.number for m in plan.measures] == ["6.1.1", "6.1.2", "6.1.3", "6.1.4"]
    assert plan.measures[1].text == f"{lines[4]} {lines[5]}" and plan.measures[2].text == lines[6]
    assert "number_inferred" in [f.code for f in plan.flags]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_an_item_of_several_clauses_is_not_split_without_a_gap_in_the_labels(lang):
    lines = [line for k, line in enumerate(LOST_LABELS[lang]) if k != 7] + []
    lines[7:7] = ["2) " + LOST_LABELS[lang][7][3:]]
    (plan,) = extract_bytes(_paragraphs_docx("\n".join(lines)), f"{lang}.docx").plans
    assert [m.number for m in plan.measures] == ["6.1.1", "6.1.2"]
