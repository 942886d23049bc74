"""Layouts built in the tests: tables from rows, with rows merged across the table (month and section
headings) and paragraphs around them, so a structure pass can be tested on exactly the shape it reads."""
from __future__ import annotations

from pipeline.structure import build_structure
from schemas import Cell, LayoutDocument, Paragraph, Table

ACROSS = "<<across>>"  # a row given as [ACROSS, text] is one cell merged across the table


def table(rows: list[list[str]], index: int = 0) -> Table:
    n_cols = max(len(r) for r in rows if r[0] != ACROSS)
    cells = []
    for r, row in enumerate(rows):
        if row[0] == ACROSS:
            cells.append(Cell(text=row[1], row=r, col=0, col_span=n_cols))
            continue
        cells += [Cell(text=row[k] if k < len(row) else "", row=r, col=k) for k in range(n_cols)]
    return Table(index=index, n_rows=len(rows), n_cols=n_cols, cells=cells)


def layout(*blocks, media_type: str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document") -> LayoutDocument:
    out = []
    for b in blocks:
        out.append(Paragraph(text=b) if isinstance(b, str) else b)
    return LayoutDocument(media_type=media_type, blocks=out)


def plans_of(*blocks, **kw):
    plans, _, failed = build_structure(layout(*blocks, **kw), "0" * 64)
    assert not failed, failed
    return plans


def only_plan(*blocks, **kw):
    plans = plans_of(*blocks, **kw)
    assert len(plans) == 1, [p.title for p in plans]
    return plans[0]
