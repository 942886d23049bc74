"""A table's head: caption rows, header rows, a row of column numbers, and the column roles — from header
words first (lang/headers.py), then from content (pipeline/columns.py) when the header is missing or
unfamiliar. `table_layout` returns None for a table that is not a plan.
"""
from __future__ import annotations

from dataclasses import dataclass

from lang.headers import column_roles, is_plan_header
from lang.numbers import HEADING_NUMBER, row_number
from lang.text import one_line
from pipeline.columns import (has_plan_evidence, is_deadline_text, is_ordinal_text, is_timetable, refine_roles,
                              roles_from_content)
from schemas import Column, Table

MAX_HEADER_ROWS = 3
MAX_CAPTION_ROWS = 2
MAX_HEADER_CELL_CHARS = 80


@dataclass
class TableLayout:
    columns: list[Column]
    start_row: int  # first row after the caption, header and column-number rows
    caption: str | None = None  # a title row spanning the table above its header
    from_content: bool = False  # roles read from the cells, not from header words


def full_rows(table: Table) -> list[list[str]]:
    return [[one_line(t) for t in row] for row in table.matrix(fill_merged=True)]


def header_layout(table: Table, full: list[list[str]] | None = None) -> tuple[list[Column], int, str | None]:
    """Columns from header words, the first row after the header, and the caption: a title row spanning
    the table above the header ("План мероприятий … на 2024-2025 учебный год" merged across all columns).
    `full` is full_rows(table) when the caller has it already (laying a long table out costs)."""
    full = full if full is not None else full_rows(table)
    captions = 0
    while captions < min(MAX_CAPTION_ROWS, len(full) - 1) and _is_caption_row(table, captions):
        captions += 1
    for skip in range(captions, -1, -1):  # a header under the caption rows first
        columns, n = _header_from(full[skip:], table.n_cols)
        if is_plan_header(columns) or skip == 0:
            caption = " ".join(full[r][0] for r in range(skip)) or None
            return columns, skip + n, caption
    raise AssertionError("unreachable")


def header_columns(table: Table) -> tuple[list[Column], int]:
    columns, first_row, _ = header_layout(table)
    return columns, first_row


def table_layout(table: Table) -> TableLayout | None:
    """The head of a plan table, or None: header words first (checked against the content), then the
    content alone, under a header row of unfamiliar words or with no header at all."""
    if table.n_rows < 2 or table.n_cols < 2:
        return None
    full = full_rows(table)
    columns, start, caption = header_layout(table, full)
    body = full[start:]
    if is_plan_header(columns):
        if is_timetable(body):
            return None
        return TableLayout(refine_roles(columns, body), start, caption)
    return _layout_from_content(table, full)


def is_plan_table(table: Table) -> bool:
    return table_layout(table) is not None


def _layout_from_content(table: Table, full: list[list[str]]) -> TableLayout | None:
    captions = 0
    while captions < min(MAX_CAPTION_ROWS, len(full) - 2) and _is_caption_row(table, captions):
        captions += 1
    caption = " ".join(full[r][0] for r in range(captions)) or None
    has_header = captions < len(full) and _looks_like_header(full[captions])
    start = captions + (1 if has_header else 0)
    while start < len(full) and _is_column_numbers(full[start]):
        start += 1
    body = full[start:]
    if len(body) < 2:
        return None
    headers = full[captions] if has_header else None
    columns = roles_from_content(body, table.n_cols, headers)
    if not has_plan_evidence(columns, body):
        return None
    return TableLayout(columns, start, caption, from_content=True)


def _looks_like_header(row: list[str]) -> bool:
    """Short labels, no row number, no deadline: the names of the columns."""
    cells = [t for t in row if t]
    if len(cells) < 2 or any(len(t) > MAX_HEADER_CELL_CHARS for t in cells):
        return False
    if any(is_ordinal_text(t) for t in cells):
        return False
    return not any(is_deadline_text(t) for t in cells)


def _is_caption_row(table: Table, r: int) -> bool:
    """One text across the whole row."""
    if table.n_cols <= 1:
        return False
    own = [t for t in _matrix_row(table, r) if t and t.strip()]
    return len(own) == 1


def _matrix_row(table: Table, r: int) -> list[str | None]:
    """table.matrix()[r] without laying out the other rows (the caption rows are looked at one by one)."""
    row: list[str | None] = [None] * table.n_cols
    for c in table.cells:
        if c.row <= r < min(c.row + c.row_span, table.n_rows):
            for k in range(c.col, min(c.col + c.col_span, table.n_cols)):
                row[k] = c.text if (r == c.row and k == c.col) else None
    return row


def _header_from(full: list[list[str]], n_cols: int) -> tuple[list[Column], int]:
    best: tuple[list[Column], int] = (column_roles(full[0]) if full else [], 1)
    for n in range(1, min(MAX_HEADER_ROWS, len(full)) + 1):
        if n > 1 and _is_data_row(full[n - 1]):
            break
        merged = [" ".join(dict.fromkeys(full[r][k] for r in range(n) if full[r][k])) for k in range(n_cols)]
        columns = column_roles(merged)
        if is_plan_header(columns) and (n == 1 or len({c.role for c in columns}) > len({c.role for c in best[0]})):
            best = (columns, n)
    columns, n = best
    # rows under the header whose first cell is the header's own merged down ("№" over three rows)
    while n < len(full) and full[n][0] and full[n][0] == full[0][0] and not _is_data_row(full[n]):
        n += 1
    while n < len(full) and _is_column_numbers(full[n]):
        n += 1
    return columns, n


def _is_data_row(row: list[str]) -> bool:
    return bool(row and (row_number(row[0]) or HEADING_NUMBER.match(row[0] or "")))


def _is_column_numbers(row: list[str]) -> bool:
    values = [v for v in row if v]
    return len(values) >= 2 and all(v.rstrip(".") == str(i + 1) for i, v in enumerate(values))
