"""The store's rows indexed for the pages (pure: Arrow tables in, plain Python values out).

The rows come from the store's main views, so analysts' corrections are already applied (bodies and
deadlines of corrected cells normalised again by the store, store/materialise.py); `corrected` and
`renormalised` say which, for the pages to mark.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Iterable, Mapping

import pyarrow as pa

from schemas.records import Body, Deadline
from store.model_tables import record_from_row
from store.tables import SPECS


# bodies and deadlines are the pipeline's own records, rebuilt from their rows (store.model_tables)
BodyView = Body
DeadlineView = Deadline


@dataclass(frozen=True)
class FlagView:
    level: str | None
    code: str | None
    message: str | None
    where: str | None
    document_id: str | None = None
    plan_id: str | None = None
    measure_id: str | None = None


@dataclass(frozen=True)
class PlanLink:
    plan_id: str
    title: str
    document_file: str


def rows(table: pa.Table | None) -> list[dict[str, Any]]:
    return [] if table is None else table.to_pylist()


def file_label(document: Mapping[str, Any] | None) -> str:
    """What analysts call the document: the attachment's name as sent, else the file name."""
    if not document:
        return ""
    return document.get("received_filename") or PurePath(document.get("path") or "").name or document["document_id"][:16]


def plan_label(plan: Mapping[str, Any]) -> str:
    return (plan.get("title") or "").strip() or f"plan {plan.get('ordinal')}"


def glossary_of(plan: Mapping[str, Any]) -> dict[str, str]:
    """The plan's glossary (a JSON text column); anything unexpected is ignored, not fatal."""
    try:
        value = json.loads(plan.get("glossary") or "{}")
    except (TypeError, ValueError):
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _body(row: Mapping[str, Any]) -> Body:
    return record_from_row(SPECS["responsibles"], dict(row))


def _deadline(row: Mapping[str, Any]) -> Deadline:
    return record_from_row(SPECS["deadlines"], dict(row))


def _flag(row: Mapping[str, Any]) -> FlagView:
    return FlagView(level=row.get("level"), code=row.get("code"), message=row.get("message"),
                    where=row.get("where"), document_id=row.get("document_id"),
                    plan_id=row.get("plan_id"), measure_id=row.get("measure_id"))


def _grouped(items: Iterable[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        out[item.get(key) or ""].append(item)
    return out


@dataclass
class Catalog:
    """Documents, plans and measures by ID, with each measure's bodies, deadlines and flags."""
    documents: dict[str, dict[str, Any]]
    plans: dict[str, dict[str, Any]]
    measures: dict[str, dict[str, Any]]  # reading order
    bodies: dict[str, list[BodyView]] = field(default_factory=dict)
    deadlines: dict[str, list[DeadlineView]] = field(default_factory=dict)
    flags: list[FlagView] = field(default_factory=list)
    corrected: dict[str, set[str]] = field(default_factory=dict)  # measure_id -> corrected fields
    renormalised: set[str] = field(default_factory=set)  # measure_ids whose bodies/deadlines were redone
    touched: bool = True  # whether any correction concerns the document (False: its rows are as extracted)
    _by_plan: dict[str, list[dict[str, Any]]] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, tables: Mapping[str, pa.Table | None], corrections: pa.Table | None = None) -> "Catalog":
        measures = {m["measure_id"]: m for m in rows(tables.get("measures"))}
        catalog = cls(
            documents={d["document_id"]: d for d in rows(tables.get("documents"))},
            plans={p["plan_id"]: p for p in rows(tables.get("plans"))},
            measures=measures,
            bodies={k: [_body(r) for r in v] for k, v in _grouped(rows(tables.get("responsibles")), "measure_id").items()},
            deadlines={k: [_deadline(r) for r in v]
                       for k, v in _grouped(rows(tables.get("deadlines")), "measure_id").items()},
            flags=[_flag(r) for r in rows(tables.get("flags"))],
        )
        for c in rows(corrections):
            if c["measure_id"] in measures:
                catalog.corrected.setdefault(c["measure_id"], set()).add(c["field"])
        return catalog

    def plan_link(self, plan_id: str | None) -> PlanLink | None:
        plan = self.plans.get(plan_id or "")
        if plan is None:
            return None
        return PlanLink(plan_id=plan["plan_id"], title=plan_label(plan),
                        document_file=file_label(self.documents.get(plan.get("document_id") or "")))

    def measures_of(self, plan_id: str) -> list[dict[str, Any]]:
        if self._by_plan is None:  # built on first use: pages with many plans ask for each
            self._by_plan = _grouped(self.measures.values(), "plan_id")
        return self._by_plan.get(plan_id, [])
