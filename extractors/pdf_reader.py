"""PDF -> LayoutDocument with pdfplumber.

Per page: ruled tables (pdfplumber's default lines strategy) and the text lines outside them, in
reading order by vertical position. Pages whose text runs sideways are turned upright first.
Across pages: running headers/footers (page numbers, repeated lines) are moved to
headers/footers; a table continued on the next page is stitched into one (pdf_tables); lines join
into paragraphs (pdf_text). Pages without a text layer (scans), and pages whose text layer is
garbage (lang.garbled: Kazakh letters mapped to Latin look-alikes), are read by OCR with their ruled
tables rebuilt into cells (extractors.scan_reader); a good text layer, a scanner's OCR included, is
used as it is. Mixed PDFs are decided page by page.

pdfplumber's text strategy is not used: it invents columns from any aligned words (a letterhead,
a signature line). On pages without ruled tables, plan tables printed without ruling are found by
the guarded detector of pdf_unruled (it fires only under a recognised plan header); other text
stays as lines and paragraphs, in reading order.
"""
from __future__ import annotations

import io
import math
from collections import Counter

import pdfplumber
from pdfplumber.page import Page

from extractors.scan_reader import finish as finish_scans, read_pdf_scans
from extractors.scan_words import add_word_tables
from extractors.assemble import PageContent, assemble
from extractors.pdf_objects import LeanPage
from extractors.pdf_tables import page_table
from extractors.pdf_unruled import find_tables as find_unruled_tables
from extractors.pdf_side_columns import attach_side_columns
from extractors.pdf_text import chars_to_lines
from extractors.safety import MAX_PDF_PAGES, PDF_MEDIA_TYPE, check_common, check_pdf_header, failed, flag
from lang.garbled import is_garbled
from schemas.layout import LayoutDocument
from schemas.records import Flag

# ---------------------------------------------------------------------- one page
def _char_angle_of(a: float, b: float) -> int:
    """The text direction of a char's matrix (a, b, ...), to the nearest quarter turn."""
    return round(math.degrees(math.atan2(b, a)) / 90) * 90 % 360


def upright(pdf: pdfplumber.PDF, page: Page) -> Page:
    """A page whose text mostly runs sideways or upside down (a landscape page printed turned,
    or a page with a /Rotate that does not match its content) re-opened with the rotation that
    makes it read left to right. pdfminer applies /Rotate to every coordinate, so tables follow."""
    chars = page.chars
    if not chars:
        return page
    angles: Counter = Counter()
    for (a, b), n in Counter((c["matrix"][0], c["matrix"][1]) for c in chars).items():  # angle per distinct matrix
        angles[_char_angle_of(a, b)] += n
    angle, count = angles.most_common(1)[0]
    if angle == 0 or count < len(chars) / 2:
        return page
    obj = page.page_obj
    obj.rotate = (page.rotation + angle) % 360
    obj.attrs["Rotate"] = obj.rotate
    return LeanPage(pdf, obj, page_number=page.page_number, initial_doctop=page.initial_doctop)


def _is_white(color) -> bool:
    """White in gray (1), RGB (1, 1, 1) or CMYK (0, 0, 0, 0)."""
    values = (color,) if isinstance(color, (int, float)) else tuple(color or ())
    if len(values) in (1, 3):
        return min(values) >= 0.99
    return len(values) == 4 and max(values) <= 0.01


def _invisible_rect(obj: dict) -> bool:
    """A white rectangle filled without a stroke: the background of a text line or paragraph (Word's
    shading, a converter's text highlight). On white paper nobody sees it, but its edges would cut a
    ruled cell into one row a line."""
    return (obj.get("object_type") == "rect" and bool(obj.get("fill")) and not obj.get("stroke")
            and _is_white(obj.get("non_stroking_color")))


def visible_ruling(page: Page) -> Page:
    """The page without invisible rectangles, unless white cells are laid over a dark one (a grid
    drawn as a dark background with white cells on it: there the white edges are the rules)."""
    rects = page.rects
    white = [r for r in rects if _invisible_rect(r)]
    if not white:
        return page
    dark = [r for r in rects if r.get("fill") and not _is_white(r.get("non_stroking_color"))
            and r["width"] > 3 and r["height"] > 3]
    if any(d["x0"] <= w["x0"] and d["x1"] >= w["x1"] and d["top"] <= w["top"] and d["bottom"] >= w["bottom"]
           for w in white for d in dark):
        return page
    return page.filter(lambda obj: not _invisible_rect(obj))


def read_page(pdf: pdfplumber.PDF, page: Page, number: int) -> PageContent:
    page = visible_ruling(upright(pdf, page))
    content = PageContent(number=number, width=float(page.width), height=float(page.height))
    chars = page.chars
    content.has_text = any(c["text"].strip() for c in chars)
    for found in page.find_tables():
        pt = page_table(found, chars, number)
        if pt is not None and pt.table.n_rows * pt.table.n_cols > 1:
            content.tables.append(pt)
    boxes = [(t.table.bbox.x0, t.table.bbox.top, t.table.bbox.x1, t.table.bbox.bottom) for t in content.tables]
    outside = [c for c in chars if not any(_inside(c, b) for b in boxes)]
    content.lines = attach_side_columns(content.tables, chars_to_lines(outside, number))
    texts = [l.text for l in content.lines] + [c.text for t in content.tables for c in t.table.cells]
    if content.has_text and is_garbled("\n".join(texts)):  # read by OCR instead
        content.has_text, content.garbled, content.lines, content.tables = False, True, [], []
    return content


def _inside(obj: dict, bbox: tuple[float, float, float, float]) -> bool:
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


# ---------------------------------------------------------------------- the document
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
            page = LeanPage.of(page)  # the same objects as pdfplumber's page, read faster
            try:
                pages.append(read_page(pdf, page, number))
            except Exception as exc:  # one damaged page must not lose the others
                layout.flags.append(flag("page_failed", f"{type(exc).__name__}: {exc}", f"page {number}"))
            finally:
                page.close()  # frees pdfplumber's per-page caches: flat memory on long files
    add_unruled_tables(pages)
    blank = [p for p in pages if not p.has_text]
    scans = {}
    if blank:
        scans, ocr_flags = ocr_blank_pages(data, blank)
        layout.flags.extend(ocr_flags)
        add_unruled_tables(blank)  # scanned pages without ruling: tables from the OCR'd words
    layout = assemble(pages, layout)
    finish_scans(layout, scans)
    return layout


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


def ocr_blank_pages(data: bytes, blank: list[PageContent]) -> tuple[dict, list[Flag]]:
    """Pages without a (real) text layer get their lines and ruled tables from OCR; those still
    without text after it keep the no_text_layer flag, followed by the OCR flags saying why.
    Returns the scanned pages (extractors.scan_page.ScanPage by number) and the flags."""
    scans, report = read_pdf_scans(data, [p.number for p in blank], garbled=[p.number for p in blank if p.garbled])
    for p in blank:
        scan = scans.get(p.number)
        if scan is not None:
            p.width, p.height = scan.content.width, scan.content.height  # a page turned upright swaps them
            p.lines, p.tables, p.has_text = scan.content.lines, scan.content.tables, scan.content.has_text
    # photos: rules seen, no grid made of them; tables from the words' positions
    report.from_words = add_word_tables(blank, {n for n, scan in scans.items() if scan.ruling_unread})
    ocr_flags = report.flags()
    empty = [p.number for p in blank if not p.lines and not p.tables]
    if not empty:
        return scans, ocr_flags
    return scans, [flag("no_text_layer", "pages without a text layer (scans?) and without text from OCR",
                        f"pages {_ranges(empty)}"), *ocr_flags]
