"""Fixed-width tables in plain text, as `pdftotext -layout`, 1C and mail clients print them: columns
are runs of spaces that stay free down the lines, a row's cells continue on the next lines under an
empty number column, and a form feed starts a new page (where the table may go on under a repeated
header, after a page number).

The text is laid out on a character grid (CHAR_PT per character, LINE_PT per line) and read by the
same geometric table finder as borderless PDF tables (extractors.pdf_unruled), so one set of rules
decides columns, rows, sections, guards and page continuations for both. Words carry their character
offsets, so every cell gets its span in the source text; boxes and pages mean nothing here and are
dropped.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from extractors.pdf_tables import same_columns, stitch
from extractors.pdf_text import PAGE_NUMBER, Line, continues, join_text, words_to_lines
from extractors.pdf_unruled import find_tables
from schemas.layout import Paragraph, Table
from schemas.records import Span

CHAR_PT = 6.0
LINE_PT = 12.0
WORD_HEIGHT = 10.0
# a word's box reaches half a character past its last letter: one space is then a narrow gap and two
# spaces a column gap for the finder (whose threshold scales with the usual space)
TRAIL = 0.5
TOKEN = re.compile(r"\S+")


@dataclass
class FixedTable:
    table: Table
    first: int  # 0-based index of the first source line the table uses
    last: int  # ... and of the last one


def _words(line: str, row: int, offset: int) -> list[dict]:
    top = row * LINE_PT
    return [{"text": m.group(), "x0": m.start() * CHAR_PT, "x1": (m.end() + TRAIL) * CHAR_PT, "top": top,
             "bottom": top + WORD_HEIGHT, "span": (offset + m.start(), offset + m.end())}
            for m in TOKEN.finditer(line)]


def _pages(lines: list[str]) -> list[list[int]]:
    """Source line indices per page (a form feed opens a page)."""
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if "\f" in line and pages[-1]:
            pages.append([])
        pages[-1].append(i)
    return pages


def _page_lines(lines: list[str], starts: list[int], indices: list[int], page: int,
                skip: set[int]) -> tuple[list[Line], dict[int, int]]:
    """Text lines of one page on the grid; lines in `skip` (tab or pipe rows) are left out, which
    leaves a gap as a blank line does."""
    out, where = [], {}
    for row, i in enumerate(indices):
        text = lines[i].lstrip("\f")  # a form feed opens the page's first line: not a column
        shift = len(lines[i]) - len(text)
        text = text.replace("\f", " ")
        if i in skip or not text.strip():
            continue
        words = _words(text, row, starts[i] + shift)
        for line in words_to_lines(words, page):
            out.append(line)
            where[id(line)] = i
    return out, where


def fixed_tables(lines: list[str], starts: list[int], skip: set[int]) -> list[FixedTable]:
    """Fixed-width tables of the text, continuations over form feeds stitched into one."""
    found: list[FixedTable] = []
    carry, last = None, None
    for number, indices in enumerate(_pages(lines), start=1):
        page_lines, where = _page_lines(lines, starts, indices, number, skip)
        height = len(indices) * LINE_PT
        tables, used = find_tables(page_lines, number, height, carry, monospace=CHAR_PT)
        used_rows = sorted(where[u] for u in (id(l) for l in page_lines) if u in used)
        for k, table in enumerate(tables):
            rows = [where[id(l)] for l in page_lines if id(l) in used and table.top <= l.top <= table.bottom]
            first, end = min(rows, default=used_rows[0]), max(rows, default=used_rows[-1])
            if k == 0 and carry is not None and last is not None and same_columns(last, table):
                last = stitch(last, table)
                found[-1] = FixedTable(last.table, found[-1].first, end)
            else:
                last = table
                found.append(FixedTable(table.table, first, end))
        carry = tables[-1].columns if tables and tables[-1].open_at_bottom else None
        if carry is None:
            last = None
    for item in found:
        _as_text_table(item.table, starts)
    return found


def _as_text_table(table: Table, starts: list[int]) -> None:
    """Spans stay; boxes and pages go; each row's source line (1-based) from its first cell span."""
    row_start: dict[int, int] = {}
    for cell in table.cells:
        cell.bbox, cell.page = None, None
        if cell.span is not None:
            row_start[cell.row] = min(row_start.get(cell.row, cell.span.start), cell.span.start)
    table.bbox, table.pages = None, []
    line_of = [bisect_right(starts, row_start[r]) if r in row_start else None for r in range(table.n_rows)]
    known = [n for n in line_of if n is not None]
    table.row_lines = [n if n is not None else (known[0] if known else 0) for n in line_of]
    table.line = known[0] if known else None


def is_page_number(line: str) -> bool:
    return bool(PAGE_NUMBER.match(line.replace("\f", "").strip()))


# ---------------------------------------------------------------------- hard-wrapped paragraphs
WRAP_SHARE = 0.4  # lines ending near the right margin, among the non-empty lines, in wrapped text
WRAP_NEAR = 12  # characters: "near" the margin
MAX_WRAP_WIDTH = 130  # wider lines are paragraphs written on one line, not a wrap margin


def wrap_width(lines: list[str]) -> int | None:
    """The right margin of hard-wrapped text (as `pdftotext -layout` and mail clients print it), or
    None when the lines are paragraphs of their own (lengths scattered, or longer than a page line)."""
    lengths = sorted(len(l.rstrip()) for l in lines if l.strip())
    if len(lengths) < 5:
        return None
    width = lengths[int(0.95 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if n >= width - WRAP_NEAR)
    return width if width <= MAX_WRAP_WIDTH and near >= WRAP_SHARE * len(lengths) else None


def _grid_line(text: str, offset: int) -> Line:
    return words_to_lines(_words(text, 0, offset), 0)[0]


def join_wrapped(blocks: list, lines: list[str], starts: list[int], width: int) -> list:
    """Consecutive one-line paragraphs joined where the break is a wrap (the next line's first word
    would not have fitted: pdf_text.continues, on the character grid), spans from first to last line."""
    out: list = []
    prev_line: Line | None = None
    for block in blocks:
        last = out[-1] if out else None
        if not (isinstance(block, Paragraph) and block.text and block.line):
            out.append(block)
            prev_line = None
            continue
        i = block.line - 1
        lead = len(lines[i]) - len(lines[i].lstrip(" \f"))
        line = _grid_line(lines[i].lstrip(" \f"), starts[i] + lead)
        line = Line(**{**line.__dict__, "x0": line.x0 + lead * CHAR_PT})  # keep the indent
        if (prev_line is not None and isinstance(last, Paragraph) and last.span is not None
                and continues(prev_line, line, 0.0, width * CHAR_PT)):
            last.text = join_text(last.text, block.text)
            last.span = Span(start=last.span.start, end=block.span.end if block.span else last.span.end)
        else:
            out.append(block)
        prev_line = line
    return out
