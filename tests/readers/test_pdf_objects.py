"""LeanPage gives every page object exactly as pdfplumber's Page does, only faster."""
from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from extractors.pdf_objects import LeanPage

ROOT = Path(__file__).resolve().parents[2]
PDFS = sorted([*(ROOT / "data" / "samples").glob("*.pdf"), *(ROOT / "tests" / "readers_unruled" / "fixtures").glob("*.pdf")])


def _same_objects(data: bytes, **options) -> int:
    """Asserts each page's objects (chars, lines, rects, curves, images) equal pdfplumber's; returns the chars."""
    n_chars = 0
    with pdfplumber.open(io.BytesIO(data), **options) as pdf:
        for page in pdf.pages:
            lean = LeanPage.of(page)
            assert lean.objects == page.objects, f"page {page.page_number}"
            assert lean.chars == page.chars and lean.edges == page.edges
            n_chars += len(lean.chars)
    return n_chars


@pytest.mark.parametrize("name", ["ru_plan_3pages.pdf", "rotated.pdf", "sideways.pdf", "landscape.pdf"])
def test_reader_fixtures(fixtures, name):
    assert _same_objects((fixtures / name).read_bytes()) > 100


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_samples_and_unruled_fixtures(path):
    assert _same_objects(path.read_bytes()) > 100


def test_media_box_not_at_origin(fixtures):
    """pdfplumber shifts x by the MediaBox's left and measures top from its top: the same here."""
    data = (fixtures / "ru_plan_3pages.pdf").read_bytes()
    moved = data.replace(b"/MediaBox[0 0 595.30", b"/MediaBox[9 7 595.30")  # same length: offsets stay valid
    assert moved != data
    assert _same_objects(moved) > 100


def test_unicode_normalisation(fixtures):
    assert _same_objects((fixtures / "ru_plan_3pages.pdf").read_bytes(), unicode_norm="NFD") > 100


def test_tables_and_crops_unchanged(fixtures):
    with pdfplumber.open(fixtures / "ru_plan_3pages.pdf") as pdf:
        for page in pdf.pages:
            lean = LeanPage.of(page)
            assert lean.extract_tables() == page.extract_tables()
            box = (0, 0, page.width / 2, page.height / 2)
            assert lean.crop(box).chars == page.crop(box).chars
