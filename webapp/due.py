"""What is due in a month, and who owns it (pure).

A deadline is due in the month when its end (the due date) or its start falls in it. A recurring deadline
with an RFC 5545 rule is expanded with dateutil over its own start..end, else the plan's period, else the
month's calendar year, and is due when an occurrence falls in the month. Recurring deadlines without an
exact rule ("жылына 4 рет") cannot be placed on a date; they are listed apart when their window covers
the month. Continuous and undated deadlines are never "due".
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from dateutil.rrule import rrulestr

from webapp.catalog import BodyView, Catalog, DeadlineView, PlanLink

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_TOO_FREQUENT = re.compile(r"FREQ=(HOURLY|MINUTELY|SECONDLY)", re.IGNORECASE)  # not plan deadlines; unbounded work
MAX_OCCURRENCES = 62


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


def occurrences_in_month(rule: str, window_start: dt.date, window_end: dt.date, month: Month) -> list[dt.date]:
    """Days in `month` on which `rule` falls, counting from window_start up to window_end (inclusive).
    An unreadable or absurdly frequent rule has none."""
    low, high = max(window_start, month.start), min(window_end, month.end)
    if low > high or _TOO_FREQUENT.search(rule):
        return []
    try:
        recurrence = rrulestr(rule, dtstart=dt.datetime.combine(window_start, dt.time()))
        found = recurrence.between(dt.datetime.combine(low, dt.time()), dt.datetime.combine(high, dt.time.max),
                                   inc=True)
    except (ValueError, TypeError, OverflowError):
        return []
    return sorted({d.date() for d in found[:MAX_OCCURRENCES]})


@dataclass(frozen=True)
class DueItem:
    dates: list[dt.date]
    reason: str  # "due", "starts", "recurs", or "recurring, no exact date"
    deadline: DeadlineView
    measure_id: str
    number: str
    text: str
    plan: PlanLink | None
    owners: list[BodyView]
    responsible_raw: str


@dataclass(frozen=True)
class OwnerLoad:
    label: str
    body_id: str
    measures: int


@dataclass(frozen=True)
class DueView:
    month: Month
    items: list[DueItem]
    unplaced: list[DueItem]
    owners: list[OwnerLoad]


def _window(deadline: DeadlineView, plan: dict, month: Month) -> tuple[dt.date, dt.date]:
    start = deadline.start or plan.get("period_start") or dt.date(month.year, 1, 1)
    end = deadline.end or plan.get("period_end") or dt.date(month.year, 12, 31)
    return start, end


def placement(deadline: DeadlineView, plan: dict, month: Month) -> tuple[str, list[dt.date]] | None:
    """(reason, dates) when the deadline belongs to the month; None otherwise."""
    if deadline.kind == "continuous":
        return None
    if deadline.kind == "recurring":
        start, end = _window(deadline, plan, month)
        if deadline.rrule:
            days = occurrences_in_month(deadline.rrule, start, end, month)
            return ("recurs", days) if days else None
        return ("recurring, no exact date", []) if start <= month.end and end >= month.start else None
    if month.contains(deadline.end):
        return "due", [deadline.end]
    if month.contains(deadline.start):
        return "starts", [deadline.start]
    return None


def due_view(catalog: Catalog, month: Month) -> DueView:
    items, unplaced = [], []
    for measure_id, deadlines in catalog.deadlines.items():
        measure = catalog.measures.get(measure_id)
        if measure is None:
            continue
        plan = catalog.plans.get(measure.get("plan_id") or "", {})
        for deadline in deadlines:
            placed = placement(deadline, plan, month)
            if placed is None:
                continue
            item = DueItem(dates=placed[1], reason=placed[0], deadline=deadline, measure_id=measure_id,
                           number=measure.get("number") or "", text=measure.get("text") or "",
                           plan=catalog.plan_link(measure.get("plan_id")), owners=catalog.bodies.get(measure_id, []),
                           responsible_raw=measure.get("responsible_raw") or "")
            (items if placed[1] else unplaced).append(item)
    items.sort(key=lambda i: (i.dates[0], i.plan.plan_id if i.plan else "", i.measure_id))
    unplaced.sort(key=lambda i: (i.plan.plan_id if i.plan else "", i.measure_id))
    return DueView(month=month, items=items, unplaced=unplaced, owners=owner_loads(items + unplaced))


def owner_loads(items: list[DueItem]) -> list[OwnerLoad]:
    """Distinct measures per owner (canonical name when known), most loaded first."""
    measures_of: dict[tuple[str, str], set[str]] = {}
    for item in items:
        owners = item.owners or [BodyView(name=item.responsible_raw or "(no responsible named)")]
        for body in owners:
            measures_of.setdefault((body.label, body.body_id or ""), set()).add(item.measure_id)
    counts = Counter({key: len(ids) for key, ids in measures_of.items()})
    return [OwnerLoad(label=label, body_id=body_id, measures=n)
            for (label, body_id), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))]
