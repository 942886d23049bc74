"""A table continued on the next page whose first columns are not drawn there (their cells were merged
down from the page before): the continuation's columns are the last columns of the table above, edge for
edge, and it is stitched under them. Hand-written two-page PDF (ASCII text: the reader does not care)."""
from __future__ import annotations

from extractors.pdf_reader import read_pdf
from tests.readers.make_fixtures import pdf_of_contents
from tests.readers.test_pdf_shading import PAGE_H, _rect

COLS = [50, 80, 200, 400, 545]


def _grid(cols: list[int], tops: list[int], rows: list[list[str]]) -> str:
    ops = [_rect(x - 0.25, tops[0], x + 0.25, tops[-1], 0) for x in cols]
    ops += [_rect(cols[0], y - 0.25, cols[-1], y + 0.25, 0) for y in tops]
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            if text:
                ops.append(f"0 g BT /F1 10 Tf {cols[k] + 4} {PAGE_H - tops[r] - 14} Td ({text}) Tj ET")
    return "\n".join(ops)


def _pdf(pages: list[str]) -> bytes:
    return pdf_of_contents(pages, PAGE_H)


def test_a_continuation_under_the_last_columns_is_stitched():
    first = _grid(COLS, [600, 620, 800], [["No", "Part", "Topic", "Deadline"], ["1", "TRAINING", "Plan the year", "May"]])
    cont = _grid(COLS[2:], [50, 90], [["Hold a seminar", "June"]])
    [table] = read_pdf(_pdf([first, cont])).tables()
    assert table.pages == [1, 2] and table.n_cols == 4
    assert table.matrix()[-1] == [None, None, "Hold a seminar", "June"]


def test_a_table_of_other_columns_on_the_next_page_stays_apart():
    first = _grid(COLS, [600, 620, 800], [["No", "Part", "Topic", "Deadline"], ["1", "TRAINING", "Plan the year", "May"]])
    other = _grid([60, 250, 545], [50, 90], [["Note", "Text"]])
    assert len(read_pdf(_pdf([first, other])).tables()) == 2
