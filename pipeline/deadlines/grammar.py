"""The date grammar: finds the calendar atoms of a prepared deadline string.

An atom is one written calendar expression: a full date, a day and month, a month of a year, a bare
month, a year, a span of years, an academic year, a quarter, a half-year, or a span of days. Atoms are
found by a handful of precompiled patterns; where they overlap, the earliest and then longest wins.
How atoms combine (ranges, limits) is `combine.py`'s job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from lang.months import MONTH_HINT
from lang.numbers import full_year, second_year
from pipeline.deadlines.dates import month_bounds
from pipeline.deadlines.lexicon import (
    ACADEMIC_MARK, GENITIVE, L, MONTH_WORD, NOT_AFTER, ORDINAL, YEAR4, month_of, ordinal_value,
)

YEAR_MARK = rf"(?:\s*-?\s*(?:жж|гг|ж|г)(?:\.|{NOT_AFTER})|\s*-?\s*(?:жыл|год){L}*)"
DAY = r"«?(?<![\d.])(?P<d>[0-3]?\d)»?"
DAY_SUFFIX = rf"(?:\s*-?\s*(?:нші|ншы|шы|ші|сы|сі|ы|і|го|ое|ого|е){NOT_AFTER})?"
YEAR_AFTER = rf"(?:\s*,?\s*(?P<y>{YEAR4})(?P<ym>{YEAR_MARK})?)?"
SEP = r"(?:\s?[./]\s?|,)"
DASH = r"[-–—‒−]"


@dataclass
class Atom:
    kind: str  # date daymonth dayrange monthyear month year yearspan academic quarter half bad
    start: int
    end: int
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    year2: Optional[int] = None
    month2: Optional[int] = None
    day2: Optional[int] = None
    number: Optional[int] = None  # quarter or half-year number (the last one of a span; `day` the first)
    unit: Optional[str] = None  # "квартал", "тоқсан", "четверть" for quarters
    suffix: str = ""  # the Kazakh ending of the last word ("ға", "дан"...)
    mark: str = ""  # what followed the year ("жылға", "годы")
    academic: bool = False  # a quarter or half of the academic year `year`-`year+1`

    @property
    def size(self) -> int:
        return self.end - self.start

    def is_day(self) -> bool:
        return self.kind in ("date", "daymonth")


def _month(m: re.Match) -> Optional[int]:
    return month_of(m.group("mw") or m.group("mwru") or m.group("mwab"))


def _suffix(m: re.Match) -> str:
    return (m.groupdict().get("msuf") or "")


def _int(m: re.Match, name: str) -> Optional[int]:
    value = m.groupdict().get(name)
    return int(value) if value and value.isdigit() else None


def _span(m: re.Match, kind: str, **values) -> Atom:
    return Atom(kind, m.start(), m.end(), **values)


def _num_date(m: re.Match) -> Atom:
    day, month, year = _int(m, "d"), _int(m, "m"), full_year(m.group("y"))
    if not (year and month and day and 1 <= month <= 12 and 1 <= day <= 31):
        return _span(m, "bad")
    return _span(m, "date", year=year, month=month, day=day)


def _num_range(m: re.Match) -> Atom:
    month, year = _int(m, "m"), full_year(m.group("y"))
    first_month = _int(m, "m1") or month
    if not (year and month and 1 <= month <= 12 and first_month and 1 <= first_month <= 12):
        return _span(m, "bad")
    return _span(m, "dayrange", year=year, month=first_month, day=_int(m, "d1"), month2=month, day2=_int(m, "d"))


def _word_date(m: re.Match) -> Atom:
    month, day = _month(m), _int(m, "d")
    year = full_year(m.group("y")) if m.groupdict().get("y") else None
    if not (month and day and 1 <= day <= 31):
        return _span(m, "bad")
    kind = "date" if year else "daymonth"
    return _span(m, kind, year=year, month=month, day=day, suffix=_suffix(m), mark=m.groupdict().get("ym") or "")


def _word_range(m: re.Match) -> Atom:
    month, year = _month(m), (full_year(m.group("y")) if m.group("y") else None)
    if not month:
        return _span(m, "bad")
    return _span(m, "dayrange", year=year, month=month, day=_int(m, "d1"), month2=month, day2=_int(m, "d"),
                 suffix=_suffix(m))


def _month_then_day(m: re.Match) -> Atom:
    """"ақпанның 10-на дейін": a month in the genitive, then its day."""
    if _suffix(m) not in GENITIVE:  # "Наурыз 15 ..." is not read as a day: the month alone
        month_only = _MONTH_ONLY.match(m.string, m.start())
        return _bare_month(month_only) if month_only else _span(m, "bad")
    return _word_date(m)


def _month_year(m: re.Match) -> Atom:
    return _span(m, "monthyear", year=full_year(m.group("y")), month=_month(m), suffix=_suffix(m),
                 mark=m.groupdict().get("ym") or "")


def _bare_month(m: re.Match) -> Atom:
    return _span(m, "month", month=_month(m), suffix=_suffix(m))


def _year(m: re.Match) -> Atom:
    return _span(m, "year", year=full_year(m.group("y")), mark=(m.group("ym") or "").strip())


def _two_years(m: re.Match) -> tuple[Optional[int], Optional[int]]:
    first = full_year(m.group("y1"))
    second_text = m.group("y2")
    second = second_year(first, second_text) if first else None
    if not (first and second and 0 < second - first <= 10):
        return None, None
    return first, second


def _year_span(m: re.Match) -> Atom:
    first, second = _two_years(m)
    if not first:
        return _span(m, "bad")
    return _span(m, "yearspan", year=first, year2=second, mark=(m.groupdict().get("ym") or "").strip())


def _academic(m: re.Match) -> Atom:
    first, second = _two_years(m)
    if not first or second != first + 1:
        return _span(m, "bad")
    return _span(m, "academic", year=first, year2=second)


def _quarter(m: re.Match) -> Atom:
    """A quarter or half-year, maybe a span of them ("I-II тоқсан"), of a year or an academic year."""
    groups = m.groupdict()
    unit = groups.get("u") or "квартал"  # "кв.", "кв-л"
    number = ordinal_value(m.group("ord"))
    first_number = ordinal_value(groups["q0"]) if groups.get("q0") else number
    academic = bool(groups.get("y2"))
    year = full_year(groups["y"]) if groups.get("y") else None
    kind = "half" if unit.startswith(("жарты", "полу", "пол")) else "quarter"
    if not number or not first_number or first_number > number or (kind == "half" and number > 2):
        return _span(m, "bad")
    return _span(m, kind, number=number, day=first_number, unit=unit.replace(" ", ""), year=year, academic=academic)


def _decade(m: re.Match) -> Atom:
    """"в первой декаде сентября", "қыркүйектің екінші онкүндігі": days 1-10, 11-20, 21-end."""
    number, month = ordinal_value(m.group("ord")), _month(m)
    year = full_year(m.group("y")) if m.groupdict().get("y") else None
    if not number or number > 3 or not month:
        return _span(m, "bad")
    first, last = 10 * number - 9, (10 * number if number < 3 else month_bounds(2001 if month != 2 else 2000, month)[1].day)
    return _span(m, "dayrange", year=year, month=month, day=first, month2=month, day2=last)


YEARS2 = rf"(?P<y1>{YEAR4})(?:\s*(?:жж|гг|ж|г)\.?)?\s*(?:{DASH}|/)\s*(?P<y2>{YEAR4}|\d{{2}}(?!\d))"
# the first of a span of quarters ("I-II тоқсан", "1–3 кварталы")
Q0 = r"(?:(?<![^\W\d_])(?P<q0>iv|iii|ii|i|іv|ііі|іі|і|[1-4])\s*(?:-?(?:ші|шы|й))?\s*[-–—]\s*)?"
ACADEMIC_YEARS = rf"(?P<y>{YEAR4})\s*(?:{DASH}|/)\s*(?P<y2>{YEAR4}|\d{{2}}(?!\d)){ACADEMIC_MARK}"
PERIOD_UNIT = rf"(?:(?P<u>тоқсан|квартал|четверт|жарты\s?жыл|полугод|полгод){L}*|(?P<kv>кв)(?:-л|\.|{L}*))"

_MONTH_ONLY = re.compile(MONTH_WORD)

# What a piece of text must hold for a pattern to be tried at all: most deadline cells hold no month
# name, no year or no quarter word, and skipping those patterns is most of the grammar's speed.
HINTS = {
    "digit": re.compile(r"\d"),
    "year": re.compile(r"(?:19|20)\d\d"),
    "month": MONTH_HINT,
    "unit": re.compile(r"тоқсан|квартал|четверт|жарты|полугод|полгод|кв"),
    "decade": re.compile(r"декад|онкүнд"),
    "dash": re.compile(r"[-–—‒−]"),
    "academic": re.compile(r"оқу|уч"),
}
_YEAR, _DIGIT, _MONTH = frozenset({"year"}), frozenset({"digit"}), frozenset({"month"})
_DAY_MONTH, _YEAR_MONTH = frozenset({"digit", "month"}), frozenset({"year", "month"})
_UNIT, _UNIT_YEAR, _DECADE = frozenset({"unit"}), frozenset({"unit", "year"}), frozenset({"decade", "month"})
_ACADEMIC, _UNIT_ACADEMIC = frozenset({"year", "academic"}), frozenset({"unit", "year", "academic"})

# (pattern, builder, hints needed); the order only breaks ties between matches of the same start and length
PATTERNS: list[tuple[re.Pattern, Callable[[re.Match], Atom], frozenset]] = [
    (re.compile(YEARS2 + ACADEMIC_MARK), _academic, _ACADEMIC),
    (re.compile(YEARS2 + rf"(?P<ym>{YEAR_MARK})?"), _year_span, _YEAR),
    (re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}}){SEP}(?P<m>\d{{1,2}}){SEP}(?P<y>\d{{4}}|\d{{2}})(?!\d)(?:{YEAR_MARK})?"),
     _num_date, _DIGIT),
    (re.compile(rf"(?<!\d)(?P<y>(?:19|20)\d{{2}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?!\d)"), _num_date, _YEAR),
    (re.compile(rf"(?<![\d.])(?P<d1>\d{{1,2}})(?:\.(?P<m1>\d{{1,2}}))?\.?\s*{DASH}\s*"
                rf"(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}}|\d{{2}})(?!\d)(?:{YEAR_MARK})?"), _num_range,
     frozenset({"digit", "dash"})),
    (re.compile(rf"(?P<y>{YEAR4})\s*(?:жыл(?:ғы|дың|ы)?|ж\.?|г\.?|года)?\s*,?\s*{DAY}{DAY_SUFFIX}\s*-?\s*{MONTH_WORD}"),
     _word_date, _YEAR_MONTH),
    (re.compile(rf"{DAY}{DAY_SUFFIX}\s*-?\s*{MONTH_WORD}{YEAR_AFTER}"), _word_date, _DAY_MONTH),
    (re.compile(rf"(?<![\d.])(?P<d1>[0-3]?\d)\s*(?:{DASH}|по|мен|бен|пен|и)\s*(?P<d>[0-3]?\d){DAY_SUFFIX}\s*-?\s*"
                rf"{MONTH_WORD}{YEAR_AFTER}"), _word_range, _DAY_MONTH),
    (re.compile(rf"{MONTH_WORD}\s+(?P<d>[0-3]?\d)(?!\d)(?:\s*-?\s*(?:күні|жұлдызы|{L}{{1,4}})(?!{L}))?"), _month_then_day,
     _DAY_MONTH),
    (re.compile(rf"(?P<y>{YEAR4})(?P<ym>{YEAR_MARK})?\s*[,.]?\s*{MONTH_WORD}"), _month_year, _YEAR_MONTH),
    (re.compile(rf"{MONTH_WORD}\s*[,.]?\s*(?P<y>{YEAR4})(?P<ym>{YEAR_MARK})?"), _month_year, _YEAR_MONTH),
    (re.compile(rf"{Q0}{ORDINAL}\s*-?\s*{PERIOD_UNIT}\s*,?\s*{ACADEMIC_YEARS}"), _quarter, _UNIT_ACADEMIC),
    (re.compile(rf"{ACADEMIC_YEARS}\s*,?\s*{Q0}{ORDINAL}\s*-?\s*{PERIOD_UNIT}"), _quarter, _UNIT_ACADEMIC),
    (re.compile(rf"{Q0}{ORDINAL}\s*-?\s*{PERIOD_UNIT}{YEAR_AFTER}"), _quarter, _UNIT),
    (re.compile(rf"(?P<y>{YEAR4})(?:{YEAR_MARK})?\s*,?\s*{Q0}{ORDINAL}\s*-?\s*{PERIOD_UNIT}"), _quarter, _UNIT_YEAR),
    (re.compile(rf"{ORDINAL}\s+декад{L}*\s+{MONTH_WORD}{YEAR_AFTER}"), _decade, _DECADE),
    (re.compile(rf"{MONTH_WORD}\s+{ORDINAL}\s+онкүнд{L}*"), _decade, _DECADE),
    (re.compile(rf"(?<![\d№])(?P<y>{YEAR4})(?P<ym>{YEAR_MARK})?"), _year, _YEAR),
    (re.compile(MONTH_WORD), _bare_month, _MONTH),
]


def find_atoms(prepared: str, start: int = 0, end: Optional[int] = None) -> list[Atom]:
    """Calendar atoms in prepared[start:end], left to right, none overlapping."""
    end = len(prepared) if end is None else end
    candidates: list[tuple] = []
    present = {name for name, hint in HINTS.items() if hint.search(prepared, start, end)}
    for order, (pattern, build, needs) in enumerate(PATTERNS):
        if not needs <= present:
            continue
        for m in pattern.finditer(prepared, start, end):
            atom = build(m)
            atom.end = _trim_end(prepared, atom.start, atom.end)
            candidates.append((atom.start, -atom.size, order, atom))
    candidates.sort(key=lambda c: c[:3])
    chosen: list[Atom] = []
    taken_until = -1
    for begin, _, _, atom in candidates:
        if begin >= taken_until:
            chosen.append(atom)
            taken_until = atom.end
    return chosen


def _trim_end(text: str, begin: int, end: int) -> int:
    while end > begin and text[end - 1].isspace():
        end -= 1
    return end
