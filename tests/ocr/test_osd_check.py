"""An OSD turn is checked against what OCR makes of the turned page (extractors.scan_page.read_scan):
OSD guesses on pages with little text, and a wrong half turn read as noise is undone. OSD is asked
only when needed: not for a page whose lines run across and which reads surely as it lies. OSD itself is
replaced here by a stand-in (the unit under test is the check around it); OCR is real."""
from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors import scan_image
from extractors.ocr import tesseract_binary
from extractors.scan_page import ScanOptions, read_scan

pytestmark = pytest.mark.skipif(tesseract_binary() is None, reason="tesseract is not installed")

DPI = 200
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LINES = {"kk": ["Соңғы қоңырауды ұйымдастыру және өткізу", "Мектеп парламенті министрлерінің есептері"],
         "ru": ["Организация последнего звонка", "Отчёты министров школьного парламента"]}


def page(lines: list[str]) -> np.ndarray:
    """A page holding two lines of text near its top: little for OSD to go on."""
    image = Image.new("L", (int(8.27 * DPI), int(11.69 * DPI)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 34)
    for k, text in enumerate(lines):
        draw.text((160, 300 + 60 * k), text, font=font, fill=20)
    return np.array(image)


def words(scan) -> str:
    return " ".join(l.text for l in scan.content.lines)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_wrong_half_turn_is_undone(lang, monkeypatch):
    monkeypatch.setattr(scan_image, "osd", lambda *a, **k: (180, 4.0))  # sure enough to act on, wrong
    scan = read_scan(page(LINES[lang]), 1, DPI, 72 / DPI, tesseract_binary(), ScanOptions(tables=False))
    assert scan.geometry.quarter == 0
    assert LINES[lang][0].split()[0] in words(scan)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_right_half_turn_is_kept(lang, monkeypatch):
    monkeypatch.setattr(scan_image, "osd", lambda *a, **k: (180, 4.0))
    upside_down = cv2.rotate(page(LINES[lang]), cv2.ROTATE_180)
    scan = read_scan(upside_down, 1, DPI, 72 / DPI, tesseract_binary(), ScanOptions(tables=False))
    assert scan.geometry.quarter == 2
    assert LINES[lang][0].split()[0] in words(scan)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_lines_across_told_from_a_page_lying_sideways(lang):
    upright = page(LINES[lang])
    assert scan_image.lines_across(upright, DPI)
    assert scan_image.lines_across(cv2.rotate(upright, cv2.ROTATE_180), DPI)
    assert not scan_image.lines_across(cv2.rotate(upright, cv2.ROTATE_90_CLOCKWISE), DPI)
    assert not scan_image.lines_across(cv2.rotate(upright, cv2.ROTATE_90_COUNTERCLOCKWISE), DPI)
    assert not scan_image.lines_across(np.full_like(upright, 255), DPI)  # a blank page: no direction


def osd_stub(degrees: int, calls: list):
    def osd(*args, **kwargs):
        calls.append(degrees)
        return degrees, 4.0
    return osd


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_an_upright_page_that_reads_surely_needs_no_osd(lang, monkeypatch):
    calls: list = []
    monkeypatch.setattr(scan_image, "osd", osd_stub(180, calls))  # would turn it wrongly, were it asked
    scan = read_scan(page(LINES[lang]), 1, DPI, 72 / DPI, tesseract_binary(), ScanOptions(tables=False))
    assert not calls and scan.geometry.quarter == 0
    assert LINES[lang][0].split()[0] in words(scan)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_page_lying_sideways_is_turned_by_osd(lang, monkeypatch):
    calls: list = []
    monkeypatch.setattr(scan_image, "osd", osd_stub(90, calls))
    sideways = cv2.rotate(page(LINES[lang]), cv2.ROTATE_90_COUNTERCLOCKWISE)
    scan = read_scan(sideways, 1, DPI, 72 / DPI, tesseract_binary(), ScanOptions(tables=False))
    assert calls == [90] and scan.geometry.quarter == 1
    assert LINES[lang][0].split()[0] in words(scan)
