"""Tables printed without ruling lines (borderless Word tables, 1C/Excel exports, tab-typed text, and
fixed-width text through extractors.text_fixed), anywhere in a document.

Geometric: a table starts at a line (or 1-6 close lines read as a header) whose words split into at
least three blocks at gaps clearly wider than a space; those blocks guide the columns, whose
boundaries are moved into the free space between the body words below. A row-number column is
recognised from content (bare numbers opening the lines in the first column). Rows start at a row
number (or, without one, at extra vertical space); lines without a number continue the row, so
multi-line cells stay whole; a single block starting in the first column is a section heading. The
table ends at a line that crosses the columns, or at a big gap before a line that is not a new row;
a table reaching the page bottom continues on the next page when that page starts with lines
fitting the same columns (a repeated header is dropped).

pdfplumber's text strategy invents columns from any aligned words, so a found grid is kept only
past guards (`_accept`): three columns, two filled rows, and a row-number column, a header that
reads as a plan header, or several rows of three filled cells with a column of running text.
Letterheads side by side (two blocks), signature lines (blank or underscore cells) and prose under
a header-like line stay paragraphs. Which tables are plans is decided later, by the structure stage.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace
from typing import Optional

# lang.headers is a pure function of header text (no I/O, no state): one of the guards, so a short
# table under a recognised plan header is kept.
from lang.headers import column_roles, is_plan_header
from lang.numbers import row_number
from lang.text import one_line
from extractors.pdf_tables import PageTable
from extractors.pdf_text import MARGIN_SHARE, PAGE_NUMBER, Line, cell_text, words_to_lines
from extractors.unruled_gutters import BODY_LINES, gutter_gap, gutters, header_guide
from extractors.unruled_columns import (
    STRADDLE, Columns, block_text, blocks, column_gap, column_of, crosses, extent, first_bounds, refine, shifted_over,
)
from schemas.layout import BBox, Cell, Table
from schemas.records import Span

MAX_HEADER_LINES = 6  # a narrow column wraps its header over several lines
MAX_HEADER_WORDS = 8  # per column: plan headers are short, prose is not
MIN_BODY_ROWS = 2  # rows with at least two filled cells
MAX_NUMBER_SCAN = 40  # lines looked at for a row-number column
MIN_RICH_ROWS = 3  # without numbers or a plan header: rows with three filled cells ...
MIN_TEXT_WORDS = 3.0  # ... and a column of running text (words per cell on average)
CELL_PAD = 5.0  # points: text-to-boundary room assumed in a cell (Word's default padding is 5.4)


@dataclass
class Row:
    words: list[dict] = field(default_factory=list)
    section: bool = False
    lines: list[Line] = field(default_factory=list)


@dataclass
class UnruledTable(PageTable):
    columns: Optional[Columns] = None
    open_at_bottom: bool = False  # nothing follows on its page: it may continue on the next


def _guides(lines: list[Line], i: int, gap: float, pitch: float) -> list[tuple[int, list[list[dict]]]]:
    """Column guides to try at lines[i]: (n, blocks) with n = 1-3 close lines read as a header, or
    n = 0: lines[i] itself is the table's first row. Each guide has at least three blocks."""
    out: list[tuple[int, list[list[dict]]]] = []
    first = blocks(lines[i].words, gap)
    if len(first) >= 3:
        out.append((0, first))
    for n in range(1, MAX_HEADER_LINES + 1):
        if i + n >= len(lines):
            break
        new = lines[i + n - 1]
        if n > 1 and (new.top - lines[i + n - 2].bottom > pitch or row_number(new.words[0]["text"])):
            break
        if row_number(new.words[0]["text"]):
            break  # a numbered line is a row, not a header
        group = blocks([w for l in lines[i:i + n] for w in l.words], gap)
        # a line reaching over the others' gaps, or standing apart from their columns (a title above
        # the header), is no header line
        if len(group) < max(len(blocks(l.words, gap)) for l in lines[i:i + n]) or not _stacked(lines[i:i + n], gap):
            break
        if len(group) >= 3 and all(len(block_text(b, new.page).split()) <= MAX_HEADER_WORDS for b in group):
            out.append((n, group))
    return out


def _stacked(header: list[Line], gap: float) -> bool:
    """Every block of the header lines (but the one with most blocks, which names the columns) stands
    mostly over or under a block of the other lines: header cells wrapped over lines, not a title."""
    if len(header) < 2:
        return True
    widest = max(range(len(header)), key=lambda k: len(blocks(header[k].words, gap)))
    for k, line in enumerate(header):
        if k == widest:
            continue
        others = [extent(b) for b in blocks([w for j, l in enumerate(header) if j != k for w in l.words], gap)]
        for block in blocks(line.words, gap):
            x0, x1 = extent(block)
            shared = max((min(x1, b) - max(x0, a) for a, b in others), default=0.0)
            if shared < 0.5 * (x1 - x0):
                return False
    return True


def _number_column(lines: list[Line], guide: list[tuple[float, float]], gap: float) -> Optional[int]:
    """0 when at least two of the lines below open with a bare row number in the first column."""
    bounds = first_bounds(guide)
    hits = 0
    for line in lines[:MAX_NUMBER_SCAN]:
        first = blocks(line.words, gap)[0]
        x0, x1 = extent(first)
        if column_of(x0, x1, bounds) == 0 and row_number(block_text(first, line.page)):
            hits += 1
    return 0 if hits >= 2 else None


def _filled(text: str) -> bool:
    """A cell with content: not empty, not only a signature line or dots."""
    return bool(text.strip(" _.…-–—\n"))


def _accept(table: Table, cols: Columns, rows: list["Row"], header: Optional[list[str]]) -> bool:
    """Guards against false tables (letterheads side by side, signature lines, forms): at least three
    columns and two filled rows, and then a row-number column, a header that reads as a plan header,
    or several rows of three filled cells with a column of running text."""
    if table.n_cols < 3 or _full_rows(rows, cols) < MIN_BODY_ROWS:
        return False
    grid = table.matrix()[1 if header else 0:]
    body = [[t or "" for t in row] for row in grid]
    if cols.number_col is not None and sum(1 for row in body if row_number(row[cols.number_col])) >= 2:
        return True
    if header and is_plan_header(column_roles(header)):
        return True
    rich = [row for row in body if sum(1 for t in row if _filled(t)) >= 3]
    words = [statistics.mean(len(row[k].split()) for row in rich) if rich else 0 for k in range(table.n_cols)]
    return len(rich) >= MIN_RICH_ROWS and max(words, default=0) >= MIN_TEXT_WORDS


def _try(lines: list[Line], i: int, n: int, group: list[list[dict]], gap: float,
         page: int, monospace: Optional[float] = None,
         guide: Optional[list[tuple[float, float]]] = None) -> Optional[tuple[UnruledTable, int]]:
    """The table read with this guide (the header blocks' extents unless given), and how many lines
    from lines[i] it used; None if not a table."""
    guide = guide or [extent(b) for b in group]
    body = lines[i + n:]
    header = [block_text(b, page) for b in group] if n else []
    cols = Columns(edges=[guide[0][0], *first_bounds(guide), guide[-1][1]], header=header,
                   number_col=_number_column(body, guide, gap), gap=gap, header_blocks=guide, header_extents=guide,
                   monospace=monospace)
    rows, _ = collect_rows(body, cols)
    cols = refine(cols, guide, [l for r in rows if not r.section for l in r.lines])
    rows, k = collect_rows(body, cols)
    if not rows:
        return None
    table = build_table(rows, cols, page, lines[i:i + n] if n else None)
    if not _accept(table.table, cols, rows, header or None):
        return None
    return table, n + k


def _table_at(lines: list[Line], i: int, gap: float, pitch: float,
              monospace: Optional[float] = None) -> Optional[tuple[UnruledTable, int]]:
    """The best table starting at lines[i] over its guides: the one using most lines, then one under a
    plan header; above numbered rows every line before the first number is header, otherwise fewer
    header lines are safer (the first row is kept as a row)."""
    best, best_key = None, None
    for n, group in _guides(lines, i, gap, pitch):
        found = _try(lines, i, n, group, gap, lines[i].page, monospace)
        if found is None:
            continue
        table, used = found
        cols = table.columns
        known = bool(n) and is_plan_header(column_roles(cols.header))
        key = (used, known, n if cols.number_col is not None else -n)
        if best_key is None or key > best_key:
            best, best_key = found, key
    return best


def _gutter_table(lines: list[Line], i: int, gap: float, pitch: float) -> Optional[tuple[UnruledTable, int]]:
    """The table under a plan header at lines[i] (1-3 lines) whose columns only the gutters of the rows
    below separate (cells justified or packed closer than `gap`: unruled_gutters). Every line above
    the first row is header: the most lines used, then the most header lines."""
    best = None
    for n in range(1, 4):
        head = lines[i:i + n]
        if len(head) < n or row_number(head[-1].words[0]["text"]) or (
                n > 1 and head[-1].top - head[-2].bottom > pitch):
            break
        cuts = gutters(lines[i + n:i + n + BODY_LINES])
        if len(cuts) < 2:
            continue
        group, guide, parting = header_guide([w for l in head for w in l.words], cuts)
        header = [block_text(b, head[0].page) for b in group]
        if len(group) < 3 or not parting or not is_plan_header(column_roles(header)):
            continue
        found = _try(lines, i, n, group, gutter_gap(parting, gap), head[0].page, guide=guide)
        if found is not None and (best is None or found[1] >= best[1]):
            best = found
    return best


# ---------------------------------------------------------------------- rows
def line_kind(line: Line, cols: Columns) -> str:
    """"row" (a numbered row start), "fits" (words inside the columns), "section" (one block
    from the first column, not a row number) or "foreign" (crosses the columns)."""
    group = blocks(line.words, cols.gap)
    first = line.words[0]
    # a heading opens left of the first boundary (its first word may be longer than the number column)
    starts_first = not cols.bounds or first["x0"] < cols.bounds[0] - STRADDLE
    if len(group) == 1 and starts_first and not row_number(block_text(group[0], line.page)):
        if cols.number_col is not None or crosses(group[0], cols):
            return "section"
    if any(crosses(b, cols) for b in group):
        # fixed-width text may squeeze two cells one space apart: no word reaches far over a boundary,
        # and the line opens with a row number or continues a cell right of the first column (a line of
        # prose or a signature opens in the first column with words)
        opens_row = len(group) > 1 and bool(row_number(block_text(group[0], line.page)))
        squeezed = cols.monospace is not None and (opens_row or not starts_first) and not any(
            shifted_over(w, cols) for w in line.words)
        if not squeezed:
            return "foreign"
    if cols.number_col is not None:
        own = [w for w in line.words if column_of(w["x0"], w["x1"], cols.bounds) == cols.number_col]
        if own and row_number(" ".join(w["text"] for w in own)):
            return "row"
    return "fits"


def _gap_stats(lines: list[Line]) -> tuple[float, float]:
    """(usual gap between lines, line height) of the lines under a header."""
    heights = [l.height for l in lines] or [10.0]
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top >= a.bottom - 1]
    # the lower quartile: the gap inside a row, even when most gaps are between rows
    usual = sorted(gaps)[len(gaps) // 4] if gaps else 2.0
    return max(min(usual, statistics.median(heights)), 0.0), statistics.median(heights)


def collect_rows(lines: list[Line], cols: Columns) -> tuple[list[Row], int]:
    """Rows from the lines (those after a header, or at the top of a continuation page) and how
    many lines they used; a section line counts only when a row follows it."""
    usual, height = _gap_stats(lines[:40])
    starts = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if line_kind(b, cols) == "row"]
    row_gap = statistics.median(starts) if starts else usual
    big = max(height, row_gap + 0.6 * height)
    rows: list[Row] = []
    used = kept = 0  # lines looked at; lines kept (up to the last real row line)
    prev: Optional[Line] = None
    for line in lines:
        kind = line_kind(line, cols)
        gap = line.top - prev.bottom if prev is not None else 0.0
        multi_column = kind == "fits" and len(blocks(line.words, cols.gap)) > 1
        if kind == "foreign" or (gap > big and kind != "row" and not multi_column):
            break  # after a big gap only a new row or a line spread over the columns goes on
        if kind == "section":
            if rows and rows[-1].section and gap <= usual + 0.3 * height:
                rows[-1].words += line.words
                rows[-1].lines.append(line)
            else:
                rows.append(Row(words=list(line.words), section=True, lines=[line]))
        elif kind == "row" or not rows or rows[-1].section or (
                cols.number_col is None and gap > usual + 0.3 * height):
            rows.append(Row(words=list(line.words), lines=[line]))
            kept = used + 1
        else:
            rows[-1].words += line.words
            rows[-1].lines.append(line)
            kept = used + 1
        used += 1
        prev = line
    while rows and rows[-1].section:  # a trailing "section" is text after the table
        rows.pop()
    return rows, kept


def _cells(rows: list[Row], cols: Columns, page: int, first_row: int) -> list[Cell]:
    n = len(cols.edges) - 1
    per_col: list[list[list[dict]]] = [[[] for _ in range(n)] for _ in rows]
    for r, row in enumerate(rows):
        if not row.section:
            for w in row.words:
                per_col[r][column_of(w["x0"], w["x1"], cols.bounds)].append(w)
    # a cell's text edge: its widest line, or nearly the middle of the free space to the next column
    # (Word pads both cells alike), whichever is further right; wraps are judged against it
    right = [max((w["x1"] for r in per_col for w in r[k]), default=cols.edges[k + 1]) for k in range(n)]
    right = [max(x, cols.edges[k + 1] - CELL_PAD) if k < n - 1 else x for k, x in enumerate(right)]
    left = [min((w["x0"] for r in per_col for w in r[k]), default=cols.edges[k]) for k in range(n)]
    cells = []
    for r, row in enumerate(rows):
        if row.section:
            text = cell_text(words_to_lines(row.words, page), cols.edges[0], cols.edges[-1])
            cells.append(Cell(text=text, row=first_row + r, col=0, col_span=n, **where(row.words, page)))
            continue
        for k in range(n):
            text = cell_text(words_to_lines(per_col[r][k], page), left[k], right[k])
            cells.append(Cell(text=text, row=first_row + r, col=k, **where(per_col[r][k], page)))
    return cells


def where(words: list[dict], page: int) -> dict:
    """A cell's provenance from its words: page, box (their union) and, for words read from plain
    text (fixed-width tables), the character span from the first to the last word."""
    if not words:
        return {}
    out: dict = {"page": page, "bbox": BBox(x0=min(w["x0"] for w in words), top=min(w["top"] for w in words),
                                           x1=max(w["x1"] for w in words), bottom=max(w["bottom"] for w in words))}
    spans = [w["span"] for w in words if "span" in w]
    if spans:
        out["span"] = Span(start=min(a for a, _ in spans), end=max(b for _, b in spans))
    return out


def build_table(rows: list[Row], cols: Columns, page: int, header: Optional[list[Line]]) -> UnruledTable:
    cells: list[Cell] = []
    if header:
        words = [w for l in header for w in l.words]
        per_col = [[w for w in words if column_of(w["x0"], w["x1"], cols.bounds) == k] for k in range(len(cols.header))]
        cells = [Cell(text=t, row=0, col=k, **where(per_col[k], page)) for k, t in enumerate(cols.header)]
    cells += _cells(rows, cols, page, first_row=1 if header else 0)
    used = (header or []) + [l for r in rows for l in r.lines]
    top, bottom = min(l.top for l in used), max(l.bottom for l in used)
    n_rows = len(rows) + (1 if header else 0)
    table = Table(n_rows=n_rows, n_cols=len(cols.edges) - 1, cells=cells, pages=[page], row_lines=[page] * n_rows,
                  bbox=BBox(x0=min(l.x0 for l in used), top=top, x1=max(l.x1 for l in used), bottom=bottom))
    return UnruledTable(table=table, page=page, top=top, bottom=bottom, col_edges=list(cols.edges), columns=cols)


def _full_rows(rows: list[Row], cols: Columns) -> int:
    filled = 0
    for row in rows:
        if not row.section and len({column_of(w["x0"], w["x1"], cols.bounds) for w in row.words}) >= 2:
            filled += 1
    return filled


# ---------------------------------------------------------------------- pages
def _pitch(lines: list[Line]) -> float:
    heights = [l.height for l in lines] or [10.0]
    return statistics.median(heights)


def find_tables(lines: list[Line], page: int, page_height: float, carry: Optional[Columns] = None,
                monospace: Optional[float] = None) -> tuple[list[UnruledTable], set[int]]:
    """Unruled plan tables among a page's text lines (top to bottom) and the ids of the lines they
    use. `carry`: the columns of a table that ran to the bottom of the previous page."""
    lines = sorted((l for l in lines if l.words), key=lambda l: l.top)
    if not lines:
        return [], set()
    gap, pitch = column_gap(lines), _pitch(lines)
    found: list[UnruledTable] = []
    used: set[int] = set()
    i = 0
    if carry is not None:
        i = _continuation(lines, page, page_height, carry, found, used)
    _scan(lines, i, page_height, lambda j: _table_at(lines, j, gap, pitch, monospace), found, used)
    if not found and monospace is None:  # no table by gaps: one parted by gutters only (unruled_gutters)
        _scan(lines, i, page_height, lambda j: _gutter_table(lines, j, gap, pitch), found, used)
    return found, used


def _scan(lines: list[Line], i: int, page_height: float, table_at, found: list[UnruledTable], used: set[int]) -> None:
    while i < len(lines):
        hit = table_at(i)
        if hit is None:
            i += 1
            continue
        table, k = hit
        table.open_at_bottom = i + k == len(lines) or _only_page_numbers(lines[i + k:], page_height)
        found.append(table)
        used.update(id(l) for l in lines[i:i + k])
        i += k


def _only_page_numbers(lines: list[Line], page_height: float) -> bool:
    return all(l.top > page_height * (1 - MARGIN_SHARE) and PAGE_NUMBER.match(l.text) for l in lines)


def _continuation(lines: list[Line], page: int, page_height: float, cols: Columns,
                  found: list[UnruledTable], used: set[int]) -> int:
    """Rows at the top of a page continuing the previous page's table; returns the index of the
    first line after them (0 when the page does not continue it)."""
    carried, extents, spans = cols, cols.header_extents, cols.body_spans
    i = 0
    while i < len(lines) and lines[i].bottom < page_height * MARGIN_SHARE and PAGE_NUMBER.match(lines[i].text):
        i += 1
    start = i
    for n in range(1, MAX_HEADER_LINES + 1):  # a header repeated on the new page is dropped
        group = blocks([w for l in lines[i:i + n] for w in l.words], cols.gap)
        if [one_line(block_text(b, page)) for b in group] == [one_line(h) for h in cols.header]:
            i += n
            # this page's columns (a page laid out anew may be shifted): earlier pages' words no longer apply
            extents, spans = [extent(b) for b in group], []
            break
    # the carried boundaries are re-fitted to this page's words (a wider deadline here), leniently first
    lenient = replace(cols, header_blocks=extents, header_extents=extents, body_spans=spans)
    rows, _ = collect_rows(lines[i:], lenient)
    cols = refine(lenient, extents, [l for r in rows if not r.section for l in r.lines])
    rows, k = collect_rows(lines[i:], cols)
    if not rows:
        return start
    table = build_table(rows, cols, page, None)
    # the first page's edges on every continuation page: stitched as one table however the bounds moved
    cols.stitch_edges = list(carried.stitch_edges or carried.edges)
    table.col_edges = list(cols.stitch_edges)
    table.open_at_bottom = i + k == len(lines) or _only_page_numbers(lines[i + k:], page_height)
    found.append(table)
    used.update(id(l) for l in lines[start:i + k])
    return i + k
