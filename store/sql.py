"""The DuckDB layout as SQL text, generated from the Arrow schemas (pure).

- schema `extracted`: one table per output table, exactly what extraction produced; replaced per document.
- schema `overlay`: `corrections`, analysts' edits of measure fields; extraction never writes here.
- schema `main`: views that users query; `main.measures` applies the latest correction per
  (measure_id, field) over the extracted record, the other views show the extracted rows.
Column names such as "table", "row", "end", "by", "where" are SQL keywords, so every name is quoted.
"""
from __future__ import annotations

from typing import Sequence

import pyarrow as pa

from store.tables import ARROW_SCHEMAS, CORRECTABLE_MEASURE_FIELDS, DERIVED_SCHEMAS, TABLES

EXTRACTED, OVERLAY, DERIVED = "extracted", "overlay", "derived"

_DUCKDB_TYPES = {
    pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.bool_(): "BOOLEAN",
    pa.float64(): "DOUBLE", pa.date32(): "DATE", pa.timestamp("us", tz="UTC"): "TIMESTAMPTZ",
}

# Row order of reads and exports, so files are byte-identical when the records are (reading order where
# a column gives it). IDs end in a running index (":m10"), so ordering by length then text is numeric order.
_ORDER = {
    "documents": ["document_id"],
    "plans": ["document_id", '"ordinal"'],
    "measures": ["document_id", "length(plan_id)", "plan_id", '"ordinal"'],
    "responsibles": ["document_id", "length(measure_id)", "measure_id", '"ordinal"'],
    "deadlines": ["document_id", "length(measure_id)", "measure_id", '"ordinal"'],
    "cells": ["document_id", "length(measure_id)", "measure_id", "field"],
    "bodies": ["document_id", "body_id"],
    "letters": ["document_id", '"ordinal"'],
    "meetings": ["document_id", '"ordinal"'],
    "flags": ["document_id", '"ordinal"'],
}


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


SHORT_LIST = 256  # IDs given to a query as a list of values up to this many (see `in_values`)


def in_values(column: str, ids: Sequence[str]) -> tuple[str, list]:
    """`column IN (...)` for these IDs and its parameters. A short list is given as values, which DuckDB
    pushes into the scans under the `main` views (index lookups); a subquery over a list parameter is joined
    instead, after reading the whole view (~100 ms per query at 200,000 measures against ~5 ms)."""
    ids = list(ids)
    if not ids:
        return "false", []
    if len(ids) <= SHORT_LIST:
        return f"{column} IN ({', '.join('?' * len(ids))})", ids
    return f"{column} IN (SELECT unnest(?::VARCHAR[]))", [ids]


def duckdb_type(dtype: pa.DataType) -> str:
    return _DUCKDB_TYPES[dtype]


def create_statements() -> list[str]:
    statements = [f"CREATE SCHEMA IF NOT EXISTS {EXTRACTED}", f"CREATE SCHEMA IF NOT EXISTS {OVERLAY}"]
    for table in TABLES:
        columns = ", ".join(f"{quote(f.name)} {duckdb_type(f.type)}" for f in ARROW_SCHEMAS[table])
        statements.append(f"CREATE TABLE IF NOT EXISTS {EXTRACTED}.{quote(table)} ({columns})")
    statements += [
        f"CREATE SEQUENCE IF NOT EXISTS {OVERLAY}.correction_seq",
        f"""CREATE TABLE IF NOT EXISTS {OVERLAY}.corrections (
            correction_id BIGINT NOT NULL DEFAULT nextval('{OVERLAY}.correction_seq'),
            measure_id VARCHAR NOT NULL, field VARCHAR NOT NULL, value VARCHAR, author VARCHAR NOT NULL,
            corrected_at TIMESTAMPTZ NOT NULL, note VARCHAR)""",
    ]
    statements.append(f"CREATE SCHEMA IF NOT EXISTS {DERIVED}")
    for table, schema in DERIVED_SCHEMAS.items():
        columns = ", ".join(f"{quote(f.name)} {duckdb_type(f.type)}" for f in schema)
        statements.append(f"CREATE TABLE IF NOT EXISTS {DERIVED}.{quote(table)} ({columns})")
    return statements + [view_statement(table) for table in TABLES]


def column_list(table: str, alias: str | None = None) -> str:
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + quote(name) for name in ARROW_SCHEMAS[table].names)


def view_statement(table: str) -> str:
    if table == "measures":
        return _measures_view()
    return f"CREATE OR REPLACE VIEW main.{quote(table)} AS SELECT {column_list(table)} FROM {EXTRACTED}.{quote(table)}"


def _measures_view() -> str:
    """Latest correction per (measure_id, field) wins; a correction whose value is NULL clears the field."""
    schema = ARROW_SCHEMAS["measures"]
    pivots, selected = [], []
    for name in schema.names:
        if name not in CORRECTABLE_MEASURE_FIELDS:
            selected.append(f"m.{quote(name)}")
            continue
        literal = "'" + name.replace("'", "''") + "'"
        pivots.append(f"bool_or(field = {literal}) AS {quote(name + '__set')}, "
                      f"max(value) FILTER (WHERE field = {literal}) AS {quote(name)}")
        corrected = f"CAST(c.{quote(name)} AS {duckdb_type(schema.field(name).type)})"
        selected.append(f"CASE WHEN c.{quote(name + '__set')} THEN {corrected} ELSE m.{quote(name)} END "
                        f"AS {quote(name)}")
    return f"""CREATE OR REPLACE VIEW main.measures AS
        WITH latest AS (
            SELECT measure_id, field, value FROM {OVERLAY}.corrections
            QUALIFY row_number() OVER (PARTITION BY measure_id, field
                                       ORDER BY corrected_at DESC, correction_id DESC) = 1),
        pivoted AS (SELECT measure_id, {', '.join(pivots)} FROM latest GROUP BY measure_id)
        SELECT {', '.join(selected)}
        FROM {EXTRACTED}.measures m LEFT JOIN pivoted c ON c.measure_id = m.measure_id"""


def order_by(table: str) -> str:
    return ", ".join(_ORDER[table])


def select_statement(table: str, schema: str = "main") -> str:
    return f"SELECT {column_list(table)} FROM {schema}.{quote(table)} ORDER BY {order_by(table)}"
