"""Placing a month, quarter or half-year written without a year inside the plan's own period.

A month is placed only where the period makes the year certain: a period of at most a year that contains
that month once (an academic year puts September-December in its first year and January-August in its
second; a calendar-year period puts every month in that year). Otherwise nothing is placed: no guess.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from schemas import Period

from pipeline.deadlines.dates import (
    academic_bounds, half_bounds, make_date, month_bounds, month_start, quarter_bounds,
)

Bounds = Optional[tuple[dt.date, dt.date]]


def _window(period: Period | None) -> Bounds:
    if period is None or period.start is None or period.end is None or period.end < period.start:
        return None
    if (period.end - period.start).days > 366:  # several years: a bare month could be in any of them
        return None
    return period.start, period.end


def is_academic(period: Period | None) -> bool:
    if period is None or period.start is None or period.end is None:
        return False
    return (period.start, period.end) == academic_bounds(period.start.year)


def place_month(month: int | None, period: Period | None) -> Optional[int]:
    """The year of `month` inside the period, or None."""
    window = _window(period)
    if window is None or not month:
        return None
    years = {y for y in (window[0].year, window[1].year)
             if (b := month_bounds(y, month)) and b[0] <= window[1] and b[1] >= window[0]}
    return years.pop() if len(years) == 1 else None


def place_day(day: int | None, month: int | None, period: Period | None) -> Optional[dt.date]:
    year = place_month(month, period)
    return make_date(year, month, day) if year else None


def place_quarter(quarter: int, unit: str, period: Period | None) -> Bounds:
    """A calendar quarter in the period. A school quarter ("четверть", or "тоқсан" in an academic
    year) has dates each school sets, so it is not placed."""
    window = _window(period)
    if window is None or unit.startswith("четверт") or (unit.startswith("тоқсан") and is_academic(period)):
        return None
    years = {y for y in (window[0].year, window[1].year)
             if month_start(window[0]) <= dt.date(y, 3 * quarter - 2, 1) <= window[1]}
    return quarter_bounds(years.pop(), quarter) if len(years) == 1 else None


def place_half(half: int, period: Period | None) -> Bounds:
    """A half-year: of the academic year (September-December, January-August) or of a calendar year."""
    window = _window(period)
    if window is None:
        return None
    if is_academic(period):
        first = window[0].year
        return (window[0], dt.date(first, 12, 31)) if half == 1 else (dt.date(first + 1, 1, 1), window[1])
    if window[0].year == window[1].year:
        return half_bounds(window[0].year, half)
    return None
