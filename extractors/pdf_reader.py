"""PDF -> LayoutDocument with pdfplumber.

Per page: ruled tables (pdfplumber's default lines strategy) and the text lines outside them, in
reading order by vertical position. Pages whose text runs sideways are turned upright first.
Across pages: running headers/footers (page numbers, repeated lines) are moved to
headers/footers; a table continued on the next page is stitched into one (pdf_tables); lines join
into paragraphs (pdf_text). Pages without a text layer (scans) are read by OCR (extractors.ocr).

pdfplumber's text strategy is not used: it invents columns from any aligned words (a letterhead,
a signature line). On pages without ruled tables, plan tables printed without ruling are found by
the guarded detector of pdf_unruled (it fires only under a recognised plan header); other text
stays as lines and paragraphs, in reading order.
"""
from __future__ import annotations

import io
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional, Union

import pdfplumber
from pdfplumber.page import Page

from extractors.ocr import ocr_pdf_pages
from extractors.pdf_tables import PageTable, page_table, same_columns, stitch
from extractors.pdf_unruled import find_tables as find_unruled_tables
from extractors.pdf_text import (
    Line, chars_to_lines, compound_first_parts, continues, join_text, resolve_hyphens, running_lines, typical_gap,
)
from extractors.safety import MAX_PDF_PAGES, PDF_MEDIA_TYPE, check_common, check_pdf_header, failed, flag
from schemas.layout import BBox, LayoutDocument, Paragraph, Table
from schemas.records import Flag

Item = Union[Line, PageTable]


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    has_text: bool = True

    def items(self, skip: set[int]) -> list[Item]:
        body: list[Item] = [l for l in self.lines if id(l) not in skip]
        return sorted(body + self.tables, key=lambda it: it.top)


# ---------------------------------------------------------------------- one page
def _char_angle(char: dict) -> int:
    a, b = char["matrix"][0], char["matrix"][1]
    return round(math.degrees(math.atan2(b, a)) / 90) * 90 % 360


def upright(pdf: pdfplumber.PDF, page: Page) -> Page:
    """A page whose text mostly runs sideways or upside down (a landscape page printed turned,
    or a page with a /Rotate that does not match its content) re-opened with the rotation that
    makes it read left to right. pdfminer applies /Rotate to every coordinate, so tables follow."""
    chars = page.chars
    if not chars:
        return page
    angle, count = Counter(_char_angle(c) for c in chars).most_common(1)[0]
    if angle == 0 or count < len(chars) / 2:
        return page
    obj = page.page_obj
    obj.rotate = (page.rotation + angle) % 360
    obj.attrs["Rotate"] = obj.rotate
    return Page(pdf, obj, page_number=page.page_number, initial_doctop=page.initial_doctop)


def read_page(pdf: pdfplumber.PDF, page: Page, number: int) -> PageContent:
    page = upright(pdf, page)
    content = PageContent(number=number, width=float(page.width), height=float(page.height))
    chars = page.chars
    content.has_text = any(c["text"].strip() for c in chars)
    for found in page.find_tables():
        pt = page_table(found, chars, number)
        if pt is not None and pt.table.n_rows * pt.table.n_cols > 1:
            content.tables.append(pt)
    boxes = [(t.table.bbox.x0, t.table.bbox.top, t.table.bbox.x1, t.table.bbox.bottom) for t in content.tables]
    outside = [c for c in chars if not any(_inside(c, b) for b in boxes)]
    content.lines = chars_to_lines(outside, number)
    return content


def _inside(obj: dict, bbox: tuple[float, float, float, float]) -> bool:
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


# ---------------------------------------------------------------------- the document
def _bbox(line: Line) -> BBox:
    return BBox(x0=line.x0, top=line.top, x1=line.x1, bottom=line.bottom)


def _union(a: BBox, line: Line) -> BBox:
    return BBox(x0=min(a.x0, line.x0), top=min(a.top, line.top), x1=max(a.x1, line.x1), bottom=max(a.bottom, line.bottom))


def text_area(pages: list[PageContent], skip: set[int]) -> tuple[dict[int, float], dict[int, float]]:
    """Left and right edge of the text area per page: where full lines start and end. Taken over
    all pages of one size and orientation (lines and tables), since one page may hold only a few
    short lines."""
    extent: dict[tuple[int, int], list[float]] = {}
    for p in pages:
        xs = [(l.x0, l.x1) for l in p.lines if id(l) not in skip]
        xs += [(t.table.bbox.x0, t.table.bbox.x1) for t in p.tables if t.table.bbox]
        if xs:
            box = extent.setdefault((round(p.width), round(p.height)), [p.width, 0.0])
            box[0] = min(box[0], min(x0 for x0, _ in xs))
            box[1] = max(box[1], max(x1 for _, x1 in xs))
    left, right = {}, {}
    for p in pages:
        x0, x1 = extent.get((round(p.width), round(p.height)), [0.0, p.width])
        # few short lines say little about the right margin: assume margins mirror each other
        left[p.number], right[p.number] = x0, max(x1, p.width - x0)
    return left, right


class _Assembler:
    """Walks the page items in order, stitching tables and joining lines into paragraphs."""

    def __init__(self, pages: list[PageContent], skip: set[int]):
        self.pages = pages
        self.skip = skip
        body = [l for p in pages for l in p.lines if id(l) not in skip]
        self.gap, self.height = typical_gap(body)
        self.left, self.right = text_area(pages, skip)
        self.blocks: list[Union[Paragraph, Table]] = []
        self.last_line: Optional[Line] = None
        self.last_table: Optional[PageTable] = None
        self.last_bottom: tuple[int, float] = (0, 0.0)  # (page, bottom) of the last item placed

    def _visual_break(self, page: int, top: float) -> bool:
        """Extra space above an item, as an empty line leaves (also around tables)."""
        last_page, last_bottom = self.last_bottom
        return bool(self.blocks) and page == last_page and top - last_bottom > self.gap + 0.6 * self.height

    def add_line(self, line: Line) -> None:
        prev, para = self.last_line, self.blocks[-1] if self.blocks else None
        if self._visual_break(line.page, line.top):
            self.blocks.append(Paragraph(text="", page=line.page))
        elif prev is not None and isinstance(para, Paragraph) and para.text:
            if continues(prev, line, self.left[prev.page], self.right[prev.page]):
                para.text = join_text(para.text, line.text)
                if line.page == para.page:
                    para.bbox = _union(para.bbox, line)
                self.last_line, self.last_bottom = line, (line.page, line.bottom)
                return
        self.blocks.append(Paragraph(text=line.text, page=line.page, bbox=_bbox(line)))
        self.last_line, self.last_table, self.last_bottom = line, None, (line.page, line.bottom)

    def add_table(self, pt: PageTable, first_on_page: bool) -> None:
        prev = self.last_table
        if prev is not None and first_on_page and pt.page == prev.page + 1 and same_columns(prev, pt):
            merged = stitch(prev, pt)
            self.blocks[-1] = merged.table
            self.last_table = merged
        else:
            if self._visual_break(pt.page, pt.top):
                self.blocks.append(Paragraph(text="", page=pt.page))
            self.blocks.append(pt.table)
            self.last_table, self.last_line = pt, None
        self.last_bottom = (pt.page, pt.bottom)

    def run(self) -> list[Union[Paragraph, Table]]:
        for page in self.pages:
            items = page.items(self.skip)
            for k, item in enumerate(items):
                if isinstance(item, PageTable):
                    self.add_table(item, first_on_page=(k == 0))
                else:
                    self.add_line(item)
            # a table continues on the next page only if nothing follows it on its own page
            if items and not isinstance(items[-1], PageTable):
                self.last_table = None
        for index, table in enumerate(b for b in self.blocks if isinstance(b, Table)):
            table.index = index
        return self.blocks


def _is_encryption_error(exc: BaseException) -> bool:
    chain = [exc, *getattr(exc, "args", ()), exc.__cause__, exc.__context__]
    return any(isinstance(e, BaseException) and ("Password" in type(e).__name__ or "Encrypt" in type(e).__name__)
               for e in chain)


def _ranges(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:20])) + (" ..." if len(numbers) > 20 else "")


def read_pdf(data: bytes, *, max_pages: int = MAX_PDF_PAGES) -> LayoutDocument:
    """Never raises: bad bytes give a LayoutDocument with a flag saying why."""
    problem = check_common(data) or check_pdf_header(data)
    if problem:
        return LayoutDocument(media_type=PDF_MEDIA_TYPE, flags=[problem])
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        if _is_encryption_error(exc):
            return failed(PDF_MEDIA_TYPE, "encrypted", "the PDF is encrypted and needs a password")
        return failed(PDF_MEDIA_TYPE, "corrupt", f"the PDF could not be opened: {type(exc).__name__}: {exc}")
    layout = LayoutDocument(media_type=PDF_MEDIA_TYPE)
    with pdf:
        try:
            n_pages = len(pdf.pages)
        except Exception as exc:
            return failed(PDF_MEDIA_TYPE, "corrupt", f"the PDF page tree could not be read: {type(exc).__name__}: {exc}")
        layout.n_pages = n_pages
        if n_pages > max_pages:
            layout.flags.append(flag("too_many_pages", f"{n_pages} pages; only the first {max_pages} were read"))
        pages: list[PageContent] = []
        for number, page in enumerate(pdf.pages[:max_pages], start=1):
            try:
                pages.append(read_page(pdf, page, number))
            except Exception as exc:  # one damaged page must not lose the others
                layout.flags.append(flag("page_failed", f"{type(exc).__name__}: {exc}", f"page {number}"))
            finally:
                page.close()  # frees pdfplumber's per-page caches: flat memory on long files
    add_unruled_tables(pages)
    blank = [p for p in pages if not p.has_text]
    if blank:
        layout.flags.extend(ocr_blank_pages(data, blank))
    return assemble(pages, layout)


def add_unruled_tables(pages: list[PageContent]) -> None:
    """Unruled plan tables on pages without ruled ones (those are left exactly as they were);
    a table reaching a page's bottom may continue at the top of the next page."""
    carry = None
    for p in pages:
        if p.tables or not p.has_text:
            carry = None
            continue
        try:
            found, used = find_unruled_tables(p.lines, p.number, p.height, carry)
        except Exception:  # the detector is an extra: on any surprise the page keeps its plain lines
            found, used = [], set()
        p.tables.extend(found)
        p.lines = [l for l in p.lines if id(l) not in used]
        carry = found[-1].columns if found and found[-1].open_at_bottom else None


def ocr_blank_pages(data: bytes, blank: list[PageContent]) -> list[Flag]:
    """Pages without a text layer (scans) get their lines from OCR; those still without text
    after it keep the no_text_layer flag, followed by the ocr_* flags saying why."""
    found, ocr_flags = ocr_pdf_pages(data, [(p.number, p.width) for p in blank])
    for p in blank:
        p.lines = found.get(p.number, [])
    empty = [p.number for p in blank if not p.lines]
    if not empty:
        return ocr_flags
    return [flag("no_text_layer", "pages without a text layer (scans?) and without text from OCR",
                 f"pages {_ranges(empty)}"), *ocr_flags]


def assemble(pages: list[PageContent], layout: Optional[LayoutDocument] = None) -> LayoutDocument:
    """Lines and tables of all pages -> running headers/footers apart, paragraphs, stitched
    tables, settled hyphens (also used for OCR'd images: extractors.image_reader)."""
    layout = layout or LayoutDocument(media_type=PDF_MEDIA_TYPE, n_pages=len(pages))
    skip = running_lines([p.lines for p in pages], [p.height for p in pages])
    for p in pages:
        for line in p.lines:
            if id(line) in skip:
                target = layout.headers if line.top < p.height / 2 else layout.footers
                target.append(Paragraph(text=line.text, page=p.number, bbox=_bbox(line)))
    layout.blocks = _Assembler(pages, skip).run()
    settle_hyphens(layout)
    return layout


def _all_cells(tables: list[Table]):
    for table in tables:
        for cell in table.cells:
            yield cell
            yield from _all_cells(cell.tables)


def settle_hyphens(layout: LayoutDocument) -> None:
    """Decide every marked line-end hyphen with the whole document's compounds in view."""
    paragraphs = [b for b in layout.blocks if isinstance(b, Paragraph)] + layout.headers + layout.footers
    cells = list(_all_cells(layout.tables()))
    parts = compound_first_parts([p.text for p in paragraphs] + [c.text for c in cells])
    for holder in [*paragraphs, *cells]:
        holder.text = resolve_hyphens(holder.text, parts)
