"""Builds the scanned-letter fixtures in tests/ocr/fixtures/ (run: `.venv/bin/python -m tests.ocr.make_fixtures`).

Real text is typeset by LibreOffice (DOCX written with python-docx -> PDF), then each page is
rasterised with pypdfium2 and "scanned": turned by a fraction of a degree, specks added, saved as
an image-only PDF (JPEG inside, as scanners write them) or as a 1-bit PNG (as a fax or a
black-and-white scan). Nothing of the text layer survives, so only OCR can read them. Sources:
the Russian protocol of tests/structure/fixtures/ru_list_protocol.txt, the head of the Kazakh cover
letter of data/samples/000_…txt, the letter part of tests/structure/fixtures/kk_letter_with_plan.txt,
and page 1 of the ruled plan table tests/readers/fixtures/ru_plan_3pages.pdf.
`ensure_fixtures()` builds only the files that are missing.
"""
from __future__ import annotations

import io
import random
import tempfile
from pathlib import Path

import docx
import pypdfium2 as pdfium
from docx.shared import Mm, Pt
from PIL import Image

from tests.readers.make_fixtures import soffice_to_pdf

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
SCAN_DPI = 200  # a common office scanner setting; OCR renders at 300 dpi anyway


def ru_protocol_lines() -> list[str]:
    return (ROOT / "tests/structure/fixtures/ru_list_protocol.txt").read_text(encoding="utf-8").splitlines()


def kk_letter_lines() -> list[str]:
    """Letterhead, number and date, body and signature of a Kazakh cover letter (36 lines)."""
    return (ROOT / "data/samples/000_8c8bd9275c0215dc.txt").read_text(encoding="utf-8").splitlines()[:36]


def kk_short_letter_lines() -> list[str]:
    lines = (ROOT / "tests/structure/fixtures/kk_letter_with_plan.txt").read_text(encoding="utf-8").splitlines()
    return lines[: next(i for i, line in enumerate(lines) if line.startswith("Басшы")) + 1]


def text_docx(lines: list[str]) -> bytes:
    """One A4 page: a paragraph per line (blank lines kept), Times New Roman 12 pt, no extra spacing."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(12)
    style.paragraph_format.space_after = Pt(0)
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def typeset(named_lines: dict[str, list[str]]) -> dict[str, bytes]:
    """{stem: lines} -> {stem: PDF bytes with a text layer}, one LibreOffice run."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for stem, lines in named_lines.items():
            paths.append(Path(tmp) / f"{stem}.docx")
            paths[-1].write_bytes(text_docx(lines))
        soffice_to_pdf(paths, Path(tmp))
        return {stem: (Path(tmp) / f"{stem}.pdf").read_bytes() for stem in named_lines}


def scanned_pages(pdf_bytes: bytes, seed: int, dpi: int = SCAN_DPI) -> list[Image.Image]:
    """Each page as a grayscale scan: slightly turned, with specks (seeded: same bytes every run)."""
    rng = random.Random(seed)
    pdf = pdfium.PdfDocument(pdf_bytes)
    pages = []
    for page in pdf:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        image = image.rotate(rng.uniform(-0.6, 0.6), resample=Image.BICUBIC, fillcolor=255)
        pixels = image.load()
        for _ in range(image.width * image.height // 4000):
            pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.randrange(0, 120)
        pages.append(image)
    pdf.close()
    return pages


def image_pdf(images: list[Image.Image], dpi: int = SCAN_DPI) -> bytes:
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:], quality=80)
    return out.getvalue()


def one_bit_png(image: Image.Image, dpi: int = SCAN_DPI) -> bytes:
    out = io.BytesIO()
    image.point(lambda v: 255 if v > 160 else 0).convert("1").save(out, "PNG", dpi=(dpi, dpi), optimize=True)
    return out.getvalue()


def mixed_pdf(text_pdf: bytes, scan_pdf: bytes) -> bytes:
    """Page 1 with a text layer, page 2 a scan (a typed letter with a scanned signed appendix)."""
    merged = pdfium.PdfDocument.new()
    for part in (text_pdf, scan_pdf):
        merged.import_pages(pdfium.PdfDocument(part))
    out = io.BytesIO()
    merged.save(out)
    return out.getvalue()


FILES = ["ru_protocol_scan.pdf", "kk_letter_scan.pdf", "kk_letter_scan.png", "mixed_text_and_scan.pdf", "ru_table_scan.pdf"]


def build(out: Path) -> None:
    typed = typeset({"ru": ru_protocol_lines(), "kk": kk_letter_lines(), "kk_short": kk_short_letter_lines()})
    ru_scan = image_pdf(scanned_pages(typed["ru"], seed=1))
    kk_scan = image_pdf(scanned_pages(typed["kk"], seed=2))
    (out / "ru_protocol_scan.pdf").write_bytes(ru_scan)
    (out / "kk_letter_scan.pdf").write_bytes(kk_scan)
    (out / "kk_letter_scan.png").write_bytes(one_bit_png(scanned_pages(typed["kk_short"], seed=3)[0]))
    (out / "mixed_text_and_scan.pdf").write_bytes(mixed_pdf(typed["ru"], kk_scan))
    ruled = (ROOT / "tests/readers/fixtures/ru_plan_3pages.pdf").read_bytes()  # a ruled plan table
    (out / "ru_table_scan.pdf").write_bytes(image_pdf(scanned_pages(ruled, seed=4)[:1]))


def ensure_fixtures(out: Path = FIXTURES, force: bool = False) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    if force or not all((out / name).exists() for name in FILES):
        build(out)
    return out


if __name__ == "__main__":
    ensure_fixtures(force=True)
    for path in sorted(FIXTURES.iterdir()):
        print(f"{path.name}\t{path.stat().st_size}")
