"""Column gutters of unruled tables whose cells are justified or packed close: the x-ranges that no
word of the rows below a header covers, with words on both sides on several lines.

A scanner's OCR text layer (and justified Word cells) spreads words over the cell width, so gaps
inside a cell can be wider than the gap between two cells: gap width alone (unruled_columns.blocks)
merges a cell with its neighbour. What still separates the columns is alignment: the cells' edges
line up down the rows, leaving a narrow vertical strip free of words. The strips give the header's
column blocks and a gap narrow enough that the rows split at them; the table is then read as any
unruled table (pdf_unruled), only under a header that reads as a plan header.
"""
from __future__ import annotations

from extractors.pdf_text import Line
from extractors.unruled_columns import MIN_COLUMN_GAP

BODY_LINES = 12  # lines under a header that must leave a gutter free
MIN_SIDED_LINES = 2  # lines with words right beside the gutter on both sides (rows, not wrapped lines)
MIN_GUTTER = 3.0  # points: narrower free strips are spaces between words
NEAR = 30.0  # points: a word this close to the strip borders on it


def gutters(body: list[Line]) -> list[tuple[float, float]]:
    """Free strips (x0, x1) between the leftmost and rightmost word of the lines, bordered on both
    sides on at least MIN_SIDED_LINES lines."""
    words = [w for line in body for w in line.words]
    if not words:
        return []
    spans = sorted((w["x0"], w["x1"]) for w in words)
    free, right = [], spans[0][1]
    for a, b in spans[1:]:
        if a - right >= MIN_GUTTER:
            free.append((right, a))
        right = max(right, b)
    return [g for g in free if _sided(body, g) >= MIN_SIDED_LINES]


def _sided(body: list[Line], gutter: tuple[float, float]) -> int:
    a, b = gutter
    return sum(1 for line in body
               if any(a - NEAR <= w["x1"] <= a for w in line.words) and any(b <= w["x0"] <= b + NEAR for w in line.words))


def split_at(words: list[dict], cuts: list[tuple[float, float]]) -> list[list[dict]]:
    """Words grouped by the gutters (each word goes where its middle lies); empty groups dropped."""
    mids = [(a + b) / 2 for a, b in cuts]
    groups: list[list[dict]] = [[] for _ in range(len(mids) + 1)]
    for w in sorted(words, key=lambda w: w["x0"]):
        centre = (w["x0"] + w["x1"]) / 2
        groups[sum(1 for m in mids if centre > m)].append(w)
    return [g for g in groups if g]


def gutter_gap(cuts: list[tuple[float, float]], gap: float) -> float:
    """A gap that the narrowest gutter still exceeds (rows split at every gutter)."""
    narrowest = min(b - a for a, b in cuts)
    return max(min(gap, narrowest - 0.5, MIN_COLUMN_GAP), MIN_GUTTER - 0.5)


def header_guide(words: list[dict], cuts: list[tuple[float, float]]
                 ) -> tuple[list[list[dict]], list[tuple[float, float]], list[tuple[float, float]]]:
    """Header words grouped by the gutters; each group's extent reaching to the gutter that parts it
    from the next group (of several, the widest: a strip left inside a justified cell by chance is
    narrow), so the columns' bounds fall in those gutters however the header is centred; and those
    parting gutters."""
    groups = split_at(words, cuts)
    guide = [[min(w["x0"] for w in g), max(w["x1"] for w in g)] for g in groups]
    parting = []
    for k in range(len(groups) - 1):
        between = [c for c in cuts if guide[k][1] <= (c[0] + c[1]) / 2 <= guide[k + 1][0]]
        if between:
            a, b = max(between, key=lambda c: c[1] - c[0])
            guide[k][1], guide[k + 1][0] = max(guide[k][1], a), min(guide[k + 1][0], b)
            parting.append((a, b))
    return groups, [(x0, x1) for x0, x1 in guide], parting
