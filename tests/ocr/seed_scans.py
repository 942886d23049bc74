"""The seed PDFs (data/samples) "scanned": every page rendered to an image with pypdfium2, then
turned by quarter turns and a small skew, blurred, JPEG-compressed, at 150-200 dpi, and saved as an
image-only PDF or a multi-page TIFF under the seed's name stem (so the customer's scorer matches it
with its gold). Used by tests/ocr/test_seed_scans.py and benchmarks/ocr.py; files go to a temp dir.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"


@dataclass(frozen=True)
class Variant:
    name: str
    dpi: int = 200
    quarter: int = 0  # quarter turns counter-clockwise (the page lies sideways in the scan)
    skew: float = 0.0  # degrees, counter-clockwise
    blur: float = 0.0  # Gaussian radius in pixels
    jpeg: int = 0  # JPEG quality; 0 = lossless (PNG inside the PDF, LZW in a TIFF)
    kind: str = "pdf"  # pdf | tiff


VARIANTS = [
    Variant("plain200", dpi=200),
    Variant("rot90", dpi=200, quarter=1, jpeg=75),
    Variant("skew1.5", dpi=200, skew=1.5, jpeg=80),
    Variant("rot270_skew-1", dpi=200, quarter=3, skew=-1.0),
    Variant("blur150", dpi=150, blur=0.8, jpeg=70),
    Variant("tiff_jpeg", dpi=200, skew=0.7, jpeg=75, kind="tiff"),
]


def page_images(pdf_path: Path, variant: Variant) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    out = []
    try:
        for page in pdf:
            image = page.render(scale=variant.dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            if variant.skew:
                image = image.rotate(variant.skew, resample=Image.BICUBIC, expand=True, fillcolor=255)
            if variant.quarter:
                image = image.rotate(90 * variant.quarter, expand=True)
            if variant.blur:
                image = image.filter(ImageFilter.GaussianBlur(variant.blur))
            if variant.jpeg:
                buffer = io.BytesIO()
                image.save(buffer, "JPEG", quality=variant.jpeg)
                image = Image.open(io.BytesIO(buffer.getvalue()))
            out.append(image)
    finally:
        pdf.close()
    return out


def scan(pdf_path: Path, folder: Path, variant: Variant) -> Path:
    """The seed PDF as a scan of this variant, at folder/<stem>.<pdf|tiff>."""
    images = page_images(pdf_path, variant)
    target = folder / f"{pdf_path.stem}.{variant.kind}"
    if variant.kind == "tiff":
        images[0].save(target, "TIFF", save_all=True, append_images=images[1:], dpi=(variant.dpi, variant.dpi),
                       compression="jpeg" if variant.jpeg else "tiff_lzw")
    else:
        # Pillow writes each page at the given resolution: a page keeps its paper size in points
        images[0].save(target, "PDF", save_all=True, append_images=images[1:], resolution=variant.dpi)
    return target


def seed_pdfs() -> list[Path]:
    return sorted(SAMPLES.glob("*.pdf"))
