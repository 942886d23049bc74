"""Scanned pages read in parallel within bounded memory, and what OCR did turned into flags.

Pages go to a pool of worker threads (`JOSPAR_OCR_WORKERS`, default: the number of cores, at
most 4); `JOSPAR_OCR_POOL=processes` spreads a PDF's pages over worker processes instead. Threads
by default: the heavy work runs in Tesseract (in the process with the GIL released, or in its
subprocess) and in OpenCV and numpy, which release the GIL too, so threads scale as processes do
(benchmarks/ocr.py measures both) without pickling pages or re-importing OpenCV in each process.
Loading a page (pypdfium2 rendering, Pillow decoding: neither is thread-safe) happens under one
lock, and each worker holds one page image at a time, so memory stays at about `workers` page
images (~9 MB each at 300 dpi), plus a Tesseract engine (~45 MB) per thread reading at once.

Pages are rendered at 300 pixels per paper inch. A PDF page whose size is not a paper size (a
photo placed at 26 x 37 inches) is taken for A4 by its short side, so that the kernels that tell
rules from letters see letters of their usual size.
"""
from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

import numpy as np

from extractors.ocr import (
    LOW_CONFIDENCE, MAX_OCR_PAGES, MAX_OCR_PIXELS, OCR_DPI, OcrError, OcrUnavailable, tesseract_binary, usable_langs,
)
from extractors.scan_page import ScanOptions, ScanPage, confidence_from_words, read_scan
from schemas.layout import LayoutDocument, Paragraph, Table
from schemas.records import Flag

PAPER_INCHES = (2.5, 17.0)  # plausible short sides of a page, a receipt to A2
A4_SHORT_INCHES = 8.27
MAX_WORKERS = 4

Loader = Callable[[], tuple[np.ndarray, float, float]]  # -> (grayscale image, paper dpi, points per pixel)


def ocr_pool() -> str:
    """"threads" (default) or "processes" (JOSPAR_OCR_POOL): how PDF pages are spread over workers."""
    return "processes" if os.environ.get("JOSPAR_OCR_POOL", "").strip().lower() == "processes" else "threads"


def ocr_workers() -> int:
    """Worker threads for OCR: JOSPAR_OCR_WORKERS, else the cores (at most 4)."""
    try:
        value = int(os.environ.get("JOSPAR_OCR_WORKERS", "0"))
    except ValueError:
        value = 0
    return max(1, value) if value > 0 else max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def render_scale(width_pt: float, height_pt: float, dpi: float = OCR_DPI) -> tuple[float, float]:
    """(pixels per point to render at, paper dpi of the result) for a page of that size."""
    short = min(width_pt, height_pt) / 72
    per_point = dpi / 72 if PAPER_INCHES[0] <= short <= PAPER_INCHES[1] else A4_SHORT_INCHES * dpi / min(width_pt, height_pt)
    cap = (MAX_OCR_PIXELS / max(width_pt * height_pt * per_point ** 2, 1.0)) ** 0.5
    return per_point * min(1.0, cap), dpi * min(1.0, cap)


# ---------------------------------------------------------------------- what OCR did
@dataclass
class ScanReport:
    """What OCR did over a document, turned into flags once at the end."""

    used: dict[int, float] = field(default_factory=dict)  # page -> mean confidence (pages that gave text)
    failed: dict[int, str] = field(default_factory=dict)  # page -> reason
    skipped: list[int] = field(default_factory=list)  # over the page cap
    turned: dict[int, int] = field(default_factory=dict)  # page -> degrees turned clockwise to be upright
    tables: dict[int, int] = field(default_factory=dict)  # page -> ruled tables rebuilt
    unread_ruling: list[int] = field(default_factory=list)  # ruling seen, no grid made of it
    from_words: list[int] = field(default_factory=list)  # ... and a table rebuilt from the words instead
    garbled: list[int] = field(default_factory=list)  # pages whose text layer was garbage, OCR'd instead
    unavailable: Optional[str] = None

    def add(self, scan: ScanPage) -> None:
        number = scan.content.number
        if scan.n_words:
            self.used[number] = scan.confidence or 0.0
        if scan.geometry.quarter:
            self.turned[number] = scan.geometry.quarter * 90
        if scan.grids:
            self.tables[number] = scan.grids
        if scan.ruling_unread:
            self.unread_ruling.append(number)

    def flags(self, max_pages: int = MAX_OCR_PAGES) -> list[Flag]:
        out = []
        if self.garbled:
            out.append(Flag(code="text_layer_garbled", where=f"pages {page_list(self.garbled)}",
                            message="the text layer of these pages is not real text (letters mapped to other "
                                    "glyphs); they were read by OCR instead"))
        if self.unavailable:
            out.append(Flag(code="ocr_unavailable", message=f"pages without text could not be OCR'd: {self.unavailable}"))
        if self.used:
            scores = ", ".join(f"{page}: {conf:.0f}" for page, conf in sorted(self.used.items())[:20])
            tables = sum(self.tables.values())
            out.append(Flag(code="ocr_used", where=f"pages {page_list(sorted(self.used))}",
                            message=f"text read by OCR (Tesseract; mean word confidence by page {scores}); "
                                    f"{tables} ruled table(s) rebuilt into cells"))
        low = sorted(p for p, conf in self.used.items() if conf < LOW_CONFIDENCE)
        if low:
            out.append(Flag(code="ocr_low_confidence", where=f"pages {page_list(low)}",
                            message=f"mean OCR word confidence under {LOW_CONFIDENCE:.0f}: check the text against the scan"))
        if self.turned:
            turns = ", ".join(f"{page}: {deg}°" for page, deg in sorted(self.turned.items())[:20])
            out.append(Flag(code="ocr_page_turned", where=f"pages {page_list(sorted(self.turned))}",
                            message=f"scanned pages lay sideways or upside down and were turned upright before OCR ({turns})"))
        if self.from_words:
            out.append(Flag(code="ocr_tables_from_words", where=f"pages {page_list(sorted(self.from_words))}",
                            message="the ruling on these scanned pages gave no table grid (faint or broken rules, a "
                                    "photo); their tables were rebuilt from the positions of the OCR'd words: check "
                                    "the columns"))
        unread = sorted(set(self.unread_ruling) - set(self.from_words))
        if unread:
            out.append(Flag(code="ocr_tables_not_rebuilt", where=f"pages {page_list(unread)}",
                            message="ruling lines are visible on these scanned pages but no table grid could be made "
                                    "of them; their text comes out as lines, so a plan in it may be missed or merged"))
        for page, reason in sorted(self.failed.items()):
            out.append(Flag(code="ocr_failed", where=f"page {page}", message=reason))
        if self.skipped:
            out.append(Flag(code="ocr_skipped", where=f"pages {page_list(self.skipped)}",
                            message=f"OCR runs on at most {max_pages} pages per document"))
        return out


def page_list(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:20])) + (" ..." if len(numbers) > 20 else "")


# ---------------------------------------------------------------------- the pool
def scan_all(loaders: Iterable[tuple[int, Loader]], report: ScanReport, options: ScanOptions = ScanOptions(),
             workers: Optional[int] = None) -> dict[int, ScanPage]:
    """Each page loaded (under one lock) and read by a worker; failures go to the report."""
    lock = threading.Lock()
    binary = tesseract_binary()

    def one(item: tuple[int, Loader]) -> tuple[int, Optional[ScanPage]]:
        number, load = item
        try:
            with lock:
                gray, dpi, scale = load()
        except Exception as exc:
            report.failed[number] = f"the page image could not be made: {type(exc).__name__}: {exc}"
            return number, None
        try:
            return number, read_scan(gray, number, dpi, scale, binary, options)
        except OcrError as exc:
            report.failed[number] = str(exc)
        except Exception as exc:  # a bug or a hostile page costs that page, never the others
            report.failed[number] = f"OCR failed: {type(exc).__name__}: {exc}"
        return number, None

    items = list(loaders)
    n = min(workers or ocr_workers(), max(1, len(items)))
    if n == 1:
        results = [one(item) for item in items]
    else:
        with ThreadPoolExecutor(max_workers=n, thread_name_prefix="ocr") as pool:
            results = list(pool.map(one, items))
    found = {}
    for number, scan in results:
        if scan is not None:
            report.add(scan)
            found[number] = scan
    return found


def pdf_loaders(data: bytes, numbers: list[int]) -> tuple[list[tuple[int, Loader]], Callable[[], None]]:
    """A loader per page rendering it with pypdfium2 (which applies the page's /Rotate, as the
    text layer does), and a function closing the document."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)

    def loader(number: int) -> Loader:
        def load() -> tuple[np.ndarray, float, float]:
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                per_point, dpi = render_scale(width, height)
                image = page.render(scale=per_point, grayscale=True).to_numpy()
                gray = np.ascontiguousarray(image if image.ndim == 2 else image[..., 0])
                return gray, dpi, width / gray.shape[1]
            finally:
                page.close()
        return load

    return [(number, loader(number)) for number in numbers], pdf.close


def read_pdf_scans(data: bytes, numbers: list[int], *, garbled: Optional[list[int]] = None,
                   max_pages: int = MAX_OCR_PAGES, options: ScanOptions = ScanOptions(),
                   workers: Optional[int] = None) -> tuple[dict[int, ScanPage], ScanReport]:
    """The given PDF pages read by OCR. Never raises: what went wrong is in the report."""
    report = ScanReport(garbled=list(garbled or []), skipped=numbers[max_pages:])
    try:
        usable_langs(options.langs)
    except OcrUnavailable as exc:
        report.unavailable = str(exc)
        return {}, report
    n = min(workers or ocr_workers(), len(numbers[:max_pages]))
    if n > 1 and ocr_pool() == "processes":
        return scan_in_processes(data, numbers[:max_pages], report, options, n), report
    try:
        loaders, close = pdf_loaders(data, numbers[:max_pages])
    except Exception as exc:
        for number in numbers[:max_pages]:
            report.failed[number] = f"the page could not be rendered: {type(exc).__name__}: {exc}"
        return {}, report
    try:
        return scan_all(loaders, report, options, workers), report
    finally:
        close()


# ---------------------------------------------------------------------- processes
_PDF: Optional[bytes] = None  # the document, once per worker process


def _keep_pdf(data: bytes) -> None:
    global _PDF
    _PDF = data


def _page_in_process(number: int, options: ScanOptions) -> tuple[int, Optional[ScanPage], Optional[str]]:
    """One page rendered and read in a worker process; a failure comes back as its reason."""
    report = ScanReport()
    loaders, close = pdf_loaders(_PDF or b"", [number])
    try:
        found = scan_all(loaders, report, options, workers=1)
    finally:
        close()
    return number, found.get(number), report.failed.get(number)


def scan_in_processes(data: bytes, numbers: list[int], report: ScanReport, options: ScanOptions,
                      n: int) -> dict[int, ScanPage]:
    """Pages spread over `n` worker processes (each gets the PDF once and renders its own pages),
    for machines where threads contend; the results are the threads' (benchmarks/ocr.py compares)."""
    from concurrent.futures import ProcessPoolExecutor

    found: dict[int, ScanPage] = {}
    try:
        with ProcessPoolExecutor(max_workers=n, initializer=_keep_pdf, initargs=(data,)) as pool:
            results = list(pool.map(_page_in_process, numbers, [options] * len(numbers)))
    except Exception as exc:  # a broken pool (a worker killed) costs the pages, not the batch
        for number in numbers:
            report.failed[number] = f"OCR worker process failed: {type(exc).__name__}: {exc}"
        return found
    for number, scan, failure in results:
        if failure:
            report.failed[number] = failure
        if scan is not None:
            report.add(scan)
            found[number] = scan
    return found


# ---------------------------------------------------------------------- after assembly
def finish(layout: LayoutDocument, scans: dict[int, ScanPage]) -> None:
    """Cells of tables rebuilt from word positions get their words' confidence, and every box on
    a scanned page is mapped back to the page as displayed (before turning and deskewing)."""
    for table in layout.tables():
        for cell in table.cells:
            scan = scans.get(cell.page) if cell.page is not None else None
            if scan is not None:
                confidence_from_words([cell], scan.words)
    for block in [*layout.blocks, *layout.headers, *layout.footers]:
        if isinstance(block, Paragraph):
            _map(block, scans.get(block.page))
        elif isinstance(block, Table):
            _map(block, scans.get(block.pages[0]) if block.pages else None)
            for cell in block.cells:
                _map(cell, scans.get(cell.page))


def _map(holder, scan: Optional[ScanPage]) -> None:
    if scan is not None and holder.bbox is not None and (scan.geometry.quarter or scan.geometry.skew):
        holder.bbox = scan.to_display(holder.bbox)
