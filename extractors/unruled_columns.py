"""Columns of a table printed without rules: word blocks split at wide gaps, boundaries placed in the
space the body words leave free (or cross least), and which column a word or block belongs to. The
geometry under extractors.pdf_unruled (PDF words in points, or fixed-width text on a character grid).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace
from typing import Optional

from extractors.pdf_text import Line, words_to_lines

MIN_COLUMN_GAP = 8.0  # points: a gap wider than this (and than 2.5 spaces) separates columns
SPACE_FACTOR = 2.5
STRADDLE = 1.5  # points a block may reach over a boundary before it counts as crossing it
MONO_SHIFT_CHARS = 4  # fixed-width text: how far a squeezed cell may be shifted over its boundary


@dataclass
class Columns:
    edges: list[float]  # left edge of each column and the right edge of the last
    header: list[str]
    number_col: Optional[int]
    gap: float  # minimum horizontal gap between columns
    # while the boundaries are still guesses (middles between header blocks), a block crosses the
    # columns only when it reaches over two header blocks: a centred header says little
    header_blocks: Optional[list[tuple[float, float]]] = None
    header_extents: list[tuple[float, float]] = field(default_factory=list)
    body_spans: list[tuple[float, float]] = field(default_factory=list)  # body words the bounds avoid
    stitch_edges: Optional[list[float]] = None  # the first page's edges, kept by every continuation
    # fixed-width text (its character width): a line spread over the columns may squeeze two cells one
    # space apart, the later cell shifted left over the boundary by a few characters
    monospace: Optional[float] = None

    @property
    def bounds(self) -> list[float]:
        return self.edges[1:-1]


# ---------------------------------------------------------------------- blocks and columns
def column_gap(lines: list[Line]) -> float:
    """Gap that separates columns on this page: clearly wider than the usual space."""
    gaps = [b["x0"] - a["x1"] for l in lines for a, b in zip(l.words, l.words[1:]) if b["x0"] > a["x1"]]
    space = statistics.median(gaps) if gaps else 3.0
    return max(MIN_COLUMN_GAP, SPACE_FACTOR * min(space, 6.0))


def blocks(words: list[dict], gap: float) -> list[list[dict]]:
    """Words (of one or more lines) grouped by their x-extent, split where nothing covers a gap
    wider than `gap`."""
    out: list[list[dict]] = []
    right = None
    for w in sorted(words, key=lambda w: w["x0"]):
        if out and w["x0"] - right <= gap:
            out[-1].append(w)
            right = max(right, w["x1"])
        else:
            out.append([w])
            right = w["x1"]
    return out


def extent(ws: list[dict]) -> tuple[float, float]:
    return min(w["x0"] for w in ws), max(w["x1"] for w in ws)


def block_text(ws: list[dict], page: int) -> str:
    lines = words_to_lines(list(ws), page)
    return " ".join(l.text for l in lines)


def first_bounds(header_blocks: list[tuple[float, float]]) -> list[float]:
    return [(a[1] + b[0]) / 2 for a, b in zip(header_blocks, header_blocks[1:])]


def refine(cols: Columns, header_blocks: list[tuple[float, float]], body: list[Line]) -> Columns:
    """Boundaries moved into the widest free space between body words inside each header gap
    (a centred header says little about where its column starts). Words of earlier pages count
    too, so a continuation page keeps them clear. Where no space is free (fixed-width text that
    squeezed two cells one space apart on some line), the space crossed by the fewest words."""
    spans = cols.body_spans + [(w["x0"], w["x1"]) for l in body for w in l.words]
    bounds = [least_covered(spans, left, right)
              for (_, left), (right, _) in zip(header_blocks, header_blocks[1:])]
    x0 = min([cols.edges[0]] + [w["x0"] for l in body for w in l.words])
    x1 = max([cols.edges[-1]] + [w["x1"] for l in body for w in l.words])
    return replace(cols, edges=[x0, *bounds, x1], header_blocks=None, header_extents=header_blocks, body_spans=spans)


def least_covered(spans: list[tuple[float, float]], left: float, right: float) -> float:
    """The middle of the widest run of (left, right) covered by the fewest spans."""
    if right <= left:
        return (left + right) / 2
    events = sorted([(max(a, left), 1) for a, b in spans if b > left and a < right] +
                    [(min(b, right), -1) for a, b in spans if b > left and a < right])
    runs: list[tuple[int, float, float]] = []  # (coverage, start, end)
    depth, x = 0, left
    for pos, step in events:
        if pos > x:
            runs.append((depth, x, pos))
            x = pos
        depth += step
    if right > x:
        runs.append((depth, x, right))
    least = min(d for d, _, _ in runs)
    merged: list[list[float]] = []
    for d, a, b in runs:
        if d != least:
            continue
        if merged and abs(merged[-1][1] - a) < 1e-9:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    a, b = max(merged, key=lambda r: r[1] - r[0])
    return (a + b) / 2


def column_of(x0: float, x1: float, bounds: list[float]) -> int:
    """The column whose span the interval overlaps most."""
    edges = [float("-inf"), *bounds, float("inf")]
    overlaps = [min(x1, b) - max(x0, a) for a, b in zip(edges, edges[1:])]
    return max(range(len(overlaps)), key=overlaps.__getitem__)


def shifted_over(word: dict, cols: Columns) -> bool:
    """Fixed-width text: a word reaching over a boundary by more than a few characters on both sides."""
    slack = MONO_SHIFT_CHARS * (cols.monospace or 0.0)
    return any(min(b - word["x0"], word["x1"] - b) > slack for b in cols.bounds if word["x0"] < b < word["x1"])


def crosses(block: list[dict], cols: Columns) -> bool:
    x0, x1 = extent(block)
    if cols.header_blocks is not None:
        return sum(1 for a, b in cols.header_blocks if x0 < b - STRADDLE and x1 > a + STRADDLE) >= 2
    return any(x0 < b - STRADDLE and x1 > b + STRADDLE for b in cols.bounds)
