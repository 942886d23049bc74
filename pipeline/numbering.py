"""Measure numbers: parsing "1.", "3.4.", "I." and checking a plan's sequence for gaps and duplicates."""
from __future__ import annotations

from lang.numbers import parts
from schemas import Flag


def sequence_flags(numbers: list[str | None], where: str = "", sections: list[str | None] | None = None) -> list[Flag]:
    """Gaps and duplicates in a plan's numbering (numbers under different parents are checked apart).
    With `sections`, a section whose first number is 1 starts the count again ("1.", "2." under
    every "I отырыс", "II отырыс"); a section that goes on counting is checked with the one before."""
    flags, last_at_parent, seen = [], {}, set()
    previous = object()
    for k, number in enumerate(numbers):
        if not number:
            continue
        p = parts(number)
        if not p:
            continue
        section = sections[k] if sections else None
        if section != previous and p[-1] == 1 and k > 0:
            last_at_parent, seen = {}, set()
        previous = section
        if number in seen:
            flags.append(Flag(code="numbering_duplicate", message=f"number {number} appears twice", where=where))
        seen.add(number)
        parent, last = p[:-1], last_at_parent.get(p[:-1], 0)
        if p[-1] > last + 1:
            missing = ", ".join(".".join(map(str, parent + (j,))) for j in range(last + 1, min(p[-1], last + 6)))
            flags.append(Flag(code="numbering_gap", message=f"numbering skips {missing}", where=where))
        last_at_parent[parent] = max(last, p[-1])
    return flags
