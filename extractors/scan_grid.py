"""Table grids from the ruling lines of a page image (masks from extractors.scan_image.rule_masks).

A cell is a hole in the ruling: a connected patch of paper enclosed by rules (the table's outer
box is drawn in, so a table printed without outer borders still closes). Holes follow the page as
it is — a photographed page bends and its rules are not straight, but each cell is still one
hole — and a merged cell is simply a bigger hole.

Rows and columns then come from how cells touch, not from global line positions (which wander
on a photo by more than a row's height): the bottom of a cell and the top of the cell right
under it are one row line; the tops of two side-by-side cells at about the same height are one
row line too. Row lines are numbered by the longest chain of cells above them (a merged cell
spans the lines it skips); columns alike. Everything is in pixels of the upright image.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import cv2
import numpy as np

MIN_TABLE_PT = (60.0, 24.0)  # points: a table's ruling is at least this wide and high
MIN_CELL_PT = (8.0, 8.0)  # points: smaller holes are the insides of letters, double rules, a cut row
JOIN_PT = 4.0  # points: cells this close across a rule touch; edges this close are one line
SLANT = 0.04  # a photographed rule may climb this much per unit of width (~2.3 degrees)
ACROSS, DOWN = 0.8, 0.5  # a table has two rules across this share of its width, two down this share of its height
HOLE_FILL = 0.65  # a cell fills most of its box; a wedge between a slanted rule and the drawn frame does not

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    box: Box


@dataclass
class Grid:
    n_rows: int
    n_cols: int
    cells: list[GridCell]
    box: Box
    labels: np.ndarray = field(repr=False)  # hole label per pixel of the table's box
    label_cell: dict[int, int] = field(default_factory=dict, repr=False)  # hole label -> index in cells

    def cell_at(self, x: float, y: float) -> Optional[int]:
        """Index of the cell whose hole holds the point (a point on a rule: the cell whose box
        holds it), None outside the table."""
        x0, top, x1, bottom = self.box
        if not (x0 <= x < x1 and top <= y < bottom):
            return None
        label = int(self.labels[int(y - top), int(x - x0)])
        if label in self.label_cell:
            return self.label_cell[label]
        inside = [k for k, c in enumerate(self.cells) if c.box[0] <= x <= c.box[2] and c.box[1] <= y <= c.box[3]]
        return inside[0] if inside else None


def table_regions(horizontal: np.ndarray, vertical: np.ndarray, dpi: float) -> list[tuple[tuple[int, int, int, int], np.ndarray]]:
    """(box (x0, top, x1, bottom), its rules alone) of each connected ruling big enough to be a
    table; another ruling reaching into the box (a page edge on a photo) is left out. A table has
    two rules across most of its width and two down most of its height (outer borders or column
    lines): a stamp, a signature line over a name, underlined words have not."""
    rules = cv2.bitwise_or(horizontal, vertical)
    joint = cv2.dilate(rules, np.ones((5, 5), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joint, connectivity=8)
    min_w, min_h = (v * dpi / 72 for v in MIN_TABLE_PT)
    out = []
    for k, (x, y, w, h, _) in enumerate(stats):
        if not k or w < min_w or h < min_h:
            continue
        mine = labels[y:y + h, x:x + w] == k
        across = _long_strokes(np.where(mine, horizontal[y:y + h, x:x + w], 0), ACROSS * w, cv2.CC_STAT_WIDTH)
        down = _long_strokes(np.where(mine, vertical[y:y + h, x:x + w], 0), DOWN * h, cv2.CC_STAT_HEIGHT)
        if across >= 2 and down >= 2:
            out.append(((int(x), int(y), int(x + w), int(y + h)), np.where(mine, rules[y:y + h, x:x + w], 0).astype(np.uint8)))
    return out


def _long_strokes(mask: np.ndarray, length: float, stat: int) -> int:
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    return int(np.count_nonzero(stats[1:n, stat] >= length))


def holes(rules: np.ndarray, dpi: float) -> tuple[np.ndarray, list[tuple[int, Box]]]:
    """(label image, [(label, box)]) of the cells enclosed by the rules of one table's box."""
    closed = rules.copy()
    cv2.rectangle(closed, (0, 0), (closed.shape[1] - 1, closed.shape[0] - 1), 255, 3)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(cv2.bitwise_not(closed), connectivity=4)
    min_w, min_h = (v * dpi / 72 for v in MIN_CELL_PT)
    found = [(k, (float(x), float(y), float(x + w), float(y + h))) for k, (x, y, w, h, area) in enumerate(stats)
             if k and w >= min_w and h >= min_h and area >= HOLE_FILL * w * h]
    return labels, found


class _Lines:
    """Union-find over cell edges: node 4i is cell i's top, 4i+1 its bottom, 4i+2 its left,
    4i+3 its right."""

    def __init__(self, n: int):
        self.parent = list(range(4 * n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def join_edges(boxes: list[Box], join: float) -> _Lines:
    """Edges of touching cells and aligned edges of neighbouring cells made one line."""
    lines = _Lines(len(boxes))
    for i, a in enumerate(boxes):
        for j, b in enumerate(boxes):
            if i == j:
                continue
            side_by_side = _overlap(a[1], a[3], b[1], b[3]) > 0.3 * min(a[3] - a[1], b[3] - b[1])
            stacked = _overlap(a[0], a[2], b[0], b[2]) > 0.3 * min(a[2] - a[0], b[2] - b[0])
            if side_by_side and abs(b[0] - a[2]) <= join:  # b right of a
                lines.union(4 * i + 3, 4 * j + 2)
                tol = join + SLANT * abs((b[0] + b[2]) - (a[0] + a[2])) / 2
                if abs(a[1] - b[1]) <= tol:
                    lines.union(4 * i, 4 * j)
                if abs(a[3] - b[3]) <= tol:
                    lines.union(4 * i + 1, 4 * j + 1)
            if stacked and abs(b[1] - a[3]) <= join:  # b under a
                lines.union(4 * i + 1, 4 * j)
                tol = join + SLANT * abs((b[1] + b[3]) - (a[1] + a[3])) / 2
                if abs(a[0] - b[0]) <= tol:
                    lines.union(4 * i + 2, 4 * j + 2)
                if abs(a[2] - b[2]) <= tol:
                    lines.union(4 * i + 3, 4 * j + 3)
    return lines


def number_lines(lines: _Lines, starts: list[int], ends: list[int]) -> Optional[dict[int, int]]:
    """Index of each line (by its union-find root) = the longest chain of cells before it; None
    when the lines contradict each other (a cell that ends before it starts)."""
    roots = {lines.find(n) for n in starts + ends}
    after: dict[int, set[int]] = {r: set() for r in roots}
    for s, e in zip(starts, ends):
        rs, re_ = lines.find(s), lines.find(e)
        if rs == re_:
            return None
        after[rs].add(re_)
    indegree = {r: 0 for r in roots}
    for r in roots:
        for nxt in after[r]:
            indegree[nxt] += 1
    index = {r: 0 for r in roots}
    ready = [r for r in roots if indegree[r] == 0]
    done = 0
    while ready:
        r = ready.pop()
        done += 1
        for nxt in after[r]:
            index[nxt] = max(index[nxt], index[r] + 1)
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return index if done == len(roots) else None


def contradictions(boxes: list[Box], join: float) -> list[int]:
    """Cells whose own opposite edges were joined into one line (a sliver between two rules)."""
    lines = join_edges(boxes, join)
    return [i for i in range(len(boxes))
            if lines.find(4 * i) == lines.find(4 * i + 1) or lines.find(4 * i + 2) == lines.find(4 * i + 3)]


def covering(boxes: list[Box]) -> list[int]:
    """Holes whose box holds the centres of two or more other holes. Holes are disjoint, so a real cell,
    which is a rectangle, never does: such a box is a patch of paper that leaked around broken rules or
    through noise, and placing it would push the rows it spans apart."""
    centres = [((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for b in boxes]
    out = []
    for i, (x0, top, x1, bottom) in enumerate(boxes):
        inside = sum(1 for j, (x, y) in enumerate(centres) if j != i and x0 < x < x1 and top < y < bottom)
        if inside >= 2:
            out.append(i)
    return out


def grid_of(boxes: list[Box], join: float) -> Optional[list[GridCell]]:
    """Row, column and spans of each cell box (same order); None when they do not make a grid."""
    lines = join_edges(boxes, join)
    n = len(boxes)
    rows = number_lines(lines, [4 * i for i in range(n)], [4 * i + 1 for i in range(n)])
    cols = number_lines(lines, [4 * i + 2 for i in range(n)], [4 * i + 3 for i in range(n)])
    if rows is None or cols is None:
        return None
    cells = []
    for i, box in enumerate(boxes):
        r0, r1 = rows[lines.find(4 * i)], rows[lines.find(4 * i + 1)]
        c0, c1 = cols[lines.find(4 * i + 2)], cols[lines.find(4 * i + 3)]
        cells.append(GridCell(row=r0, col=c0, row_span=r1 - r0, col_span=c1 - c0, box=box))
    return cells


def fill_gaps(cells: list[GridCell]) -> list[GridCell]:
    """Grid positions no hole covers (a cell too small to be seen, ink filling it) as empty
    cells, so every row has all its columns; boxes from the neighbours' edges."""
    n_rows = max(c.row + c.row_span for c in cells)
    n_cols = max(c.col + c.col_span for c in cells)
    covered = np.zeros((n_rows, n_cols), dtype=bool)
    for c in cells:
        covered[c.row:c.row + c.row_span, c.col:c.col + c.col_span] = True
    tops = {c.row: c.box[1] for c in cells}
    bottoms = {c.row + c.row_span: c.box[3] for c in cells}
    lefts = {c.col: c.box[0] for c in cells}
    rights = {c.col + c.col_span: c.box[2] for c in cells}
    out = list(cells)
    for r, k in zip(*np.nonzero(~covered)):
        r, k = int(r), int(k)
        box = (lefts.get(k, rights.get(k, 0.0)), tops.get(r, bottoms.get(r, 0.0)),
               rights.get(k + 1, lefts.get(k + 1, 0.0)), bottoms.get(r + 1, tops.get(r + 1, 0.0)))
        out.append(GridCell(row=r, col=k, row_span=1, col_span=1, box=box))
    return sorted(out, key=lambda c: (c.row, c.col))


def find_grids(horizontal: np.ndarray, vertical: np.ndarray, dpi: float) -> list[Grid]:
    """Every ruled table of at least two rows and two columns on the page, top to bottom."""
    join = JOIN_PT * dpi / 72
    grids = []
    for (x0, top, x1, bottom), own in table_regions(horizontal, vertical, dpi):
        labels, found = holes(own, dpi)
        boxes = [(bx0 + x0, bt + top, bx1 + x0, bb + top) for _, (bx0, bt, bx1, bb) in found]
        leaked = set(covering(boxes))
        if leaked:
            found = [f for k, f in enumerate(found) if k not in leaked]
            boxes = [b for k, b in enumerate(boxes) if k not in leaked]
        found_cells = grid_of(boxes, join) if len(boxes) >= 4 else None
        if found_cells is None and len(boxes) >= 4:  # drop slivers that contradict the rest, once
            bad = set(contradictions(boxes, join))
            found = [f for k, f in enumerate(found) if k not in bad]
            boxes = [b for k, b in enumerate(boxes) if k not in bad]
            found_cells = grid_of(boxes, join) if bad and len(boxes) >= 4 else None
        if not found_cells:
            continue
        cells = fill_gaps(found_cells)
        n_rows = max(c.row + c.row_span for c in cells)
        n_cols = max(c.col + c.col_span for c in cells)
        if n_rows < 2 or n_cols < 2:
            continue
        position = {(c.row, c.col): k for k, c in enumerate(cells)}
        label_cell = {label: position[(c.row, c.col)] for (label, _), c in zip(found, found_cells)}
        grids.append(Grid(n_rows=n_rows, n_cols=n_cols, cells=cells, box=(x0, top, x1, bottom),
                          labels=labels, label_cell=label_cell))
    return sorted(grids, key=lambda g: g.box[1])
