"""When each deadline falls (`derived.occurrences`), so "what is due in a month" is one indexed SQL query.

A dated deadline falls on its end ("due") and, when it starts in another month, on its start ("starts").
A recurring deadline with an RFC 5545 rule is expanded over its own start..end, else the plan's period
(corrected when an analyst corrected it), else the twelve months from the plan's anchor date (its
approval date, else its letter's date, else the day it was received): a plan whose period was lost is
no longer due every year forever. A recurring deadline without an exact rule ("жылына 4 рет") gets one
row without a day and the window it recurs in. Continuous and undated deadlines never fall due.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Sequence

import pyarrow as pa
from dateutil.rrule import rrulestr

from store.sql import DERIVED, in_values

MAX_OCCURRENCES = 400  # a daily rule over a year; more frequent rules are not plan deadlines
_TOO_FREQUENT = re.compile(r"FREQ=(HOURLY|MINUTELY|SECONDLY)", re.IGNORECASE)
SCHEMA = pa.schema([("measure_id", pa.string()), ("document_id", pa.string()), ("plan_id", pa.string()),
                    ("deadline_ordinal", pa.int64()), ("day", pa.date32()), ("reason", pa.string()),
                    ("window_start", pa.date32()), ("window_end", pa.date32())])


@lru_cache(maxsize=20000)
def expand(rule: str, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    """Days of `rule` from start to end inclusive (none for an unreadable or absurdly frequent rule)."""
    if start > end or _TOO_FREQUENT.search(rule):
        return ()
    try:
        recurrence = rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time()))
        found = []
        for moment in recurrence:
            if moment.date() > end or len(found) >= MAX_OCCURRENCES:
                break
            found.append(moment.date())
    except (ValueError, TypeError, OverflowError):
        return ()
    return tuple(found)


def _anchor_window(anchor: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    if anchor is None:
        return None, None
    try:
        end = anchor.replace(year=anchor.year + 1) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        end = anchor + dt.timedelta(days=364)
    return anchor, end


def placements(row: dict) -> list[tuple[dt.date | None, str, dt.date | None, dt.date | None]]:
    """(day, reason, window_start, window_end) for one deadline row joined with its plan's window."""
    kind = row["kind"]
    if kind in ("continuous", None):
        return []
    if kind == "recurring":
        anchor_start, anchor_end = _anchor_window(row["anchor"])
        start = row["start"] or row["period_start"] or anchor_start
        end = row["end"] or row["period_end"] or anchor_end
        if start is None or end is None:
            return []
        if row["rrule"]:
            return [(day, "recurs", start, end) for day in expand(row["rrule"], start, end)]
        return [(None, "recurring", start, end)]
    out = []
    if row["end"]:
        out.append((row["end"], "due", None, None))
    if row["start"] and (not row["end"] or (row["start"].year, row["start"].month) != (row["end"].year, row["end"].month)):
        out.append((row["start"], "starts", None, None))
    return out


def _source(where: str) -> str:
    """Deadline rows with their plan's window and anchor date; `where` (on measure_id or document_id) filters
    each side before the joins, so recomputing one measure reads a handful of rows."""
    return f"""SELECT dl.measure_id, dl.document_id, m.plan_id, dl."ordinal", dl.kind, dl."start", dl."end",
    dl.rrule, p.period_start, p.period_end,
    coalesce(p.approved_on, (SELECT min(l."date") FROM main.letters l WHERE l.document_id = dl.document_id),
             CAST(d.received_at AS DATE)) AS anchor
    FROM (SELECT * FROM main.deadlines WHERE {where}) dl
    JOIN (SELECT measure_id, plan_id FROM main.measures WHERE {where}) m USING (measure_id)
    LEFT JOIN main.plans p ON p.plan_id = m.plan_id LEFT JOIN main.documents d ON d.document_id = dl.document_id"""


def recompute(con, *, measure_ids: Sequence[str] | None = None, document_ids: Sequence[str] | None = None) -> int:
    """Replace the occurrences of the given measures or documents (all when both are None); rows written."""
    if measure_ids is not None:
        where, params = in_values("measure_id", measure_ids)
    elif document_ids is not None:
        where, params = in_values("document_id", document_ids)
    else:
        where, params = "true", []
    con.execute(f"DELETE FROM {DERIVED}.occurrences WHERE {where}", params)
    cursor = con.execute(_source(where), params * 2)
    names = [d[0] for d in cursor.description]
    columns: dict[str, list] = {name: [] for name in SCHEMA.names}
    while batch := cursor.fetchmany(10000):
        for values in batch:
            row = dict(zip(names, values))
            for day, reason, w_start, w_end in placements(row):
                for name, value in zip(SCHEMA.names, (row["measure_id"], row["document_id"], row["plan_id"],
                                                      row["ordinal"], day, reason, w_start, w_end)):
                    columns[name].append(value)
    table = pa.table(columns, schema=SCHEMA)
    if table.num_rows:
        con.register("incoming_occurrences", table)
        try:
            con.execute(f"INSERT INTO {DERIVED}.occurrences SELECT * FROM incoming_occurrences")
        finally:
            con.unregister("incoming_occurrences")
    return table.num_rows


def due_ranges(con, measure_id: str) -> tuple[tuple[dt.date | None, dt.date | None], ...]:
    """The days (as one-day ranges) and windows in which the measure falls due, as the due pages count it."""
    found = con.execute(f"""SELECT DISTINCT coalesce(day, window_start), coalesce(day, window_end)
        FROM {DERIVED}.occurrences WHERE measure_id = ?""", [measure_id]).fetchall()
    return tuple(sorted((a, b) for a, b in found if a is not None or b is not None))
