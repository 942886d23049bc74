"""The review layout as SQL text (pure): the corrections log and what is materialised from it, approvals,
accounts and sessions, the search index, and the `main` views that apply every correction.

- `overlay.corrections`: the append-only log (who, when, old, new, why) over any field of a measure or a
  plan; `action` is `set` (a value; NULL clears), `split` (the first part; `parts` holds the others),
  `merge` (the merged text; `parts` the absorbed measure IDs, each also marked `not_measure`) or
  `exclude` (field `not_measure`, value `true`/`false`). `base_value` and `base_text` are the extracted
  field and measure text when it was made: what a re-extraction is checked against.
- `overlay.correction_status`: set after a re-extraction: a correction that no longer applies is `stale`
  (never deleted), one whose measure moved is re-targeted (`measure_id`).
- `overlay.added_measures`, `overlay.responsibles`, `overlay.deadlines`, `overlay.renormalised`:
  materialised from the log by store/review.py (rows a split adds; bodies and deadlines normalised again
  from corrected text or a corrected plan period). The main views put them in place of the extracted rows.
- `review.plan_states`: the approval log of a plan (new → in_review → approved / rejected with a reason).
- `auth.users`, `auth.sessions`: accounts (argon2 hashes) and signed-in sessions of the web app.
- `search.postings`: the inverted index (term → measure or document), see store/search.py.
- `derived.letter_groups`, `derived.occurrences`: one letter with several sources; when each deadline falls.
"""
from __future__ import annotations

import pyarrow as pa

from store.sql import DERIVED, EXTRACTED, OVERLAY, column_list, duckdb_type, quote
from store.tables import ARROW_SCHEMAS, CORRECTABLE_MEASURE_FIELDS

REVIEW, AUTH, SEARCH = "review", "auth", "search"

# Plan fields an analyst may correct: what the plan says of itself (IDs, layout and lineage are not)
CORRECTABLE_PLAN_FIELDS: tuple[str, ...] = ("title", "period_start", "period_end", "period_raw", "approved_by",
                                            "approved_on", "based_on_number", "based_on_date")
NOT_MEASURE = "not_measure"
PLAN_STATES = ("new", "in_review", "approved", "rejected")

_S, _TS = pa.string(), pa.timestamp("us", tz="UTC")
# Exported beside the extracted tables (store/export.py): the log itself and the plans' approval states
REVIEW_SCHEMAS: dict[str, pa.Schema] = {
    "corrections": pa.schema([
        ("correction_id", pa.int64()), ("target", _S), ("measure_id", _S), ("applies_to", _S), ("plan_id", _S),
        ("document_id", _S), ("field", _S), ("action", _S), ("value", _S), ("old_value", _S), ("base_value", _S),
        ("parts", _S), ("author", _S), ("corrected_at", _TS), ("note", _S), ("state", _S), ("state_reason", _S),
        ("base_version", _S), ("pipeline_version", _S)]),
    "plan_states": pa.schema([
        ("state_id", pa.int64()), ("plan_id", _S), ("document_id", _S), ("state", _S), ("reason", _S),
        ("author", _S), ("changed_at", _TS)]),
}

_CORRECTION_COLUMNS = {  # added to a store written before the review station (migration by ALTER)
    "target": "VARCHAR DEFAULT 'measure'", "plan_id": "VARCHAR", "document_id": "VARCHAR",
    "action": "VARCHAR DEFAULT 'set'", "old_value": "VARCHAR", "base_value": "VARCHAR",
    "base_version": "VARCHAR", "parts": "VARCHAR", "base_text": "VARCHAR",
}


def _copy_of(table: str, schema: str) -> str:
    columns = ", ".join(f"{quote(f.name)} {duckdb_type(f.type)}" for f in ARROW_SCHEMAS[table])
    return f"CREATE TABLE IF NOT EXISTS {schema}.{quote(table)} ({columns})"


def review_tables() -> list[str]:
    out = [f"CREATE SCHEMA IF NOT EXISTS {s}" for s in (REVIEW, AUTH, SEARCH)]
    out += [f"ALTER TABLE {OVERLAY}.corrections ADD COLUMN IF NOT EXISTS {name} {kind}"
            for name, kind in _CORRECTION_COLUMNS.items()]
    out += [
        f"ALTER TABLE {OVERLAY}.corrections ALTER measure_id DROP NOT NULL",
        f"""CREATE TABLE IF NOT EXISTS {OVERLAY}.correction_status (correction_id BIGINT PRIMARY KEY,
            state VARCHAR NOT NULL, measure_id VARCHAR, reason VARCHAR, checked_at TIMESTAMPTZ,
            pipeline_version VARCHAR)""",
        _copy_of("measures", OVERLAY).replace(f"{OVERLAY}.\"measures\"", f"{OVERLAY}.added_measures"),
        _copy_of("responsibles", OVERLAY),
        _copy_of("deadlines", OVERLAY),
        f"""CREATE TABLE IF NOT EXISTS {OVERLAY}.renormalised (measure_id VARCHAR NOT NULL, document_id VARCHAR,
            what VARCHAR NOT NULL, PRIMARY KEY (measure_id, what))""",
        f"CREATE SEQUENCE IF NOT EXISTS {REVIEW}.state_seq",
        f"""CREATE TABLE IF NOT EXISTS {REVIEW}.plan_states (state_id BIGINT NOT NULL DEFAULT
            nextval('{REVIEW}.state_seq'), plan_id VARCHAR NOT NULL, document_id VARCHAR, state VARCHAR NOT NULL,
            reason VARCHAR, author VARCHAR NOT NULL, changed_at TIMESTAMPTZ NOT NULL)""",
        f"""CREATE TABLE IF NOT EXISTS {AUTH}.users (name VARCHAR PRIMARY KEY, password_hash VARCHAR NOT NULL,
            role VARCHAR NOT NULL, lang VARCHAR NOT NULL DEFAULT 'ru', created_at TIMESTAMPTZ NOT NULL,
            disabled BOOLEAN NOT NULL DEFAULT false)""",
        f"""CREATE TABLE IF NOT EXISTS {AUTH}.sessions (token_hash VARCHAR PRIMARY KEY, name VARCHAR NOT NULL,
            csrf VARCHAR NOT NULL, created_at TIMESTAMPTZ NOT NULL, expires_at TIMESTAMPTZ NOT NULL)""",
        f"""CREATE TABLE IF NOT EXISTS {SEARCH}.postings (term VARCHAR NOT NULL, kind VARCHAR NOT NULL,
            key VARCHAR NOT NULL, document_id VARCHAR NOT NULL)""",
        f"""CREATE TABLE IF NOT EXISTS {SEARCH}.patch_postings (term VARCHAR NOT NULL, kind VARCHAR NOT NULL,
            key VARCHAR NOT NULL, document_id VARCHAR NOT NULL)""",
        f"CREATE TABLE IF NOT EXISTS {SEARCH}.patched (key VARCHAR PRIMARY KEY, document_id VARCHAR)",
        f"""CREATE TABLE IF NOT EXISTS {DERIVED}.letter_groups (document_id VARCHAR PRIMARY KEY,
            letter_id VARCHAR NOT NULL, is_primary BOOLEAN NOT NULL, n_sources INTEGER NOT NULL,
            letter_key VARCHAR)""",
        f"""CREATE TABLE IF NOT EXISTS {DERIVED}.occurrences (measure_id VARCHAR NOT NULL, document_id VARCHAR
            NOT NULL, plan_id VARCHAR, deadline_ordinal BIGINT, day DATE, reason VARCHAR NOT NULL,
            window_start DATE, window_end DATE)""",
    ]
    return out + patch_tables() + lookup_indexes()


# Point lookups the pages make (one document's rows, one measure's cells): ART indexes instead of scans
_LOOKUPS = {"documents": ("document_id",), "plans": ("plan_id", "document_id"),
            "measures": ("measure_id", "plan_id", "document_id"), "cells": ("measure_id", "document_id"),
            "responsibles": ("measure_id", "document_id"), "deadlines": ("measure_id", "document_id"),
            "flags": ("document_id",), "letters": ("document_id",)}


def lookup_indexes() -> list[str]:
    return [f"CREATE INDEX IF NOT EXISTS {table}_{column}_idx ON {EXTRACTED}.{quote(table)} ({quote(column)})"
            for table, columns in _LOOKUPS.items() for column in columns]


def _latest(where: str, key: str) -> str:
    """The newest active correction per (key, field) among those matching `where`."""
    return (f"SELECT {key}, field, value FROM {OVERLAY}.active WHERE {where} QUALIFY row_number() OVER "
            f"(PARTITION BY {key}, field ORDER BY corrected_at DESC, correction_id DESC) = 1")


def patch_table(table: str) -> str:
    return f"{OVERLAY}.{table}_patch"


def _patch_columns(fields: tuple[str, ...]) -> str:
    return ", ".join(f"{quote(f + '__set')} BOOLEAN, {quote(f)} VARCHAR" for f in fields)


def patch_tables() -> list[str]:
    """One row per corrected measure or plan: per field, whether it is corrected and its latest value. Kept
    by the writer (store/materialise.py `refresh_patches`) so the main views are a plain join, not an
    aggregation of the log on every read."""
    out = []
    for table, key, fields in (("measures", "measure_id", CORRECTABLE_MEASURE_FIELDS),
                               ("plans", "plan_id", CORRECTABLE_PLAN_FIELDS)):
        out.append(f"CREATE TABLE IF NOT EXISTS {patch_table(table)} ({key} VARCHAR PRIMARY KEY, "
                   f"{_patch_columns(fields)})")
        out += [f"ALTER TABLE {patch_table(table)} ADD COLUMN IF NOT EXISTS {quote(f + '__set')} BOOLEAN"
                for f in fields]
        out += [f"ALTER TABLE {patch_table(table)} ADD COLUMN IF NOT EXISTS {quote(f)} VARCHAR" for f in fields]
    out.append(f"CREATE TABLE IF NOT EXISTS {OVERLAY}.excluded (measure_id VARCHAR PRIMARY KEY)")
    return out


def patch_refresh(table: str) -> list[str]:
    """SQL recomputing one patch table from the log."""
    key, fields, where = (("measure_id", CORRECTABLE_MEASURE_FIELDS, f"target = 'measure' AND field <> '{NOT_MEASURE}'")
                          if table == "measures" else ("plan_id", CORRECTABLE_PLAN_FIELDS, "target = 'plan'"))
    pivots = []
    for name in fields:
        literal = "'" + name.replace("'", "''") + "'"
        pivots.append(f"coalesce(bool_or(field = {literal}), false), max(value) FILTER (WHERE field = {literal})")
    columns = ", ".join(f"{quote(f + '__set')}, {quote(f)}" for f in fields)
    return [f"DELETE FROM {patch_table(table)}",
            f"INSERT INTO {patch_table(table)} ({key}, {columns}) SELECT {key}, {', '.join(pivots)} "
            f"FROM ({_latest(where, key)}) GROUP BY {key}"]


def excluded_refresh() -> list[str]:
    return [f"DELETE FROM {OVERLAY}.excluded",
            f"""INSERT INTO {OVERLAY}.excluded SELECT DISTINCT measure_id FROM
                ({_latest(f"target = 'measure' AND field = '{NOT_MEASURE}'", "measure_id")}) WHERE value = 'true'"""]


def _patched(table: str, fields: tuple[str, ...], key: str, source: str) -> str:
    """SELECT of `table` from `source` with its patch table's corrected fields in place."""
    schema = ARROW_SCHEMAS[table]
    selected = []
    for name in schema.names:
        if name not in fields:
            selected.append(f"m.{quote(name)}")
            continue
        corrected = f"TRY_CAST(c.{quote(name)} AS {duckdb_type(schema.field(name).type)})"
        selected.append(f"CASE WHEN c.{quote(name + '__set')} THEN {corrected} ELSE m.{quote(name)} END "
                        f"AS {quote(name)}")
    return f"SELECT {', '.join(selected)} FROM {source} m LEFT JOIN {patch_table(table)} c ON c.{key} = m.{key}"


def _kept(alias: str) -> str:
    """Not marked "not a measure": NOT EXISTS, which DuckDB plans as an anti join (NOT IN is a slower mark join)."""
    return f"NOT EXISTS (SELECT 1 FROM {OVERLAY}.excluded e WHERE e.measure_id = {alias}.measure_id)"


def review_views() -> list[str]:
    """Views over the log, then the `main` views users and exports read (they replace store/sql.py's)."""
    measure_fields = tuple(f for f in CORRECTABLE_MEASURE_FIELDS)
    base_measures = (f"(SELECT {column_list('measures')} FROM {EXTRACTED}.measures UNION ALL "
                     f"SELECT {column_list('measures')} FROM {OVERLAY}.added_measures)")
    views = [
        f"""CREATE OR REPLACE VIEW {OVERLAY}.active AS SELECT c.correction_id, c.target,
            coalesce(s.measure_id, c.measure_id) AS measure_id, c.plan_id, c.document_id, c.field, c.action,
            c.value, c.parts, c.corrected_at FROM {OVERLAY}.corrections c
            LEFT JOIN {OVERLAY}.correction_status s USING (correction_id)
            WHERE coalesce(s.state, 'applies') = 'applies'""",
        "CREATE OR REPLACE VIEW main.measures AS SELECT * FROM ("
        + _patched("measures", measure_fields, "measure_id", base_measures)
        + f") x WHERE {_kept('x')}",
        "CREATE OR REPLACE VIEW main.plans AS "
        + _patched("plans", CORRECTABLE_PLAN_FIELDS, "plan_id", f"{EXTRACTED}.plans"),
    ]
    for table in ("responsibles", "deadlines"):
        views.append(
            f"CREATE OR REPLACE VIEW main.{table} AS SELECT {column_list(table, 't')} FROM {EXTRACTED}.{table} t "
            f"WHERE NOT EXISTS (SELECT 1 FROM {OVERLAY}.renormalised n WHERE n.measure_id = t.measure_id "
            f"AND n.what = '{table}') AND {_kept('t')} "
            f"UNION ALL SELECT {column_list(table, 'o')} FROM {OVERLAY}.{table} o WHERE {_kept('o')}")
    views.append(f"CREATE OR REPLACE VIEW main.cells AS SELECT {column_list('cells', 'c')} FROM {EXTRACTED}.cells c "
                 f"WHERE {_kept('c')}")
    views.append(_flags_view())
    views.append(f"""CREATE OR REPLACE VIEW main.corrections AS SELECT c.correction_id, c.target,
        c.measure_id, coalesce(s.measure_id, c.measure_id) AS applies_to, c.plan_id, c.document_id, c.field,
        c.action, c.value, c.old_value, c.base_value, c.parts, c.author, c.corrected_at, c.note,
        coalesce(s.state, 'applies') AS state, s.reason AS state_reason, c.base_version, s.pipeline_version
        FROM {OVERLAY}.corrections c LEFT JOIN {OVERLAY}.correction_status s USING (correction_id)""")
    views.append(f"""CREATE OR REPLACE VIEW main.plan_states AS SELECT * FROM {REVIEW}.plan_states""")
    views.append(f"""CREATE OR REPLACE VIEW main.plan_status AS SELECT p.plan_id, p.document_id,
        coalesce(s.state, 'new') AS state, s.reason, s.author, s.changed_at
        FROM {EXTRACTED}.plans p LEFT JOIN (SELECT * FROM {REVIEW}.plan_states QUALIFY row_number() OVER
        (PARTITION BY plan_id ORDER BY changed_at DESC, state_id DESC) = 1) s USING (plan_id)""")
    return views


def _flags_view() -> str:
    """Extracted flags, without those of measures marked "not a measure", plus one `correction_stale` flag
    per correction that a re-extraction left without a target."""
    cols = column_list("flags")
    stale = (f"SELECT c.document_id, c.plan_id, c.measure_id, 1000000 + c.correction_id AS \"ordinal\", "
             f"CASE WHEN c.target = 'plan' THEN 'plan' ELSE 'measure' END AS \"level\", 'correction_stale' AS code, "
             f"'correction ' || c.correction_id || ' of ' || c.field || ' no longer applies: ' || "
             f"coalesce(s.reason, '') AS message, c.field AS \"where\", 'warning' AS severity, 'review' AS stage "
             f"FROM {OVERLAY}.corrections c JOIN {OVERLAY}.correction_status s USING (correction_id) "
             f"WHERE s.state = 'stale'")
    return (f"CREATE OR REPLACE VIEW main.flags AS SELECT {column_list('flags', 'f')} FROM {EXTRACTED}.flags f "
            f"WHERE f.measure_id IS NULL OR {_kept('f')} UNION ALL SELECT {cols} FROM ({stale})")
