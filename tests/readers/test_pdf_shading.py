"""Ruled PDF tables whose text lines lie on white rectangles (Word's shading, a converter's highlight):
the invisible rectangles must not cut a cell into one row a line. A grid drawn as white cells on a dark
background keeps its rows. The PDFs are written by hand (ASCII text: the reader does not care)."""
from __future__ import annotations

from extractors.pdf_reader import read_pdf
from tests.readers.make_fixtures import pdf_of_contents

PAGE_H = 842
COLS = [50, 100, 400, 545]
ROWS = [100, 120, 170, 220]  # tops: header, then two rows of three lines each
CELLS = [["No", "Measure", "Deadline"],
         ["1", "Hold a district\nsports day for\nschool pupils", "May"],
         ["2", "Repair the gym\nof the school\nin the village", "June"]]


def _rect(x0: float, top: float, x1: float, bottom: float, gray: float) -> str:
    return f"{gray} g {x0} {PAGE_H - bottom} {x1 - x0} {bottom - top} re f"


def _content(shaded_lines: bool, dark_background: bool) -> str:
    ops = []
    if dark_background:  # black under everything; white cells inset leave 1 pt rules between them
        ops.append(_rect(COLS[0], ROWS[0], COLS[-1], ROWS[-1], 0))
        for r in range(len(ROWS) - 1):
            for k in range(len(COLS) - 1):
                ops.append(_rect(COLS[k] + 0.5, ROWS[r] + 0.5, COLS[k + 1] - 0.5, ROWS[r + 1] - 0.5, 1))
    else:  # thin black rectangles as rules, as Word's PDF export draws them
        ops += [_rect(x - 0.25, ROWS[0], x + 0.25, ROWS[-1], 0) for x in COLS]
        ops += [_rect(COLS[0], y - 0.25, COLS[-1], y + 0.25, 0) for y in ROWS]
    for r, row in enumerate(CELLS):
        for k, text in enumerate(row):
            for n, line in enumerate(text.split("\n")):
                top = ROWS[r] + 3 + 14 * n
                if shaded_lines:
                    ops.append(_rect(COLS[k] + 2, top, COLS[k + 1] - 2, top + 14, 1))
                ops.append(f"0 g BT /F1 10 Tf {COLS[k] + 4} {PAGE_H - top - 10} Td ({line}) Tj ET")
    return "\n".join(ops)


def _pdf(content: str) -> bytes:
    return pdf_of_contents([content], PAGE_H)


def _matrix(content: str) -> list[list[str]]:
    [table] = read_pdf(_pdf(content)).tables()
    return [[" ".join(t.split()) for t in row] for row in table.matrix()]


def _want() -> list[list[str]]:
    return [[" ".join(t.split()) for t in row] for row in CELLS]


def test_white_line_backgrounds_do_not_split_rows():
    assert _matrix(_content(shaded_lines=True, dark_background=False)) == _want()


def test_plain_ruled_table_unchanged():
    assert _matrix(_content(shaded_lines=False, dark_background=False)) == _want()


def test_white_cells_on_a_dark_background_are_the_grid():
    assert _matrix(_content(shaded_lines=False, dark_background=True)) == _want()
