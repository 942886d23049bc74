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
    history: list[dict[str, Any]]  # views.history_rows: corrections, newest first


def measure_view(catalog: Catalog, measure_id: str, extracted: pa.Table | None,
                 history: list[dict[str, Any]] | None = None) -> MeasureView | None:
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
        extracted={f: original.get(f) for f in row.corrected}, history=history or [])
