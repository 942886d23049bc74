"""The month of the "due" page (pure). When each deadline falls is computed by the store
(store/occurrences.py, table derived.occurrences) and listed by store/browse.py `due`."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def previous(self) -> "Month":
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    @property
    def next(self) -> "Month":
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def parse_month(text: str | None, today: dt.date) -> Month:
    """`YYYY-MM` (years 1900..2200); the current month when empty. ValueError with a message otherwise."""
    if not text:
        return Month(today.year, today.month)
    match = _MONTH.fullmatch(text.strip())
    if not match:
        raise ValueError("month must be written YYYY-MM, for example 2026-03")
    year, month = int(match.group(1)), int(match.group(2))
    if not (1900 <= year <= 2200 and 1 <= month <= 12):
        raise ValueError("month must be a real month between 1900-01 and 2200-12")
    return Month(year, month)
