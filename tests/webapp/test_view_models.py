"""View models (pure): plan view, correction history, coverage matrices."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa

from store.tables import ARROW_SCHEMAS, DERIVED_SCHEMAS
from webapp.catalog import Catalog
from webapp.coverage_view import coverage_matrices
from webapp.queries import plan_view
from webapp.views import history_rows

DOC = "0" * 64
PARENT, CHILD = "0000000000000000:p0", "0000000000000000:p1"


def _table(name: str, rows: list[dict]) -> pa.Table:
    schema = ARROW_SCHEMAS[name]
    return pa.Table.from_pylist([{f: r.get(f) for f in schema.names} for r in rows], schema=schema)


def _catalog(corrections=None) -> Catalog:
    tables = {
        "documents": _table("documents", [{"document_id": DOC, "path": "in/хат.docx", "language": "ru",
                                           "received_subject": "О плане мероприятий", "n_measures": 3}]),
        "plans": _table("plans", [
            {"plan_id": PARENT, "document_id": DOC, "ordinal": 1, "title": "План мероприятий района",
             "glossary": '{"РОО": "Районный отдел образования"}'},
            {"plan_id": CHILD, "document_id": DOC, "ordinal": 2, "title": "План школы",
             "parent_plan_id": PARENT, "period_start": dt.date(2025, 9, 1), "period_end": dt.date(2026, 5, 31)}]),
        "measures": _table("measures", [
            {"measure_id": f"{PARENT}:m{k}", "plan_id": PARENT, "document_id": DOC, "number": str(k),
             "text": f"Мероприятие {k}", "ordinal": k} for k in (1, 2, 10)] + [
            {"measure_id": f"{CHILD}:m1", "plan_id": CHILD, "document_id": DOC, "number": "1", "text": "Школьное",
             "responsible_raw": "РОО", "deadline_raw": "ежемесячно до 5 числа", "ordinal": 1}]),
    }
    return Catalog.build(tables, corrections)


def test_plan_view_links_parent_and_children():
    catalog = _catalog()
    parent = plan_view(catalog, PARENT)
    assert [c.plan_id for c in parent.children] == [CHILD]
    assert parent.glossary == [("РОО", "Районный отдел образования")]
    assert [m.number for m in parent.measures] == ["1", "2", "10"]
    assert plan_view(catalog, CHILD).parent.title == "План мероприятий района"
    assert plan_view(catalog, "ffffffffffffffff:p0") is None


def test_coverage_matrix_orders_rows_by_parent_reading_order_and_computes_rates():
    catalog = _catalog()
    schema = DERIVED_SCHEMAS["coverage"]
    cells = [("p1", "1", "adopted"), ("p1", "2", "dropped"), ("p1", "10", "modified"),
             ("p9", "1", "merged"), ("p9", "10", "dropped")]
    rows = [{"parent_plan_id": PARENT, "derived_plan_id": f"0000000000000000:{d}" if d == "p1" else "9999999999999999:p0",
             "parent_number": n, "parent_measure_id": f"{PARENT}:m{n}", "status": s, "similarity": 1.0,
             "material_fields": "", "narrowed": False, "derived_number": None, "derived_measure_id": None}
            for d, n, s in cells]
    rows.append({"parent_plan_id": PARENT, "derived_plan_id": CHILD, "parent_number": None, "parent_measure_id": None,
                 "status": "added", "similarity": 0.0, "material_fields": "", "narrowed": False,
                 "derived_number": "4", "derived_measure_id": f"{CHILD}:m4"})
    [matrix] = coverage_matrices(catalog, pa.Table.from_pylist(rows, schema=schema))
    assert [r.number for r in matrix.rows] == ["1", "2", "10"]
    assert [c.plan.plan_id for c in matrix.columns] == [CHILD, "9999999999999999:p0"]
    assert matrix.columns[1].plan.title.endswith("(not in the store)")
    child, other = matrix.columns
    assert child.counts == {"adopted": 1, "modified": 1, "merged": 0, "dropped": 1}
    assert child.added == 2  # the stored `added` cell (m4), and its stored m1 that no cell names
    assert other.added == 0
    assert round(child.coverage, 2) == 0.67 and other.coverage == 0.5
    assert matrix.rows[1].cells[1] is None  # measure 2 was not compared for the second plan
    assert matrix.rows[0].adoption_rate == 1.0 and matrix.rows[0].unchanged_rate == 0.5
    assert matrix.overall_rate == 0.6


def test_history_is_newest_first_with_the_winning_correction_per_field_and_stale_ones_marked():
    at = dt.datetime(2024, 5, 2, 9, 0, tzinfo=dt.timezone.utc)
    log = [{"field": "text", "action": "set", "old_value": "b", "value": "c", "author": "x", "note": None,
            "corrected_at": at + dt.timedelta(minutes=2), "state": "stale"},
           {"field": "text", "action": "set", "old_value": "a", "value": "b", "author": "y", "note": "typo",
            "corrected_at": at + dt.timedelta(minutes=1), "state": "applies"},
           {"field": "text", "action": "set", "old_value": None, "value": "a", "author": "y", "note": None,
            "corrected_at": at, "state": "applies"}]
    states = [{"changed_at": at + dt.timedelta(minutes=3), "state": "approved", "author": "z", "reason": None}]
    rows = history_rows(log, states)
    assert [(r["what"], r["new"]) for r in rows] == [("state", "approved"), ("text", "c"), ("text", "b"), ("text", "a")]
    assert [r.get("current") for r in rows[1:]] == [False, True, False] and rows[1]["stale"]
    assert rows[2]["when"] == "2024-05-02 09:01 UTC" and rows[2]["old"] == "a"
