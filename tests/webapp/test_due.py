"""What is due in a month (pure): month parsing, rule expansion within a window, placement of each kind."""
from __future__ import annotations

import datetime as dt

import pytest

from webapp.catalog import BodyView, Catalog, DeadlineView
from webapp.due import Month, due_view, occurrences_in_month, parse_month, placement

D = dt.date
MARCH_2024 = Month(2024, 3)


def test_parse_month():
    assert parse_month("2026-03", D(2020, 1, 1)) == Month(2026, 3)
    assert parse_month(" 2026-12 ", D(2020, 1, 1)).end == D(2026, 12, 31)
    assert parse_month("", D(2024, 2, 10)) == Month(2024, 2)
    assert Month(2024, 2).end == D(2024, 2, 29)
    assert Month(2024, 1).previous == Month(2023, 12) and Month(2024, 12).next == Month(2025, 1)
    for bad in ("2026-3", "2026-00", "2026-13", "03.2026", "0099-01", "2026-03-01", "наурыз"):
        with pytest.raises(ValueError):
            parse_month(bad, D(2020, 1, 1))


def test_yearly_rule_falls_in_its_month_only_inside_the_window():
    rule = "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15"
    assert occurrences_in_month(rule, D(2023, 9, 1), D(2024, 8, 31), MARCH_2024) == [D(2024, 3, 15)]
    assert occurrences_in_month(rule, D(2021, 1, 1), D(2023, 12, 31), MARCH_2024) == []  # period over
    assert occurrences_in_month(rule, D(2024, 3, 20), D(2025, 12, 31), MARCH_2024) == []  # starts after the 15th
    assert occurrences_in_month(rule, D(2023, 9, 1), D(2024, 8, 31), Month(2024, 4)) == []


def test_monthly_weekly_and_quarterly_rules():
    assert occurrences_in_month("FREQ=MONTHLY;BYMONTHDAY=5", D(2024, 1, 1), D(2024, 12, 31), MARCH_2024) == [D(2024, 3, 5)]
    thursdays = occurrences_in_month("FREQ=WEEKLY;BYDAY=TH", D(2024, 1, 1), D(2024, 12, 31), MARCH_2024)
    assert thursdays == [D(2024, 3, 7), D(2024, 3, 14), D(2024, 3, 21), D(2024, 3, 28)]
    quarterly = "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=1"
    assert occurrences_in_month(quarterly, D(2024, 1, 1), D(2024, 12, 31), MARCH_2024) == []
    assert occurrences_in_month(quarterly, D(2024, 1, 1), D(2024, 12, 31), Month(2024, 4)) == [D(2024, 4, 1)]


def test_unreadable_or_unbounded_rules_have_no_occurrences():
    for rule in ("FREQ=SOMETIMES", "not a rule", "FREQ=SECONDLY", "FREQ=MINUTELY;INTERVAL=1", ""):
        assert occurrences_in_month(rule, D(2024, 1, 1), D(2024, 12, 31), MARCH_2024) == []


def _deadline(**kw) -> DeadlineView:
    return DeadlineView(raw=kw.pop("raw", "x"), kind=kw.pop("kind"), **kw)


def test_placement_of_each_kind():
    plan = {"period_start": D(2023, 9, 1), "period_end": D(2024, 5, 31)}
    assert placement(_deadline(kind="date", end=D(2024, 3, 10), by=True), plan, MARCH_2024) == ("due", [D(2024, 3, 10)])
    assert placement(_deadline(kind="range", start=D(2024, 3, 25), end=D(2024, 4, 5)), plan, MARCH_2024) == \
        ("starts", [D(2024, 3, 25)])
    assert placement(_deadline(kind="period", start=D(2024, 1, 1), end=D(2024, 12, 31)), plan, MARCH_2024) is None
    assert placement(_deadline(kind="continuous"), plan, MARCH_2024) is None
    assert placement(_deadline(kind="event", event="оқу жылының басына"), plan, MARCH_2024) is None
    # a rule without dates of its own takes the plan's period, and without one the month's year
    yearly = _deadline(kind="recurring", rrule="FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=10", freq="yearly")
    assert placement(yearly, plan, MARCH_2024) == ("recurs", [D(2024, 3, 10)])
    assert placement(yearly, {"period_start": D(2024, 9, 1), "period_end": D(2025, 5, 31)}, MARCH_2024) is None
    assert placement(yearly, {}, MARCH_2024) == ("recurs", [D(2024, 3, 10)])
    vague = _deadline(kind="recurring", freq="quarterly", times_per_period=1)
    assert placement(vague, plan, MARCH_2024) == ("recurring, no exact date", [])
    assert placement(vague, plan, Month(2024, 7)) is None


def test_due_view_lists_items_by_date_and_counts_owners_per_measure():
    plan = {"plan_id": "aaaaaaaaaaaaaaaa:p0", "document_id": "d" * 64, "title": "План мероприятий",
            "period_start": D(2023, 9, 1), "period_end": D(2024, 5, 31)}
    measures = {
        "aaaaaaaaaaaaaaaa:p0:m1": {"measure_id": "aaaaaaaaaaaaaaaa:p0:m1", "plan_id": plan["plan_id"], "number": "1",
                                   "text": "Отчёт о питании", "responsible_raw": "Завуч"},
        "aaaaaaaaaaaaaaaa:p0:m2": {"measure_id": "aaaaaaaaaaaaaaaa:p0:m2", "plan_id": plan["plan_id"], "number": "2",
                                   "text": "Ата-аналар жиналысы", "responsible_raw": "Сынып жетекшілері"},
    }
    deputy = BodyView(name="Завуч", canonical="Заместитель директора по учебной работе", body_id="kz.staff.deputy")
    catalog = Catalog(documents={plan["document_id"]: {"document_id": plan["document_id"], "path": "a/план.docx"}},
                      plans={plan["plan_id"]: plan}, measures=measures,
                      bodies={"aaaaaaaaaaaaaaaa:p0:m1": [deputy]},
                      deadlines={"aaaaaaaaaaaaaaaa:p0:m1": [
                                     _deadline(kind="recurring", rrule="FREQ=MONTHLY;BYMONTHDAY=25"),
                                     _deadline(kind="date", end=D(2024, 3, 1))],
                                 "aaaaaaaaaaaaaaaa:p0:m2": [_deadline(kind="date", end=D(2024, 3, 12))]})
    view = due_view(catalog, MARCH_2024)
    assert [(i.number, i.dates) for i in view.items] == [("1", [D(2024, 3, 1)]), ("2", [D(2024, 3, 12)]),
                                                          ("1", [D(2024, 3, 25)])]
    assert view.items[0].plan.document_file == "план.docx"
    owners = {(o.label, o.measures) for o in view.owners}
    assert owners == {("Заместитель директора по учебной работе", 1), ("Сынып жетекшілері", 1)}
