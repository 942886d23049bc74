"""Phone photos of a numbered plan whose rows lost their numbers (OCR missed one, the photo's edge cut
one off): read from the word boxes, the rows come back as measures of their own when the numbers
around skip by exactly as many rows opening as a measure does; a month heading OCR damaged still
dates the rows under it. Synthetic pages, Kazakh and Russian, written for this test."""
from __future__ import annotations

import pytest
from PIL import Image

from extractors.assemble import PageContent, assemble
from extractors.ocr import tesseract_binary
from extractors.pdf_text import Line
from extractors.scan_words import add_word_tables
from lang.months import heading_month
from tests.ocr.make_fixtures import image_pdf
from tests.ocr.test_scan_words import DPI, photo

pytestmark = pytest.mark.skipif(tesseract_binary() is None, reason="tesseract is not installed")

KK = {
    "header": ["№", "Іс-шара", "Жауапты"],
    "widths": [0.08, 0.52, 0.40],
    "rows": [
        ("1", ["Оқушылар парламентінің", "отырысын өткізу"], ["Директордың орынбасары"]),
        ("2", ["Мектеп бұрыштары сайысы"], ["Баспасөз министрлігі"]),
        ("3", ["Оқушыларды үйірмелерге", "тарту"], ["Білім министрлігі"]),
        ("", ["Күзгі іс-шараларды", "ұйымдастыру"], ["Мәдениет министрлігі"]),  # 4: number lost
    ],
    "more": [
        ("", ["«Балалар қауіпсіздігі»", "акциясына қатысу"], ["Тәлімгер"]),  # 5: cut at the page's edge
        (None, ["Кантар"], None),  # Қаңтар read with К and н
        ("6", ["Күлкілі газет шығару", "байқауы"], ["Баспасөз министрлігі"]),
        ("7", ["Сабаққа дайындықты", "тексеру рейдтері"], ["Әлеуметтік педагог"]),
    ],
}
RU = {
    "header": ["№", "Мероприятие", "Ответственный"],
    "widths": [0.08, 0.52, 0.40],
    "rows": [
        ("1", ["Совещание с классными", "руководителями"], ["Заместитель директора"]),
        ("2", ["Проверка журналов"], ["Завуч"]),
        ("3", ["Родительское собрание", "по итогам четверти"], ["Классные руководители"]),
        ("", ["Смотр кабинетов", "и мастерских"], ["Администрация"]),
    ],
    "more": [
        ("", ["«Чистый двор»", "акция и субботник"], ["Завхоз"]),
        (None, ["Янвaрь"], None),  # a Latin a inside
        ("6", ["Новогодние праздники", "в начальной школе"], ["Педагог-организатор"]),
        ("7", ["Последний звонок"], ["Директор"]),
    ],
}


@pytest.mark.parametrize("spec", [KK, RU], ids=["kk", "ru"])
def test_rows_that_lost_their_numbers_are_measures_again(spec, tmp_path):
    """One photo: rows 4 and 5 printed without numbers are read into row 3 (no number starts them);
    the numbers skip from 3 to 6 and exactly two lines of row 3's measure cell open as a measure."""
    from pipeline.extract import extract_path

    page = photo(spec, spec["rows"] + spec["more"], header=True, rules=True, shift=0.0, seed=11, ruled_cols=2)
    path = tmp_path / "photo.pdf"
    path.write_bytes(image_pdf([Image.fromarray(page)], dpi=DPI))
    (plan,) = extract_path(path).plans
    measures = plan.measures
    assert [m.number for m in measures] == [str(n) for n in range(1, 8)]
    assert all("number_inferred" in [f.code for f in m.flags] for m in measures[3:5])
    # each lost row keeps its own text and responsible, apart from the row above
    firsts = [cols[0][0].split()[0].lstrip("«") for n, *cols in spec["rows"] + spec["more"] if n is not None]
    assert [m.text.lstrip("«")[:4] for m in measures] == [f[:4] for f in firsts]
    assert measures[3].responsible_raw == spec["rows"][3][2][0]
    assert spec["rows"][3][2][0] not in measures[2].responsible_raw
    # the damaged month heading dates the rows under it
    assert [heading_month(m.deadline_raw) and heading_month(m.deadline_raw)[0] for m in measures[5:]] == [1, 1]


def _line(page: int, top: float, words: list[tuple[str, float]]) -> Line:
    """A read line from word boxes (text, left edge); 10 points high, a letter 6 points wide."""
    boxes = [{"text": t, "x0": x, "x1": x + 6 * len(t), "top": top, "bottom": top + 10, "conf": 90.0} for t, x in words]
    return Line(text=" ".join(t for t, _ in words), x0=boxes[0]["x0"], x1=boxes[-1]["x1"], top=top, bottom=top + 10,
                page=page, first_word_width=boxes[0]["x1"] - boxes[0]["x0"], words=boxes)


def _page(number: int, rows: list[tuple[str, list[str], list[str]]], header: list[str] | None) -> PageContent:
    """Word boxes of a photographed page: number at 40, measure at 80, responsible at 400; each text
    line 14 points under the last, a row 24 points under the row above."""
    lines, y = [], 60.0
    if header:
        lines.append(_line(number, y, list(zip(header, (40, 80, 400)))))
        y += 24
    for num, measure, resp in rows:
        for j in range(max(len(measure), len(resp))):
            words = [(num, 40)] if num and j == 0 else []
            words += [(w, 80 + 60 * k) for k, w in enumerate(measure[j].split())] if j < len(measure) else []
            words += [(w, 400 + 80 * k) for k, w in enumerate(resp[j].split())] if j < len(resp) else []
            lines.append(_line(number, y, words))
            y += 14
        y += 10
    return PageContent(number=number, width=595, height=842, lines=lines)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_row_cut_at_the_page_edge_is_not_glued_to_the_last_page(lang):
    """Page 1 ends with row 10, whose cell also holds row 11 (its number lost); page 2 opens with row
    12 (its number cut by the photo's edge: no number) and goes on with "3" (13, its first digit cut).
    Row 10 is split where row 11 opens, and page 2's first row is kept apart from the row above."""
    from pipeline.structure import build_plans

    header = ["№", "Іс-шара", "Жауапты"] if lang == "kk" else ["№", "Мероприятие", "Ответственный"]
    measure = {"kk": [["Оқушыларды үйірмелерге", "тарту", "Күзгі іс-шараларды", "ұйымдастыру"],
                      ["«Балалар қауіпсіздігі»", "акциясына қатысу"], ["Құстарды қорғау", "акциясы"]],
               "ru": [["Запись учащихся", "в кружки", "Осенние праздники", "для начальной школы"],
                      ["«Безопасное детство»", "акция для родителей"], ["Смотр кабинетов", "и мастерских"]]}[lang]
    people = {"kk": ["Білім министрлігі", "Тәлімгер", "Мәдениет министрлігі"],
              "ru": ["Завуч", "Педагог-организатор", "Администрация"]}[lang]
    first = [(str(n), [f"Іс-шара {n}" if lang == "kk" else f"Мероприятие {n}"], [people[2]]) for n in range(8, 10)]
    pages = [_page(1, first + [("10", measure[0], [people[0], "", people[1]])], header),
             _page(2, [("", measure[1], [people[1]]), ("3", measure[2], [people[2]]),
                       ("14", ["Спорт жарыстары" if lang == "kk" else "Спортивные соревнования"], [people[2]])], None)]
    pages[0].lines[0].words[0]["x1"] = 50
    assert add_word_tables(pages, {1}) == [1, 2]
    assert pages[1].tables[0].whole_first_row and not pages[0].tables[0].whole_first_row
    layout = assemble(pages)
    plans, _ = build_plans(layout, "doc")
    (plan,) = plans
    assert [m.number for m in plan.measures] == ["8", "9", "10", "11", "12", "13", "14"]
    assert [m.text.lstrip("«").split()[0] for m in plan.measures[2:5]] == [
        measure[0][0].split()[0], measure[0][2].split()[0], measure[1][0].lstrip("«").split()[0]]
    assert plan.measures[3].responsible_raw == people[1]
