"""A plan table -> columns, sections and measures.

Rows are classified one by one: header rows (possibly several, possibly with a row of column numbers
"1 2 3 4" under them), section heading rows (one text across the row), measure rows (a number in the
number column), and continuation rows (no number: the rest of the measure above, cut by a page break
or a soft row split), whose cells are appended to the measure above column by column.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lang.headers import column_roles, is_plan_header
from lang.numbers import HEADING_NUMBER, row_number
from lang.text import clean_cell, one_line
from schemas import Cell, Column, Measure, Provenance, Table

FIELD_OF_ROLE = {"measure": "text", "responsible": "responsible_raw", "form": "completion_form",
                 "deadline": "deadline_raw", "indicator": "indicator"}
MAX_HEADER_ROWS = 3
MAX_CAPTION_ROWS = 2


@dataclass
class TablePlan:
    columns: list[Column]
    measures: list[Measure] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    header_rows: int = 1
    caption: str | None = None  # a title row inside the table, above its header


def grid(table: Table) -> tuple[list[list[str]], set[tuple[int, int]]]:
    """Cell texts with vertically merged cells filled down, and the set of filled (covered) positions.
    Horizontally merged cells are not filled: a row spanning the table is a section heading."""
    texts = [[""] * table.n_cols for _ in range(table.n_rows)]
    covered: set[tuple[int, int]] = set()
    for c in table.cells:
        for r in range(c.row, min(c.row + c.row_span, table.n_rows)):
            texts[r][c.col] = clean_cell(c.text)
            if r != c.row:
                covered.add((r, c.col))
            for k in range(c.col + 1, min(c.col + c.col_span, table.n_cols)):
                covered.add((r, k))
    return texts, covered


def header_columns(table: Table) -> tuple[list[Column], int]:
    """Columns from the first rows, and the index of the first row after the header."""
    columns, first_row, _ = header_layout(table)
    return columns, first_row


def header_layout(table: Table) -> tuple[list[Column], int, str | None]:
    """Columns, the first row after the header, and the caption: a title row spanning the table above
    the header ("План мероприятий … на 2024-2025 учебный год" merged across all columns)."""
    full = [[one_line(t) for t in row] for row in table.matrix(fill_merged=True)]
    captions = 0
    while captions < min(MAX_CAPTION_ROWS, len(full) - 1) and _is_caption_row(table, captions):
        captions += 1
    for skip in range(captions, -1, -1):  # a header under the caption rows first
        columns, n = _header_from(full[skip:], table.n_cols)
        if is_plan_header(columns) or skip == 0:
            caption = " ".join(full[r][0] for r in range(skip)) or None
            return columns, skip + n, caption
    raise AssertionError("unreachable")


def _is_caption_row(table: Table, r: int) -> bool:
    """One text across the whole row."""
    own = [t for t in table.matrix()[r] if t and t.strip()]
    return table.n_cols > 1 and len(own) == 1


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
    while n < len(full) and _is_column_numbers(full[n]):
        n += 1
    return columns, n


def _is_data_row(row: list[str]) -> bool:
    return bool(row and (row_number(row[0]) or HEADING_NUMBER.match(row[0] or "")))


def _is_column_numbers(row: list[str]) -> bool:
    values = [v for v in row if v]
    return len(values) >= 2 and all(v.rstrip(".") == str(i + 1) for i, v in enumerate(values))


def is_plan_table(table: Table) -> bool:
    return table.n_rows >= 2 and table.n_cols >= 2 and is_plan_header(header_columns(table)[0])


def parse_table(table: Table, columns: list[Column] | None = None, start_row: int | None = None,
                page_rows: bool = False) -> TablePlan:
    """Measures of a plan table. `columns`/`start_row` are given for a continuation table that has
    no header of its own; `page_rows` says Table.row_lines holds pages (PDF) rather than lines."""
    caption = None
    if columns is None:
        columns, start_row, caption = header_layout(table)
    plan = TablePlan(columns=columns, header_rows=start_row or 0, caption=caption)
    texts, covered = grid(table)
    at = cell_at(table)
    header_key = [one_line(t) for t in texts[0]] if texts else []
    num_col = next((c.index for c in columns if c.role == "number"), None)
    for r in range(start_row or 0, table.n_rows):
        row = texts[r]
        if not any(row) or ([one_line(t) for t in row] == header_key and r > 0):
            continue  # empty, or a header repeated on a new page
        kind = _row_kind(row, covered, r, num_col, columns)
        if kind == "section":
            plan.sections.append(one_line(next(t for t in row if t)))
        elif kind == "measure" or not plan.measures:
            plan.measures.append(_new_measure(row, columns, num_col, table, r, page_rows, plan.sections))
            _locate(plan.measures[-1], columns, at, table, r, continuation=False)
        else:
            _continue_measure(plan.measures[-1], row, columns, covered, r)
            _locate(plan.measures[-1], columns, at, table, r, continuation=True)
    return plan


def _row_kind(row: list[str], covered: set, r: int, num_col: int | None, columns: list[Column]) -> str:
    own = [k for k, t in enumerate(row) if t and (r, k) not in covered]
    if num_col is not None and row_number(row[num_col]) and (r, num_col) not in covered:
        return "measure"
    if len(own) == 1 and (own[0] == num_col or own[0] == 0 or _spans(row, covered, r, own[0])):
        text = row[own[0]]
        if num_col is None or not row_number(text):
            return "section"
    if num_col is None:
        return "measure"
    return "continuation"


def _spans(row: list[str], covered: set, r: int, k: int) -> bool:
    return sum(1 for j in range(k + 1, len(row)) if (r, j) in covered) >= max(1, (len(row) - 1) // 2)


def _new_measure(row, columns, num_col, table: Table, r: int, page_rows: bool, sections: list[str]) -> Measure:
    m = Measure(measure_id="", number=row_number(row[num_col]) if num_col is not None else None,
                section=sections[-1] if sections else None)
    src = table.row_lines[r] if r < len(table.row_lines) else None
    m.provenance = Provenance(table=table.index, row=r, page=src if page_rows else (table.pages[0] if table.pages else None),
                              line=None if page_rows else src, member=table.member)
    for c in columns:
        _set(m, c, row[c.index])
    return m


def _set(m: Measure, column: Column, text: str, append: bool = False) -> None:
    """Fill a field; a continuation row's text is the rest of a sentence cut by a row or page break."""
    if not text:
        return
    name = FIELD_OF_ROLE.get(column.role)
    if name is None:
        if column.role == "other":
            old = m.other.get(column.header)
            m.other[column.header] = f"{old} {text}" if append and old else text
        return
    old = getattr(m, name)
    setattr(m, name, f"{old} {text}" if append and old else text)


def _continue_measure(m: Measure, row, columns, covered: set, r: int) -> None:
    for c in columns:
        if c.role != "number" and (r, c.index) not in covered:
            _set(m, c, row[c.index], append=True)


def cell_at(table: Table) -> dict[tuple[int, int], Cell]:
    """The cell covering each grid position (a merged cell covers several)."""
    at: dict[tuple[int, int], Cell] = {}
    for c in table.cells:
        for r in range(c.row, min(c.row + c.row_span, table.n_rows)):
            for k in range(c.col, min(c.col + c.col_span, table.n_cols)):
                at[(r, k)] = c
    return at


def field_key(column: Column) -> str | None:
    """The key of a column's field in Measure.cells."""
    if column.role == "number":
        return "number"
    if column.role == "other":
        return f"other:{column.header}"
    return FIELD_OF_ROLE.get(column.role)


def _cell_provenance(cell: Cell, table: Table, r: int) -> Provenance:
    page = cell.page if cell.page is not None else (table.pages[0] if table.pages else None)
    return Provenance(page=page, table=table.index, row=r, bbox=cell.bbox, span=cell.span, confidence=cell.confidence,
                      member=table.member)


def _locate(m: Measure, columns: list[Column], at: dict, table: Table, r: int, continuation: bool) -> None:
    """Provenance of each field's cell, and of the whole row (the union of its cells)."""
    for c in columns:
        cell, key = at.get((r, c.index)), field_key(c)
        if cell is None or key is None or not cell.text.strip():
            continue
        where = _cell_provenance(cell, table, r)
        if key in m.cells:
            m.cells[key].extend(where)
        elif not continuation or c.role != "number":
            m.cells[key] = where
        m.provenance.extend(where.model_copy(update={"table": None, "row": None}))
