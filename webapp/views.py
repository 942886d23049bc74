"""Rows of the store shaped for the pages and downloads (pure helpers shared by the handlers)."""
from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Any, Iterable

from schemas.records import Body
from store.review_sql import CORRECTABLE_PLAN_FIELDS
from store.sql import in_values
from webapp.catalog import Catalog
from webapp.store_access import Reader

FACET_LABELS = {"language": "Language", "flag": "Flag", "body": "Responsible body", "month": "Month due",
                "status": "Status", "sender": "Sender"}
PERIOD_FIELDS = frozenset({"period_start", "period_end", "period_raw"})


def utc_label(value: dt.datetime | None) -> str:
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if value else ""


def file_of(row: dict[str, Any]) -> str:
    return row.get("received_filename") or PurePath(row.get("path") or "").name or (row.get("document_id") or "")[:16]


def label_rows(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        row = dict(row)
        row["file"] = file_of(row)
        row["received"] = utc_label(row.get("received_at"))
        out.append(row)
    return out


def bodies_of(owners: list[dict[str, Any]]) -> list[Body]:
    return [Body(name=o["name"] or "", canonical=o.get("canonical"), role=o.get("role"),
                 by_agreement=bool(o.get("by_agreement"))) for o in owners]


def due_items(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for row in rows:
        row["deadline"] = {k: row.get(k) for k in ("raw", "kind", "start", "end", "by", "rrule", "freq",
                                                   "times_per_period", "event")}
        row["bodies"] = bodies_of(row.get("owners", []))
    return rows


def _tables_of_plans(reader: Reader, plan_ids: list[str]) -> tuple[list[dict], list[dict]]:
    plans = reader.rows("SELECT * FROM main.plans WHERE " + (chosen := in_values("plan_id", plan_ids))[0], chosen[1])
    chosen = in_values("document_id", sorted({p["document_id"] for p in plans}))
    documents = reader.rows(f"SELECT * FROM main.documents WHERE {chosen[0]}", chosen[1])
    return plans, documents


def document_catalog(reader: Reader, document_id: str) -> Catalog:
    """The document's plans and measures with their bodies, deadlines and flags, the plans they derive
    from or that derive from them (links to other documents), and which fields were corrected."""
    import pyarrow as pa

    from store.tables import ARROW_SCHEMAS

    touched = reader.touched(document_id)
    own = reader.of_document("plans", document_id, extracted=not touched)
    own_ids = own["plan_id"].to_pylist()
    derived_sql, derived_params = in_values("derived_plan_id", own_ids)
    parent_sql, parent_params = in_values("parent_plan_id", own_ids)
    links = reader.rows(f"SELECT derived_plan_id, parent_plan_id FROM derived.links WHERE {derived_sql} OR {parent_sql}",
                        derived_params + parent_params)
    children = reader.rows(f"SELECT plan_id FROM main.plans WHERE {parent_sql}", parent_params)
    related = {own_row for own_row in own["plan_id"].to_pylist()}
    related |= {x for link in links for x in link.values()} | {c["plan_id"] for c in children}
    related |= {p for p in own["parent_plan_id"].to_pylist() if p}
    plans, documents = _tables_of_plans(reader, sorted(related))
    parent_of = {link["derived_plan_id"]: link["parent_plan_id"] for link in links}
    for plan in plans:  # lineage across documents (derived.links) where the document itself names none
        if not plan.get("parent_plan_id") and plan["plan_id"] in parent_of:
            plan["parent_plan_id"] = parent_of[plan["plan_id"]]
    tables = {"documents": pa.Table.from_pylist(documents, schema=ARROW_SCHEMAS["documents"]),
              "plans": pa.Table.from_pylist(plans, schema=ARROW_SCHEMAS["plans"])}
    for name in ("measures", "responsibles", "deadlines", "flags"):
        tables[name] = reader.of_document(name, document_id, extracted=not touched)
    catalog = Catalog.build(tables)
    catalog.touched = touched
    if not touched:
        return catalog
    for row in reader.rows("""SELECT DISTINCT measure_id, field FROM overlay.active WHERE target = 'measure'
            AND document_id = ? AND field <> 'not_measure'""", [document_id]):
        if row["measure_id"] in catalog.measures:
            catalog.corrected.setdefault(row["measure_id"], set()).add(row["field"])
    catalog.renormalised |= {r["measure_id"] for r in reader.rows(
        "SELECT DISTINCT measure_id FROM overlay.renormalised WHERE document_id = ?", [document_id])}
    return catalog


def corrected_plan_fields(reader: Reader, plan_id: str) -> set[str]:
    return {r["field"] for r in reader.rows(
        "SELECT DISTINCT field FROM overlay.active WHERE target = 'plan' AND plan_id = ?", [plan_id])}


def history_rows(log: list[dict[str, Any]], plan_states: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Corrections (and plan state changes), newest first; `current` marks the correction that wins per field."""
    seen: set[str] = set()
    out = []
    for c in log:
        applies = c["state"] == "applies"
        out.append({"when": utc_label(c["corrected_at"]), "at": c["corrected_at"], "what": c["field"],
                    "field": c["field"], "action": c["action"] or "set", "old": c["old_value"], "new": c["value"],
                    "value": c["value"], "who": c["author"], "author": c["author"], "why": c["note"],
                    "note": c["note"] or "", "corrected_at": utc_label(c["corrected_at"]), "stale": not applies,
                    "current": applies and c["field"] not in seen})
        if applies:
            seen.add(c["field"])
    for s in plan_states or []:
        out.append({"when": utc_label(s["changed_at"]), "at": s["changed_at"], "what": "state", "old": None,
                    "new": s["state"], "who": s["author"], "why": s["reason"], "stale": False})
    return sorted(out, key=lambda h: h["at"], reverse=True)


PLAN_FIELDS = CORRECTABLE_PLAN_FIELDS
