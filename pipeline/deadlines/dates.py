"""Calendar arithmetic the grammar needs: safe date construction, years, months, quarters, halves."""
from __future__ import annotations

import calendar
import datetime as dt

from lang.numbers import full_year  # noqa: F401  (the one year rule, re-exported for the grammar)


def make_date(year: int | None, month: int | None, day: int | None) -> dt.date | None:
    """A date, or None when the parts do not make one (31.02, month 13): never a guess."""
    if not (year and month and day):
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date] | None:
    if not (1 <= month <= 12) or not (1900 <= year <= 2100):
        return None
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_bounds(first: int, last: int | None = None) -> tuple[dt.date, dt.date]:
    return dt.date(first, 1, 1), dt.date(last or first, 12, 31)


def academic_bounds(first: int) -> tuple[dt.date, dt.date]:
    """The Kazakhstan school year: 1 September to 31 August."""
    return dt.date(first, 9, 1), dt.date(first + 1, 8, 31)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date] | None:
    if not 1 <= quarter <= 4:
        return None
    first = month_bounds(year, 3 * quarter - 2)
    last = month_bounds(year, 3 * quarter)
    return (first[0], last[1]) if first and last else None


def half_bounds(year: int, half: int) -> tuple[dt.date, dt.date] | None:
    if half == 1:
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if half == 2:
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    return None


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
