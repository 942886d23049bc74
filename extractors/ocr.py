"""OCR of scanned pages with Debian's Tesseract: page images -> text lines in PDF points.

Tesseract runs in this process through tesserocr built against Debian's libtesseract when that is
installed (extractors.tesseract_api: no process start per run, images passed as pixels; the same
library and so the same words as the command), else as the `tesseract` command (a subprocess with a
hard time limit; also used for PNG bytes, list files, language lookup and OSD). Either way a run has
the page's time limit, and the sandbox worker reading a document is killed at the document's.
Tesseract's TSV output gives every word with its box and confidence; words are grouped into
Tesseract's lines, and lines at the same height (a two-column letterhead) into one line, as the
PDF reader does with a text layer, so OCR'd lines go through the same paragraph joining
(extractors.assemble). Tables, orientation and skew are the business of extractors.scan_page,
which uses this module to run Tesseract a few times per page.

Pure functions apart from Tesseract; nothing here raises to a reader except
ocr_page_image, which is the one-page convenience API (OcrError).
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import numpy as np

from extractors import tesseract_api
from extractors.assemble import PageContent, assemble
from extractors.pdf_text import Line, nfc
from schemas.layout import Paragraph

DEFAULT_LANGS = "kaz+rus"
OCR_DPI = 300  # Tesseract's sweet spot for body text; 200 dpi loses small print
MAX_OCR_PAGES = 50  # a scanned letter is a few pages; past this OCR is skipped and flagged
PAGE_TIMEOUT_S = 60.0  # ~1-2 s per A4 page at 300 dpi on one core; a hung page must not hold a batch
MAX_OCR_PIXELS = 40_000_000  # A4 at 600 dpi is ~35 M; larger pages are rendered/downscaled to fit
LOW_CONFIDENCE = 70.0  # mean word confidence (0-100) under which a page is flagged
JUNK_CONFIDENCE = 50.0  # words without a letter or digit under this are specks and ruling, dropped
LONE_NUMBER_CONFIDENCE = 80.0  # a line of one number is kept only when read this surely
# one Tesseract thread: on 2 cores OpenMP made a page ~5x slower (1.2 s vs 6 s), and workers
# already run documents in parallel
TESSERACT_ENV = {"OMP_THREAD_LIMIT": "1"}


class OcrError(Exception):
    """Tesseract failed on a page (timeout, crash, unreadable image)."""


class OcrUnavailable(OcrError):
    """No tesseract binary, or none of the requested languages installed."""


@dataclass
class OcrPage:
    number: int
    lines: list[Line] = field(default_factory=list)
    confidence: Optional[float] = None  # mean word confidence, 0-100; None when no word was found
    n_words: int = 0


# ---------------------------------------------------------------------- running tesseract
def tesseract_binary() -> Optional[str]:
    """Path of the tesseract command, looked up on PATH at each call (tests change PATH)."""
    return shutil.which("tesseract")


@lru_cache(maxsize=8)
def installed_langs(binary: str) -> frozenset[str]:
    try:
        out = subprocess.run([binary, "--list-langs"], capture_output=True, timeout=30, text=True).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


def usable_langs(langs: str) -> tuple[str, str]:
    """(binary, the requested languages that are installed, '+'-joined). Missing languages are
    dropped rather than failing: a Russian-only install still reads Russian letters."""
    binary = tesseract_binary()
    if binary is None:
        raise OcrUnavailable("the tesseract command is not installed (Debian: tesseract-ocr)")
    have = installed_langs(binary)
    wanted = [lang for lang in langs.split("+") if lang in have]
    if not wanted:
        raise OcrUnavailable(f"none of the OCR languages {langs!r} is installed (have: {', '.join(sorted(have)) or 'none'})")
    return binary, "+".join(wanted)


def run_tesseract(image: bytes | str | list[np.ndarray], langs: str, *, dpi: int = OCR_DPI,
                  timeout: float = PAGE_TIMEOUT_S, psm: int = 3) -> str:
    """TSV of one page image (bytes of any format Leptonica reads: PNG, JPEG, TIFF, PNM), of
    every image listed in a text file (its path as str), or of a list of 8-bit grayscale arrays:
    one run for many images, the TSV's page_num tells them apart. psm 3 finds the layout of a
    page; psm 6 reads one block. Arrays are read in this process when tesserocr can be used
    (extractors.tesseract_api: no process start), else by the command."""
    binary, langs = usable_langs(langs)
    if isinstance(image, list):
        return _run_arrays(image, langs, dpi=dpi, timeout=timeout, psm=psm)
    source = image if isinstance(image, str) else "stdin"
    command = [binary, source, "stdout", "-l", langs, "--psm", str(psm), "--dpi", str(dpi), "tsv"]
    try:
        proc = subprocess.run(command, input=None if isinstance(image, str) else image, capture_output=True, timeout=timeout,
                              env={**os.environ, **TESSERACT_ENV})
    except subprocess.TimeoutExpired:
        raise OcrError(f"tesseract took longer than {timeout:g} s") from None
    except OSError as exc:
        raise OcrError(f"tesseract could not be started: {exc}") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"tesseract exit {proc.returncode}: {detail[-1] if detail else 'no message'}")
    return proc.stdout.decode("utf-8", "replace")


def _run_arrays(images: list[np.ndarray], langs: str, *, dpi: int, timeout: float, psm: int) -> str:
    if tesseract_api.available():
        try:
            return tesseract_api.tsv(images, langs, dpi=dpi, psm=psm, timeout=timeout)
        except tesseract_api.EngineError as exc:
            raise OcrError(str(exc)) from None
    if len(images) == 1:
        return run_tesseract(_png(images[0]), langs, dpi=dpi, timeout=timeout, psm=psm)
    with tempfile.TemporaryDirectory(prefix="jospar-ocr-") as folder:
        paths = [os.path.join(folder, f"{k}.png") for k in range(len(images))]
        for path, image in zip(paths, images):
            with open(path, "wb") as out:
                out.write(_png(image))
        listing = os.path.join(folder, "images.txt")
        with open(listing, "w", encoding="utf-8") as out:
            out.write("\n".join(paths) + "\n")
        return run_tesseract(listing, langs, dpi=dpi, timeout=timeout, psm=psm)


def _png(gray: np.ndarray) -> bytes:
    import cv2

    ok, data = cv2.imencode(".png", gray, [cv2.IMWRITE_PNG_COMPRESSION, 1])  # fast: the bytes only cross a pipe
    if not ok:
        raise OcrError("the page image could not be encoded")
    return data.tobytes()


# ---------------------------------------------------------------------- TSV -> lines
@dataclass
class Word:
    text: str
    conf: float
    x0: float
    top: float
    x1: float
    bottom: float
    line_key: tuple[int, int, int]  # Tesseract's (block, paragraph, line)
    image: int = 0  # which image of a list run (Tesseract's page_num - 1)


def parse_tsv(tsv: str, scale: float) -> list[Word]:
    """Word rows (level 5) with text, boxes scaled from pixels by `scale` (points per pixel)."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        try:
            if row.get("level") != "5" or not (row.get("text") or "").strip():
                continue
            left, top, width, height = (float(row[k]) for k in ("left", "top", "width", "height"))
            key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
            conf, image = float(row["conf"]), int(row.get("page_num") or 1) - 1
        except (KeyError, TypeError, ValueError):
            continue  # a malformed row: skip it, keep the page
        words.append(Word(text=nfc(row["text"].strip()), conf=conf, x0=left * scale, top=top * scale,
                          x1=(left + width) * scale, bottom=(top + height) * scale, line_key=key,
                          image=image))
    return words


def is_junk(word: Word) -> bool:
    """Specks and table rules read as "|", "_", "~": no letter or digit and little confidence."""
    if set(word.text) <= set("|¦"):
        return True
    if "№" in word.text:
        return False  # the number column's header, often alone in its cell
    return not any(ch.isalnum() for ch in word.text) and word.conf < JUNK_CONFIDENCE


# "№" is Tesseract's weak glyph in Kazakh and Russian letters (seen: "Хо", "Хе" for "№ 06-04-01/253"
# on a 200 dpi scan that read right at 400 dpi); before a number these readings are never words
NUMERO_MISREADS = ("Хо", "Хе", "Ха", "No", "Nо", "Ne", "Nе", "N°", "Ns", "Na", "Мо")
NUMERO_GLUED = re.compile(rf"^(?:{'|'.join(NUMERO_MISREADS)})(?=\d)")


def fix_numero(texts: list[str]) -> list[str]:
    """Words of one line, left to right, with misread "№" signs before a number restored."""
    out = list(texts)
    for k, text in enumerate(out):
        if text in NUMERO_MISREADS and k + 1 < len(out) and out[k + 1][:1].isdigit():
            out[k] = "№"
        else:
            out[k] = NUMERO_GLUED.sub("№", text)
    return out


def is_speck_line(words: list[Word], lone_number_conf: float = LONE_NUMBER_CONFIDENCE) -> bool:
    """A line Tesseract made of specks, stamps' edges or a signature: no word of two letters or
    digits read with some confidence, and not a lone number (a page or row number)."""
    if any((sum(ch.isalnum() for ch in w.text) >= 2 or "№" in w.text) and w.conf >= JUNK_CONFIDENCE for w in words):
        return False
    lone_number = len(words) == 1 and words[0].text.rstrip(".)").isdigit() and words[0].conf >= lone_number_conf
    return not lone_number


def _make_line(words: list[Word], page: int) -> Line:
    words = sorted(words, key=lambda w: w.x0)
    first = words[0]
    texts = fix_numero([w.text for w in words])
    as_dicts = [{"text": t, "x0": w.x0, "x1": w.x1, "top": w.top, "bottom": w.bottom, "conf": w.conf}
                for t, w in zip(texts, words)]
    char_width = (first.x1 - first.x0) / max(len(first.text), 1)
    return Line(text=nfc(" ".join(texts)), x0=first.x0, x1=max(w.x1 for w in words),
                top=min(w.top for w in words), bottom=max(w.bottom for w in words), page=page,
                first_word_width=first.x1 - first.x0, space_width=char_width * 0.6, words=as_dicts)


def words_to_lines(words: list[Word], page: int, lone_number_conf: float = LONE_NUMBER_CONFIDENCE) -> list[Line]:
    """Tesseract's lines (they follow a skewed scan's baseline), then lines side by side at the
    same height merged into one, top to bottom."""
    by_key: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        by_key.setdefault(word.line_key, []).append(word)
    groups = sorted((ws for ws in by_key.values() if not is_speck_line(ws, lone_number_conf)), key=lambda ws: min(w.top for w in ws))
    rows: list[list[Word]] = []
    for group in groups:
        top, bottom = min(w.top for w in group), max(w.bottom for w in group)
        if rows and _same_row(rows[-1], top, bottom) and not _overlaps_x(rows[-1], group):
            rows[-1].extend(group)
        else:
            rows.append(list(group))
    return [_make_line(row, page) for row in rows]


def _same_row(row: list[Word], top: float, bottom: float) -> bool:
    row_top, row_bottom = min(w.top for w in row), max(w.bottom for w in row)
    overlap = min(bottom, row_bottom) - max(top, row_top)
    return overlap > 0.5 * min(bottom - top, row_bottom - row_top)


def _overlaps_x(row: list[Word], group: list[Word]) -> bool:
    return any(a.x0 < b.x1 and b.x0 < a.x1 for a in row for b in group)


def ocr_image(image: bytes, page: int, scale: float, *, langs: str = DEFAULT_LANGS, dpi: int = OCR_DPI,
              timeout: float = PAGE_TIMEOUT_S) -> OcrPage:
    """One page image -> its lines in points (`scale` points per pixel) and mean confidence.
    Raises OcrError / OcrUnavailable."""
    words = [w for w in parse_tsv(run_tesseract(image, langs, dpi=dpi, timeout=timeout), scale) if w.conf >= 0]
    lines = words_to_lines([w for w in words if not is_junk(w)], page)
    confs = [word["conf"] for line in lines for word in line.words]
    return OcrPage(number=page, lines=lines, confidence=statistics.fmean(confs) if confs else None, n_words=len(confs))


def ocr_page_image(png_bytes: bytes, langs: str = DEFAULT_LANGS, *, page: int = 1, dpi: Optional[int] = None,
                   timeout: float = PAGE_TIMEOUT_S) -> list[Paragraph]:
    """One page image -> paragraphs with page number and bbox in points (at `dpi` when given, else
    the image's declared dpi, else 300), joined as the PDF reader joins lines. Raises OcrError /
    OcrUnavailable (readers use ocr_image and OcrReport, which turn failures into flags)."""
    from PIL import Image  # Pillow comes with pdfplumber


    try:
        with Image.open(io.BytesIO(png_bytes)) as img:
            size, dpi = img.size, dpi or image_dpi(img.info)
    except Exception as exc:
        raise OcrError(f"not an image: {type(exc).__name__}: {exc}") from None
    scale = 72.0 / dpi
    result = ocr_image(png_bytes, page, scale, langs=langs, dpi=dpi, timeout=timeout)
    content = PageContent(number=page, width=size[0] * scale, height=size[1] * scale, lines=result.lines)
    return [b for b in assemble([content]).blocks if isinstance(b, Paragraph)]


def image_dpi(info: dict) -> int:
    """The resolution an image declares, when plausible for a scan (72-1200), else 300."""
    try:
        value = round(float(info.get("dpi", (0, 0))[0]))
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if 72 <= value <= 1200 else OCR_DPI
