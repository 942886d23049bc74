"""Cell accuracy against the corpus truth, the same for every tool.

A tool's output is reduced to rows of cell texts: jospar's measures (their fields in the plan's column
order), or the rows of every table a table extractor returned (header and section rows included: they
simply pair with no truth row). Each truth row is paired with at most one output row: the one sharing
most cells, else (OCR: no cell exactly right) the most similar by text. Within a pair, cells are aligned
in order (an extractor that adds or loses a column shifts nothing else) maximising their similarity.

  exact       share of truth cells whose aligned cell is the same text (whitespace collapsed, NFC,
              trailing dots dropped: "1." and "1" are one number)
  similarity  mean character similarity (rapidfuzz ratio, 0-1) of each truth cell to its aligned cell
  found       share of truth cells whose text appears anywhere in the tool's output text (plain OCR has
              no cells; this says whether the text was read at all)
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

JOSPAR_FIELD = {"number": "number", "text": "text", "responsible": "responsible_raw", "form": "completion_form",
                "deadline": "deadline_raw", "indicator": "indicator"}
_SPACE = re.compile(r"\s+")
ROW_MATCH_CUTOFF = 60  # a row pairs by text alone only when its joined cells are this similar (0-100)


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "")
    return _SPACE.sub(" ", text).strip().rstrip(". ").strip()


@dataclass
class Score:
    cells: int = 0
    exact: int = 0
    similarity: float = 0.0
    found: int = 0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.cells + other.cells, self.exact + other.exact, self.similarity + other.similarity,
                     self.found + other.found)

    def rates(self) -> dict[str, float]:
        n = max(self.cells, 1)
        return {"exact": self.exact / n, "similarity": self.similarity / n, "found": self.found / n}


def truth_rows(truth: dict) -> list[list[str]]:
    return [[row[f] for f in truth["columns"]] for row in truth["rows"]]


def jospar_rows(document: dict, columns: list[str]) -> list[list[str]]:
    """A Document (as JSON) -> one row per measure, its fields in the table's column order."""
    return [[m.get(JOSPAR_FIELD[f]) or "" for f in columns] for plan in document.get("plans", [])
            for m in plan.get("measures", [])]


def table_rows(tables: list[list[list[str | None]]]) -> list[list[str]]:
    """Tables as lists of rows of cells (None for a merged or missing cell) -> rows of strings."""
    return [[cell or "" for cell in row] for table in tables for row in table]


def align_cells(truth: list[str], output: list[str]) -> tuple[int, float]:
    """Order-preserving alignment of normalised truth cells to output cells maximising similarity:
    (cells exactly equal, summed similarity)."""
    n, m = len(truth), len(output)
    best = [[(0.0, 0)] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            sim = fuzz.ratio(truth[i - 1], output[j - 1]) / 100 if truth[i - 1] or output[j - 1] else 1.0
            diagonal = best[i - 1][j - 1]
            best[i][j] = max(best[i - 1][j], best[i][j - 1],
                             (diagonal[0] + sim, diagonal[1] + (truth[i - 1] == output[j - 1])))
    similarity, exact = best[n][m]
    return exact, similarity


def pair_rows(truth: list[list[str]], output: list[list[str]]) -> list[int | None]:
    """For each truth row, the index of its output row (or None); an output row pairs once."""
    index: dict[str, set[int]] = defaultdict(set)
    for j, row in enumerate(output):
        for cell in row:
            if cell:
                index[cell].add(j)
    used: set[int] = set()
    pairs: list[int | None] = []
    joined = [" ".join(row) for row in output]
    for row in truth:
        counts: dict[int, int] = defaultdict(int)
        for cell in row:
            for j in index.get(cell, ()):
                if j not in used:
                    counts[j] += 1
        if counts:
            choice = max(counts, key=lambda j: (counts[j], -j))
        else:
            free = {j: text for j, text in enumerate(joined) if j not in used}
            hit = process.extractOne(" ".join(row), free, scorer=fuzz.ratio, score_cutoff=ROW_MATCH_CUTOFF)
            choice = hit[2] if hit else None
        if choice is not None:
            used.add(choice)
        pairs.append(choice)
    return pairs


def score_rows(truth: list[list[str]], output: list[list[str]], output_text: str | None = None) -> Score:
    """Score one document: truth rows against a tool's rows (and its whole text, for `found`)."""
    truth = [[norm(c) for c in row] for row in truth]
    output = [[norm(c) for c in row] for row in output]
    text = norm(output_text if output_text is not None else " | ".join(" | ".join(row) for row in output))
    score = Score(cells=sum(len(row) for row in truth))
    for row, j in zip(truth, pair_rows(truth, output)):
        score.found += sum(1 for cell in row if cell and cell in text)
        if j is not None:
            exact, similarity = align_cells(row, output[j])
            score.exact += exact
            score.similarity += similarity
    return score
