"""Plan tables of scanned pages whose ruling gave no grid (phone photos: faint, broken or bent rules),
rebuilt from the OCR word boxes alone.

Rows come from the text lines (Tesseract's lines follow a photo's baselines): a line opening with a
row number starts a row, the lines under it continue it, and a short lone line standing apart right
above a numbered row is a section heading (a month, a chapter) spanning the table. Columns come from
the header's words (a line or two reading as a plan header, lang.headers): one column per header block,
the boundary between two of them put where the body words leave the most free space (the x-gaps that
hold over the rows). A photo is framed anew on every page and drifts across it, so the row-number
column is told by content (a bare number opening the line), and the other words of a line are split
into blocks at its own wide gaps, each block going to the column it overlaps most, in order.

A table reaching the page's foot continues on the next page when that page has no header of its own:
the columns are carried as shares of the table's width and fitted to that page's gaps again, and the
table keeps the first page's edges so the assembler stitches the two.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Optional

from lang.headers import column_roles, is_plan_header
from lang.numbers import row_number, sequence_number
from lang.text import opens_new
from extractors.pdf_tables import PageTable
from extractors.pdf_text import Line, cell_text
from extractors.pdf_unruled import where
from extractors.unruled_columns import block_text, blocks, column_gap, extent, least_covered
from schemas.layout import BBox, Cell, Table

MAX_HEADER_LINES = 3  # a narrow header cell wraps over a line or two
REFIT_WINDOW = 0.12  # share of the table's width a carried boundary may move on the next page
SECTION_MAX_WORDS = 4  # a section heading row is short
ROW_GAP = 0.8  # line heights of blank above a line that starts a row (no number column); a cell's lines sit closer
END_GAP_LINES = 4.0  # a blank this many line heights high ends the table (a signature, a footer)
EDGE_TOLERANCE = 0.05  # share of the table's width: how a continuation is matched by the assembler
LEADING_MARKS = "|¦[]!"  # a rule read as a letter glued to the row number


@dataclass
class WordColumns:
    shares: list[float]  # boundaries between columns as shares of the table's width
    header: list[str]
    edges: list[float]  # the first page's column edges (points), kept by continuations
    numbered: bool  # the first column holds row numbers


@dataclass
class WordTable:
    table: PageTable
    columns: WordColumns
    used: set[int]  # ids of the lines that went into the table
    open_at_bottom: bool


# ---------------------------------------------------------------------- header
def find_header(lines: list[Line], gap: float) -> Optional[tuple[int, int, list[list[dict]]]]:
    """(first line, number of lines, blocks) of the first 1-3 lines reading as a plan header. Lines
    joined into one header sit close together and add no column of their own (a title above the
    header adds a block: it is not a header line)."""
    for i, line in enumerate(lines):
        if _opens_with_number(line):
            continue
        for n in range(1, MAX_HEADER_LINES + 1):
            group = lines[i:i + n]
            if len(group) < n or (n > 1 and (_opens_with_number(group[-1]) or not _tight(group[-2], group[-1]))):
                break
            found = blocks([w for l in group for w in l.words], gap)
            if len(found) > max(len(blocks(l.words, gap)) for l in group):
                break
            texts = [block_text(b, line.page) for b in found]
            if len(found) >= 2 and is_plan_header(column_roles(texts)):
                return i, n, found
    return None


def _tight(a: Line, b: Line) -> bool:
    return b.top - a.bottom < 0.8 * min(a.bottom - a.top, b.bottom - b.top)


def _number_text(text: str) -> str:
    return text.strip(LEADING_MARKS)


# ---------------------------------------------------------------------- columns
def body_spans(lines: list[Line], gap: float) -> list[tuple[float, float]]:
    """x-extents of the words of lines that split into two blocks or more (lone lines may be
    section headings sitting across a boundary), row numbers left out."""
    spans = []
    for line in lines:
        words = _after_number(line)
        if len(blocks(words, gap)) >= 2:
            spans += [(w["x0"], w["x1"]) for w in words]
    return spans


def header_bounds(header: list[list[dict]], spans: list[tuple[float, float]]) -> list[float]:
    """A boundary between each two header blocks, where the body words leave the most free space."""
    extents = [extent(b) for b in header]
    return [least_covered(spans, a[1], b[0]) if b[0] > a[1] else (a[1] + b[0]) / 2
            for a, b in zip(extents, extents[1:])]


def refit(cols: WordColumns, x0: float, x1: float, spans: list[tuple[float, float]]) -> list[float]:
    """Carried boundaries placed on this page's table width and moved into its free space."""
    width = x1 - x0
    out = []
    for share in cols.shares:
        guess = x0 + share * width
        out.append(least_covered(spans, guess - REFIT_WINDOW * width, guess + REFIT_WINDOW * width))
    return out


# ---------------------------------------------------------------------- lines -> cells
def _after_number(line: Line) -> list[dict]:
    words = line.words
    return words[1:] if _opens_with_number(line) else words


def _opens_with_number(line: Line) -> bool:
    return bool(row_number(_number_text(line.words[0]["text"])))


def split_line(line: Line, bounds: list[float], n_cols: int, gap: float, numbered: bool) -> list[list[dict]]:
    """The words of one line by column. With a number column, an opening row number goes to it; the
    other words are split into blocks at the line's own wide gaps, each block going to the column it
    overlaps most, never left of the block before it (a photo's drift moves a block a little, not its order)."""
    out: list[list[dict]] = [[] for _ in range(n_cols)]
    words = list(line.words)
    first = 0
    if numbered:
        if _opens_with_number(line):
            out[0].append(words.pop(0))
        first = 1
    parts = blocks(words, gap)
    inner = bounds[first:] if numbered else bounds
    col = first
    for k, part in enumerate(parts):
        x0, x1 = extent(part)
        # the column whose span holds most of the block, never left of the previous block's
        edges = [float("-inf"), *inner, float("inf")]
        overlaps = [min(x1, b) - max(x0, a) for a, b in zip(edges, edges[1:])]
        best = first + max(range(len(overlaps)), key=overlaps.__getitem__)
        col = max(col, best) if k else best
        out[min(col, n_cols - 1)].extend(part)
    return out


def _is_section(line: Line, prev: Optional[Line], nxt: Optional[Line], height: float, gap: float,
                numbered: bool) -> bool:
    """A short lone line, not a row, with space above it (its own row, not the last line of a cell),
    right above a numbered row, not starting where the text of the rows around it starts (a
    wrapped measure). Drift on a photo moves columns, so neighbours are compared, not boundaries."""
    if _opens_with_number(line) or len(blocks(line.words, gap)) != 1 or len(line.text.split()) > SECTION_MAX_WORDS:
        return False
    if nxt is None or (numbered and not _opens_with_number(nxt)):
        return False
    if prev is not None and line.top - prev.bottom < 0.5 * height:
        return False
    starts = [_text_start(l) for l in (prev, nxt) if l is not None]
    return all(abs(line.x0 - x) > gap for x in starts if x is not None)


def _text_start(line: Line) -> Optional[float]:
    words = _after_number(line)
    return words[0]["x0"] if words else None


@dataclass
class _Row:
    parts: list[list[list[dict]]]  # per line of the row, its words by column
    lines: list[Line]
    section: bool = False

    def words(self, col: int) -> list[dict]:
        return [w for part in self.parts for w in part[col]]


def collect_rows(body: list[Line], bounds: list[float], n_cols: int, gap: float, numbered: bool) -> tuple[list[_Row], int]:
    """Rows of the body and how many lines they took (the table ends at a wide blank)."""
    heights = [l.bottom - l.top for l in body] or [10.0]
    height = statistics.median(heights)
    rows: list[_Row] = []
    taken = 0
    prev = None
    for k, line in enumerate(body):
        if prev is not None and line.top - prev.bottom > END_GAP_LINES * height and not _opens_with_number(line):
            break
        nxt = body[k + 1] if k + 1 < len(body) else None
        if _is_section(line, prev, nxt, height, gap, numbered):
            rows.append(_Row(parts=[[list(line.words)]], lines=[line], section=True))
        else:
            parts = split_line(line, bounds, n_cols, gap, numbered)
            # a row starts at its number; without a number column, at space above it (a cell's own
            # lines are set tight, a ruled row adds its padding)
            spaced = prev is not None and line.top - prev.bottom >= ROW_GAP * height
            if not rows or rows[-1].section or (parts[0] if numbered else spaced):
                rows.append(_Row(parts=[parts], lines=[line]))
            else:
                rows[-1].parts.append(parts)
                rows[-1].lines.append(line)
        prev = line
        taken = k + 1
    return rows, taken


def build(rows: list[_Row], header: list[tuple[str, list[dict]]], edges: list[float], page: int,
          stitch_edges: list[float], numbered: bool) -> PageTable:
    n = len(edges) - 1
    cells: list[Cell] = []
    for k, (text, words) in enumerate(header):
        cells.append(Cell(text=text, row=0, col=k, **_where(words, page)))
    first = 1 if header else 0
    for r, row in enumerate(rows):
        if row.section:
            words = row.words(0)
            cells.append(Cell(text=_text([words], page, edges[0], edges[-1]), row=first + r, col=0, col_span=n,
                              **_where(words, page)))
            continue
        for k in range(n):
            text = _text([part[k] for part in row.parts], page, edges[k], edges[k + 1])
            if k == 0 and numbered:
                text = _number_text(text)
            cells.append(Cell(text=text, row=first + r, col=k, **_where(row.words(k), page)))
    used = [w for row in rows for k in range(len(row.parts[0])) for w in row.words(k)] + [w for _, ws in header for w in ws]
    n_rows = first + len(rows)
    box = BBox(x0=min(w["x0"] for w in used), top=min(w["top"] for w in used),
               x1=max(w["x1"] for w in used), bottom=max(w["bottom"] for w in used))
    table = Table(n_rows=n_rows, n_cols=n, cells=cells, pages=[page], row_lines=[page] * n_rows, bbox=box)
    return PageTable(table=table, page=page, top=box.top, bottom=box.bottom, col_edges=list(stitch_edges),
                     edge_tolerance=EDGE_TOLERANCE)


def _text(parts: list[list[dict]], page: int, x0: float, x1: float) -> str:
    """A cell's text line by line, as the lines were read (a photo's slant would mix words sorted by height)."""
    return cell_text([_line(part, page) for part in parts if part], x0, x1)


def _line(words: list[dict], page: int) -> Line:
    """One read line's words (left to right) as a Line: regrouping them by height would split a slanted line."""
    words = sorted(words, key=lambda w: w["x0"])
    return Line(text=" ".join(w["text"] for w in words), x0=words[0]["x0"], x1=max(w["x1"] for w in words),
                top=min(w["top"] for w in words), bottom=max(w["bottom"] for w in words), page=page,
                first_word_width=words[0]["x1"] - words[0]["x0"], words=words)


def _where(words: list[dict], page: int) -> dict:
    out = where(words, page)
    confs = [w["conf"] for w in words if w.get("conf") is not None]
    if confs:
        out["confidence"] = round(statistics.fmean(confs), 1)
    return out


# ---------------------------------------------------------------------- a page
@dataclass
class _PageRows:
    """A page's table before it is built: its rows can still be split by what the next page shows."""
    page: int
    rows: list[_Row]
    header: list[tuple[str, list[dict]]]
    edges: list[float]
    columns: WordColumns
    measure_col: int
    used_head: list[Line]
    open_at_bottom: bool
    whole_first_row: bool = False  # its first row opens a measure whose number was lost (split_lost_rows)


def word_table(lines: list[Line], page: int, carry: Optional[WordColumns] = None) -> Optional[WordTable]:
    """The plan table of a scanned page rebuilt from its lines' words, or None: under a plan
    header on the page, else (with `carry`) from the top as the continuation of the last page's."""
    found = page_rows(lines, page, carry)
    return None if found is None else _built(found)


def page_rows(lines: list[Line], page: int, carry: Optional[WordColumns] = None) -> Optional[_PageRows]:
    lines = [l for l in lines if l.words]
    if not lines:
        return None
    gap = column_gap(lines)
    head = find_header(lines, gap)
    if head is not None:
        i, n, header_blocks = head
        body = lines[i + n:]
        texts = [block_text(b, page) for b in header_blocks]
        roles = [c.role for c in column_roles(texts)]
        numbered = roles[0] in ("number", "other") and sum(1 for l in body if _opens_with_number(l)) >= 2
        spans = body_spans(body, gap)
        bounds = header_bounds(header_blocks, spans)
        if numbered:  # the number column's boundary: just after the row numbers
            nums = [l.words[0]["x1"] for l in body if _opens_with_number(l)]
            bounds[0] = min(bounds[0], statistics.median(nums) + gap) if nums else bounds[0]
        header = list(zip(texts, header_blocks))
        x0 = min([extent(header_blocks[0])[0]] + [l.x0 for l in body[:1]])
        x1 = max([extent(header_blocks[-1])[1]] + [l.x1 for l in body])
        used_head = lines[i:i + n]
    elif carry is not None:
        body, header, used_head = lines, [], []
        numbered = carry.numbered
        spans = body_spans(body, gap)
        x0, x1 = min(l.x0 for l in body), max(l.x1 for l in body)
        bounds = refit(carry, x0, x1, spans)
    else:
        return None
    n_cols = len(bounds) + 1
    rows, taken = collect_rows(body, bounds, n_cols, gap, bool(numbered))
    if not any(not r.section for r in rows):
        return None
    edges = [x0, *bounds, x1]
    width = max(x1 - x0, 1e-6)
    columns = carry if head is None else WordColumns(shares=[(b - x0) / width for b in bounds], header=[t for t, _ in header],
                                                    edges=edges, numbered=bool(numbered))
    roles = [c.role for c in column_roles(columns.header)] if columns.header else []
    measure_col = roles.index("measure") if "measure" in roles else min(1, n_cols - 1)
    return _PageRows(page=page, rows=rows, header=header, edges=edges, columns=columns, measure_col=measure_col,
                     used_head=used_head, open_at_bottom=taken == len(body))


def _built(found: _PageRows) -> WordTable:
    table = build(found.rows, found.header, found.edges, found.page, found.columns.edges, found.columns.numbered)
    table.whole_first_row = found.whole_first_row
    used = {id(l) for l in found.used_head} | {id(l) for r in found.rows for l in r.lines}
    return WordTable(table=table, columns=found.columns, used=used, open_at_bottom=found.open_at_bottom)


def add_word_tables(pages, wanted: set[int]) -> list[int]:
    """Tables rebuilt from OCR words on the scanned pages in `wanted` (ruling seen, no grid made of
    it) and on the pages right after one whose table ran to its foot; the lines used leave the page.
    A table's pages are read first and built together, so that a row number missing on one page is
    seen from the next (split_lost_rows). Returns the numbers of the pages that got one."""
    carry: Optional[WordColumns] = None
    chains: list[list[tuple[object, _PageRows]]] = []
    for p in pages:
        if p.tables or not p.has_text or (p.number not in wanted and carry is None):
            carry = None
            continue
        try:
            found = page_rows(p.lines, p.number, carry)
        except Exception:  # an extra: on any surprise the page keeps its plain lines
            found = None
        if found is None:
            carry = None
            continue
        if carry is None or not chains:
            chains.append([])
        chains[-1].append((p, found))
        carry = found.columns if found.open_at_bottom else None
    rebuilt: list[int] = []
    for chain in chains:
        try:
            split_lost_rows([found for _, found in chain])
        except Exception:  # an extra: the rows stay as read
            pass
        for p, found in chain:
            made = _built(found)
            p.tables.append(made.table)
            p.lines = [l for l in p.lines if id(l) not in made.used]
            rebuilt.append(p.number)
    return rebuilt


# ---------------------------------------------------------------------- rows whose numbers were lost
def split_lost_rows(chain: list[_PageRows]) -> None:
    """Rows read into the row above because their number was lost (OCR missed it, a photo's edge cut it)
    made rows again. Evidence: the numbers skip ("10" then "13", a cut "3" read as the 13 between
    its neighbours) and exactly as many lines of the measure column, below the row's first, open as a
    measure does (a capital, an opening quote), counting an unnumbered row that opens a page. Each such
    line starts a row of its own, with the cells beside it; its number is left empty."""
    if not chain or not chain[0].columns.numbered:
        return
    flat = [(pr, row) for pr in chain for row in pr.rows if not row.section]
    read = [_read_number(row) for _, row in flat]
    if any(n == -1 for n in read):
        return  # numbered in levels ("1.2"): counts do not tell
    at = [i for i, n in enumerate(read) if n is not None]
    cuts: list[tuple[_PageRows, _Row, int]] = []
    for q, (a, b) in enumerate(zip(at, at[1:])):
        later = read[at[q + 2]] if q + 2 < len(at) else None
        value = sequence_number(read[b], read[a], later)
        if value is None or value - read[a] - 1 < 1:
            continue
        found = [(pr, row, j) for pr, row in flat[a:b] for j in range(len(row.parts))
                 if (j or row is not flat[a][1]) and opens_new(_measure_text(row, j, pr.measure_col))]
        if len(found) == value - read[a] - 1:
            cuts += [c for c in found if c[2] > 0]
            for pr, row, j in found:  # a row opening a page: not the rest of the last page's row
                pr.whole_first_row = pr.whole_first_row or (j == 0 and row is pr.rows[0] and pr is not chain[0])
    for pr, row, j in sorted(cuts, key=lambda c: -c[2]):
        at_row = pr.rows.index(row)
        pr.rows.insert(at_row + 1, _Row(parts=row.parts[j:], lines=row.lines[j:]))
        row.parts, row.lines = row.parts[:j], row.lines[:j]


def _read_number(row: _Row) -> Optional[int]:
    """The row's number as read; None without one, -1 for a number in levels."""
    number = row_number(_number_text(" ".join(w["text"] for w in row.words(0))))
    if number is None:
        return None
    return int(number) if number.isdigit() else -1


def _measure_text(row: _Row, j: int, col: int) -> str:
    words = sorted(row.parts[j][col], key=lambda w: w["x0"]) if col < len(row.parts[j]) else []
    return words[0]["text"] if words else ""
