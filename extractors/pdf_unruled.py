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
from schemas.layout import BBox, Cell, Table
from schemas.records import Span

MIN_COLUMN_GAP = 8.0  # points: a gap wider than this (and than 2.5 spaces) separates columns
SPACE_FACTOR = 2.5
MAX_HEADER_LINES = 6  # a narrow column wraps its header over several lines
MAX_HEADER_WORDS = 8  # per column: plan headers are short, prose is not
MIN_BODY_ROWS = 2  # rows with at least two filled cells
MAX_NUMBER_SCAN = 40  # lines looked at for a row-number column
MIN_RICH_ROWS = 3  # without numbers or a plan header: rows with three filled cells ...
MIN_TEXT_WORDS = 3.0
MONO_SHIFT_CHARS = 4  # fixed-width text: how far a squeezed cell may be shifted over its column boundary  # ... and a column of running text (words per cell on average)
CELL_PAD = 5.0  # points: text-to-boundary room assumed in a cell (Word's default padding is 5.4)
STRADDLE = 1.5  # points a block may reach over a boundary before it counts as crossing it


@dataclass
class Columns:
    edges: list[float]  # left edge of each column and the right edge of the last
    header: list[str]
    number_col: Optional[int]
    gap: float  # minimum horizontal gap between columns
    # while the boundaries are still guesses (middles between header blocks), a block crosses the
    # columns only when it reaches over two header blocks: a centred header says little
    header_blocks: Optional[list[tuple[float, float]]] = None
    header_extents: list[tuple[float, float]] = field(default_factory=list)
    body_spans: list[tuple[float, float]] = field(default_factory=list)  # body words the bounds avoid
    stitch_edges: Optional[list[float]] = None  # the first page's edges, kept by every continuation
    # fixed-width text (its character width): a line spread over the columns may squeeze two cells one
    # space apart, the later cell shifted left over the boundary by a few characters
    monospace: Optional[float] = None

    @property
    def bounds(self) -> list[float]:
        return self.edges[1:-1]


@dataclass
class Row:
    words: list[dict] = field(default_factory=list)
    section: bool = False
    lines: list[Line] = field(default_factory=list)


@dataclass
class UnruledTable(PageTable):
    columns: Optional[Columns] = None
    open_at_bottom: bool = False  # nothing follows on its page: it may continue on the next


# ---------------------------------------------------------------------- blocks and columns
def column_gap(lines: list[Line]) -> float:
    """Gap that separates columns on this page: clearly wider than the usual space."""
    gaps = [b["x0"] - a["x1"] for l in lines for a, b in zip(l.words, l.words[1:]) if b["x0"] > a["x1"]]
    space = statistics.median(gaps) if gaps else 3.0
    return max(MIN_COLUMN_GAP, SPACE_FACTOR * min(space, 6.0))


def blocks(words: list[dict], gap: float) -> list[list[dict]]:
    """Words (of one or more lines) grouped by their x-extent, split where nothing covers a gap
    wider than `gap`."""
    out: list[list[dict]] = []
    right = None
    for w in sorted(words, key=lambda w: w["x0"]):
        if out and w["x0"] - right <= gap:
            out[-1].append(w)
            right = max(right, w["x1"])
        else:
            out.append([w])
            right = w["x1"]
    return out


def _extent(ws: list[dict]) -> tuple[float, float]:
    return min(w["x0"] for w in ws), max(w["x1"] for w in ws)


def _text(ws: list[dict], page: int) -> str:
    lines = words_to_lines(list(ws), page)
    return " ".join(l.text for l in lines)


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
        if len(group) >= 3 and all(len(_text(b, new.page).split()) <= MAX_HEADER_WORDS for b in group):
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
        others = [_extent(b) for b in blocks([w for j, l in enumerate(header) if j != k for w in l.words], gap)]
        for block in blocks(line.words, gap):
            x0, x1 = _extent(block)
            shared = max((min(x1, b) - max(x0, a) for a, b in others), default=0.0)
            if shared < 0.5 * (x1 - x0):
                return False
    return True


def _number_column(lines: list[Line], guide: list[tuple[float, float]], gap: float) -> Optional[int]:
    """0 when at least two of the lines below open with a bare row number in the first column."""
    bounds = _first_bounds(guide)
    hits = 0
    for line in lines[:MAX_NUMBER_SCAN]:
        first = blocks(line.words, gap)[0]
        x0, x1 = _extent(first)
        if _column_of(x0, x1, bounds) == 0 and row_number(_text(first, line.page)):
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
         page: int, monospace: Optional[float] = None) -> Optional[tuple[UnruledTable, int]]:
    """The table read with this guide, and how many lines from lines[i] it used; None if not a table."""
    guide = [_extent(b) for b in group]
    body = lines[i + n:]
    header = [_text(b, page) for b in group] if n else []
    cols = Columns(edges=[guide[0][0], *_first_bounds(guide), guide[-1][1]], header=header,
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


def _first_bounds(header_blocks: list[tuple[float, float]]) -> list[float]:
    return [(a[1] + b[0]) / 2 for a, b in zip(header_blocks, header_blocks[1:])]


def refine(cols: Columns, header_blocks: list[tuple[float, float]], body: list[Line]) -> Columns:
    """Boundaries moved into the widest free space between body words inside each header gap
    (a centred header says little about where its column starts). Words of earlier pages count
    too, so a continuation page keeps them clear. Where no space is free (fixed-width text that
    squeezed two cells one space apart on some line), the space crossed by the fewest words."""
    spans = cols.body_spans + [(w["x0"], w["x1"]) for l in body for w in l.words]
    bounds = [_least_covered(spans, left, right)
              for (_, left), (right, _) in zip(header_blocks, header_blocks[1:])]
    x0 = min([cols.edges[0]] + [w["x0"] for l in body for w in l.words])
    x1 = max([cols.edges[-1]] + [w["x1"] for l in body for w in l.words])
    return replace(cols, edges=[x0, *bounds, x1], header_blocks=None, header_extents=header_blocks, body_spans=spans)


def _least_covered(spans: list[tuple[float, float]], left: float, right: float) -> float:
    """The middle of the widest run of (left, right) covered by the fewest spans."""
    if right <= left:
        return (left + right) / 2
    events = sorted([(max(a, left), 1) for a, b in spans if b > left and a < right] +
                    [(min(b, right), -1) for a, b in spans if b > left and a < right])
    runs: list[tuple[int, float, float]] = []  # (coverage, start, end)
    depth, x = 0, left
    for pos, step in events:
        if pos > x:
            runs.append((depth, x, pos))
            x = pos
        depth += step
    if right > x:
        runs.append((depth, x, right))
    least = min(d for d, _, _ in runs)
    merged: list[list[float]] = []
    for d, a, b in runs:
        if d != least:
            continue
        if merged and abs(merged[-1][1] - a) < 1e-9:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    a, b = max(merged, key=lambda r: r[1] - r[0])
    return (a + b) / 2


def _column_of(x0: float, x1: float, bounds: list[float]) -> int:
    """The column whose span the interval overlaps most."""
    edges = [float("-inf"), *bounds, float("inf")]
    overlaps = [min(x1, b) - max(x0, a) for a, b in zip(edges, edges[1:])]
    return max(range(len(overlaps)), key=overlaps.__getitem__)


def _shifted_over(word: dict, cols: Columns) -> bool:
    """Fixed-width text: a word reaching over a boundary by more than a few characters on both sides."""
    slack = MONO_SHIFT_CHARS * (cols.monospace or 0.0)
    return any(min(b - word["x0"], word["x1"] - b) > slack for b in cols.bounds if word["x0"] < b < word["x1"])


def _crosses(block: list[dict], cols: Columns) -> bool:
    x0, x1 = _extent(block)
    if cols.header_blocks is not None:
        return sum(1 for a, b in cols.header_blocks if x0 < b - STRADDLE and x1 > a + STRADDLE) >= 2
    return any(x0 < b - STRADDLE and x1 > b + STRADDLE for b in cols.bounds)


# ---------------------------------------------------------------------- rows
def line_kind(line: Line, cols: Columns) -> str:
    """"row" (a numbered row start), "fits" (words inside the columns), "section" (one block
    from the first column, not a row number) or "foreign" (crosses the columns)."""
    group = blocks(line.words, cols.gap)
    first = line.words[0]
    # a heading opens left of the first boundary (its first word may be longer than the number column)
    starts_first = not cols.bounds or first["x0"] < cols.bounds[0] - STRADDLE
    if len(group) == 1 and starts_first and not row_number(_text(group[0], line.page)):
        if cols.number_col is not None or _crosses(group[0], cols):
            return "section"
    if any(_crosses(b, cols) for b in group):
        # fixed-width text may squeeze two cells one space apart: no word reaches far over a boundary,
        # and the line opens with a row number or continues a cell right of the first column (a line of
        # prose or a signature opens in the first column with words)
        opens_row = len(group) > 1 and bool(row_number(_text(group[0], line.page)))
        squeezed = cols.monospace is not None and (opens_row or not starts_first) and not any(
            _shifted_over(w, cols) for w in line.words)
        if not squeezed:
            return "foreign"
    if cols.number_col is not None:
        own = [w for w in line.words if _column_of(w["x0"], w["x1"], cols.bounds) == cols.number_col]
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
                per_col[r][_column_of(w["x0"], w["x1"], cols.bounds)].append(w)
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
        per_col = [[w for w in words if _column_of(w["x0"], w["x1"], cols.bounds) == k] for k in range(len(cols.header))]
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
        if not row.section and len({_column_of(w["x0"], w["x1"], cols.bounds) for w in row.words}) >= 2:
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
    while i < len(lines):
        hit = _table_at(lines, i, gap, pitch, monospace)
        if hit is None:
            i += 1
            continue
        table, k = hit
        table.open_at_bottom = i + k == len(lines) or _only_page_numbers(lines[i + k:], page_height)
        found.append(table)
        used.update(id(l) for l in lines[i:i + k])
        i += k
    return found, used


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
        if [one_line(_text(b, page)) for b in group] == [one_line(h) for h in cols.header]:
            i += n
            # this page's columns (a page laid out anew may be shifted): earlier pages' words no longer apply
            extents, spans = [_extent(b) for b in group], []
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
