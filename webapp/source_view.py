"""The source beside a measure's fields: the page image with the row's and cells' boxes (PDF, scans, images),
the rendered text or DOCX table with the row highlighted, and the original bytes.

Page images are rendered once with pypdfium2 (pdfplumber's renderer) and cached on disk as PNG by document,
page and dpi. Boxes are PDF points, origin top-left, on the page as displayed (schemas.records.BBox), so
the overlay is an SVG whose viewBox is the page in points: no JavaScript, no inline style. Image documents
(photographed or scanned letters) are their own page, sized in points at the dpi the OCR reader used.
"""
from __future__ import annotations

import hashlib
import io
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PAGE_DPI = int(os.environ.get("JOSPAR_WEB_PAGE_DPI", "110"))
MAX_PAGE = 2000
TEXT_WINDOW = 1500  # characters shown around a text measure
_RENDER_LOCK = threading.Lock()  # pdfium is not thread-safe


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    kind: str  # "row" or "cell"
    label: str
    low: bool  # OCR confidence under the threshold


@dataclass
class SourceView:
    kind: str  # "page", "text", "table", "none"
    page: int | None = None
    width: float = 0.0
    height: float = 0.0
    boxes: list[Box] = field(default_factory=list)
    segments: list[tuple[str, str]] = field(default_factory=list)  # (text, css class) of the text view
    table: list[list[tuple[str, str]]] = field(default_factory=list)  # rows of (cell text, css class)
    note: str = ""


def original_path(document: dict[str, Any]) -> Path | None:
    """The stored original bytes: the raw store's copy, else the path extraction read (CLI runs)."""
    for candidate in (document.get("raw_path"), document.get("path")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def kind_of(document: dict[str, Any]) -> str:
    media = (document.get("media_type") or "").lower()
    if media == "application/pdf":
        return "pdf"
    if media.startswith("image/"):
        return "image"
    if "wordprocessingml" in media:
        return "docx"
    if media.startswith("text/"):
        return "text"
    return "other"


def _digest(path: Path) -> str:
    stat = path.stat()
    return hashlib.sha256(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]


class PageImages:
    """Rendered pages, cached on disk under cache_dir/<document_id>/<page>-<dpi>.png."""

    def __init__(self, cache_dir: Path, dpi: int = PAGE_DPI) -> None:
        self.cache_dir = Path(cache_dir)
        self.dpi = dpi

    def png(self, document: dict[str, Any], page: int) -> bytes | None:
        path = original_path(document)
        if path is None or not 1 <= page <= MAX_PAGE:
            return None
        target = self.cache_dir / document["document_id"] / f"{page}-{self.dpi}-{_digest(path)}.png"
        if target.is_file():
            return target.read_bytes()
        data = self._render(path, kind_of(document), page)
        if data is None:
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        temp.write_bytes(data)
        os.replace(temp, target)  # atomic: a parallel request never reads half a file
        return data

    def size_points(self, document: dict[str, Any], page: int) -> tuple[float, float] | None:
        """(width, height) of the page as displayed, in points."""
        path = original_path(document)
        if path is None:
            return None
        kind = kind_of(document)
        try:
            if kind == "pdf":
                return _with_pdf_page(path, page, _displayed_size)
            if kind == "image":
                frame, dpi = self._frame(path, page)
                return (frame.width * 72 / dpi, frame.height * 72 / dpi) if frame else None
        except Exception:  # a damaged original: the page view is left out, the fields still show
            return None
        return None

    @staticmethod
    def _frame(path: Path, page: int):
        from PIL import Image, ImageSequence

        from extractors.image_reader import page_dpi
        from extractors.ocr import image_dpi

        image = Image.open(path)
        for k, frame in enumerate(ImageSequence.Iterator(image), 1):
            if k == page:
                declared = image_dpi(frame.info) if "dpi" in frame.info else None
                return frame.copy(), page_dpi(frame.width, declared)
        return None, 0

    def _render(self, path: Path, kind: str, page: int) -> bytes | None:
        out = io.BytesIO()
        try:
            if kind == "pdf":
                image = _with_pdf_page(path, page, lambda p: p.render(scale=self.dpi / 72).to_pil())
                if image is None:
                    return None
                image.save(out, format="PNG", optimize=False)
            elif kind == "image":
                frame, _dpi = self._frame(path, page)
                if frame is None:
                    return None
                frame.convert("RGB").save(out, format="PNG")
            else:
                return None
        except Exception:
            return None
        return out.getvalue()


def _with_pdf_page(path: Path, page: int, use):
    """`use(page)` on page `page` (1-based) of the PDF, or None when it has no such page."""
    import pypdfium2 as pdfium

    with _RENDER_LOCK:
        pdf = pdfium.PdfDocument(str(path))
        try:
            return use(pdf[page - 1]) if 1 <= page <= len(pdf) else None
        finally:
            pdf.close()


def _displayed_size(p) -> tuple[float, float]:
    width, height = p.get_size()
    return (height, width) if p.get_rotation() in (90, 270) else (width, height)


def _box(row: dict[str, Any], kind: str, label: str, threshold: float) -> Box | None:
    if row.get("bbox_x0") is None:
        return None
    confidence = row.get("confidence")
    return Box(x=row["bbox_x0"], y=row["bbox_top"], width=max(0.5, row["bbox_x1"] - row["bbox_x0"]),
               height=max(0.5, row["bbox_bottom"] - row["bbox_top"]), kind=kind, label=label,
               low=confidence is not None and confidence < threshold)


def page_view(images: PageImages, document: dict, measure: dict, cells: list[dict], threshold: float) -> SourceView:
    page = measure.get("page") or next((c["page"] for c in cells if c.get("page")), None)
    if page is None:
        return SourceView("none", note="no page is recorded for this measure")
    size = images.size_points(document, page)
    if size is None:
        return SourceView("none", page=page, note="the original file is not available to render")
    boxes = [b for b in [_box(measure, "row", "row", threshold)] +
             [_box(c, "cell", c["field"], threshold) for c in cells if c.get("page") in (None, page)] if b]
    return SourceView("page", page=page, width=size[0], height=size[1], boxes=boxes)


def text_view(data: bytes, measure: dict, cells: list[dict], threshold: float) -> SourceView:
    from extractors.text import source_text

    text = source_text(data)
    start, end = measure.get("span_start"), measure.get("span_end")
    if start is None:
        return SourceView("none", note="no character span is recorded for this measure")
    low, high = max(0, start - TEXT_WINDOW // 3), min(len(text), end + TEXT_WINDOW // 3)
    marks = [(start, end, "row")] + [(c["span_start"], c["span_end"], "cell low" if (c.get("confidence") or 100)
                                      < threshold else "cell") for c in cells if c.get("span_start") is not None]
    cuts = sorted({low, high, *[p for s, e, _ in marks for p in (s, e) if low <= p <= high]})
    segments = []
    for a, b in zip(cuts, cuts[1:]):
        classes = sorted({cls for s, e, cls in marks if s <= a and b <= e})
        segments.append((text[a:b], " ".join(classes)))
    return SourceView("text", segments=segments)


def docx_view(data: bytes, measure: dict) -> SourceView:
    from extractors.docx_reader import read_docx
    from schemas.layout import Table

    table_index, row_index = measure.get("table"), measure.get("row")
    if table_index is None:
        return SourceView("none", note="no table row is recorded for this measure")
    layout = read_docx(data)
    table = next((b for b in layout.blocks if isinstance(b, Table) and b.index == table_index), None)
    if table is None:
        return SourceView("none", note="the table is not in the original any more")
    grid = table.matrix(fill_merged=False)
    first = max(0, (row_index or 0) - 3)
    rows = []
    for r in range(first, min(len(grid), (row_index or 0) + 4)):
        css = "row" if r == row_index else ""
        rows.append([(cell or "", css) for cell in grid[r]])
    return SourceView("table", table=rows, note=f"table {table_index + 1}, rows {first + 1}–{first + len(rows)}")


def source_view(images: PageImages, document: dict, measure: dict, cells: list[dict], threshold: float) -> SourceView:
    kind = kind_of(document)
    if kind in ("pdf", "image"):
        return page_view(images, document, measure, cells, threshold)
    path = original_path(document)
    if path is None:
        return SourceView("none", note="the original file is not available")
    try:
        if kind == "text":
            return text_view(path.read_bytes(), measure, cells, threshold)
        if kind == "docx":
            return docx_view(path.read_bytes(), measure)
    except Exception:  # a damaged or changed original must not break the measure page
        return SourceView("none", note="the original file could not be read again")
    return SourceView("none", note="this format has no rendered view; download the original")
