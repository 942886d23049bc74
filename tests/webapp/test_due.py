"""What is due in a month: month parsing (webapp/due.py) and when each deadline falls (store/occurrences.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from store.occurrences import expand, placements
from webapp.due import Month, parse_month

D = dt.date


def test_parse_month():
    assert parse_month("2026-03", D(2020, 1, 1)) == Month(2026, 3)
    assert parse_month(" 2026-12 ", D(2020, 1, 1)).end == D(2026, 12, 31)
    assert parse_month("", D(2024, 2, 10)) == Month(2024, 2)
    assert Month(2024, 2).end == D(2024, 2, 29)
    assert Month(2024, 1).previous == Month(2023, 12) and Month(2024, 12).next == Month(2025, 1)
    for bad in ("2026-3", "2026-00", "2026-13", "03.2026", "0099-01", "2026-03-01", "наурыз"):
        with pytest.raises(ValueError):
            parse_month(bad, D(2020, 1, 1))


def test_rules_expand_inside_their_window_only():
    assert expand("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15", D(2023, 9, 1), D(2024, 8, 31)) == (D(2024, 3, 15),)
    assert expand("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15", D(2024, 3, 20), D(2024, 12, 31)) == ()
    assert len(expand("FREQ=MONTHLY;BYMONTHDAY=5", D(2024, 1, 1), D(2024, 12, 31))) == 12
    assert expand("FREQ=WEEKLY;BYDAY=TH", D(2024, 3, 1), D(2024, 3, 31)) == (D(2024, 3, 7), D(2024, 3, 14),
                                                                             D(2024, 3, 21), D(2024, 3, 28))
    for rule in ("FREQ=SOMETIMES", "not a rule", "FREQ=SECONDLY", "FREQ=MINUTELY;INTERVAL=1", ""):
        assert expand(rule, D(2024, 1, 1), D(2024, 12, 31)) == ()


def _row(**kw):
    base = {"kind": None, "start": None, "end": None, "rrule": None, "period_start": None, "period_end": None,
            "anchor": None}
    return {**base, **kw}


def test_placements_of_each_kind():
    period = {"period_start": D(2023, 9, 1), "period_end": D(2024, 5, 31)}
    assert placements(_row(kind="date", end=D(2024, 3, 10))) == [(D(2024, 3, 10), "due", None, None)]
    assert placements(_row(kind="range", start=D(2024, 3, 25), end=D(2024, 4, 5))) == [
        (D(2024, 4, 5), "due", None, None), (D(2024, 3, 25), "starts", None, None)]
    assert placements(_row(kind="continuous")) == [] and placements(_row(kind="event")) == []
    yearly = "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=10"
    assert placements(_row(kind="recurring", rrule=yearly, **period)) == [(D(2024, 3, 10), "recurs", D(2023, 9, 1),
                                                                           D(2024, 5, 31))]
    # no period: the twelve months from the plan's date, never every year
    assert [p[0] for p in placements(_row(kind="recurring", rrule=yearly, anchor=D(2024, 9, 1)))] == [D(2025, 3, 10)]
    assert placements(_row(kind="recurring", rrule=yearly)) == []
    assert placements(_row(kind="recurring", **period)) == [(None, "recurring", D(2023, 9, 1), D(2024, 5, 31))]
