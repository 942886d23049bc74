"""Flatten a Document into rows, one list per output table, and the explicit Arrow schema of each table.

Pure: no I/O. Every table carries `document_id`, so replacing one document's records is a delete by that key
followed by an insert (see pipeline/store/). The columns are documented in data/DATA_DICTIONARY.md, and a
test keeps that file and ARROW_SCHEMAS in step.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from typing import Any, Iterable

import pyarrow as pa

from schemas.records import Body, Deadline, Document, Flag, Letter, Measure, Plan, Received

STRING, INT32, INT64, BOOL, FLOAT64, DATE = pa.string(), pa.int32(), pa.int64(), pa.bool_(), pa.float64(), pa.date32()
TIMESTAMP_UTC = pa.timestamp("us", tz="UTC")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _schema(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, dtype) for name, dtype in columns])


ARROW_SCHEMAS: dict[str, pa.Schema] = {
    "documents": _schema(
        ("document_id", STRING), ("path", STRING), ("media_type", STRING), ("size", INT64),
        ("language", STRING), ("n_pages", INT32), ("pipeline_version", STRING),
        ("received_channel", STRING), ("received_message_id", STRING),
        # IMAP UIDVALIDITY and UID are unsigned 32-bit numbers: they overflow int32
        ("received_uidvalidity", INT64), ("received_uid", INT64),
        ("received_sender", STRING), ("received_subject", STRING), ("received_at", TIMESTAMP_UTC),
        ("received_filename", STRING), ("raw_path", STRING),
        ("n_plans", INT32), ("n_measures", INT32), ("n_flags", INT32),
    ),
    "plans": _schema(
        ("plan_id", STRING), ("document_id", STRING), ("ordinal", INT32), ("title", STRING), ("kind", STRING),
        ("approved_by", STRING), ("approved_on", DATE), ("based_on_number", STRING), ("based_on_date", DATE),
        ("parent_plan_id", STRING), ("period_start", DATE), ("period_end", DATE), ("period_raw", STRING),
        ("n_measures", INT32), ("columns", STRING), ("glossary", STRING),
    ),
    "measures": _schema(
        ("measure_id", STRING), ("plan_id", STRING), ("document_id", STRING), ("number", STRING),
        ("section", STRING), ("text", STRING), ("responsible_raw", STRING), ("completion_form", STRING),
        ("deadline_raw", STRING), ("indicator", STRING), ("other", STRING),
        ("page", INT32), ("table", INT32), ("row", INT32), ("line", INT32), ("ordinal", INT32),
    ),
    "responsibles": _schema(
        ("measure_id", STRING), ("document_id", STRING), ("ordinal", INT32), ("name", STRING),
        ("canonical", STRING), ("body_id", STRING), ("by_agreement", BOOL), ("role", STRING), ("source", STRING),
    ),
    "deadlines": _schema(
        ("measure_id", STRING), ("document_id", STRING), ("ordinal", INT32), ("raw", STRING), ("kind", STRING),
        ("start", DATE), ("end", DATE), ("by", BOOL), ("rrule", STRING), ("freq", STRING),
        ("times_per_period", INT32), ("confidence", FLOAT64), ("event", STRING),
    ),
    "bodies": _schema(
        ("body_id", STRING), ("document_id", STRING), ("canonical", STRING), ("source", STRING),
    ),
    "letters": _schema(
        ("document_id", STRING), ("ordinal", INT32), ("issuer", STRING), ("issuer_alt", STRING),
        ("number", STRING), ("date", DATE), ("addressee", STRING), ("references", STRING),
        ("attachment_pages", INT32), ("signatory", STRING), ("executor", STRING), ("emails", STRING),
        ("phones", STRING),
    ),
    "flags": _schema(
        ("document_id", STRING), ("plan_id", STRING), ("measure_id", STRING), ("ordinal", INT32),
        ("level", STRING), ("code", STRING), ("message", STRING), ("where", STRING),
    ),
}
TABLES: tuple[str, ...] = tuple(ARROW_SCHEMAS)

# Tables derived from extracted records (diffs across plans); kept apart from them in the store
DERIVED_SCHEMAS: dict[str, pa.Schema] = {
    "coverage": pa.schema([
        ("parent_plan_id", pa.string()), ("derived_plan_id", pa.string()), ("parent_number", pa.string()),
        ("parent_measure_id", pa.string()), ("derived_number", pa.string()), ("derived_measure_id", pa.string()),
        ("status", pa.string()), ("similarity", pa.float64()), ("material_fields", pa.string()),
        ("narrowed", pa.bool_()),
    ]),
    # plan lineage across documents of the store (pipeline/store/links.py); within a document it is
    # also in plans.parent_plan_id
    "links": pa.schema([
        ("derived_plan_id", pa.string()), ("parent_plan_id", pa.string()), ("derived_document_id", pa.string()),
        ("parent_document_id", pa.string()), ("evidence", pa.string()), ("similarity", pa.float64()),
        ("flags", pa.string()),
    ]),
    # `jospar extract --out`: one row per input path (duplicates and refused paths included), so every path
    # given is accounted for even where several share one document_id; replaced by path
    "inputs": pa.schema([
        ("path", pa.string()), ("document_id", pa.string()), ("outcome", pa.string()),
        ("duplicate_of", pa.string()), ("flag_codes", pa.string()), ("size", pa.int64()),
        ("extracted_at", pa.timestamp("us", tz="UTC")),
    ]),
}

# The measure fields an analyst may correct (pipeline/store overlay); identifiers are not correctable.
CORRECTABLE_MEASURE_FIELDS: tuple[str, ...] = tuple(
    name for name in ARROW_SCHEMAS["measures"].names
    if name not in ("measure_id", "plan_id", "document_id", "ordinal")
)


def clean_text(value: str | None) -> str | None:
    """NFC, and lone surrogates (unencodable in UTF-8, so fatal to Arrow and CSV) replaced by U+FFFD."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = _LONE_SURROGATE.sub("\ufffd", value)
    return unicodedata.normalize("NFC", value)


def _json_text(value: Any) -> str:
    return clean_text(json.dumps(value, ensure_ascii=False, default=str)) or ""


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    """Aware datetimes converted to UTC; a naive one is taken to be UTC already."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)


def effective_body_id(body: Body) -> str | None:
    """The body's own ID, else one derived from its canonical name, so responsibles always join to bodies."""
    if body.body_id:
        return body.body_id
    if body.canonical:
        key = unicodedata.normalize("NFC", body.canonical).casefold().strip()
        return "canon:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return None


def received_month(received_at: dt.datetime | None) -> str:
    """The partition key of a document: 'YYYY-MM' of its UTC receipt time, or 'unknown'."""
    moment = _utc(received_at)
    return moment.strftime("%Y-%m") if moment else "unknown"


def _document_row(doc: Document, received: Received | None, n_measures: int, n_flags: int) -> dict:
    got = received or Received.model_construct(channel=None)  # all None when nothing is known
    return {
        "document_id": doc.document_id, "path": doc.source.path, "media_type": doc.source.media_type,
        "size": doc.source.size, "language": doc.language, "n_pages": doc.n_pages,
        "pipeline_version": doc.pipeline_version,
        "received_channel": got.channel, "received_message_id": got.message_id,
        "received_uidvalidity": got.uidvalidity, "received_uid": got.uid, "received_sender": got.sender,
        "received_subject": got.subject, "received_at": _utc(got.received_at),
        "received_filename": got.filename, "raw_path": doc.source.raw_path,
        "n_plans": len(doc.plans), "n_measures": n_measures, "n_flags": n_flags,
    }


def _plan_row(plan: Plan, document_id: str, ordinal: int) -> dict:
    period = plan.period
    return {
        "plan_id": plan.plan_id, "document_id": document_id, "ordinal": ordinal, "title": plan.title,
        "kind": plan.kind, "approved_by": plan.approved_by, "approved_on": plan.approved_on,
        "based_on_number": plan.based_on.number if plan.based_on else None,
        "based_on_date": plan.based_on.date if plan.based_on else None,
        "parent_plan_id": plan.parent_plan_id,
        "period_start": period.start if period else None, "period_end": period.end if period else None,
        "period_raw": period.raw if period else None,
        "n_measures": len(plan.measures),
        "columns": _json_text([column.model_dump(mode="json") for column in plan.columns]),
        "glossary": _json_text(plan.glossary),
    }


def _measure_row(measure: Measure, plan_id: str, document_id: str, ordinal: int) -> dict:
    where = measure.provenance
    return {
        "measure_id": measure.measure_id, "plan_id": plan_id, "document_id": document_id,
        "number": measure.number, "section": measure.section, "text": measure.text,
        "responsible_raw": measure.responsible_raw, "completion_form": measure.completion_form,
        "deadline_raw": measure.deadline_raw, "indicator": measure.indicator,
        "other": _json_text(measure.other) if measure.other else None,
        "page": where.page, "table": where.table, "row": where.row, "line": where.line, "ordinal": ordinal,
    }


def _responsible_row(body: Body, measure_id: str, document_id: str, ordinal: int) -> dict:
    return {
        "measure_id": measure_id, "document_id": document_id, "ordinal": ordinal, "name": body.name,
        "canonical": body.canonical, "body_id": effective_body_id(body), "by_agreement": body.by_agreement,
        "role": body.role, "source": body.source,
    }


def _deadline_row(deadline: Deadline, measure_id: str, document_id: str, ordinal: int) -> dict:
    return {
        "measure_id": measure_id, "document_id": document_id, "ordinal": ordinal, "raw": deadline.raw,
        "kind": deadline.kind, "start": deadline.start, "end": deadline.end, "by": deadline.by,
        "rrule": deadline.rrule, "freq": deadline.freq, "times_per_period": deadline.times_per_period,
        "confidence": deadline.confidence, "event": deadline.event,
    }


def _letter_row(letter: Letter, document_id: str, ordinal: int) -> dict:
    return {
        "document_id": document_id, "ordinal": ordinal, "issuer": letter.issuer, "issuer_alt": letter.issuer_alt,
        "number": letter.number, "date": letter.date, "addressee": letter.addressee,
        "references": _json_text([r.model_dump(mode="json") for r in letter.references]),
        "attachment_pages": letter.attachment_pages, "signatory": letter.signatory, "executor": letter.executor,
        "emails": _json_text(letter.emails), "phones": _json_text(letter.phones),
    }


def _flag_row(flag: Flag, document_id: str, plan_id: str | None, measure_id: str | None) -> dict:
    level = "measure" if measure_id else "plan" if plan_id else "document"
    return {
        "document_id": document_id, "plan_id": plan_id, "measure_id": measure_id, "ordinal": 0,
        "level": level, "code": flag.code, "message": flag.message, "where": flag.where,
    }


def _distinct_bodies(responsibles: Iterable[dict], bodies: Iterable[Body], document_id: str) -> list[dict]:
    rows: dict[str, dict] = {}
    for row, body in zip(responsibles, bodies):
        if row["body_id"] and row["body_id"] not in rows:
            rows[row["body_id"]] = {"body_id": row["body_id"], "document_id": document_id,
                                    "canonical": body.canonical, "source": body.source}
    return list(rows.values())


def _clean_rows(rows: list[dict]) -> list[dict]:
    return [{key: clean_text(value) if isinstance(value, str) else value for key, value in row.items()}
            for row in rows]


def document_rows(doc: Document, received: Received | None = None) -> dict[str, list[dict]]:
    """Every table's rows for one document. `received` overrides `doc.received` when given."""
    doc_id = doc.document_id
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    all_bodies: list[Body] = []
    flags = [_flag_row(flag, doc_id, None, None) for flag in doc.flags]
    for plan_index, plan in enumerate(doc.plans, start=1):
        tables["plans"].append(_plan_row(plan, doc_id, plan_index))
        flags += [_flag_row(flag, doc_id, plan.plan_id, None) for flag in plan.flags]
        for ordinal, measure in enumerate(plan.measures, start=1):
            tables["measures"].append(_measure_row(measure, plan.plan_id, doc_id, ordinal))
            tables["responsibles"] += [_responsible_row(body, measure.measure_id, doc_id, i)
                                       for i, body in enumerate(measure.responsible, start=1)]
            all_bodies += measure.responsible
            tables["deadlines"] += [_deadline_row(deadline, measure.measure_id, doc_id, i)
                                    for i, deadline in enumerate(measure.deadlines, start=1)]
            flags += [_flag_row(flag, doc_id, plan.plan_id, measure.measure_id) for flag in measure.flags]
    for ordinal, row in enumerate(flags, start=1):
        row["ordinal"] = ordinal
    tables["flags"] = flags
    tables["letters"] = [_letter_row(letter, doc_id, i) for i, letter in enumerate(doc.letters, start=1)]
    tables["bodies"] = _distinct_bodies(tables["responsibles"], all_bodies, doc_id)
    n_measures = len(tables["measures"])
    tables["documents"] = [_document_row(doc, received or doc.received, n_measures, len(flags))]
    return {name: _clean_rows(rows) for name, rows in tables.items()}


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
