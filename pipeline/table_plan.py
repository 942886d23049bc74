"""A plan table -> columns, sections and measures, as a chain of steps over the table:

    head (pipeline/table_header.py: caption, header rows, column numbers, roles from header words and
    content) -> row kinds (pipeline/table_rows.py) -> measures: a measure row opens a measure, a
    continuation row appends its cells column by column (the rest of a row cut by a page break or a
    soft row split), an item row opens one measure per numbered item of its cell (pipeline/cell_items.py),
    a section row names the measures below it, a period row (a month, a quarter) gives them their deadline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lang.content import is_goal_heading
from lang.numbers import LEADING_NUMBER, parts, sequence_number
from lang.text import clean_cell, one_line
from pipeline.cell_items import group_items, parallel_pieces, split_items
from pipeline.table_header import TableLayout, header_columns, header_layout, is_plan_table, table_layout
from pipeline.table_rows import Rows, is_numeral_row, period_text, row_kind
from schemas import Cell, Column, Flag, Measure, Provenance, Table

__all__ = ["TablePlan", "parse_table", "promote_parents", "infer_numbers", "is_plan_table", "header_columns", "header_layout", "table_layout",
           "grid", "cell_at", "field_key"]

FIELD_OF_ROLE = {"measure": "text", "responsible": "responsible_raw", "form": "completion_form",
                 "deadline": "deadline_raw", "indicator": "indicator"}
# a number printed at the start of a measure's text: "1.Совершенствование…", "2) …", "3.1. …"
DAYS_ONLY = re.compile(r"^[\d\s.,;–—-]+$")
# Numbers skipping this many rows or more mean rows are not in the document (pages not photographed),
# and the month headings among them too: the heading above no longer dates the rows after the gap.
# One or two skipped numbers are a slip of the numbering, not lost pages.
MISSING_ROWS_END_PERIOD = 3


@dataclass
class TablePlan:
    columns: list[Column]
    measures: list[Measure] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    header_rows: int = 1
    caption: str | None = None  # a title row inside the table, above its header
    period: tuple[str, int] | None = None  # the month/quarter heading in force: (text, row)


@dataclass
class _Ctx:
    table: Table
    rows: Rows
    at: dict
    page_rows: bool
    keyed: list | None = None  # _keyed_columns


def promote_parents(measures: list[Measure], sections: list[str]) -> list[Measure]:
    """In a plan numbered in levels, a numbered row with children ("1. Задача 1" above "1.1", "1.1
    Результаты:" above "1.1.1") and no deadline or responsible of its own is a heading: its measures
    are the rows below it, and it names their section."""
    out: list[Measure] = []
    stack: list[tuple[tuple[int, ...], str]] = []
    for k, m in enumerate(measures):
        mine = parts(m.number) if m.number else ()
        nxt = measures[k + 1].number if k + 1 < len(measures) else None
        below = parts(nxt) if nxt else ()
        if mine and len(below) > len(mine) and below[:len(mine)] == mine and _heads_children(m):
            title = one_line(f"{m.number} {m.text}")
            stack = [(p, t) for p, t in stack if mine[:len(p)] == p and p != mine] + [(mine, title)]
            sections.append(title)
            continue
        parent = next((t for p, t in reversed(stack) if mine[:len(p)] == p and len(mine) > len(p)), None)
        if parent:
            m.section = parent
        out.append(m)
    return out


def _heads_children(m: Measure) -> bool:
    """A parent row is a heading when it has no deadline or responsible of its own, or when its text
    names a task or goal ("Задача 1. …", "2-міндет"): a programme prints the funding of a task on
    its heading row, and the cells beside it read as bodies or terms."""
    return not (m.deadline_raw or m.responsible_raw) or is_goal_heading(m.text)


def infer_numbers(measures: list[Measure]) -> None:
    """Measures that lost their numbers between two numbered ones that leave exactly their places ("10",
    ?, "12"; "10", ?, ?, "13"), or first in their section above a "2" (?, ?, "3"), get those numbers, with a
    flag saying so."""
    for k, m in enumerate(measures):
        if m.number is not None:
            continue
        before = measures[k - 1] if k > 0 else None
        end = next((j for j in range(k, len(measures)) if measures[j].number is not None), len(measures))
        after = measures[end] if end < len(measures) else None
        b = parts(after.number) if after is not None and after.number else ()
        a = parts(before.number) if before is not None and before.number and before.section == m.section else ()
        guess = None
        if a and b and a[:-1] == b[:-1] and b[-1] - a[-1] == end - k + 1:
            guess = a[:-1] + (a[-1] + 1,)
        elif b and b[-1] == end - k + 1 and after.section == m.section and (before is None or before.section != m.section):
            guess = b[:-1] + (1,)  # the first rows of a section: "?", "?", "1.3"
        if guess:
            m.number = ".".join(map(str, guess))
            m.flags.append(Flag(code="number_inferred", message=f"the number {m.number} is not printed (or was "
                                "not read); it was inferred from the measures around", where=m.number))


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


def parse_table(table: Table, columns: list[Column] | None = None, start_row: int | None = None,
                page_rows: bool = False, layout: TableLayout | None = None) -> TablePlan:
    """Measures of a plan table. `columns`/`start_row` are given for a continuation table that has
    no header of its own; `page_rows` says Table.row_lines holds pages (PDF) rather than lines."""
    caption = None
    if columns is None:
        layout = layout or table_layout(table)
        if layout is None:
            columns, start_row, caption = header_layout(table)
        else:
            columns, start_row, caption = layout.columns, layout.start_row, layout.caption
    plan = TablePlan(columns=columns, header_rows=start_row or 0, caption=caption)
    texts, covered = grid(table)
    ctx = _Ctx(table, Rows.of(texts, covered, columns, start_row or 0), cell_at(table), page_rows)
    for r in range(start_row or 0, table.n_rows):
        _take_row(plan, ctx, r, row_kind(ctx.rows, r))
    return plan


def _take_row(plan: TablePlan, ctx: _Ctx, r: int, kind: str) -> None:
    if kind in ("measure", "continuation") and not plan.measures:
        kind = "measure"  # rows before the first measure open it
    ROW_HANDLERS.get(kind, _skip)(plan, ctx, r)


def _skip(plan: TablePlan, ctx: _Ctx, r: int) -> None:
    """Empty rows, repeated headers, and rows of a kind nothing handles."""


def _period(plan: TablePlan, ctx: _Ctx, r: int) -> None:
    text = one_line(" ".join(ctx.rows.texts[r][k] for k in ctx.rows.own(r)))
    plan.period = (period_text(text) or text, r)


def _rows_missing(plan: TablePlan, rows: Rows, r: int) -> int:
    """How many numbered rows are not in the table before row r: its number less the last one, both
    read through a cut digit (lang.numbers.sequence_number), less the unnumbered measures since."""
    done = [int(m.number) for m in plan.measures if m.number and m.number.isdigit()]
    now = rows.number(r)
    if not now or not now.isdigit() or not done:
        return 0
    since = next((k for k, m in enumerate(reversed(plan.measures)) if m.number), 0)
    below = next((n for j in range(r + 1, len(rows.texts)) if (n := rows.number(j))), None)
    last = sequence_number(done[-1], done[-2] if len(done) > 1 else None, int(now))
    fixed = sequence_number(int(now), last, int(below) if below and below.isdigit() else None) if last else None
    return fixed - last - 1 - since if fixed else 0


def _section(plan: TablePlan, ctx: _Ctx, r: int) -> None:
    plan.sections.append(one_line(" ".join(ctx.rows.texts[r][k] for k in ctx.rows.own(r))))
    plan.period = None


def _measure(plan: TablePlan, ctx: _Ctx, r: int) -> None:
    if plan.period is not None and _rows_missing(plan, ctx.rows, r) >= MISSING_ROWS_END_PERIOD:
        plan.period = None
    plan.measures.append(_new_measure(plan, ctx, r, ctx.rows.texts[r]))
    _locate(plan.measures[-1], ctx, r, continuation=False)


def _continuation(plan: TablePlan, ctx: _Ctx, r: int) -> None:
    _continue_measure(plan.measures[-1], ctx.rows.texts[r], plan.columns, ctx.rows.covered, r)
    _locate(plan.measures[-1], ctx, r, continuation=True)


def _new_measure(plan: TablePlan, ctx: _Ctx, r: int, row: list[str]) -> Measure:
    rows = ctx.rows
    m = Measure(measure_id="", number=rows.number(r) if rows.numbered else None,
                section=plan.sections[-1] if plan.sections else None)
    m.provenance = _row_provenance(ctx, r)
    for c in plan.columns:
        _set(m, c, row[c.index])
    if m.number is None and not rows.numbered:
        _number_from_text(m, row, rows)
    _period_deadline(m, plan, ctx)
    return m


def _number_from_text(m: Measure, row: list[str], rows: Rows) -> None:
    """A number printed inside the text of an unnumbered table becomes the measure's number."""
    for k in (rows.measure_col, 0):
        if k is None:
            continue
        hit = LEADING_NUMBER.match(row[k] or "")
        if hit:
            m.number = hit.group(1)
            if k == rows.measure_col:
                m.text = row[k][hit.end():]
            return


def _period_deadline(m: Measure, plan: TablePlan, ctx: _Ctx) -> None:
    """The month or quarter heading above: the deadline of a measure without one, and the month of a
    deadline that only gives days ("1-10" under "ЯНВАРЬ")."""
    if plan.period is None:
        return
    text, r = plan.period
    if m.deadline_raw and not DAYS_ONLY.match(m.deadline_raw):
        return
    m.deadline_raw = f"{m.deadline_raw} {text}" if m.deadline_raw else text
    cell = next((c for k in range(ctx.table.n_cols) if (c := ctx.at.get((r, k))) is not None and c.text.strip()), None)
    if cell is not None:
        where = _cell_provenance(cell, ctx.table, r)
        if "deadline_raw" in m.cells:
            m.cells["deadline_raw"].extend(where)
        else:
            m.cells["deadline_raw"] = where


def _item_measures(plan: TablePlan, ctx: _Ctx, r: int) -> None:
    """One measure per numbered item of the measure cell; the text before the items is their section."""
    rows = ctx.rows
    text = rows.cell(r, rows.measure_col)
    title, items = group_items(text) if is_numeral_row(rows, r) else split_items(text)
    section = one_line(" ".join(t for t in (rows.cell(r, rows.num_col), title) if t)) if title else None
    if section:
        plan.sections.append(section)
    pieces = {c.index: parallel_pieces(rows.cell(r, c.index), len(items)) for c in plan.columns
              if c.role not in ("number", "measure")}
    for k, item in enumerate(items):
        m = Measure(measure_id="", number=item.number, text=clean_cell(item.text),
                    section=section or (plan.sections[-1] if plan.sections else None))
        m.provenance = _row_provenance(ctx, r)
        for c in plan.columns:
            if c.index in pieces:
                _set(m, c, pieces[c.index][k] if pieces[c.index] else rows.cell(r, c.index))
        _period_deadline(m, plan, ctx)
        plan.measures.append(m)
        _locate(m, ctx, r, continuation=False, skip=("number",))


# what each row kind (pipeline/table_rows.py) does to the plan; a kind with no handler is skipped
ROW_HANDLERS = {"period": _period, "section": _section, "items": _item_measures, "measure": _measure,
                "continuation": _continuation}


def _row_provenance(ctx: _Ctx, r: int) -> Provenance:
    table = ctx.table
    src = table.row_lines[r] if r < len(table.row_lines) else None
    return Provenance(table=_table_index(table), row=r,
                      page=src if ctx.page_rows else (table.pages[0] if table.pages else None),
                      line=None if ctx.page_rows else src, member=table.member)


def _table_index(table: Table) -> int | None:
    """A table rebuilt from paragraphs (index -1) is none of the document's tables."""
    return table.index if table.index >= 0 else None


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
    return Provenance(page=page, table=_table_index(table), row=r, bbox=cell.bbox, span=cell.span,
                      confidence=cell.confidence, member=table.member)


def _keyed_columns(ctx: _Ctx) -> list[tuple[Column, str | None]]:
    """(column, its field key), worked out once per table rather than once per cell."""
    if ctx.keyed is None:
        ctx.keyed = [(c, field_key(c)) for c in ctx.rows.columns]
    return ctx.keyed


def _locate(m: Measure, ctx: _Ctx, r: int, continuation: bool, skip: tuple[str, ...] = ()) -> None:
    """Provenance of each field's cell, and of the whole row (the union of its cells)."""
    table = ctx.table
    for c, key in _keyed_columns(ctx):
        if key is None or key in skip:
            continue
        cell = ctx.at.get((r, c.index))
        if cell is None or not cell.text.strip():
            continue
        where = _cell_provenance(cell, table, r)
        if key in m.cells:
            m.cells[key].extend(where)
        elif not continuation or c.role != "number":
            m.cells[key] = where
        m.provenance.extend(where)  # extend reads only page, box, span, confidence, member: no copy needed
