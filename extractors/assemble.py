"""Page contents -> LayoutDocument: the assembly shared by every reader that sees pages (PDF text layers,
OCR'd scans and images).

Running headers/footers (page numbers, repeated lines) are moved apart; lines join into paragraphs
(pdf_text); a table continued on the next page is stitched into one (pdf_tables); line-end hyphens are
settled with the whole document's compounds in view.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

from extractors.pdf_tables import PageTable, same_columns, stitch
from extractors.pdf_text import (
    Line, compound_first_parts, continues, join_text, resolve_hyphens, running_lines, typical_gap,
)
from extractors.safety import PDF_MEDIA_TYPE
from schemas.layout import BBox, LayoutDocument, Paragraph, Table

Item = Union[Line, PageTable]


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    has_text: bool = True
    garbled: bool = False  # a text layer that is not real text (lang.garbled): read by OCR instead

    def items(self, skip: set[int]) -> list[Item]:
        body: list[Item] = [l for l in self.lines if id(l) not in skip]
        return sorted(body + self.tables, key=lambda it: it.top)


def _bbox(line: Line) -> BBox:
    return BBox(x0=line.x0, top=line.top, x1=line.x1, bottom=line.bottom)


def _union(a: BBox, line: Line) -> BBox:
    return BBox(x0=min(a.x0, line.x0), top=min(a.top, line.top), x1=max(a.x1, line.x1), bottom=max(a.bottom, line.bottom))


def line_confidence(line: Line) -> Optional[float]:
    """Mean OCR confidence of a line's words (None for a text layer, whose words carry none)."""
    confs = [w["conf"] for w in line.words if w.get("conf") is not None]
    return round(sum(confs) / len(confs), 1) if confs else None


def _lowest(a: Optional[float], b: Optional[float]) -> Optional[float]:
    return b if a is None else a if b is None else min(a, b)


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
                para.confidence = _lowest(para.confidence, line_confidence(line))
                self.last_line, self.last_bottom = line, (line.page, line.bottom)
                return
        self.blocks.append(Paragraph(text=line.text, page=line.page, bbox=_bbox(line),
                                     confidence=line_confidence(line)))
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
