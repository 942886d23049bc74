"""A column typed beside a ruled table without ruling of its own (the dates right of a one-column grid):
its lines become the table's last column, each in the row beside it. A note in the margin of a wide
table, or prose beside it, stays text. Hand-written PDFs (ASCII text: the reader does not care)."""
from __future__ import annotations

from extractors.pdf_reader import read_pdf
from schemas.layout import Paragraph
from tests.readers.test_pdf_shading import PAGE_H, _pdf, _rect

ROWS = [100, 140, 180, 220]
X0, X1 = 50, 400


def _content(side: list[str | None], cols: list[int] = (X0, X1)) -> str:
    ops = [_rect(x - 0.25, ROWS[0], x + 0.25, ROWS[-1], 0) for x in cols]
    ops += [_rect(cols[0], y - 0.25, cols[-1], y + 0.25, 0) for y in ROWS]
    for r in range(len(ROWS) - 1):
        ops.append(f"0 g BT /F1 10 Tf {cols[0] + 4} {PAGE_H - ROWS[r] - 14} Td (Measure text of row {r + 1}) Tj ET")
        if side[r]:
            ops.append(f"0 g BT /F1 10 Tf {cols[-1] + 20} {PAGE_H - ROWS[r] - 14} Td ({side[r]}) Tj ET")
    return "\n".join(ops)


def test_dates_beside_a_one_column_table_are_its_second_column():
    doc = read_pdf(_pdf(_content(["Term", "May", "All summer"])))
    [table] = doc.tables()
    assert table.n_cols == 2
    assert [row[1] for row in table.matrix()] == ["Term", "May", "All summer"]
    assert not any(isinstance(b, Paragraph) and b.text in ("May", "All summer") for b in doc.blocks)


def test_one_line_beside_a_table_stays_a_line():
    doc = read_pdf(_pdf(_content([None, "Note", None])))
    assert doc.tables()[0].n_cols == 1
    assert any(isinstance(b, Paragraph) and b.text == "Note" for b in doc.blocks)


def test_a_wide_ruled_table_takes_no_side_column():
    doc = read_pdf(_pdf(_content(["a", "b", "c"], cols=[50, 100, 150, 200, 300])))
    assert doc.tables()[0].n_cols == 4
