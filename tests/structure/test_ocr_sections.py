"""Section headings whose Roman numerals OCR misread (I → 1, II → П, III → Ш) get them back in the plan's
sections and its measures; plans numbering their sections with digits keep them."""
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
