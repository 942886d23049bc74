"""The plan's own period, read from its title and approval block.

"2025 – 2026 оқу жылына" / "на 2024-2025 учебный год" -> an academic year (1 September - 31 August);
"2021-2023 жылдарға арналған" / "на 2022-2024 годы" -> those calendar years; "2011 жылғы 1 тамыз мен
30 қыркүйек аралығында" -> that window; "2024 жылға арналған" / "на 2024 год" -> that year.
A single date (a letter's, an approval's) is never a period.
"""
from __future__ import annotations

import re
from typing import Optional

from schemas import Period

from pipeline.deadlines.combine import build_items
from pipeline.deadlines.grammar import find_atoms
from pipeline.deadlines.lexicon import L
from pipeline.deadlines.text import nfc, prepare

# A single year names the plan's period only when said so: "2024 жылға арналған", "на 2024 год".
YEAR_FOR = re.compile(rf"^(?:\s*-?\s*жыл(?:ға|дарға)?\s+арналған|\s*-?\s*жылға(?!{L})|\s*год(?:ы|у)?(?!{L}))")
PRE_FOR = re.compile(rf"(?<!{L})(?:на|в|за)\s*$")
RANK = {"academic": 0, "yearspan": 1, "range": 2, "year": 3}


def detect_period(lines: list[str]) -> Period | None:
    """The period a plan covers, or None when its heading names none."""
    try:
        return _detect(lines)
    except Exception:  # a heading that breaks the grammar has no period, not a crash
        return None


def _detect(lines: list[str]) -> Period | None:
    best: Optional[tuple[int, int, Period]] = None
    for index, line in enumerate(lines or []):
        if not isinstance(line, str) or not line.strip():
            continue
        for rank, period in _candidates(nfc(line)):
            if best is None or (rank, index) < best[:2]:
                best = (rank, index, period)
    return best[2] if best else None


def _candidates(line: str) -> list[tuple[int, Period]]:
    prepared = prepare(line)
    atoms = find_atoms(prepared)
    found = []
    for item in build_items(prepared, atoms, 0, len(prepared), None):
        if not item.start or not item.end:
            continue
        kinds = [a.kind for a in item.atoms]
        if item.kind == "range" and (len(item.atoms) == 2 or kinds == ["dayrange"]):
            kind = "range"
        elif kinds == ["academic"] or kinds == ["yearspan"]:
            kind = kinds[0]
        elif kinds == ["year"] and _said_for(prepared, item.atoms[0]):
            kind = "year"
        else:
            continue
        raw = " ".join(line[item.lo:item.hi].split())
        found.append((RANK[kind], Period(start=item.start, end=item.end, raw=raw)))
    return found


def _said_for(prepared: str, atom) -> bool:
    tail = prepared[atom.start + 4:atom.end + 20]
    return bool(YEAR_FOR.match(tail) or (PRE_FOR.search(prepared[:atom.start]) and "год" in tail[:8]))
