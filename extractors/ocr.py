"""OCR of scanned pages with the Tesseract command line: page images -> text lines in PDF points.

Why the command line and not a binding: nothing to install beyond Debian's tesseract-ocr, a hard
time limit per page (subprocess timeout), and a crash in Tesseract costs one page, not the process.
Tesseract's TSV output gives every word with its box and confidence; words are grouped into
Tesseract's lines, and lines at the same height (a two-column letterhead) into one line, as the
PDF reader does with a text layer, so OCR'd lines go through the same paragraph joining
(extractors.pdf_reader.assemble). Tables on scans come out as text lines: cells are not rebuilt.

Pure functions apart from the `tesseract` subprocess; nothing here raises to a reader except
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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional

from extractors.assemble import PageContent, assemble
from extractors.pdf_text import Line, nfc
from schemas.layout import Paragraph
from schemas.records import Flag

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
TABLES_NOTE = "tables on scanned pages come out as text lines, not as cells (see ocr_tables_not_rebuilt)"


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


def run_tesseract(image: bytes, langs: str, *, dpi: int = OCR_DPI, timeout: float = PAGE_TIMEOUT_S) -> str:
    """TSV of one page image (any format Leptonica reads: PNG, JPEG, TIFF, PNM)."""
    binary, langs = usable_langs(langs)
    command = [binary, "stdin", "stdout", "-l", langs, "--psm", "3", "--dpi", str(dpi), "tsv"]
    try:
        proc = subprocess.run(command, input=image, capture_output=True, timeout=timeout,
                              env={**os.environ, **TESSERACT_ENV})
    except subprocess.TimeoutExpired:
        raise OcrError(f"tesseract took longer than {timeout:g} s") from None
    except OSError as exc:
        raise OcrError(f"tesseract could not be started: {exc}") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"tesseract exit {proc.returncode}: {detail[-1] if detail else 'no message'}")
    return proc.stdout.decode("utf-8", "replace")


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


def parse_tsv(tsv: str, scale: float) -> list[Word]:
    """Word rows (level 5) with text, boxes scaled from pixels by `scale` (points per pixel)."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        try:
            if row.get("level") != "5" or not (row.get("text") or "").strip():
                continue
            left, top, width, height = (float(row[k]) for k in ("left", "top", "width", "height"))
            key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
            conf = float(row["conf"])
        except (KeyError, TypeError, ValueError):
            continue  # a malformed row: skip it, keep the page
        words.append(Word(text=nfc(row["text"].strip()), conf=conf, x0=left * scale, top=top * scale,
                          x1=(left + width) * scale, bottom=(top + height) * scale, line_key=key))
    return words


def is_junk(word: Word) -> bool:
    """Specks and table rules read as "|", "_", "~": no letter or digit and little confidence."""
    if set(word.text) <= set("|¦"):
        return True
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


def is_speck_line(words: list[Word]) -> bool:
    """A line Tesseract made of specks, stamps' edges or a signature: no word of two letters or
    digits read with some confidence, and not a lone number (a page or row number)."""
    if any(sum(ch.isalnum() for ch in w.text) >= 2 and w.conf >= JUNK_CONFIDENCE for w in words):
        return False
    lone_number = len(words) == 1 and words[0].text.rstrip(".").isdigit() and words[0].conf >= LONE_NUMBER_CONFIDENCE
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


def words_to_lines(words: list[Word], page: int) -> list[Line]:
    """Tesseract's lines (they follow a skewed scan's baseline), then lines side by side at the
    same height merged into one, top to bottom."""
    by_key: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        by_key.setdefault(word.line_key, []).append(word)
    groups = sorted((ws for ws in by_key.values() if not is_speck_line(ws)), key=lambda ws: min(w.top for w in ws))
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


# ---------------------------------------------------------------------- ruled tables
def _long_run_count(dark, min_length: float) -> int:
    """Rows of a boolean image holding a dark run of at least min_length pixels, adjacent rows
    counted once (a rule is a few pixels thick)."""
    import numpy as np  # comes with pandas

    edges = np.diff(np.pad(dark, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    starts, ends = np.argwhere(edges == 1), np.argwhere(edges == -1)  # row-major: they pair up
    longest = np.zeros(dark.shape[0], dtype=np.int64)
    np.maximum.at(longest, starts[:, 0], ends[:, 1] - starts[:, 1])
    rows = longest >= min_length
    return int(np.count_nonzero(rows & ~np.concatenate(([False], rows[:-1]))))


def has_ruled_table(image) -> bool:
    """Ruling lines of a table on a page image: three horizontal rules across 30% of the width and
    two vertical ones down 10% of the height (a letterhead rule or a signature line is one rule).
    Measured at ~100 dpi, a pixel dark when any pixel it covers is (thin rules survive), with runs
    taken over bands of 4 pixels so that rules on a scan turned by up to ~1 degree still count."""
    import numpy as np

    dark = np.asarray(image.convert("L")) < 128
    f = max(1, image.width // 800)
    h, w = dark.shape[0] // f * f, dark.shape[1] // f * f
    small = dark[:h, :w].reshape(h // f, f, w // f, f).any(axis=(1, 3))
    if min(small.shape) < 16:
        return False  # a thumbnail or a strip: no table to speak of
    rows = small[:-3] | small[1:-2] | small[2:-1] | small[3:]
    cols = (small[:, :-3] | small[:, 1:-2] | small[:, 2:-1] | small[:, 3:]).T
    return _long_run_count(rows, 0.3 * small.shape[1]) >= 3 and _long_run_count(cols, 0.1 * small.shape[0]) >= 2


# ---------------------------------------------------------------------- flags over a document
@dataclass
class OcrReport:
    """What OCR did over a document, turned into flags once at the end."""

    used: dict[int, float] = field(default_factory=dict)  # page -> mean confidence (pages that gave text)
    failed: dict[int, str] = field(default_factory=dict)  # page -> reason
    skipped: list[int] = field(default_factory=list)  # over the page cap
    ruled: list[int] = field(default_factory=list)  # OCR'd pages showing a ruled table
    unavailable: Optional[str] = None

    def add(self, result: OcrPage, image=None) -> None:
        """A page's OCR result; with its image, a visible ruled table is noted too."""
        if result.lines:
            self.used[result.number] = result.confidence or 0.0
            if image is not None and has_ruled_table(image):
                self.ruled.append(result.number)

    def flags(self, max_pages: int = MAX_OCR_PAGES) -> list[Flag]:
        out = []
        if self.unavailable:
            out.append(Flag(code="ocr_unavailable", message=f"pages without text could not be OCR'd: {self.unavailable}"))
        if self.used:
            scores = ", ".join(f"{page}: {conf:.0f}" for page, conf in sorted(self.used.items())[:20])
            out.append(Flag(code="ocr_used", where=f"pages {page_list(sorted(self.used))}",
                            message=f"text read by OCR (Tesseract; mean word confidence by page {scores}); {TABLES_NOTE}"))
        low = sorted(p for p, conf in self.used.items() if conf < LOW_CONFIDENCE)
        if low:
            out.append(Flag(code="ocr_low_confidence", where=f"pages {page_list(low)}",
                            message=f"mean OCR word confidence under {LOW_CONFIDENCE:.0f}: check the text against the scan"))
        if self.ruled:
            out.append(Flag(code="ocr_tables_not_rebuilt", where=f"pages {page_list(sorted(self.ruled))}",
                            message="a ruled table is visible on these scanned pages; its cells come out as text lines, "
                                    "so a plan in it may be missed or merged"))
        for page, reason in sorted(self.failed.items()):
            out.append(Flag(code="ocr_failed", where=f"page {page}", message=reason))
        if self.skipped:
            out.append(Flag(code="ocr_skipped", where=f"pages {page_list(self.skipped)}",
                            message=f"OCR runs on at most {max_pages} pages per document"))
        return out


def page_list(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:20])) + (" ..." if len(numbers) > 20 else "")


# ---------------------------------------------------------------------- PDF pages
def render_pdf_pages(data: bytes, numbers: list[int], dpi: int = OCR_DPI) -> Iterator[tuple[int, object]]:
    """(page number, grayscale PIL image or the exception that stopped its rendering), one page
    in memory at a time. pypdfium2 comes with pdfplumber; it applies the page's /Rotate, as
    pdfminer does for the text layer, so boxes line up."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        for number in numbers:
            yield number, exc
        return
    try:
        for number in numbers:
            try:
                page = pdf[number - 1]
                try:
                    width, height = page.get_size()
                    fit = (MAX_OCR_PIXELS / max(width * height, 1.0)) ** 0.5 * 72  # dpi that fits the pixel cap
                    yield number, page.render(scale=min(dpi, fit) / 72, grayscale=True).to_pil()
                finally:
                    page.close()
            except Exception as exc:
                yield number, exc
    finally:
        pdf.close()


def png_bytes(image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)  # fast: the bytes only cross a pipe
    return out.getvalue()


def ocr_pdf_pages(data: bytes, pages: list[tuple[int, float]], *, langs: str = DEFAULT_LANGS,
                  max_pages: int = MAX_OCR_PAGES, timeout: float = PAGE_TIMEOUT_S,
                  dpi: int = OCR_DPI) -> tuple[dict[int, list[Line]], list[Flag]]:
    """Lines of the given PDF pages ((number, width in points)) read by OCR, and the ocr_* flags.
    Never raises."""
    report, found = OcrReport(), {}
    try:
        usable_langs(langs)
    except OcrUnavailable as exc:
        report.unavailable = str(exc)
        return found, report.flags(max_pages)
    widths = dict(pages[:max_pages])
    report.skipped = [number for number, _ in pages[max_pages:]]
    for number, image in render_pdf_pages(data, list(widths), dpi):
        if isinstance(image, Exception):
            report.failed[number] = f"the page could not be rendered: {type(image).__name__}: {image}"
            continue
        try:
            scale = widths[number] / image.width
            result = ocr_image(png_bytes(image), number, scale, langs=langs, dpi=round(72 / scale), timeout=timeout)
            report.add(result, image)
        except OcrError as exc:
            report.failed[number] = str(exc)
            continue
        except Exception as exc:  # a bug or a hostile page costs that page, never the text pages
            report.failed[number] = f"OCR failed: {type(exc).__name__}: {exc}"
            continue
        found[number] = result.lines
    return found, report.flags(max_pages)
