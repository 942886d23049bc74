"""View models of the documents, plan and measure pages (pure functions of a Catalog and Arrow rows)."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from store.tables import ARROW_SCHEMAS, CORRECTABLE_MEASURE_FIELDS
from webapp.catalog import BodyView, Catalog, DeadlineView, FlagView, PlanLink, file_label, glossary_of, rows

MAX_QUERY_LENGTH = 200

FIELD_LABELS = {
    "number": "number", "section": "section", "text": "measure text", "responsible_raw": "responsible (as written)",
    "completion_form": "completion form", "deadline_raw": "deadline (as written)", "indicator": "indicator",
    "other": "other columns (JSON)", "page": "page", "table": "table", "row": "row", "line": "line",
}
CORRECTABLE_FIELDS = [(name, FIELD_LABELS.get(name, name)) for name in CORRECTABLE_MEASURE_FIELDS]
INTEGER_FIELDS = frozenset(n for n in CORRECTABLE_MEASURE_FIELDS
                           if pa.types.is_integer(ARROW_SCHEMAS["measures"].field(n).type))


def _utc_label(value: dt.datetime | None) -> str:
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if value else ""


# --- documents ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class DocumentRow:
    document_id: str
    file: str
    path: str
    language: str
    received: str
    sender: str
    subject: str
    plans: list[PlanLink]
    n_measures: int
    n_flags: int


def document_rows(catalog: Catalog, query: str = "") -> list[DocumentRow]:
    """Every document, those matching `query` (case-insensitive, any of the shown texts) when given."""
    needle = query.strip().casefold()[:MAX_QUERY_LENGTH]
    plans_by_doc: dict[str, list[PlanLink]] = {}
    for plan_id, plan in catalog.plans.items():
        link = catalog.plan_link(plan_id)
        if link:
            plans_by_doc.setdefault(plan["document_id"], []).append(link)
    out = []
    for doc_id, doc in catalog.documents.items():
        row = DocumentRow(
            document_id=doc_id, file=file_label(doc), path=doc.get("path") or "", language=doc.get("language") or "",
            received=_utc_label(doc.get("received_at")), sender=doc.get("received_sender") or "",
            subject=doc.get("received_subject") or "", plans=plans_by_doc.get(doc_id, []),
            n_measures=doc.get("n_measures") or 0, n_flags=doc.get("n_flags") or 0)
        if not needle or needle in _haystack(row):
            out.append(row)
    out.sort(key=lambda r: r.file)
    return sorted(out, key=lambda r: r.received, reverse=True)  # newest first; stable, so by file within


def _haystack(row: DocumentRow) -> str:
    texts = [row.document_id, row.file, row.path, row.language, row.received, row.sender, row.subject]
    texts += [p.title for p in row.plans]
    return "\n".join(texts).casefold()


# --- plans --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MeasureRow:
    measure_id: str
    number: str
    section: str
    text: str
    responsible_raw: str
    bodies: list[BodyView]
    deadline_raw: str
    deadlines: list[DeadlineView]
    completion_form: str
    indicator: str
    other: dict[str, str]
    corrected: frozenset[str]
    renormalised: bool
    flags: list[FlagView]


@dataclass(frozen=True)
class PlanView:
    plan_id: str
    document_id: str
    document_file: str
    title: str
    kind: str
    approved_by: str
    approved_on: dt.date | None
    based_on_number: str
    based_on_date: dt.date | None
    parent: PlanLink | None
    parent_plan_id: str
    children: list[PlanLink]
    period_start: dt.date | None
    period_end: dt.date | None
    period_raw: str
    glossary: list[tuple[str, str]]
    flags: list[FlagView]
    document_flags: list[FlagView]
    measures: list[MeasureRow] = field(default_factory=list)


def _other(value: str | None) -> dict[str, str]:
    try:
        parsed = json.loads(value or "{}")
    except (TypeError, ValueError):
        return {"other": value or ""}
    return {str(k): str(v) for k, v in parsed.items()} if isinstance(parsed, dict) else {"other": str(parsed)}


def measure_row(catalog: Catalog, measure: dict[str, Any]) -> MeasureRow:
    measure_id = measure["measure_id"]
    return MeasureRow(
        measure_id=measure_id, number=measure.get("number") or "", section=measure.get("section") or "",
        text=measure.get("text") or "", responsible_raw=measure.get("responsible_raw") or "",
        bodies=catalog.bodies.get(measure_id, []), deadline_raw=measure.get("deadline_raw") or "",
        deadlines=catalog.deadlines.get(measure_id, []), completion_form=measure.get("completion_form") or "",
        indicator=measure.get("indicator") or "", other=_other(measure.get("other")),
        corrected=frozenset(catalog.corrected.get(measure_id, ())), renormalised=measure_id in catalog.renormalised,
        flags=[f for f in catalog.flags if f.measure_id == measure_id])


def plan_view(catalog: Catalog, plan_id: str) -> PlanView | None:
    plan = catalog.plans.get(plan_id)
    if plan is None:
        return None
    document_id = plan["document_id"]
    children = [catalog.plan_link(p["plan_id"]) for p in catalog.plans.values()
                if p.get("parent_plan_id") == plan_id and p["plan_id"] != plan_id]
    return PlanView(
        plan_id=plan_id, document_id=document_id, document_file=file_label(catalog.documents.get(document_id)),
        title=plan.get("title") or "", kind=plan.get("kind") or "", approved_by=plan.get("approved_by") or "",
        approved_on=plan.get("approved_on"), based_on_number=plan.get("based_on_number") or "",
        based_on_date=plan.get("based_on_date"), parent=catalog.plan_link(plan.get("parent_plan_id")),
        parent_plan_id=plan.get("parent_plan_id") or "", children=[c for c in children if c],
        period_start=plan.get("period_start"), period_end=plan.get("period_end"),
        period_raw=plan.get("period_raw") or "", glossary=sorted(glossary_of(plan).items()),
        flags=[f for f in catalog.flags if f.plan_id == plan_id and f.level == "plan"],
        document_flags=[f for f in catalog.flags if f.level == "document" and f.document_id == document_id],
        measures=[measure_row(catalog, m) for m in catalog.measures_of(plan_id)])


# --- measures -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CorrectionRow:
    correction_id: int
    field: str
    value: str | None
    author: str
    corrected_at: str
    note: str
    current: bool  # the value main.measures shows now for that field


@dataclass(frozen=True)
class MeasureView:
    row: MeasureRow
    plan: PlanLink | None
    document_id: str
    document_path: str
    page: int | None
    table: int | None
    table_row: int | None
    line: int | None
    ordinal: int | None
    extracted: dict[str, Any]  # extracted values of the corrected fields
    history: list[CorrectionRow]


def correction_history(corrections: pa.Table | None, measure_id: str) -> list[CorrectionRow]:
    """The measure's corrections, newest first; `current` marks the one that wins per field."""
    mine = [c for c in rows(corrections) if c["measure_id"] == measure_id]
    mine.sort(key=lambda c: (c["corrected_at"], c["correction_id"]), reverse=True)
    seen: set[str] = set()
    out = []
    for c in mine:
        out.append(CorrectionRow(correction_id=c["correction_id"], field=c["field"], value=c["value"],
                                 author=c["author"], corrected_at=_utc_label(c["corrected_at"]),
                                 note=c.get("note") or "", current=c["field"] not in seen))
        seen.add(c["field"])
    return out


def measure_view(catalog: Catalog, measure_id: str, extracted: pa.Table | None,
                 corrections: pa.Table | None) -> MeasureView | None:
    measure = catalog.measures.get(measure_id)
    if measure is None:
        return None
    original = next((m for m in rows(extracted) if m["measure_id"] == measure_id), {})
    row = measure_row(catalog, measure)
    document = catalog.documents.get(measure.get("document_id") or "", {})
    return MeasureView(
        row=row, plan=catalog.plan_link(measure.get("plan_id")), document_id=measure.get("document_id") or "",
        document_path=document.get("path") or "", page=measure.get("page"), table=measure.get("table"),
        table_row=measure.get("row"), line=measure.get("line"), ordinal=measure.get("ordinal"),
        extracted={f: original.get(f) for f in row.corrected}, history=correction_history(corrections, measure_id))
