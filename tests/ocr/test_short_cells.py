"""Lone short cells (row numbers) read again as a single word, the surer reading kept
(extractors.scan_page.reread_short / better_reading)."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr import Word, tesseract_binary
from extractors.scan_page import ScanOptions, better_reading, read_scan


def word(text: str, conf: float) -> Word:
    return Word(text=text, conf=conf, x0=0, top=0, x1=10, bottom=10, line_key=(1, 1, 1))


@pytest.mark.parametrize("old, new, take", [
    ([word("І", 89.9)], [word("1", 96.8)], True),  # a Kazakh letter for a one
    ([word("ГІ.", 82.2)], [word("11.", 79.4)], True),  # a number a little less sure still beats letters
    ([word("6", 28.1)], [word("6", 52.8)], True),  # the same number, surer
    ([], [word("7.", 60.0)], True),  # nothing read on the line
    ([word("6", 97.0)], [word("О", 85.0)], False),  # a sure number stays
    ([word("6", 60.0)], [word("О", 63.0)], False),  # a letter must beat a number by the margin
    ([word("Да", 80.0)], [word("Да", 70.0)], False),  # a short word read less surely stays
    ([word("а)", 70.0)], [word("а)", 90.0)], True),
    ([word("1", 90.0)], [], False),
])
def test_the_surer_reading_of_a_short_cell(old, new, take):
    assert better_reading(old, new) is take


@pytest.mark.skipif(tesseract_binary() is None, reason="tesseract is not installed")
@pytest.mark.parametrize("texts", [["Іс-шара", "Ұйымдастыру", "Өткізу", "Талдау"], ["Мероприятие", "Совещание", "Проверка", "Смотр"]],
                         ids=["kk", "ru"])
def test_every_row_number_of_a_scanned_table_is_read(texts):
    dpi = 300
    image = Image.new("L", (1800, 1400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf", 42)
    xs, ys = [150, 300, 1100, 1600], [150 + 160 * k for k in range(len(texts) + 1)]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=3)
    for k, text in enumerate(texts):
        draw.text((xs[0] + 30, ys[k] + 50), "№" if k == 0 else f"{k}.", font=font, fill=0)
        draw.text((xs[1] + 30, ys[k] + 50), text, font=font, fill=0)
        draw.text((xs[2] + 30, ys[k] + 50), "2025" if k else "Мерзімі", font=font, fill=0)
    scan = read_scan(np.array(image), 1, dpi, 72 / dpi, tesseract_binary(), ScanOptions(orient=False))
    assert scan.grids == 1
    numbers = [c.text.strip() for c in scan.content.tables[0].table.cells if c.col == 0 and c.row > 0]
    assert numbers == [f"{k}." for k in range(1, len(texts))]
