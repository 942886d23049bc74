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
    photo: bool = False  # a phone photo: perspective, a lamp on one side, yellowed paper, sensor noise


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
            if variant.photo:
                image = photographed(image, seed=len(out))
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


def photographed(image: Image.Image, seed: int) -> Image.Image:
    """The page as a phone photographs it: held a little off square (perspective), lit from one side,
    on yellowed paper (a grey paper tone in grayscale), with sensor noise. Seeded: same bytes every run."""
    import cv2
    import numpy as np

    gray = np.array(image.convert("L"), dtype=np.float32)
    h, w = gray.shape
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[w * 0.02, h * 0.01], [w * 0.97, 0], [w * 0.99, h * 0.99], [w * 0.03, h]])
    gray = cv2.warpPerspective(gray, cv2.getPerspectiveTransform(src, dst), (w, h), borderValue=255)
    light = np.linspace(1.0, 0.8, w, dtype=np.float32)[None, :] * np.linspace(0.97, 1.0, h, dtype=np.float32)[:, None]
    paper = 0.9  # yellowed paper
    gray = gray * paper * light + np.random.default_rng(seed).normal(0, 6, gray.shape).astype(np.float32)
    return Image.fromarray(np.clip(gray, 0, 255).astype(np.uint8))


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
