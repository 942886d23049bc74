"""A column printed beside a ruled table without ruling of its own: the writer ruled only the first
columns ("Мазмұны" in a grid, "Мерзімі" and its dates typed to the right of it). pdfplumber's table
then stops at the last rule and the dates come back as lines after the table, each cut from its row.
Lines standing wholly to the right of a narrow table, inside its height, become its last column: each
in the row whose height holds its middle.

Only narrow tables (a few columns) with short lines beside two rows or more: a table with a note in the
margin keeps it as a line.
"""
from __future__ import annotations

from extractors.pdf_tables import PageTable
from extractors.pdf_text import Line, join_text
from schemas.layout import BBox, Cell

MAX_COLS = 3  # wider tables have their columns ruled
MAX_WORDS = 8  # a side cell holds a date, a term, a name: not prose
MIN_ROWS = 2
GAP = 2.0  # points: a side line starts at or after the table's right edge


def _row_ranges(pt: PageTable) -> list[tuple[float, float]]:
    """Top and bottom of each row, from the cells starting in it."""
    ranges: list[tuple[float, float]] = []
    for r in range(pt.table.n_rows):
        boxes = [c.bbox for c in pt.table.cells if c.row == r and c.row_span == 1 and c.bbox is not None]
        if not boxes:
            return []
        ranges.append((min(b.top for b in boxes), max(b.bottom for b in boxes)))
    return ranges


def _side_lines(pt: PageTable, lines: list[Line]) -> list[Line]:
    bbox = pt.table.bbox
    return [l for l in lines if l.x0 >= bbox.x1 - GAP and bbox.top <= (l.top + l.bottom) / 2 <= bbox.bottom]


def attach_side_columns(tables: list[PageTable], lines: list[Line]) -> list[Line]:
    """Give each narrow table the column of lines beside it; the lines left over are returned."""
    used: set[int] = set()
    for pt in tables:
        if pt.table.bbox is None or pt.table.n_cols > MAX_COLS:
            continue
        side = [l for l in _side_lines(pt, lines) if id(l) not in used]
        ranges = _row_ranges(pt)
        if not side or not ranges or any(len(l.text.split()) > MAX_WORDS for l in side):
            continue
        rows: dict[int, list[Line]] = {}
        for l in side:
            mid = (l.top + l.bottom) / 2
            r = next((k for k, (top, bottom) in enumerate(ranges) if top <= mid <= bottom), None)
            if r is not None:
                rows.setdefault(r, []).append(l)
        if len(rows) < MIN_ROWS:
            continue
        _add_column(pt, rows)
        used.update(id(l) for group in rows.values() for l in group)
    return [l for l in lines if id(l) not in used]


def _add_column(pt: PageTable, rows: dict[int, list[Line]]) -> None:
    table = pt.table
    k = table.n_cols
    x1 = max(l.x1 for group in rows.values() for l in group)
    for r in range(table.n_rows):
        if r not in rows:
            table.cells.append(Cell(text="", row=r, col=k, page=pt.page))
    for r, group in sorted(rows.items()):
        group.sort(key=lambda l: l.top)
        text = ""
        for l in group:
            text = join_text(text, l.text) if text else l.text
        table.cells.append(Cell(text=text, row=r, col=k, page=pt.page,
                                bbox=BBox(x0=min(l.x0 for l in group), top=group[0].top, x1=x1, bottom=group[-1].bottom)))
    table.cells.sort(key=lambda c: (c.row, c.col))
    table.n_cols = k + 1
    table.bbox = table.bbox.model_copy(update={"x1": x1})
    pt.col_edges = pt.col_edges + [x1]
