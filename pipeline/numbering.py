"""Measure numbers: parsing "1.", "3.4.", "I." and checking a plan's sequence for gaps and duplicates."""
from __future__ import annotations

from lang.numbers import parts
from schemas import Flag


def sequence_flags(numbers: list[str | None], where: str = "") -> list[Flag]:
    """Gaps and duplicates in a plan's numbering (numbers under different parents are checked apart)."""
    flags, last_at_parent, seen = [], {}, set()
    for number in numbers:
        if not number:
            continue
        p = parts(number)
        if not p:
            continue
        if number in seen:
            flags.append(Flag(code="numbering_duplicate", message=f"number {number} appears twice", where=where))
        seen.add(number)
        parent, last = p[:-1], last_at_parent.get(p[:-1], 0)
        if p[-1] > last + 1:
            missing = ", ".join(".".join(map(str, parent + (k,))) for k in range(last + 1, min(p[-1], last + 6)))
            flags.append(Flag(code="numbering_gap", message=f"numbering skips {missing}", where=where))
        last_at_parent[parent] = max(last, p[-1])
    return flags
