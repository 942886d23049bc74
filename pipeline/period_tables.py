"""Small tables of the same columns under period headings typed as paragraphs between them: an annual
plan drawn month by month ("Қыркүйек", table, "Қазан", table, … / "СЕНТЯБРЬ", table, "ОКТЯБРЬ", table, …),
sometimes under a header printed as a table of its own. They are one plan: the tables are joined into
one, each heading becoming a row across it (a period row, pipeline/table_rows.py: the deadline of the
rows under it).

A chain needs two tables or more of the same number of columns (and the same width on the page, when
known), each right under a period heading; between them only blank lines and short lines (a date
typed beside the table, a column title left outside the ruling).
"""
from __future__ import annotations

from dataclasses import dataclass

from lang.text import one_line
from pipeline.columns import roles_from_content
from pipeline.table_header import TableLayout, table_layout
from pipeline.table_rows import period_text
from schemas import Block, Cell, Paragraph, Table

MIN_TABLES = 2
MAX_SHORT_WORDS = 3  # a line between the tables that is not a heading: a date, a column title
MAX_SHORT_LINES = 3
EDGE_TOLERANCE = 6.0  # points: the tables' left and right edges


@dataclass
class PeriodChain:
    first: int  # block index of the chain's first block (its header table or first heading)
    last: int  # block index of its last table
    table: Table  # the joined table
    layout: TableLayout


def _period_heading(block: Block) -> str | None:
    if not isinstance(block, Paragraph) or block.is_label:
        return None
    text = one_line(block.text)
    return period_text(text) if text else None


def _short(block: Block) -> bool:
    return isinstance(block, Paragraph) and not block.is_label and len(block.text.split()) <= MAX_SHORT_WORDS


def _same_shape(a: Table, b: Table) -> bool:
    if a.n_cols != b.n_cols:
        return False
    if a.bbox is None or b.bbox is None:
        return True
    return abs(a.bbox.x0 - b.bbox.x0) <= EDGE_TOLERANCE and abs(a.bbox.x1 - b.bbox.x1) <= EDGE_TOLERANCE


def _heading_before(blocks: list[Block], i: int, stop: int) -> tuple[int, str] | None:
    """The period heading among the short lines right above block i (after block `stop`)."""
    found, shorts = None, 0
    for j in range(i - 1, stop, -1):
        b = blocks[j]
        heading = _period_heading(b)
        if heading and found is None:
            found = (j, heading)
        elif isinstance(b, Paragraph) and not b.text.strip():
            continue
        elif _short(b) and shorts < MAX_SHORT_LINES:
            shorts += 1
        else:
            return None
    return found


def find_chains(blocks: list[Block]) -> list[PeriodChain]:
    chains: list[PeriodChain] = []
    i = 0
    while i < len(blocks):
        chain = _chain_from(blocks, i)
        if chain is None:
            i += 1
            continue
        chains.append(chain)
        i = chain.last + 1
    return chains


def _chain_from(blocks: list[Block], i: int) -> PeriodChain | None:
    """The chain whose first dated table is block i, with the header table above its heading, if any."""
    if not isinstance(blocks[i], Table):
        return None
    stop = _previous_table(blocks, i)
    head = _heading_before(blocks, i, stop if stop is not None else -1)
    if head is None:
        return None
    parts = [(head[1], blocks[i])]
    last = i
    while (nxt := _previous_table(blocks, len(blocks), after=last)) is not None:
        found = _heading_before(blocks, nxt, last)
        if found is None or not _same_shape(blocks[i], blocks[nxt]):
            break
        parts.append((found[1], blocks[nxt]))
        last = nxt
    if len(parts) < MIN_TABLES:
        return None
    header = blocks[stop] if stop is not None and _is_header_of(blocks[stop], blocks[i], blocks[stop + 1:head[0]]) else None
    table = _join(header, parts)
    layout = _layout(table, header is not None)
    return PeriodChain(first=stop if header is not None else head[0], last=last, table=table, layout=layout)


def _previous_table(blocks: list[Block], i: int, after: int | None = None) -> int | None:
    """The nearest table before block i, or (with `after`) the first table after block `after`."""
    if after is not None:
        return next((j for j in range(after + 1, len(blocks)) if isinstance(blocks[j], Table)), None)
    return next((j for j in range(i - 1, -1, -1) if isinstance(blocks[j], Table)), None)


def _is_header_of(header: Table, first: Table, between: list[Block]) -> bool:
    """A one-row table of the same columns right above the first heading: the chain's header."""
    return (header.n_rows == 1 and _same_shape(header, first)
            and all(_short(b) or (isinstance(b, Paragraph) and not b.text.strip()) for b in between))


def _join(header: Table | None, parts: list[tuple[str, Table]]) -> Table:
    first = parts[0][1]
    cells: list[Cell] = []
    row_lines: list[int] = []
    pages: set[int] = set()
    n = 0
    tables = ([(None, header)] if header is not None else []) + parts
    for heading, t in tables:
        page = t.pages[0] if t.pages else None
        if heading is not None:
            cells.append(Cell(text=heading, row=n, col=0, col_span=first.n_cols, page=page))
            row_lines.append(t.row_lines[0] if t.row_lines else (page or 0))
            n += 1
        cells.extend(c.model_copy(update={"row": c.row + n}) for c in t.cells)
        row_lines.extend(t.row_lines or [page or 0] * t.n_rows)
        pages.update(t.pages)
        n += t.n_rows
    return first.model_copy(update={"cells": cells, "n_rows": n, "row_lines": row_lines, "pages": sorted(pages)})


def _layout(table: Table, has_header: bool) -> TableLayout:
    """The head from header words or content; the dated headings are the evidence of a plan a table
    of two free-text columns lacks, so roles fall back on the content of the rows alone."""
    found = table_layout(table)
    if found is not None:
        return found
    start = 1 if has_header else 0
    rows = [[one_line(t or "") for t in row] for row in table.matrix()[start:]]
    body = [r for r in rows if sum(1 for t in r if t) > 1]
    headers = [one_line(t or "") for t in table.matrix()[0]] if has_header else None
    return TableLayout(roles_from_content(body, table.n_cols, headers), start, None, from_content=True)
