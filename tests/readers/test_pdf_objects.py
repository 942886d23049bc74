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


# ---------------------------------------------------------------------- the content stream reader
def _pdfminer_objects(data: bytes) -> list:
    from pdfminer.pdfinterp import PDFContentParser
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import PSEOF

    parser, out = PDFContentParser([PDFStream({}, data)]), []
    while True:
        try:
            out.append(parser.nextobject()[1])
        except PSEOF:
            return out


CONTENT = [
    b"q 1 0 0 1 72.5 -.5 cm 0.2 g BT /F1 12 Tf 100 700 Td (Hello) Tj ET Q",
    b"BT [(A) -20.5 (B\\(c\\)) 3 <0041004> ] TJ [(x\\101\\0617\\\\y\\n\\q) (a(b)c)] TJ ET",
    b"BT (line\\\r\nnext) Tj (tab\\tend\\\nz) ' 1 2 (q) \" ET",
    b"/P <</MCID 3 /Lang (kk)>> BDC 1 0 0 RG 5.75 w 0 0 m 10 10 l S EMC",
    b"+3 -4. 5. -.25 . - 1-2 true false null /A/B/C [1 [2 3] /x] % a comment (not a string)\n re",
    b"<48 65 6c 6c 6f>Tj <<>> <</A [1 2] /B <</C 1>> >> BDC %end",
    b"0 0 1 rg\x00 10 10 m\r\n20 20 l h f* W n /Im1 Do",
]


@pytest.mark.parametrize("data", CONTENT)
def test_content_objects_as_pdfminer_reads_them(data):
    from extractors.pdf_content import objects

    assert objects(data) == _pdfminer_objects(data)


@pytest.mark.parametrize("data", [b"BI /W 1 /H 1 ID \x00 EI", b"{ 1 2 } x", b"/A#20B n", b"(unterminated", b"<414",
                                  b"<</A>> n", b"(\\777) Tj"])
def test_content_left_to_pdfminer(data):
    from extractors.pdf_content import _Unread, objects

    with pytest.raises(_Unread):
        objects(data)
