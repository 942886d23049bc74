"""Measure numbers: parsing "1.", "3.4.", "I." and checking a plan's sequence for gaps and duplicates."""
from __future__ import annotations

from lang.numbers import SECTION_MARK, parts, sequence_number
from schemas import Flag, Measure


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


def restore_dots(measures: list[Measure]) -> None:
    """In a plan numbered in two levels ("2.1", "2.2"), a number whose dot OCR lost ("22") becomes the
    dotted number its neighbours or its section leave for it, when its digits are exactly that number's
    digits. A plan numbered 1, 2 … 22 is left alone: most of its numbers have no dot."""
    dotted = [m for m in measures if m.number and len(parts(m.number)) == 2]
    if len(dotted) * 2 <= sum(1 for m in measures if m.number):
        return
    for k, m in enumerate(measures):
        if not m.number or "." in m.number or not m.number.isdigit():
            continue
        for guess in _dotted_candidates(measures, k):
            if "".join(map(str, guess)) == m.number:
                m.flags.append(Flag(code="number_inferred", where=".".join(map(str, guess)),
                                    message=f"read as {m.number}: the dot was lost, the neighbours give this number"))
                m.number = ".".join(map(str, guess))
                break


def _dotted_candidates(measures: list[Measure], k: int) -> list[tuple[int, ...]]:
    out = []
    before = parts(measures[k - 1].number or "") if k > 0 else ()
    after = parts(measures[k + 1].number or "") if k + 1 < len(measures) else ()
    if len(before) == 2:
        out.append((before[0], before[1] + 1))
    if len(after) == 2 and after[1] > 1:
        out.append((after[0], after[1] - 1))
    mark = SECTION_MARK.match(measures[k].section or "")
    if mark and mark.group(1).isdigit():
        out.append((int(mark.group(1)), 1))  # first under "3. Бақылау"
    return out


def repair_cut_numbers(measures: list[Measure]) -> None:
    """A plain number that breaks the count between its neighbours (of the same section) and stands for
    the one number between them that ends with its digits, or whose digits end with it: a photo's
    edge cut its leading digit ("3" between 10 and 14 is 13) or a rule was read as a digit ("218"
    between 17 and 19 is 18)."""
    plain = [(k, int(m.number)) for k, m in enumerate(measures) if m.number and m.number.isdigit()]
    for i, (k, read) in enumerate(plain):
        m = measures[k]
        before = _neighbour(measures, plain, i - 1, m.section)
        after = _neighbour(measures, plain, i + 1, m.section)
        if before is None:
            continue
        fixed = sequence_number(read, before, after)
        if fixed is not None and fixed != read:
            m.flags.append(Flag(code="number_inferred", where=str(fixed),
                                message=f"read as {m.number}: a digit was cut off or a mark read as one; "
                                        "the neighbours give this number"))
            m.number = str(fixed)
            plain[i] = (k, fixed)


def _neighbour(measures: list[Measure], plain: list[tuple[int, int]], i: int, section: str | None) -> int | None:
    if not 0 <= i < len(plain):
        return None
    k, value = plain[i]
    return value if measures[k].section == section else None
