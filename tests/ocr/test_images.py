"""Image attachments (PNG, JPEG, TIFF) are sniffed from their bytes and read by OCR."""
from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from PIL import Image

from extractors.image_reader import page_dpi, read_image
from extractors.ocr import ocr_page_image
from extractors.read import read_bytes, sniff
from pipeline.extract import extract_bytes
from tests.ocr.conftest import codes

A4_POINTS = (595.3, 841.9)


def _encode(image: Image.Image, fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **kw)
    return out.getvalue()


@pytest.fixture(scope="module")
def png(scans) -> bytes:
    return (scans / "kk_letter_scan.png").read_bytes()


def test_png_attachment_without_extension_gives_the_letter(png):
    doc = extract_bytes(png, "вложение-1")
    assert doc.source.media_type == "image/png"
    assert [(letter.number, letter.date) for letter in doc.letters] == [("02-15/1187", dt.date(2024, 10, 3))]
    assert codes(doc) == ["ocr_used", "no_plan"]


def test_ocr_page_image_gives_paragraphs_in_points(png):
    paragraphs = ocr_page_image(png)
    texts = [p.text for p in paragraphs if p.text]
    assert texts[:3] == ["ҚАРАҒАНДЫ ОБЛЫСЫНЫҢ БІЛІМ БАСҚАРМАСЫ", "Шығ. № 02-15/1187", "от 03.10.2024"]
    assert "Басшы Қ. Бекмұхамбетов" in texts  # two words far apart on one line stay one line
    boxes = [p.bbox for p in paragraphs if p.text]
    assert all(p.page == 1 for p in paragraphs)
    # the PNG declares 200 dpi: boxes are on an A4 page in points, the 2.5 cm margin at ~71 pt
    assert all(0 < b.x0 < b.x1 <= A4_POINTS[0] and 0 < b.top < b.bottom <= A4_POINTS[1] for b in boxes)
    assert 60 < min(b.x0 for b in boxes) < 100


def test_jpeg_photo_with_a_wrong_dpi_is_read(png):
    """A phone or scanner JPEG declaring 72 dpi for a page 1700 pixels wide: read as an A4 page."""
    jpeg = _encode(Image.open(io.BytesIO(png)).convert("L"), "JPEG", quality=85, dpi=(72, 72))
    assert sniff(jpeg, "scan.pdf") == "image"
    layout = read_bytes(jpeg, "scan.pdf")
    assert layout.media_type == "image/jpeg" and codes(layout) == ["ocr_used"]
    assert "Шығ. № 02-15/1187" in [b.text for b in layout.blocks]
    assert max(b.bbox.x1 for b in layout.blocks if b.bbox) < A4_POINTS[0]


def test_multipage_tiff_capped(png):
    page = Image.open(io.BytesIO(png)).convert("L")
    tiff = _encode(page, "TIFF", save_all=True, append_images=[page], compression="tiff_lzw", dpi=(200, 200))
    assert tiff[:4] in (b"II*\x00", b"MM\x00*") and sniff(tiff) == "image"
    layout = read_image(tiff, max_pages=1)
    assert layout.n_pages == 2 and layout.media_type == "image/tiff"
    assert codes(layout) == ["ocr_used", "ocr_skipped"]
    assert [f.where for f in layout.flags] == ["pages 1", "pages 2"]


def test_image_kind_is_sniffed_from_magic_bytes_then_name():
    assert sniff(b"\x89PNG\r\n\x1a\n....", "letter.txt") == "image"
    assert sniff(b"\xff\xd8\xff\xe0....", "") == "image"
    assert sniff(b"MM\x00*....", "x.doc") == "image"
    assert sniff(b"not an image at all", "scan.JPG") == "image"  # the image reader says why it fails
    assert sniff("Сканер".encode(), "scan") == "text"


def test_garbage_behind_an_image_name_or_magic_is_corrupt():
    garbage = bytes(random.Random(1).randrange(256) for _ in range(5000))
    assert codes(read_bytes(garbage, "scan.jpg")) == ["corrupt"]
    doc = extract_bytes(b"\x89PNG\r\n\x1a\n" + garbage, "x.png")
    assert codes(doc) == ["corrupt"]  # unreadable, so no "no_plan" on top


def test_truncated_png_does_not_raise(png):
    layout = read_image(png[: len(png) // 3])
    assert "corrupt" in codes(layout) and layout.blocks == []


def test_image_of_specks_gives_no_text():
    rng = random.Random(7)
    image = Image.new("L", (1200, 900), 255)
    for _ in range(400):
        x, y = rng.randrange(1190), rng.randrange(890)
        image.paste(0, (x, y, x + rng.randrange(2, 9), y + rng.randrange(2, 12)))
    layout = read_image(_encode(image, "PNG"))
    assert codes(layout) == ["no_text"] and layout.blocks == []


def test_page_dpi_trusts_only_paper_sized_declarations():
    assert page_dpi(1654, 200) == 200
    assert page_dpi(2480, 72) == 300  # 34 inches wide at 72 dpi: not a page; A4 width instead
    assert page_dpi(2480, None) == 300
    assert page_dpi(40, None) == 72


def test_transparent_background_is_flattened_onto_white():
    from extractors.image_reader import to_gray

    image = Image.new("RGBA", (4, 1), (0, 0, 0, 0))  # transparent black: a background
    image.putpixel((1, 0), (0, 0, 0, 255))  # one opaque black pixel: ink
    gray = to_gray(image)
    assert [gray.getpixel((x, 0)) for x in range(4)] == [255, 0, 255, 255]
