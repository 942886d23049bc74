"""Parent and derived plans side by side, measure against measure, with word-level differences (pure).

Measures are paired by the pipeline's own alignment (pipeline/diff/align.py: one-to-one assignment over
text similarity, merges and splits), over the texts as shown (corrections applied). Within a pair the
words are compared with difflib: words only in the parent are marked deleted, words only in the derived
plan inserted.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

_WORDS = re.compile(r"\S+\s*")


@dataclass(frozen=True)
class Side:
    measure_id: str
    number: str
    words: list[tuple[str, str]]  # (text, "" | "del" | "ins")


@dataclass(frozen=True)
class CompareRow:
    parent: Side | None
    derived: Side | None
    status: str  # same, changed, dropped, added, merged, split
    similarity: float


def word_diff(old: str, new: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    a, b = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    left, right = [], []
    matcher = difflib.SequenceMatcher(a=[w.strip().casefold() for w in a], b=[w.strip().casefold() for w in b],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(("".join(a[i1:i2]), ""))
            right.append(("".join(b[j1:j2]), ""))
            continue
        if i2 > i1:
            left.append(("".join(a[i1:i2]), "del"))
        if j2 > j1:
            right.append(("".join(b[j1:j2]), "ins"))
    return left, right


def _side(m: dict[str, Any], words: list[tuple[str, str]] | None = None) -> Side:
    return Side(measure_id=m["measure_id"], number=m.get("number") or "", words=words or [(m.get("text") or "", "")])


def compare(parent: list[dict[str, Any]], derived: list[dict[str, Any]]) -> list[CompareRow]:
    from pipeline.diff.align import align

    result = align([m.get("text") or "" for m in parent], [m.get("text") or "" for m in derived])
    rows: list[tuple[float, CompareRow]] = []
    for i, j, sim in result.pairs:
        left, right = word_diff(parent[i].get("text") or "", derived[j].get("text") or "")
        same = all(cls == "" for _, cls in left + right)
        rows.append((i, CompareRow(_side(parent[i], left), _side(derived[j], right), "same" if same else "changed",
                                   round(sim, 3))))
    for parents, j, sim in result.merges:
        for i in parents:
            rows.append((i, CompareRow(_side(parent[i]), _side(derived[j]), "merged", round(sim, 3))))
    for i, children, sim in result.splits:
        for j in children:
            rows.append((i, CompareRow(_side(parent[i]), _side(derived[j]), "split", round(sim, 3))))
    for i in result.dropped:
        rows.append((i, CompareRow(_side(parent[i]), None, "dropped", 0.0)))
    placed = sorted(rows, key=lambda r: r[0])
    out = [row for _, row in placed]
    out += [CompareRow(None, _side(derived[j]), "added", 0.0) for j in result.added]
    return out
