"""Ruled tables of a PDF page as layout Tables with spans, and tables stitched across pages.

pdfplumber's lines strategy returns the cell rectangles of a table; a merged cell is one rectangle
covering several grid columns/rows (its other positions come back None). Spans are counted
against the table's grid: the distinct left edges (columns) and top edges (rows).

Stitching: a table that ends a page and a table that starts the next one, with the same column
edges, are one table. Header rows the writer repeated are dropped, and a row cut by the page break
(its number cell empty in the continuation) is merged back into the row above.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Optional

from extractors.pdf_text import cell_text, chars_to_lines, join_text
from schemas.layout import BBox, Cell, Table

EDGE_TOLERANCE = 3.0  # points: column edges that match across pages
CELL_PADDING = 4.0  # points: a wrapped line ends this close to the cell's right border
MAX_REPEATED_HEADER_ROWS = 3
SENTENCE_END = re.compile(r"[.;:!?]$")


@dataclass
class PageTable:
    table: Table
    page: int
    top: float
    bottom: float
    col_edges: list[float]  # left edges of the grid columns and the right edge of the last one
    row_pages: list[int] = field(default_factory=list)
    # scans: column edges match as shares of the table's width within this (a photographed page
    # is framed and scaled anew, and its rules wobble); None for a text layer's exact edges
    edge_tolerance: Optional[float] = None
    # the first row is a row of its own whose number was lost, not the rest of the last page's row
    # (scans: extractors.scan_words.split_lost_rows counts it from the numbers around)
    whole_first_row: bool = False


def _inside(obj: dict, bbox: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return bbox[0] <= x < bbox[2] and bbox[1] <= y < bbox[3]


def _span(edges: list[float], start: float, end: float) -> int:
    """How many grid edges lie in [start, end): the number of grid tracks a rectangle covers."""
    return max(bisect_left(edges, end - 0.5) - bisect_left(edges, start - 0.5), 1)


def page_table(found, chars: list[dict], page: int) -> Optional[PageTable]:
    """One pdfplumber Table -> PageTable with cell texts and spans."""
    rects = found.cells
    if not rects:
        return None
    xs = sorted({round(r[0], 1) for r in rects})
    tops = sorted({round(r[1], 1) for r in rects})
    x0, top, x1, bottom = found.bbox
    # each char goes to the cell covering its grid position: O(chars log cells), not chars x cells
    cover: dict[tuple[int, int], int] = {}
    spans = []
    for k, (cx0, ctop, cx1, cbottom) in enumerate(rects):
        row, col = tops.index(round(ctop, 1)), xs.index(round(cx0, 1))
        row_span, col_span = _span(tops + [bottom], ctop, cbottom), _span(xs + [x1], cx0, cx1)
        spans.append((row, col, row_span, col_span))
        for r in range(row, row + row_span):
            for c in range(col, col + col_span):
                cover[(r, c)] = k
    members: list[list[dict]] = [[] for _ in rects]
    bbox = found.bbox  # a property pdfplumber recomputes from every cell on each call
    for ch in chars:
        if not _inside(ch, bbox):
            continue
        mid_x, mid_y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        k = cover.get((bisect_right(tops, mid_y + 0.05) - 1, bisect_right(xs, mid_x + 0.05) - 1))
        if k is not None and _inside(ch, rects[k]):
            members[k].append(ch)
    cells = []
    for rect, (row, col, row_span, col_span), inside in zip(rects, spans, members):
        cx0, ctop, cx1, cbottom = rect
        lines = chars_to_lines(inside, page)
        cells.append(Cell(
            text=cell_text(lines, cx0 + CELL_PADDING, cx1 - CELL_PADDING),
            row=row, col=col, row_span=row_span, col_span=col_span,
            bbox=BBox(x0=cx0, top=ctop, x1=cx1, bottom=cbottom), page=page,
        ))
    cells.sort(key=lambda c: (c.row, c.col))
    table = Table(n_rows=len(tops), n_cols=len(xs), cells=cells, pages=[page], row_lines=[page] * len(tops),
                  bbox=BBox(x0=x0, top=top, x1=x1, bottom=bottom))
    return PageTable(table=table, page=page, top=top, bottom=bottom, col_edges=xs + [x1])


# ---------------------------------------------------------------------- stitching
def same_columns(a: PageTable, b: PageTable) -> bool:
    if len(a.col_edges) != len(b.col_edges):
        return _widen_to(a, b)
    if all(abs(p - q) <= EDGE_TOLERANCE for p, q in zip(a.col_edges, b.col_edges)):
        return True
    tolerance = max(a.edge_tolerance or 0.0, b.edge_tolerance or 0.0)
    return bool(tolerance) and all(abs(p - q) <= tolerance for p, q in zip(_shares(a.col_edges), _shares(b.col_edges)))


def _widen_to(a: PageTable, b: PageTable) -> bool:
    """A continuation whose columns are the last columns of the table above, edge for edge (the first
    columns hold cells merged down from the page before, drawn without their rules): its cells are
    moved under those columns, and it is stitched like a continuation of the same columns."""
    k = len(a.col_edges) - len(b.col_edges)
    if k <= 0 or a.edge_tolerance or b.edge_tolerance:
        return False
    if not all(abs(p - q) <= EDGE_TOLERANCE for p, q in zip(a.col_edges[k:], b.col_edges)):
        return False
    table = b.table
    for c in table.cells:
        c.col += k
    table.n_cols += k
    b.col_edges = list(a.col_edges)
    return True


def _shares(edges: list[float]) -> list[float]:
    """Column edges as shares of the table's width, from its left edge."""
    width = max(edges[-1] - edges[0], 1e-6)
    return [(e - edges[0]) / width for e in edges]


def _norm(text: Optional[str]) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()


def _head(table: Table, n: int) -> list[list[str]]:
    """The first n rows of table.matrix(), normalised, from the cells starting in them only: a table
    stitched over hundreds of pages is not laid out again for every page."""
    head = Table(n_rows=min(n, table.n_rows), n_cols=table.n_cols, cells=[c for c in table.cells if c.row < n])
    return [[_norm(t) for t in row] for row in head.matrix()]


def repeated_header_rows(first: Table, cont: Table) -> int:
    """How many leading rows of the continuation repeat the first table's leading rows."""
    k = 0
    limit = min(MAX_REPEATED_HEADER_ROWS, first.n_rows - 1, cont.n_rows)
    first_rows, cont_rows = _head(first, limit), _head(cont, limit)
    while k < limit and any(cont_rows[k]) and cont_rows[k] == first_rows[k]:
        k += 1
    return k


def _drop_rows(table: Table, k: int) -> Table:
    """The table without its first k rows (cells reaching into the kept rows are cut to fit)."""
    cells = []
    for c in table.cells:
        end = c.row + c.row_span
        if end <= k:
            continue
        start = max(c.row, k)
        cells.append(c.model_copy(update={"row": start - k, "row_span": end - start}))
    return table.model_copy(update={"cells": cells, "n_rows": table.n_rows - k, "row_lines": table.row_lines[k:]})


def _covering(table: Table, row: int, col: int) -> Optional[Cell]:
    for c in table.cells:
        if c.row <= row < c.row + c.row_span and c.col <= col < c.col + c.col_span:
            return c
    return None


def is_broken_row(first: Table, cont: Table) -> bool:
    """The continuation's first row has an empty number (first) cell but text elsewhere: the
    page break cut the row above in two (a row's number is printed in its first line)."""
    if cont.n_rows == 0 or first.n_rows == 0 or first.n_cols < 2:
        return False
    head = cont.matrix()[0]
    return head[0] is not None and not _norm(head[0]) and any(_norm(t) for t in head[1:])


def _glue(before: str, after: str) -> str:
    """Texts either side of a page break inside one cell."""
    if not before:
        return after
    if not after:
        return before
    if after[:1].islower() or not SENTENCE_END.search(before):
        return join_text(before, after)
    return f"{before}\n{after}"


def merge_tables(first: Table, cont: Table, whole_first_row: bool = False) -> Table:
    cont = _drop_rows(cont, repeated_header_rows(first, cont))
    last = first.n_rows - 1  # only cells reaching the last row may take text from the next page: copied
    cells = [c.model_copy() if c.row + c.row_span > last else c for c in first.cells]
    merged = first.model_copy(update={"cells": cells})
    if not whole_first_row and is_broken_row(first, cont):
        for c in cont.cells:
            if c.row == 0 and c.text:
                target = _covering(merged, first.n_rows - 1, c.col)
                if target is not None:
                    target.text = _glue(target.text, c.text)
                    target.tables.extend(c.tables)
        cont = _drop_rows(cont, 1)
    offset = first.n_rows
    merged.cells.extend(c.model_copy(update={"row": c.row + offset}) for c in cont.cells)
    merged.n_rows = first.n_rows + cont.n_rows
    merged.row_lines = first.row_lines + cont.row_lines
    merged.pages = sorted(set(first.pages) | set(cont.pages))
    return merged


def stitch(first: PageTable, cont: PageTable) -> PageTable:
    table = merge_tables(first.table, cont.table, cont.whole_first_row)
    # page = the last page the table reaches: the next continuation must start on the one after
    return PageTable(table=table, page=cont.page, top=first.top, bottom=cont.bottom, col_edges=first.col_edges,
                     edge_tolerance=first.edge_tolerance)
