"""A scanned page image made ready for OCR: turned upright (0/90/180/270), deskewed (up to a few
degrees), and the ruling lines of its tables found (OpenCV morphology).

Every function takes and returns numpy arrays (grayscale, uint8, white paper); the geometry that
turned the scan upright is kept in `Upright`, so boxes found on the upright image can be mapped
back to the page as displayed (provenance boxes point at what a PDF viewer shows).

Why these methods:
- orientation: first the direction of the text lines from the ink's projection profiles on a ~50 dpi
  copy (milliseconds): lines running across mean upright or upside down, and a page that then reads
  surely as it lies needs nothing more (extractors.scan_page.read_scan). Otherwise Tesseract's OSD
  (`--psm 0`, the `osd` traineddata Debian ships) on a copy shrunk to ~150 dpi (~0.8 s a page, a
  second Tesseract start); trusted only above a confidence floor, since OSD guesses on pages with
  little text.
- skew: the angle whose rotation makes the horizontal ink profile sharpest (rows of text and rules
  line up), searched coarse to fine on a ~60 dpi copy: ~0.1 s, works with and without ruling.
- ruling: a morphological opening with a long thin kernel keeps only strokes longer than any
  letter; lines are taken from it as segments, so a rule interrupted by a merged cell or faded on
  a photo still gives the cell borders it has.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from typing import Optional

import cv2
import numpy as np

OSD_LONG_SIDE = 1800  # pixels: OSD needs ~150 dpi; a 300 dpi A4 page takes 3 s, shrunk ~0.8 s
OSD_MIN_CONFIDENCE = 2.0  # Tesseract's own scale; under it OSD guesses (pages with little text)
OSD_TIMEOUT_S = 30.0
PROFILE_DPI = 50.0  # the line-direction check runs at this resolution
LINES_ACROSS = 2.0  # row profile this many times sharper than the column one: lines run across
MAX_SKEW = 5.0  # degrees searched either side
SKEW_DPI = 60.0  # the skew search runs at this resolution
MIN_SKEW = 0.15  # degrees: below this, rotating costs more than it gives
RULE_MIN_PT = 12.0  # points: a stroke at least this long is a rule (letters are ~7 pt high)
RULE_MIN_SHARE = 0.5  # a horizontal rule of a table is at least ... of the longest one's length


@dataclass
class Upright:
    """How the upright image was made from the page image: turned by `quarter` quarter-turns
    clockwise, then rotated by `skew` degrees (counter-clockwise positive, as OpenCV) about the
    centre. `size` is the page image's (width, height) before any of it."""

    quarter: int = 0
    skew: float = 0.0
    size: tuple[int, int] = (0, 0)
    osd_confidence: Optional[float] = None

    def to_page(self, x: float, y: float) -> tuple[float, float]:
        """A point of the upright image -> the same point on the page image."""
        w, h = self.size
        tw, th = (h, w) if self.quarter % 2 else (w, h)  # the quarter-turned image's size
        if self.skew:
            cx, cy = tw / 2.0, th / 2.0
            a = np.deg2rad(self.skew)
            dx, dy = x - cx, y - cy
            # undo a rotation by +skew (counter-clockwise on screen, y down)
            x, y = cx + dx * np.cos(a) - dy * np.sin(a), cy + dx * np.sin(a) + dy * np.cos(a)
        q = self.quarter % 4
        if q == 1:  # turned clockwise: upright (x, y) came from page (y, h - 1 - x)
            return y, h - x
        if q == 2:
            return w - x, h - y
        if q == 3:
            return w - y, x
        return x, y

    def box_to_page(self, x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        corners = [self.to_page(x, y) for x in (x0, x1) for y in (top, bottom)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        return min(xs), min(ys), max(xs), max(ys)


# ---------------------------------------------------------------------- orientation
OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
OSD_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def osd(gray: np.ndarray, dpi: float, binary: str, timeout: float = OSD_TIMEOUT_S) -> tuple[int, float]:
    """(clockwise degrees that turn the page upright, confidence) from Tesseract's OSD; (0, 0.0)
    when it cannot tell (too little text, a failure)."""
    scale = min(1.0, OSD_LONG_SIDE / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ok, png = cv2.imencode(".png", small)
    if not ok:
        return 0, 0.0
    command = [binary, "stdin", "stdout", "--psm", "0", "--dpi", str(max(70, round(dpi * scale)))]
    try:
        proc = subprocess.run(command, input=png.tobytes(), capture_output=True, timeout=timeout,
                              env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except (OSError, subprocess.SubprocessError):
        return 0, 0.0
    out = proc.stdout.decode("utf-8", "replace")
    rotate, conf = OSD_ROTATE.search(out), OSD_CONF.search(out)
    if proc.returncode != 0 or not rotate or not conf:
        return 0, 0.0
    return int(rotate.group(1)) % 360, float(conf.group(1))


def osd_quarter(gray: np.ndarray, dpi: float, binary: str) -> tuple[int, float]:
    """(quarter turns clockwise OSD orders, its confidence); 0 turns when OSD is not sure."""
    degrees, conf = osd(gray, dpi, binary)
    return (degrees // 90 if conf >= OSD_MIN_CONFIDENCE else 0), conf


def lines_across(gray: np.ndarray, dpi: float) -> bool:
    """The text lines run across the image (upright or upside down), not down it (a page lying
    sideways): rows of text make the ink's row profile alternate sharply between lines and gaps,
    while its column profile, summed over many lines, stays smooth. Each sharpness is taken per
    pixel of the other side, so a long page does not win by its length."""
    scale = min(1.0, PROFILE_DPI / dpi)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = _ink(small)
    if not ink.any():
        return False
    rows = np.square(np.diff(ink.sum(axis=1, dtype=np.float64))).sum() / ink.shape[1]
    cols = np.square(np.diff(ink.sum(axis=0, dtype=np.float64))).sum() / ink.shape[0]
    return rows >= LINES_ACROSS * cols


def turn(gray: np.ndarray, quarter: int) -> np.ndarray:
    """The image turned `quarter` quarter-turns clockwise."""
    codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    q = quarter % 4
    return cv2.rotate(gray, codes[q]) if q else gray


# ---------------------------------------------------------------------- skew
def _ink(gray: np.ndarray) -> np.ndarray:
    """Dark strokes as 255 on 0, robust to uneven lighting (phone photos): Otsu on the image
    with its background (a wide blur) divided out."""
    background = cv2.GaussianBlur(gray, (0, 0), sigmaX=max(gray.shape) / 40.0)
    flat = cv2.divide(gray, background, scale=255)
    _, ink = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _sharpness(ink: np.ndarray, angle: float) -> float:
    h, w = ink.shape
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    profile = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(profile)).sum())


def estimate_skew(gray: np.ndarray, dpi: float) -> float:
    """Degrees (counter-clockwise positive) to rotate the image by so its lines run level."""
    scale = min(1.0, SKEW_DPI / dpi)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = _ink(small)
    if not ink.any():
        return 0.0
    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=lambda a: _sharpness(ink, a))
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return round(float(max(fine, key=lambda a: _sharpness(ink, a))), 2)


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def make_upright(gray: np.ndarray, dpi: float, quarter: int = 0, *, deskew: bool = True) -> tuple[np.ndarray, Upright]:
    """The page image turned `quarter` quarter-turns clockwise and levelled, and how (to map boxes back)."""
    geometry = Upright(size=(gray.shape[1], gray.shape[0]), quarter=quarter % 4)
    gray = turn(gray, geometry.quarter)
    if deskew:
        angle = estimate_skew(gray, dpi)
        if abs(angle) >= MIN_SKEW:
            geometry.skew = angle
            gray = rotate(gray, angle)
    return gray, geometry


# ---------------------------------------------------------------------- ruling lines
def rule_masks(gray: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ink, horizontal rules, vertical rules) as 0/255 masks of the upright image."""
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                _odd(dpi / 10), 12)
    length = max(8, round(RULE_MIN_PT * dpi / 72))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length * 2, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    # close pinholes and the small breaks of a faint rule (a few pixels), along the rule only
    gap = max(3, round(dpi / 50))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap * 2, 1)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap * 2)))
    return ink, horizontal, vertical


def _odd(value: float) -> int:
    n = max(3, int(value))
    return n if n % 2 else n + 1


PAPER_KERNEL_INCH = 0.15  # wider than any letter's stroke or rule, narrower than a photo's light slope


def paper_of(gray: np.ndarray, dpi: float) -> np.ndarray:
    """The page's paper with its letters and rules closed over (a grey closing wider than a stroke): white
    on a clean scan, the grey of the toned paper and the fall of the light on a phone photo."""
    k = _odd(dpi * PAPER_KERNEL_INCH)
    return cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))


def erase_rules(gray: np.ndarray, horizontal: np.ndarray, vertical: np.ndarray, dpi: float) -> np.ndarray:
    """The image with its ruling painted white (Tesseract reads rules as "|" or "_", and glues
    words across a rule), thickened a little to take the antialiased edges too."""
    k = max(1, round(dpi / 150))
    rules = cv2.dilate(cv2.bitwise_or(horizontal, vertical), cv2.getStructuringElement(cv2.MORPH_RECT, (2 * k + 1, 2 * k + 1)))
    out = gray.copy()
    out[rules > 0] = 255
    return out
