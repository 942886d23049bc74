"""From calendar atoms to deadlines: ranges, limits ("дейін", "до"), starts ("бастап", "с"), ends of periods.

Kazakh puts the limit after the date ("30.09.11 ж. дейін"), Russian before it ("до 30.09.2011"); both
are read from the text around each atom. Two atoms joined by a dash, "по", "до", "мен … аралығында" or a
Kazakh ablative ("1 қыркүйектен 15 қазанға дейін") make one range.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

from schemas import Period

from pipeline.deadlines.dates import (
    academic_bounds, half_bounds, make_date, month_bounds, quarter_bounds, year_bounds,
)
from pipeline.deadlines.grammar import Atom
from pipeline.deadlines.lexicon import ABLATIVE, DATIVE, L
from pipeline.deadlines.placement import place_day, place_half, place_month, place_quarter

_W = rf"(?<!{L})"
PRE_LIMIT = re.compile(rf"{_W}(?:до|не\s+позднее|не\s+позже|не\s+познее|к|по|(?:в\s+)?срок\s+до|кешіктірмей)[\s:«\"]*$")
PRE_END_OF = re.compile(rf"{_W}(?:до|не\s+позднее|не\s+позже|к)\s+(?:конца|окончания)\s*$")
PRE_START = re.compile(rf"{_W}(?:с|со|начиная\s+с|начиная\s+со)\s*$")
PRE_BETWEEN = re.compile(rf"{_W}(?:между|в\s+период\s+между)\s*$")
POST_LIMIT = re.compile(rf"^[\s.,)]*(?:-?\s*(?:ға|ге|қа|ке|на|не|ына|іне|сына|сіне)(?!{L})\s*)?"
                        rf"(?:дейін|шейін|кешіктірмей|кешіктірілмей|мерзімге\s+дейін){L}*")
POST_END_OF = re.compile(rf"^[\s.,]*(?:-?\s*(?:ның|нің|дың|дің|тың|тің))?\s*(?:соң|аяғ|аяқ){L}*\s+(?:дейін|шейін)")
POST_START = re.compile(rf"^[\s.,)]*(?:-?\s*(?:дан|ден|тан|тен|нан|нен))?\s*(?:бастап|бері|кейін){L}*")
POST_BETWEEN = re.compile(rf"^[\s.,]*аралығ{L}*")
GAP = re.compile(rf"[\s.]*(?P<abl>-?\s*(?:дан|ден|тан|тен|нан|нен))?\s*(?P<from>бастап)?\s*"
                 rf"(?P<conn>[-–—‒−]+|по|до|мен|бен|пен|және|и)?\s*$")


@dataclass
class Item:
    lo: int  # the phrase, context words included
    hi: int
    kind: str
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    by: bool = False
    confidence: float = 0.9
    context: bool = False  # a limit, start or range word marks it as a deadline
    atoms: list[Atom] = field(default_factory=list)


def _pre(text: str, lo: int, at: int) -> str:
    return text[max(lo, at - 40):at]


def _post(text: str, at: int, hi: int) -> str:
    return text[at:min(hi, at + 40)]


def _joins(text: str, a: Atom, b: Atom, lo: int, hi: int) -> bool:
    gap = GAP.match(text, a.end, b.start)
    if gap is None or not _compatible(a, b):
        return False
    conn = gap.group("conn")
    if conn in ("мен", "бен", "пен", "және", "и"):
        return bool(POST_BETWEEN.match(_post(text, b.end, hi)) or PRE_BETWEEN.search(_pre(text, lo, a.start)))
    if conn:
        return True
    return bool(gap.group("abl") or gap.group("from") or a.suffix in ABLATIVE
                or a.mark.endswith(("дан", "ден", "нан", "нен")))


def _compatible(a: Atom, b: Atom) -> bool:
    days = ("date", "daymonth")
    months = ("month", "monthyear")
    return ((a.kind in days and b.kind in days) or (a.kind in months and b.kind in months)
            or (a.kind == "year" and b.kind == "year"))


def group_atoms(text: str, atoms: list[Atom], lo: int, hi: int) -> list[list[Atom]]:
    """Atoms in groups: a range is a group of two, anything else a group of one."""
    groups: list[list[Atom]] = []
    i = 0
    while i < len(atoms):
        if i + 1 < len(atoms) and _joins(text, atoms[i], atoms[i + 1], lo, hi):
            groups.append([atoms[i], atoms[i + 1]])
            i += 2
        else:
            groups.append([atoms[i]])
            i += 1
    return groups


def build_items(text: str, atoms: list[Atom], lo: int, hi: int, period: Period | None) -> list[Item]:
    items = []
    groups = group_atoms(text, atoms, lo, hi)
    _share_year(groups)
    for group in groups:
        item = _range(group, period) if len(group) == 2 else _single(text, group[0], lo, hi, period)
        if len(group) == 2:
            item.lo, item.hi = _context_span(text, group[0], group[1], lo, hi)
            item.context = True
        items.append(item)
    _share_by(text, items)
    return items


_LIST_JOINER = re.compile(r"^[\s,]*(?:и|және|мен|бен|пен|,)?[\s,]*$")


def _share_by(text: str, items: list[Item]) -> None:
    """"до 25 июня и 25 декабря": the limit word said once holds for each day of the list."""
    for prev, item in zip(items, items[1:]):
        if prev.by and item.kind == "date" and not item.context and prev.kind == "date" and prev.atoms and item.atoms \
                and _LIST_JOINER.match(text[prev.atoms[-1].end:item.atoms[0].start]):
            item.by = True


def _share_year(groups: list[list[Atom]]) -> None:
    """"до 25 июня и 25 декабря 2025 г.", "2025 жылғы 25 маусым, 25 желтоқсан": one year written for a list
    of days is the year of each (single days only; a range settles its own years)."""
    singles = [g[0] for g in groups if len(g) == 1 and g[0].kind in ("date", "daymonth") and g[0].unit != "numeric"]
    years = {a.year for a in singles if a.kind == "date" and a.year}
    if len(years) != 1 or not any(a.kind == "daymonth" for a in singles):
        return
    year = years.pop()
    for atom in singles:
        if atom.kind == "daymonth":
            atom.kind, atom.year = "date", year


def _context_span(text: str, first: Atom, last: Atom, lo: int, hi: int) -> tuple[int, int]:
    begin, end = first.start, last.end
    pre = _pre(text, lo, first.start)
    for pattern in (PRE_END_OF, PRE_LIMIT, PRE_START, PRE_BETWEEN):
        m = pattern.search(pre)
        if m:
            begin = first.start - len(pre) + m.start()
            break
    post = _post(text, last.end, hi)
    for pattern in (POST_END_OF, POST_LIMIT, POST_START, POST_BETWEEN):
        m = pattern.match(post)
        if m:
            end = last.end + m.end()
            break
    return begin, end


def _range(group: list[Atom], period: Period | None) -> Item:
    a, b = group
    if a.kind in ("year",):
        if a.year and b.year and a.year <= b.year:
            first, last = year_bounds(a.year, b.year)
            return Item(a.start, b.end, "period", first, last, atoms=group)
        return Item(a.start, b.end, "unspecified", confidence=0.0, atoms=group)
    if a.kind in ("month", "monthyear"):
        ya, yb = _years_for(a, b, period)
        fa, fb = (month_bounds(ya, a.month) if ya else None), (month_bounds(yb, b.month) if yb else None)
        if fa and fb and fa[0] <= fb[1]:
            return Item(a.start, b.end, "period", fa[0], fb[1], confidence=0.85, atoms=group)
        if not (ya or yb):  # "маусым- шілде" with no year anywhere: a period whose dates nothing gives
            return Item(a.start, b.end, "period", confidence=0.3, atoms=group)
        return Item(a.start, b.end, "unspecified", confidence=0.0, atoms=group)
    ya, yb = _years_for(a, b, period)
    first, last = make_date(ya, a.month, a.day), make_date(yb, b.month, b.day)
    if first and last and first <= last:
        return Item(a.start, b.end, "range", first, last, confidence=0.95, atoms=group)
    return Item(a.start, b.end, "unspecified", confidence=0.0, atoms=group)


def _years_for(a: Atom, b: Atom, period: Period | None) -> tuple[Optional[int], Optional[int]]:
    """Years of a range's two ends: each its own, else the other's (a start after the end moves a year
    back: "15 декабря – 15 января 2025"), else placed in the plan period."""
    ya, yb = a.year, b.year
    if ya is None and yb is not None:
        ya = yb - 1 if (a.month, a.day or 1) > (b.month, b.day or 1) else yb
    elif yb is None and ya is not None:
        yb = ya + 1 if (a.month, a.day or 1) > (b.month, b.day or 1) else ya
    elif ya is None and yb is None:
        # placed in the period by its end, the start in the same year or the one before ("август-сентябрь")
        yb = place_month(b.month, period)
        before = (a.month, a.day or 1) > (b.month, b.day or 1)
        if yb is not None:
            ya = yb - 1 if before else yb
        else:
            ya = place_month(a.month, period)
            yb = (ya + 1 if before else ya) if ya is not None else None
    return ya, yb


def _single(text: str, atom: Atom, lo: int, hi: int, period: Period | None) -> Item:
    pre, post = _pre(text, lo, atom.start), _post(text, atom.end, hi)
    end_of = bool(PRE_END_OF.search(pre) or POST_END_OF.match(post))
    limit = end_of or bool(PRE_LIMIT.search(pre) or POST_LIMIT.match(post))
    start = not limit and bool(PRE_START.search(pre) or POST_START.match(post))
    item = _calendar(atom, period)
    item.lo, item.hi = _context_span(text, atom, atom, lo, hi)
    item.context = limit or start
    if item.kind == "unspecified":
        return item
    if item.kind == "date":
        item.by = limit or atom.suffix in DATIVE
        if start:
            item.kind, item.start, item.end = "range", item.end, None
        return item
    if item.kind == "dayrange":  # a written window is a deadline wherever it stands
        item.kind, item.context = "range", True
        return item
    # a whole period: a start opens a range, "до конца" / "соңына дейін" is its last day
    if start and item.start:
        item.kind, item.end = "range", None
    elif end_of and item.end:
        item.kind, item.start, item.by = "date", None, True
    else:
        item.by = limit
    return item


def _calendar(atom: Atom, period: Period | None) -> Item:
    """What one atom means on the calendar, before its context is read."""
    make = lambda kind, first=None, last=None, conf=0.9: Item(atom.start, atom.end, kind, first, last,  # noqa: E731
                                                             confidence=conf, atoms=[atom])
    kind = atom.kind
    if kind in ("date", "daymonth"):
        day = make_date(atom.year, atom.month, atom.day) if atom.year else place_day(atom.day, atom.month, period)
        if day:
            return make("date", None, day, 0.95 if atom.year else 0.8)
        # a real day and month whose year nothing gives: a date without dates rather than a guess
        return make("date", conf=0.3) if not atom.year and make_date(2000, atom.month, atom.day) else make(
            "unspecified", conf=0.0)
    if kind == "dayrange":
        year, year2 = _dayrange_years(atom, period)
        first, last = make_date(year, atom.month, atom.day), make_date(year2, atom.month2, atom.day2)
        if first and last and first <= last:
            return make("dayrange", first, last, 0.9)
        if year is None and year2 is None and make_date(2000, atom.month, atom.day) and make_date(2000, atom.month2, atom.day2):
            return make("dayrange", conf=0.3)  # "19.10 – 24.10" in a plan with no period: no dates, no guess
        return make("unspecified", conf=0.0)
    if kind in ("month", "monthyear"):
        year = atom.year or place_month(atom.month, period)
        bounds = month_bounds(year, atom.month) if year and atom.month else None
        if bounds:
            return make("period", *bounds, conf=0.9 if atom.year else 0.8)
        return make("period", conf=0.3)  # a month whose year nothing gives: no dates rather than a guess
    if kind == "season":
        first_year = place_month(atom.month, period)
        last_year = place_month(atom.month2, period)
        if first_year and last_year:
            first, last = month_bounds(first_year, atom.month), month_bounds(last_year, atom.month2)
            if first and last and first[0] <= last[1]:
                return make("period", first[0], last[1], 0.75)
        return make("period", conf=0.3)
    if kind == "year" and atom.year:
        return make("period", *year_bounds(atom.year), conf=0.85)
    if kind == "yearspan":
        return make("period", *year_bounds(atom.year, atom.year2), conf=0.9)
    if kind == "academic":
        return make("period", *academic_bounds(atom.year), conf=0.95)
    if kind in ("quarter", "half"):
        bounds = _quarter_or_half(atom, period)
        return make("period", *bounds, conf=0.85) if bounds else make("period", conf=0.3)
    return make("unspecified", conf=0.0)


def _dayrange_years(atom: Atom, period: Period | None) -> tuple[Optional[int], Optional[int]]:
    """Years of a window's two ends: the year written, else the end placed in the period and the start in
    the same year (a year earlier when it falls after the end: "28.12-10.01")."""
    if atom.year:
        return atom.year, atom.year
    if atom.month2 == atom.month:
        year = place_month(atom.month, period)
        return year, year
    end_year = place_month(atom.month2, period)
    if end_year is None:
        start_year = place_month(atom.month, period)
        if start_year is None:
            return None, None
        return start_year, start_year + 1 if (atom.month, atom.day) > (atom.month2, atom.day2) else start_year
    return (end_year - 1 if (atom.month, atom.day) > (atom.month2, atom.day2) else end_year), end_year


def _quarter_or_half(atom: Atom, period: Period | None):
    """Bounds of quarters/halves `atom.day`..`atom.number`: of the year written, of the academic year
    written, or placed in the plan period."""
    if atom.academic and atom.year:
        first, last = academic_bounds(atom.year)
        period = Period(start=first, end=last)
    elif atom.year:
        if atom.unit.startswith("четверт"):  # school quarters have no fixed dates
            return None
        bounds_of = quarter_bounds if atom.kind == "quarter" else half_bounds
        first, last = bounds_of(atom.year, atom.day), bounds_of(atom.year, atom.number)
        return (first[0], last[1]) if first and last else None
    if atom.kind == "half":
        first, last = place_half(atom.day, period), place_half(atom.number, period)
    else:
        first, last = place_quarter(atom.day, atom.unit, period), place_quarter(atom.number, atom.unit, period)
    return (first[0], last[1]) if first and last and first[0] <= last[1] else None


def yearly_dates(text: str, items: list[Item], lo: int, hi: int) -> Optional[tuple[str, bool]]:
    """"до 25 июня и 25 декабря", "25 маусым, 25 желтоқсан": the same day of several months, no year written
    anywhere, is a reporting date that comes back every year -> (RRULE, by)."""
    if len(items) < 2 or any(len(i.atoms) != 1 or i.atoms[0].kind != "daymonth" or i.atoms[0].unit == "numeric"
                             for i in items):
        return None
    days = {i.atoms[0].day for i in items}
    months = sorted({i.atoms[0].month for i in items})
    if len(days) != 1 or len(months) != len(items) or YEARISH.search(text, lo, hi):
        return None
    rrule = f"FREQ=YEARLY;BYMONTH={','.join(map(str, months))};BYMONTHDAY={days.pop()}"
    return rrule, bool(LIMIT_WORD.search(text, lo, hi))


YEARISH = re.compile(r"(?:19|20)\d\d")
LIMIT_WORD = re.compile(rf"{_W}(?:до|не\s+позднее|не\s+позже|дейін|шейін|кешіктірмей)(?!{L})")
