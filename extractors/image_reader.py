"""Image files (PNG, JPEG, TIFF: a letter scanned or photographed and sent as pictures) ->
LayoutDocument by OCR (extractors.ocr).

Each frame is a page (a multi-page TIFF has several), read as a scanned PDF page is
(extractors.scan_reader: turned upright, deskewed, ruled tables rebuilt into cells, frames in
parallel). The OCR'd lines go through the PDF reader's assembly, so paragraphs, running headers and
line-end hyphens behave as on a scanned PDF. Bounding boxes are in points at the image's resolution
(its declared dpi when that fits a paper page).
Never raises: a file that cannot be decoded is `corrupt`; one where OCR could not run on any
page is `unreadable` (with `ocr_unavailable` / `ocr_failed` saying why).
"""
from __future__ import annotations

import io
from typing import Optional

from PIL import Image

import numpy as np

from extractors.ocr import DEFAULT_LANGS, MAX_OCR_PAGES, MAX_OCR_PIXELS, PAGE_TIMEOUT_S, OcrUnavailable, image_dpi, usable_langs
from extractors.assemble import assemble
from extractors.pdf_reader import add_unruled_tables
from extractors.scan_page import ScanOptions
from extractors.scan_reader import ScanReport, finish, scan_all
from extractors.scan_words import add_word_tables
from extractors.read import image_media_type
from extractors.safety import check_common, failed, flag
from schemas.layout import LayoutDocument
from schemas.records import Flag

MAX_IMAGE_PIXELS = 150_000_000  # A3 at 600 dpi is ~70 M; past this decoding alone costs too much memory
A4_WIDTH_INCHES = 8.27
PAGE_INCHES = (3.0, 17.0)  # plausible page widths (a receipt to A3 landscape) when trusting a declared dpi


def page_dpi(width_px: int, declared: Optional[int]) -> int:
    """The dpi to read an image at: its declared one when that gives a paper-sized page, else the
    width of an A4 page (phone photos declare 72 dpi for 3000 pixels)."""
    if declared and PAGE_INCHES[0] <= width_px / declared <= PAGE_INCHES[1]:
        return declared
    return max(72, min(1200, round(width_px / A4_WIDTH_INCHES)))


def to_gray(frame: Image.Image) -> Image.Image:
    """8-bit grayscale on white: transparency is flattened onto white (converted directly, a
    transparent background would turn black and hide the text)."""
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    return frame.convert("L")


def prepare(frame: Image.Image) -> tuple[Image.Image, int]:
    """(grayscale image within the OCR pixel cap, its dpi)."""
    declared = image_dpi(frame.info) if "dpi" in frame.info else None
    dpi = page_dpi(frame.width, declared)
    shrink = min(1.0, (MAX_OCR_PIXELS / max(frame.width * frame.height, 1)) ** 0.5)
    if shrink < 1.0:
        frame.draft("L", (int(frame.width * shrink), int(frame.height * shrink)))  # JPEG: decode smaller
    gray = to_gray(frame)
    if gray.width * gray.height > MAX_OCR_PIXELS:
        shrink = (MAX_OCR_PIXELS / (gray.width * gray.height)) ** 0.5
        dpi = max(1, round(dpi * gray.width * shrink / frame.width))
        gray = gray.resize((int(gray.width * shrink), int(gray.height * shrink)), Image.LANCZOS)
    elif gray.width != frame.width:  # draft() decoded at a reduced size
        dpi = max(1, round(dpi * gray.width / frame.width))
    return gray, dpi


def read_image(data: bytes, *, langs: str = DEFAULT_LANGS, max_pages: int = MAX_OCR_PAGES,
               timeout: float = PAGE_TIMEOUT_S) -> LayoutDocument:
    media_type = image_media_type(data) or "application/octet-stream"
    problem = check_common(data)
    if problem:
        return LayoutDocument(media_type=media_type, flags=[problem])
    try:
        image = Image.open(io.BytesIO(data))
        n_pages = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as exc:
        return failed(media_type, "too_large", f"the image is too large to decode: {exc}")
    except Exception as exc:  # Pillow raises many types on hostile bytes
        return failed(media_type, "corrupt", f"the image could not be opened: {type(exc).__name__}: {exc}")
    if image.width * image.height > MAX_IMAGE_PIXELS:
        return failed(media_type, "too_large", f"{image.width}x{image.height} pixels exceeds {MAX_IMAGE_PIXELS}")
    report = ScanReport(skipped=list(range(max_pages + 1, n_pages + 1)))
    try:
        usable_langs(langs)
    except OcrUnavailable as exc:
        report.unavailable = str(exc)
        return LayoutDocument(media_type=media_type, n_pages=n_pages, flags=[
            *report.flags(max_pages), flag("unreadable", "an image file and no OCR: nothing of it could be read")])
    damaged: list[int] = []
    n_read = min(n_pages, max_pages)
    with image:
        loaders = [(number, frame_loader(image, number, damaged)) for number in range(1, n_read + 1)]
        scans = scan_all(loaders, report, ScanOptions(langs=langs, timeout=timeout))
    pages = [scans[number].content for number in sorted(scans)]
    report.from_words = add_word_tables(pages, {n for n, scan in scans.items() if scan.ruling_unread})  # rules seen, no grid
    add_unruled_tables(pages)  # a photo of a plan without ruling: tables from the words
    layout = assemble(pages, LayoutDocument(media_type=media_type, n_pages=n_pages))
    finish(layout, scans)
    layout.flags = report.flags(max_pages) + whole_file_flags(report, n_read, damaged)
    return layout


def frame_loader(image: Image.Image, number: int, damaged: list[int]):
    """Loads frame `number` (from 1) as (grayscale array, dpi, points per pixel); a frame that
    cannot be decoded is noted in `damaged` and raises (scan_all records the failure)."""
    def load():
        try:
            image.seek(number - 1)
            gray, dpi = prepare(image)
        except Exception:
            damaged.append(number)
            raise
        return np.asarray(gray), dpi, 72.0 / dpi
    return load


def whole_file_flags(report: ScanReport, n_read: int, damaged: list[int]) -> list[Flag]:
    """When no page gave text: `corrupt` if no page could be decoded, `unreadable` if OCR failed
    on every page, `no_text` if it ran and found nothing (a photo, a blank page)."""
    if report.used:
        return []
    if n_read and len(damaged) >= n_read:
        return [flag("corrupt", "the image data is damaged: no page could be decoded")]
    if len(report.failed) >= n_read:
        return [flag("unreadable", "OCR failed on every page of the image: nothing of it could be read")]
    return [flag("no_text", "OCR found no text in the image")]
