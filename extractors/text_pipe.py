"""Pipe-separated tables in plain text: Markdown (`| a | b |` with an alignment row `|---|:--:|`),
pipes without outer pipes (`a | b | c`), box-drawing tables (`│`, rule lines of `─┼`), and grid tables
whose rows are delimited by rule lines (`+----+----+`).

A multi-line cell arrives in one of three ways: `<br>` inside a Markdown cell; every line between two
rule lines of a grid table; or a continuation line whose first cell is empty under a row whose first
cell holds a row number (the number is printed on a row's first line only).
Every cell keeps its character span in the text (offsets into the joined lines).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from lang.numbers import row_number
from schemas.layout import Cell, Table
from schemas.records import Span

PIPES = "|│┃¦"
SEPARATOR = re.compile(r"(?<!\\)[|│┃¦]")
# a rule line: only dashes, pluses, colons, pipes and box-drawing strokes (at least three dashes)
RULE = re.compile(r"^\s*[-+=:|│┃¦─━═┼╋╪┬┴├┤┌┐└┘╞╡╤╧╔╗╚╝╠╣╦╩╬\s]*$")
RULE_DASHES = re.compile(r"[-=─━═]{3,}")
ALIGN_CELL = re.compile(r"^:?-{1,}:?$")
BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
MAX_BLANKS = 1  # blank lines allowed between the rows of one table


@dataclass
class PipeCell:
    text: str
    start: int  # absolute offsets in the source text
    end: int


@dataclass
class PipeRow:
    cells: list[PipeCell]
    line: int  # 1-based source line of the row's first line
    parts: list[list[PipeCell]] = field(default_factory=list)  # per column: the pieces of a multi-line cell


def is_rule(line: str) -> bool:
    return bool(RULE.match(line)) and bool(RULE_DASHES.search(line))


def outer_pipes(line: str) -> tuple[bool, bool]:
    stripped = line.strip()
    return stripped[:1] in PIPES, stripped[-1:] in PIPES and len(stripped) > 1


def split_cells(line: str, offset: int, outer: Optional[tuple[bool, bool]] = None) -> Optional[list[PipeCell]]:
    """The cells of a pipe row with their absolute offsets, or None when the line is no pipe row.
    `outer`: whether the table's rows open and close with a pipe (decided over all its rows: a row
    " | | text" without outer pipes has an empty first cell)."""
    cuts = [m.start() for m in SEPARATOR.finditer(line)]
    if not cuts:
        return None
    outer_left, outer_right = outer or outer_pipes(line)
    bounds = [-1, *cuts, len(line)]
    pieces = list(zip(bounds, bounds[1:]))
    if outer_left:
        pieces = pieces[1:]
    if outer_right:
        pieces = pieces[:-1]
    if len(pieces) < 2:
        return None
    cells = []
    for a, b in pieces:
        raw = line[a + 1:b]
        text = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start = offset + a + 1 + lead
        cells.append(PipeCell(text=text.replace("\\|", "|"), start=start, end=start + len(text)))
    return cells


def _is_alignment(cells: list[PipeCell]) -> bool:
    return all(ALIGN_CELL.match(c.text.replace(" ", "")) for c in cells)


def _scan(lines: list[str], starts: list[int], i: int) -> tuple[list[tuple[str, int, list[PipeCell]]], int]:
    """Pipe rows and rule lines from line i on: [(kind, line index, cells)], and the index after the run."""
    items: list[tuple[str, int, list[PipeCell]]] = []
    k, blanks = i, 0
    while k < len(lines):
        line = lines[k]
        if not line.strip():
            blanks += 1
            if blanks > MAX_BLANKS:
                break
            k += 1
            continue
        if is_rule(line) and (items or _next_is_row(lines, starts, k)):
            items.append(("rule", k, []))
        else:
            cells = split_cells(line, starts[k])
            if cells is None or "\t" in line:
                break
            items.append(("align" if _is_alignment(cells) else "row", k, cells))
        blanks = 0
        k += 1
    while items and items[-1][0] == "rule" and not any(kind == "row" for kind, _, _ in items):
        items.pop()
    end = items[-1][1] + 1 if items else i
    rows = [lines[k] for kind, k, _ in items if kind != "rule"]
    if rows:  # outer pipes are a property of the table: re-split with the majority's answer
        outer = tuple(sum(outer_pipes(r)[side] for r in rows) * 2 > len(rows) for side in (0, 1))
        items = [(kind, k, split_cells(lines[k], starts[k], outer) or [] if kind != "rule" else cells)
                 for kind, k, cells in items]
        items = [(kind, k, cells) for kind, k, cells in items if kind == "rule" or cells]
    return items, end


def _next_is_row(lines: list[str], starts: list[int], k: int) -> bool:
    return k + 1 < len(lines) and split_cells(lines[k + 1], starts[k + 1]) is not None


def _rows(items: list[tuple[str, int, list[PipeCell]]], width: int) -> list[PipeRow]:
    """Rows from the scanned lines. With rule lines between body rows (a grid table), every line between
    two rules belongs to one row; otherwise each line is a row, and a line with an empty first cell under
    a numbered row continues it."""
    rules_inside = sum(1 for kind, _, _ in items[1:-1] if kind == "rule") >= 2
    rows: list[PipeRow] = []
    open_row = False
    numbered = _numbered_first_column(items)
    for kind, k, cells in items:
        if kind == "align":
            continue
        if kind == "rule":
            open_row = False
            continue
        cells = _fit(cells, width)
        joins = open_row if rules_inside else (
            numbered and rows and not cells[0].text and any(c.text for c in cells) and bool(row_number(rows[-1].cells[0].text)))
        if joins and rows:
            for col, c in enumerate(cells):
                if c.text:
                    rows[-1].parts[col].append(c)
        else:
            rows.append(PipeRow(cells=cells, line=k + 1, parts=[[c] if c.text else [] for c in cells]))
        open_row = rules_inside
    return rows


def _numbered_first_column(items) -> bool:
    firsts = [cells[0].text for kind, _, cells in items if kind == "row" and cells[0].text]
    return sum(1 for t in firsts if row_number(t)) >= max(2, len(firsts) // 3)


def _fit(cells: list[PipeCell], width: int) -> list[PipeCell]:
    """Pad short rows with empty cells; fold surplus cells into the last column."""
    if len(cells) < width:
        at = cells[-1].end if cells else 0
        return cells + [PipeCell("", at, at) for _ in range(width - len(cells))]
    while len(cells) > width and not cells[-1].text:
        cells = cells[:-1]
    if len(cells) > width:
        tail = [c for c in cells[width - 1:] if c.text]
        merged = PipeCell(" | ".join(c.text for c in tail), tail[0].start, tail[-1].end) if tail else cells[width - 1]
        cells = cells[: width - 1] + [merged]
    return cells


def _cell(row: PipeRow, r: int, col: int) -> Cell:
    parts = row.parts[col]
    if not parts:
        c = row.cells[col]
        return Cell(text="", row=r, col=col, span=Span(start=c.start, end=c.end))
    text = "\n".join(BREAK.sub("\n", p.text) for p in parts)
    text = "\n".join(piece.strip() for piece in text.split("\n"))
    return Cell(text=text, row=r, col=col, span=Span(start=parts[0].start, end=parts[-1].end))


def pipe_table_at(lines: list[str], starts: list[int], i: int) -> tuple[Optional[Table], int]:
    """The pipe table starting at line i and the index of the line after it, or (None, i)."""
    if split_cells(lines[i], starts[i]) is None and not (is_rule(lines[i]) and _next_is_row(lines, starts, i)):
        return None, i
    items, end = _scan(lines, starts, i)
    body = [cells for kind, _, cells in items if kind == "row"]
    has_alignment = any(kind == "align" for kind, _, _ in items)
    if len(body) < 2 and not (has_alignment and body):
        return None, i
    width = len(body[0])
    rows = _rows(items, width)
    cells = [_cell(row, r, col) for r, row in enumerate(rows) for col in range(width)]
    table = Table(n_rows=len(rows), n_cols=width, cells=cells, line=items[0][1] + 1,
                  row_lines=[row.line for row in rows])
    return table, end
