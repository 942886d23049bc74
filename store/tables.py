"""A Document flattened into rows, one list per output table; each table's columns derived from the records.

Pure: no I/O. Every table carries `document_id`, so replacing one document's records is a delete by that key
followed by an insert (see store/duckdb_store.py). The columns come from the pydantic models through the
`TableSpec`s below (store/model_tables.py); data/DATA_DICTIONARY.md is generated from them
(`jospar schema --dictionary`) and a test keeps the file in step.
"""
from __future__ import annotations

import hashlib
import unicodedata
from typing import Iterable

import pyarrow as pa

from schemas.diff import CoverageCell
from schemas.flags import FLAGS
from schemas.records import (
    Body, Deadline, Document, Flag, Letter, Measure, Meeting, Plan, PlanLink, Provenance, Received,
)
from store.model_tables import (
    INT64, STRING, TableSpec, arrow_schema, clean_text, row_maker, table_columns, utc,
)

DOC_KEY = ("document_id", STRING, "the document it was read from (sha256 of the file's bytes)")
PLAN_KEY = ("plan_id", STRING, "the plan it belongs to")
MEASURE_KEY = ("measure_id", STRING, "the measure it belongs to")


def _ordinal(what: str) -> tuple:
    return ("ordinal", INT64, f"1-based position {what}")


SPECS: dict[str, TableSpec] = {spec.name: spec for spec in (
    TableSpec(
        "documents", Document, "One row per document (file) read, whether or not a plan was found in it.",
        children={"plans": "plans", "letters": "letters", "meetings": "meetings", "flags": "flags"},
        prefixes={"source": "", "received": "received_"},
        renames={"received_received_at": "received_at"},
        extras=(("n_plans", INT64, "plans found in the document (rows in `plans`)"),
                ("n_measures", INT64, "measures in all its plans (rows in `measures`)"),
                ("n_flags", INT64, "flags on the document, its plans and measures (rows in `flags`)")),
    ),
    TableSpec(
        "plans", Plan, "One row per plan of measures found in a document.",
        keys=(DOC_KEY, _ordinal("of the plan in the document")),
        children={"measures": "measures", "flags": "flags"}, first=("plan_id",),
        extras=(("n_measures", INT64, "measures in the plan (rows in `measures`)"),),
    ),
    TableSpec(
        "measures", Measure, "One row per measure (a row of the plan's table or an item of a list plan). The "
        "main view applies analysts' corrections; `extracted.measures` keeps what extraction produced.",
        keys=(PLAN_KEY, DOC_KEY, _ordinal("of the measure in its plan, in reading order")),
        children={"responsible": "responsibles", "deadlines": "deadlines", "cells": "cells", "flags": "flags"},
        prefixes={"provenance": ""}, first=("measure_id",),
    ),
    TableSpec(
        "cells", Provenance, "One row per field of a measure: where the cell it was read from stands "
        "(page and box, text span, OCR confidence), so a viewer can highlight it.",
        keys=(MEASURE_KEY, DOC_KEY,
              ("field", STRING, "the measure's field (`text`, `deadline_raw`, …; `other:<header>`)")),
    ),
    TableSpec(
        "responsibles", Body, "One row per responsible body named in a measure, in the order written.",
        keys=(MEASURE_KEY, DOC_KEY, _ordinal("in the measure's responsible cell")),
    ),
    TableSpec(
        "deadlines", Deadline, "One row per normalised deadline of a measure (a cell may hold several).",
        keys=(MEASURE_KEY, DOC_KEY, _ordinal("among the measure's deadlines")),
    ),
    TableSpec(
        "bodies", Body, "One row per distinct body (by `body_id`) named in a document; "
        "`SELECT DISTINCT body_id, canonical FROM bodies` gives the bodies across all documents.",
        keys=(DOC_KEY,), include=("body_id", "canonical", "source"),
    ),
    TableSpec(
        "letters", Letter, "One row per cover letter found in a document (its requisites).",
        keys=(DOC_KEY, _ordinal("among the document's letters")),
    ),
    TableSpec(
        "meetings", Meeting, "One row per protocol of a meeting found in a document.",
        keys=(DOC_KEY, _ordinal("among the document's meetings")),
    ),
    TableSpec(
        "flags", Flag, "One row per flag: something that could not be read, or looks wrong.",
        keys=(DOC_KEY, ("plan_id", STRING, "the plan, for plan and measure flags"),
              ("measure_id", STRING, "the measure, for measure flags"),
              _ordinal("among the document's flags (document, then plans and their measures)"),
              ("level", STRING, "`document`, `plan` or `measure`")),
        extras=(("severity", STRING, "`error`, `warning` or `info` (from the registry, schemas/flags.py)"),
                ("stage", STRING, "the stage that raises the code (from the registry)")),
    ),
)}

# Tables derived from extracted records (diffs across plans); kept apart from them in the store
DERIVED_SPECS: dict[str, TableSpec] = {spec.name: spec for spec in (
    TableSpec("coverage", CoverageCell, "One row per derived plan × parent measure.",
              keys=(("parent_plan_id", STRING, "the parent plan"),)),
    TableSpec("links", PlanLink, "Plan lineage across the documents of the store: one row per plan with a "
              "parent in another document."),
)}

ARROW_SCHEMAS: dict[str, pa.Schema] = {name: arrow_schema(spec) for name, spec in SPECS.items()}
DERIVED_SCHEMAS: dict[str, pa.Schema] = {name: arrow_schema(spec) for name, spec in DERIVED_SPECS.items()}
TABLES: tuple[str, ...] = tuple(ARROW_SCHEMAS)

# The measure fields an analyst may correct (store overlay): the measure's own content, not IDs or provenance
CORRECTABLE_MEASURE_FIELDS: tuple[str, ...] = tuple(
    c.name for c in table_columns(SPECS["measures"])
    if len(c.path) == 1 and c.name not in ("measure_id",)
)

_ROW = {name: row_maker(spec) for name, spec in SPECS.items()}
_DERIVED_ROW = {name: row_maker(spec) for name, spec in DERIVED_SPECS.items()}


def effective_body_id(body: Body) -> str | None:
    """The body's own ID, else one derived from its canonical name, so responsibles always join to bodies."""
    if body.body_id:
        return body.body_id
    if body.canonical:
        key = unicodedata.normalize("NFC", body.canonical).casefold().strip()
        return "canon:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return None


def received_month(received_at) -> str:
    """The partition key of a document: 'YYYY-MM' of its UTC receipt time, or 'unknown'."""
    moment = utc(received_at)
    return moment.strftime("%Y-%m") if moment else "unknown"


def _body_row(body: Body, measure_id: str, document_id: str, ordinal: int) -> dict:
    row = _ROW["responsibles"](body, measure_id=measure_id, document_id=document_id, ordinal=ordinal)
    row["body_id"] = effective_body_id(body)
    return row


def _flag_rows(doc: Document) -> list[dict]:
    placed = [(flag, None, None) for flag in doc.flags]
    for plan in doc.plans:
        placed += [(flag, plan.plan_id, None) for flag in plan.flags]
        placed += [(flag, plan.plan_id, m.measure_id) for m in plan.measures for flag in m.flags]
    return [_ROW["flags"](flag, document_id=doc.document_id, plan_id=plan_id, measure_id=measure_id, ordinal=k,
                          level="measure" if measure_id else "plan" if plan_id else "document",
                          severity=FLAGS[flag.code].severity, stage=FLAGS[flag.code].stage)
            for k, (flag, plan_id, measure_id) in enumerate(placed, start=1)]


def _measure_rows(tables: dict[str, list[dict]], plan: Plan, doc_id: str) -> None:
    for ordinal, m in enumerate(plan.measures, start=1):
        tables["measures"].append(_ROW["measures"](m, plan_id=plan.plan_id, document_id=doc_id, ordinal=ordinal))
        tables["cells"] += [_ROW["cells"](where, measure_id=m.measure_id, document_id=doc_id, field=name)
                            for name, where in m.cells.items()]
        tables["responsibles"] += [_body_row(body, m.measure_id, doc_id, i) for i, body in enumerate(m.responsible, 1)]
        tables["deadlines"] += [_ROW["deadlines"](d, measure_id=m.measure_id, document_id=doc_id, ordinal=i)
                                for i, d in enumerate(m.deadlines, 1)]


def _distinct_bodies(doc: Document) -> list[dict]:
    rows: dict[str, dict] = {}
    for plan in doc.plans:
        for m in plan.measures:
            for body in m.responsible:
                body_id = effective_body_id(body)
                if body_id and body_id not in rows:
                    rows[body_id] = _ROW["bodies"](body, document_id=doc.document_id) | {"body_id": body_id}
    return list(rows.values())


def document_rows(doc: Document, received: Received | None = None) -> dict[str, list[dict]]:
    """Every table's rows for one document. `received` overrides `doc.received` when given."""
    doc_id = doc.document_id
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for ordinal, plan in enumerate(doc.plans, start=1):
        tables["plans"].append(_ROW["plans"](plan, document_id=doc_id, ordinal=ordinal, n_measures=len(plan.measures)))
        _measure_rows(tables, plan, doc_id)
    tables["flags"] = _flag_rows(doc)
    tables["letters"] = [_ROW["letters"](x, document_id=doc_id, ordinal=i) for i, x in enumerate(doc.letters, 1)]
    tables["meetings"] = [_ROW["meetings"](x, document_id=doc_id, ordinal=i) for i, x in enumerate(doc.meetings, 1)]
    tables["bodies"] = _distinct_bodies(doc)
    shown = doc if received is None else doc.model_copy(update={"received": received})
    tables["documents"] = [_ROW["documents"](shown, n_plans=len(doc.plans), n_measures=len(tables["measures"]),
                                             n_flags=len(tables["flags"]))]
    return tables


def derived_row(table: str, record, **keys) -> dict:
    """A row of a derived table (coverage, links) from its record."""
    return _DERIVED_ROW[table](record, **keys)


def coverage_rows(report) -> list[dict]:
    """Rows of derived.coverage from a CoverageReport (schemas.diff), one per cell."""
    return [derived_row("coverage", cell, parent_plan_id=report.parent.plan_id) for cell in report.cells]


def rows_to_arrow(table: str, rows: list[dict]) -> pa.Table:
    """Rows as an Arrow table with the table's explicit schema (zero rows keep the schema)."""
    return pa.Table.from_pylist(rows, schema=ARROW_SCHEMAS[table])


def documents_to_arrow(docs: Iterable[Document]) -> dict[str, pa.Table]:
    """All documents' rows per table; a document_id seen twice keeps its last Document."""
    latest = {doc.document_id: doc for doc in docs}
    merged: dict[str, list[dict]] = {name: [] for name in TABLES}
    for doc in latest.values():
        for name, rows in document_rows(doc).items():
            merged[name] += rows
    return {name: rows_to_arrow(name, rows) for name, rows in merged.items()}


__all__ = ["ARROW_SCHEMAS", "CORRECTABLE_MEASURE_FIELDS", "DERIVED_SCHEMAS", "DERIVED_SPECS", "SPECS", "TABLES",
           "clean_text", "coverage_rows", "derived_row", "document_rows", "documents_to_arrow", "effective_body_id",
           "received_month", "rows_to_arrow"]
