"""Tables rebuilt from OCR word boxes (extractors.scan_words) on synthetic phone photos of plans, in
Kazakh and in Russian: faint, broken rules (or none), a perspective warp, blur and uneven light, a
month heading row, wrapped cells, and a second page continuing the table under no header of its own
and framed differently. None of these pages was used to write the rules."""
from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr import tesseract_binary
from extractors.scan_page import ScanOptions, read_scan
from extractors.scan_words import word_table

pytestmark = pytest.mark.skipif(tesseract_binary() is None, reason="tesseract is not installed")

DPI = 200
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
KK = {
    "header": ["№", "Іс-шара", "Жауапты"],
    "widths": [0.05, 0.55, 0.40],
    "rows": [
        ("1", ["Оқушылар парламентінің", "отырысын өткізу"], ["Директордың орынбасары"]),
        ("2", ["Сайлау өткізу"], ["Сынып жетекшілері"]),
        (None, ["Қазан"], None),
        ("3", ["Мұғалімдер күніне арналған", "мерекелік концерт"], ["Тәлімгер"]),
        ("4", ["«Таза аула» акциясы"], ["Денсаулық сақтау", "министрлігі"]),
        ("5", ["Мектеп бұрыштары сайысы"], ["Баспасөз министрлігі"]),
    ],
    "more": [
        ("6", ["Күзгі іс-шараларды", "ұйымдастыру"], ["Мәдениет министрлігі"]),
        (None, ["Қараша"], None),
        ("7", ["Құқықтық тәрбие айлығы"], ["Әлеуметтік педагог"]),
        ("8", ["Құстарды суықтан сақта", "акциясы"], ["Еңбек министрлігі"]),
    ],
}
RU = {
    "header": ["№", "Мероприятие", "Срок", "Ответственный"],
    "widths": [0.05, 0.47, 0.18, 0.30],
    "rows": [
        ("1", ["Совещание с классными", "руководителями"], ["сентябрь"], ["Заместитель директора"]),
        ("2", ["Проверка журналов"], ["ежемесячно"], ["Завуч"]),
        ("3", ["Родительское собрание", "по итогам четверти"], ["октябрь"], ["Классные", "руководители"]),
        ("4", ["Смотр кабинетов"], ["ноябрь"], ["Администрация"]),
    ],
    "more": [
        ("5", ["Новогодние праздники"], ["декабрь"], ["Педагог-организатор"]),
        ("6", ["Акция «Чистый двор»", "и субботник"], ["апрель"], ["Завхоз"]),
        ("7", ["Последний звонок"], ["май"], ["Директор"]),
    ],
}


def photo(spec: dict, rows: list, *, header: bool, rules: bool, shift: float, seed: int,
          ruled_cols: int = 0) -> np.ndarray:
    """An A4 page at DPI with the table drawn, photographed: faint broken rules, warp, blur, light.
    With `ruled_cols`, the rules of the first columns are drawn whole and dark, the others not at all
    (a grid that closes over part of the table only)."""
    w, h = int(8.27 * DPI), int(11.69 * DPI)
    image = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 30)
    left, right = int(w * (0.08 + shift)), int(w * (0.92 + shift / 2))
    xs = [left]
    for share in spec["widths"]:
        xs.append(xs[-1] + int(share * (right - left)))
    pitch, y = 40, int(h * 0.12)
    lines_y = [y]
    if header:
        for k, text in enumerate(spec["header"]):
            draw.text((xs[k] + 10, y + 10), text, font=font, fill=20)
        y += pitch + 24
        lines_y.append(y)
    for row in rows:
        number, cols = row[0], row[1:]
        if number is None:  # a heading row across the table, centred
            text = cols[0][0]
            tw = draw.textlength(text, font=font)
            draw.text(((xs[0] + xs[-1] - tw) / 2, y + 12), text, font=font, fill=20)
            y += pitch + 24
            lines_y.append(y)
            continue
        if number:  # "": a row whose number is not printed (lost, cut off)
            draw.text((xs[0] + 10, y + 12), number + ".", font=font, fill=20)
        height = max(len(c) for c in cols)
        for k, cell in enumerate(cols, start=1):
            for j, text in enumerate(cell):
                draw.text((xs[k] + 10, y + 12 + j * pitch), text, font=font, fill=20)
        y += height * pitch + 24
        lines_y.append(y)
    gray = np.array(image)
    rng = np.random.default_rng(seed)
    if rules:  # faint, broken: a photo of a worn print
        for yy in lines_y:
            for x0 in range(xs[0], xs[-1], 90):
                if rng.random() > 0.35:
                    cv2.line(gray, (x0, yy), (min(x0 + 70, xs[-1]), yy), 205, 1)
        for xx in xs:
            for y0 in range(lines_y[0], lines_y[-1], 80):
                if rng.random() > 0.35:
                    cv2.line(gray, (xx, y0), (xx, min(y0 + 55, lines_y[-1])), 205, 1)
    if ruled_cols:
        right_x = xs[ruled_cols]
        for yy in lines_y:
            cv2.line(gray, (xs[0], yy), (right_x, yy), 40, 2)
        for xx in xs[:ruled_cols + 1]:
            cv2.line(gray, (xx, lines_y[0]), (xx, lines_y[-1]), 40, 2)
    # perspective: the phone held a little off square
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[w * 0.01, h * 0.005], [w * 0.985, 0], [w * 0.995, h * 0.995], [w * 0.02, h]])
    gray = cv2.warpPerspective(gray, cv2.getPerspectiveTransform(src, dst), (w, h), borderValue=255)
    gray = cv2.GaussianBlur(gray, (0, 0), 0.9)
    light = np.linspace(1.0, 0.92, w, dtype=np.float32)[None, :] * np.linspace(1.0, 0.95, h, dtype=np.float32)[:, None]
    return np.clip(gray.astype(np.float32) * light, 0, 255).astype(np.uint8)


def lines_of(gray: np.ndarray, number: int):
    scan = read_scan(gray, number, DPI, 72 / DPI, tesseract_binary(), ScanOptions(tables=False))
    return scan.content.lines


@pytest.mark.parametrize("spec", [KK, RU], ids=["kk", "ru"])
def test_a_grid_over_some_columns_only_gives_way_to_the_word_rebuild(spec):
    """Rules closing over the first two columns only, the last column's text right beside them:
    the half grid is dropped, the page is read whole (row numbers read in the cells kept) and the
    table comes back with all its columns from the word boxes."""
    page = photo(spec, spec["rows"], header=True, rules=False, shift=0.0, seed=5, ruled_cols=2)
    scan = read_scan(page, 1, DPI, 72 / DPI, tesseract_binary(), ScanOptions())
    assert scan.grids == 0 and scan.ruling_unread and not scan.content.tables
    found = word_table(scan.content.lines, 1)
    assert found is not None
    table = found.table.table
    assert table.n_cols == len(spec["header"])
    numbers = [(row[0] or "").strip(".") for row in table.matrix()[1:] if row[1] is not None]
    assert numbers == [n for n, *_ in spec["rows"] if n]
    last = [(row[-1] or "").replace("\n", " ") for row in table.matrix()[1:] if row[1] is not None]
    assert last == [" ".join(r[-1]) for r in spec["rows"] if r[0]]


def test_a_whole_grid_is_kept():
    """The same page ruled over every column keeps its grid (the rule above does not fire)."""
    page = photo(RU, RU["rows"], header=True, rules=False, shift=0.0, seed=6, ruled_cols=len(RU["header"]))
    scan = read_scan(page, 1, DPI, 72 / DPI, tesseract_binary(), ScanOptions())
    assert scan.grids == 1 and not scan.ruling_unread
    assert scan.content.tables[0].table.n_cols == len(RU["header"])


def body(table) -> list[list[str]]:
    return [[(c or "").replace("\n", " ") for c in row] for row in table.table.matrix()[1:]]


@pytest.mark.parametrize("spec", [KK, RU], ids=["kk", "ru"])
@pytest.mark.parametrize("rules", [True, False], ids=["faint_rules", "no_rules"])
def test_a_photographed_table_is_rebuilt_from_word_boxes(spec, rules):
    found = word_table(lines_of(photo(spec, spec["rows"], header=True, rules=rules, shift=0.0, seed=1), 1), 1)
    assert found is not None
    table = found.table.table
    # Tesseract's page layout may drop a narrow column of lone row numbers (and its "№"): then the
    # number column is not seen, and rows start at the space ruled rows leave between them
    shift = len(spec["header"]) - table.n_cols
    assert shift in (0, 1)
    spans = {c.row for c in table.cells if c.col_span == table.n_cols and table.n_cols > 1}
    rows = [[(c or "").replace("\n", " ") for c in row] for r, row in enumerate(table.matrix()) if r and r not in spans]
    headings = [(table.matrix()[r][0] or "").strip() for r in sorted(spans)]
    want_rows = [r for r in spec["rows"] if r[0]]
    assert len(rows) == len(want_rows), rows
    for row, want in zip(rows, want_rows):
        texts = [" ".join(cell) for cell in want[1:]]
        if not shift:
            assert row[0].strip(".") == want[0]
        # wrapped lines stay in their cell, in reading order; each column's words in their own column
        assert row[1 - shift] == texts[0], row
        assert row[-1] == texts[-1], row
    assert headings == [cols[0][0] for n, *cols in spec["rows"] if n is None]
    cell = next(c for c in table.cells if c.row == 1 and c.col == 1 - shift)
    assert cell.bbox is not None and cell.confidence is not None and cell.page == 1


@pytest.mark.parametrize("spec", [KK, RU], ids=["kk", "ru"])
def test_the_next_page_continues_the_table_with_its_own_framing(spec):
    first = word_table(lines_of(photo(spec, spec["rows"], header=True, rules=True, shift=0.0, seed=2), 1), 1)
    assert first is not None and first.open_at_bottom
    # the next photo: no header, the table framed further right
    cont = word_table(lines_of(photo(spec, spec["more"], header=False, rules=True, shift=0.04, seed=3), 2), 2, first.columns)
    assert cont is not None
    assert cont.table.col_edges == first.table.col_edges  # the assembler stitches them
    table = cont.table.table
    assert table.n_cols == first.table.table.n_cols
    rows = [[(c or "").replace("\n", " ") for c in row] for row in table.matrix() if row[1] is not None]
    want_rows = [r for r in spec["more"] if r[0]]
    assert len(rows) == len(want_rows), rows
    for row, want in zip(rows, want_rows):
        assert row[-1] == " ".join(want[-1]), row


def test_no_plan_header_and_nothing_carried_makes_no_table():
    page = photo(KK, KK["rows"], header=False, rules=False, shift=0.0, seed=4)
    assert word_table(lines_of(page, 1), 1) is None
