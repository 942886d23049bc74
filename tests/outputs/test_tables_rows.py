"""store.tables: one Document -> rows per table, with explicit Arrow schemas."""
from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pyarrow as pa

from store.tables import (
    ARROW_SCHEMAS, TABLES, document_rows, documents_to_arrow, effective_body_id, received_month, rows_to_arrow,
)
from schemas.records import Body, Received
from tests.outputs.documents import ASTANA, corpus, empty_document, hostile_document

ALLOWED_TYPES = {pa.string(), pa.int32(), pa.int64(), pa.bool_(), pa.float64(), pa.date32(),
                 pa.timestamp("us", tz="UTC")}


def test_every_table_has_document_id_and_explicit_types():
    assert set(TABLES) == {"documents", "plans", "measures", "cells", "responsibles", "deadlines", "bodies",
                           "letters", "meetings", "flags"}
    for name, schema in ARROW_SCHEMAS.items():
        assert "document_id" in schema.names, name
        assert {field.type for field in schema} <= ALLOWED_TYPES, name


def test_rows_count_what_the_document_holds():
    doc = hostile_document("x", dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    rows = document_rows(doc)
    n_measures = sum(len(plan.measures) for plan in doc.plans)
    assert len(rows["documents"]) == 1 and len(rows["plans"]) == 2
    assert len(rows["measures"]) == n_measures
    assert len(rows["responsibles"]) == sum(len(m.responsible) for p in doc.plans for m in p.measures)
    assert len(rows["deadlines"]) == sum(len(m.deadlines) for p in doc.plans for m in p.measures)
    document = rows["documents"][0]
    assert (document["n_plans"], document["n_measures"], document["n_flags"]) == (2, n_measures, len(rows["flags"]))
    assert all(row["document_id"] == doc.document_id for table in rows.values() for row in table)


def test_ids_and_ordinals_follow_reading_order():
    doc = hostile_document("x")
    rows = document_rows(doc)
    assert [r["ordinal"] for r in rows["plans"]] == [1, 2]
    first_plan = [r for r in rows["measures"] if r["plan_id"] == doc.plans[0].plan_id]
    assert [r["ordinal"] for r in first_plan] == list(range(1, len(first_plan) + 1))
    assert [r["measure_id"] for r in first_plan] == [m.measure_id for m in doc.plans[0].measures]
    assert [r["ordinal"] for r in rows["flags"]] == list(range(1, len(rows["flags"]) + 1))


def test_flags_carry_their_level():
    rows = document_rows(hostile_document("x"))
    by_level = {row["level"]: row for row in rows["flags"]}
    assert set(by_level) == {"document", "plan", "measure"}
    assert by_level["document"]["plan_id"] is None and by_level["document"]["measure_id"] is None
    assert by_level["plan"]["plan_id"] and by_level["plan"]["measure_id"] is None
    assert by_level["measure"]["measure_id"].startswith(by_level["measure"]["plan_id"] + ":m")


def test_plan_columns_and_glossary_are_json_text():
    plan_row = document_rows(hostile_document("x"))["plans"][0]
    assert json.loads(plan_row["glossary"])["Қ(А)БББ"] == "қалалық аудандық бөлімдер"
    assert [c["role"] for c in json.loads(plan_row["columns"])] == ["number", "measure"]
    assert (plan_row["based_on_number"], plan_row["based_on_date"]) == ("06-01/615", dt.date(2022, 2, 9))
    assert plan_row["period_start"] == dt.date(2023, 9, 1)


def test_bodies_are_distinct_and_join_responsibles():
    rows = document_rows(hostile_document("x"))
    body_ids = [row["body_id"] for row in rows["bodies"]]
    assert len(body_ids) == len(set(body_ids)) == 2
    linked = {row["body_id"] for row in rows["responsibles"] if row["body_id"]}
    assert linked == set(body_ids)
    unnamed = [row for row in rows["responsibles"] if row["canonical"] is None]
    assert unnamed and all(row["body_id"] is None for row in unnamed)


def test_derived_body_id_is_stable_and_ignores_case():
    first = effective_body_id(Body(name="a", canonical="Білім бөлімі"))
    assert first == effective_body_id(Body(name="b", canonical="БІЛІМ БӨЛІМІ"))
    assert first != effective_body_id(Body(name="a", canonical="Отдел образования"))
    assert effective_body_id(Body(name="a", canonical="x", body_id="kz-1")) == "kz-1"


def test_received_time_is_utc_and_month_follows_it():
    doc = hostile_document("x", dt.datetime(2024, 3, 1, 2, 0, tzinfo=ASTANA))
    row = document_rows(doc)["documents"][0]
    assert row["received_at"] == dt.datetime(2024, 2, 29, 21, 0, tzinfo=dt.timezone.utc)
    assert received_month(row["received_at"]) == "2024-02"
    assert received_month(dt.datetime(2024, 5, 31, 23, 0)) == "2024-05"  # naive means UTC
    assert received_month(None) == "unknown"
    assert row["received_uidvalidity"] == 4_000_000_000  # beyond int32


def test_received_argument_overrides_the_documents_own():
    doc = hostile_document("x", dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    given = Received(channel="folder", filename="a.pdf", received_at=dt.datetime(2025, 6, 1, 8, 0))
    row = document_rows(doc, received=given)["documents"][0]
    assert (row["received_channel"], row["received_filename"], row["received_message_id"]) == ("folder", "a.pdf", None)
    no_receipt = document_rows(empty_document())["documents"][0]
    assert no_receipt["received_channel"] is None and no_receipt["received_at"] is None


def test_text_is_nfc_and_unencodable_characters_are_replaced():
    decomposed = unicodedata.normalize("NFD", "Й ә ғ")
    doc = hostile_document("x", texts=[decomposed, "bad \ud800 surrogate"])
    measures = document_rows(doc)["measures"]
    assert measures[0]["text"] == "Й ә ғ"
    assert measures[1]["text"] == "bad \ufffd surrogate"
    rows_to_arrow("measures", measures)  # Arrow accepts every cell


def test_arrow_tables_have_the_schema_even_when_empty():
    tables = documents_to_arrow([empty_document()])
    for name in TABLES:
        assert tables[name].schema == ARROW_SCHEMAS[name]
    assert tables["measures"].num_rows == 0 and tables["flags"].num_rows == 1


def test_same_document_twice_is_counted_once():
    docs = corpus()
    tables = documents_to_arrow(docs + [docs[0]])
    assert tables["documents"].num_rows == len(docs)
    assert tables["measures"].num_rows == documents_to_arrow(docs)["measures"].num_rows
