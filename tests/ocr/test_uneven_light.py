"""A phone photo (lit from one side, toned paper, sensor noise) of a page with a ruled table: the grid
is read cell by cell and then painted out for the read of the rest of the page (extractors.scan_page).
Painted white, the box on grey paper made Tesseract's binarisation turn the paper black and read no
word of the page (a seed photographed lost its abbreviations, signatures and title so); painted with
the paper's own tone (extractors.scan_image.paper_of), the page is read. Synthetic pages, kk and ru."""
from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr import tesseract_binary
from extractors.scan_image import paper_of
from extractors.scan_page import ScanOptions, read_scan
from tests.ocr.seed_scans import photographed

pytestmark = pytest.mark.skipif(tesseract_binary() is None, reason="tesseract is not installed")

DPI = 200
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
TEXTS = {
    "kk": ["Аббревиатуралар:", "ББҰ – білім беру ұйымдары", "ДСБ – денсаулық сақтау басқармасы",
           "Қалалық білім бөлімі", "Мектеп директорының орынбасары"],
    "ru": ["Сокращения:", "ОО – организации образования", "УЗ – управление здравоохранения",
           "Городской отдел образования", "Заместитель директора школы"],
}
CELLS = {"kk": [["№", "Іс-шара", "Жауапты"], ["1", "Семинар өткізу", "Әдіскер"], ["2", "Сайыс", "Тәлімгер"]],
         "ru": [["№", "Мероприятие", "Ответственный"], ["1", "Семинар", "Методист"], ["2", "Конкурс", "Вожатый"]]}


def page(lang: str) -> np.ndarray:
    """Lines of text above a ruled 3 x 3 table, photographed."""
    w, h = int(8.27 * DPI), int(11.69 * DPI)
    image = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 32)
    for k, text in enumerate(TEXTS[lang] * 2):
        draw.text((int(0.1 * w), int(0.06 * h) + k * 80), text, font=font, fill=20)
    xs, ys = [int(0.1 * w), int(0.2 * w), int(0.6 * w), int(0.9 * w)], [int(0.6 * h) + k * 110 for k in range(4)]
    for r, row in enumerate(CELLS[lang]):
        for c, text in enumerate(row):
            draw.text((xs[c] + 12, ys[r] + 30), text, font=font, fill=20)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=3)
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    return np.array(photographed(image, seed=3))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_text_beside_a_grid_on_a_photographed_page_is_read(lang):
    scan = read_scan(page(lang), 1, DPI, 72 / DPI, tesseract_binary(), ScanOptions(orient=False))
    assert scan.grids == 1
    read = [line.text for line in scan.content.lines]
    # painted white, no line was read; the light falling off to the right still costs some lines
    assert len(read) >= 3
    assert sum(any(text.split()[0] in got for got in read) for text in TEXTS[lang]) >= 2


def test_paper_of_a_page_is_its_tone_without_the_letters():
    gray = page("kk")
    paper = paper_of(gray, DPI)
    ink = gray < 100
    assert np.median(paper[ink]) > 150  # the letters closed over
    assert abs(float(np.median(paper)) - float(np.median(gray))) < 25  # the paper's own grey, not white
    white = np.full((200, 200), 255, np.uint8)
    assert (paper_of(white, DPI) == 255).all()
    assert cv2.countNonZero(paper_of(gray, DPI) < 100) == 0
