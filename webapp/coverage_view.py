"""View model of the coverage page: per parent plan, parent measures x derived plans (pure).

Rates follow pipeline/coverage.py: a parent measure counts as kept by a derived plan when it was adopted,
modified or merged; a measure's adoption rate is kept / derived plans, a derived plan's coverage is
kept / parent measures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from webapp.catalog import Catalog, PlanLink, rows

STATUSES = ("adopted", "modified", "merged", "dropped")
KEPT = frozenset({"adopted", "modified", "merged"})


@dataclass(frozen=True)
class Cell:
    status: str
    derived_number: str
    derived_measure_id: str
    similarity: float | None
    material_fields: str
    narrowed: bool


@dataclass(frozen=True)
class CoverageColumn:
    plan: PlanLink
    counts: dict[str, int]
    added: int
    coverage: float


@dataclass(frozen=True)
class CoverageRow:
    measure_id: str
    number: str
    text: str
    cells: list[Cell | None]  # one per column; None when that pair was not compared
    adoption_rate: float
    unchanged_rate: float


@dataclass(frozen=True)
class CoverageMatrix:
    parent: PlanLink
    columns: list[CoverageColumn]
    rows: list[CoverageRow]
    overall_rate: float


def _natural_key(text: str | None) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text or "")]


def _link(catalog: Catalog, plan_id: str) -> PlanLink:
    return catalog.plan_link(plan_id) or PlanLink(plan_id=plan_id, title=f"{plan_id} (not in the store)", document_file="")


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def coverage_matrices(catalog: Catalog, coverage: pa.Table | None) -> list[CoverageMatrix]:
    by_parent: dict[str, list[dict[str, Any]]] = {}
    for cell in rows(coverage):
        by_parent.setdefault(cell["parent_plan_id"], []).append(cell)
    return [_matrix(catalog, parent_id, cells) for parent_id, cells in sorted(by_parent.items())]


def _matrix(catalog: Catalog, parent_id: str, cells: list[dict[str, Any]]) -> CoverageMatrix:
    derived_ids = sorted({c["derived_plan_id"] for c in cells})
    column_of = {plan_id: k for k, plan_id in enumerate(derived_ids)}
    measures = {c["parent_measure_id"]: c for c in cells if c["parent_measure_id"]}
    order = {m["measure_id"]: m.get("ordinal") or 0 for m in catalog.measures_of(parent_id)}
    row_ids = sorted(measures, key=lambda mid: (order.get(mid, 10**6), _natural_key(measures[mid]["parent_number"])))
    grid: dict[str, list[Cell | None]] = {mid: [None] * len(derived_ids) for mid in row_ids}
    for c in cells:
        if not c["parent_measure_id"]:
            continue
        grid[c["parent_measure_id"]][column_of[c["derived_plan_id"]]] = Cell(
            status=c["status"], derived_number=c["derived_number"] or "", derived_measure_id=c["derived_measure_id"] or "",
            similarity=c["similarity"], material_fields=c["material_fields"] or "", narrowed=bool(c["narrowed"]))
    matrix_rows = [_row(catalog, mid, measures[mid]["parent_number"], grid[mid]) for mid in row_ids]
    added = _added_measures(catalog, cells)
    columns = [_column(catalog, plan_id, [grid[mid][k] for mid in row_ids], len(added.get(plan_id, ())))
               for k, plan_id in enumerate(derived_ids)]
    kept = sum(c.counts["adopted"] + c.counts["modified"] + c.counts["merged"] for c in columns)
    compared = sum(sum(c.counts.values()) for c in columns)
    return CoverageMatrix(parent=_link(catalog, parent_id), columns=columns, rows=matrix_rows,
                          overall_rate=_rate(kept, compared))


def _added_measures(catalog: Catalog, cells: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Derived measures matching no parent measure: `added` cells where the writer stored them, and any
    stored measure of the derived plan that no cell names (`jospar coverage` keeps only parent-measure cells)."""
    named: dict[str, set[str]] = {}
    added: dict[str, set[str]] = {}
    for c in cells:
        if c["derived_measure_id"]:
            named.setdefault(c["derived_plan_id"], set()).add(c["derived_measure_id"])
        if not c["parent_measure_id"] and c["derived_measure_id"]:
            added.setdefault(c["derived_plan_id"], set()).add(c["derived_measure_id"])
    for plan_id in {c["derived_plan_id"] for c in cells}:
        for measure in catalog.measures_of(plan_id):
            if measure["measure_id"] not in named.get(plan_id, set()):
                added.setdefault(plan_id, set()).add(measure["measure_id"])
    return added


def _row(catalog: Catalog, measure_id: str, number: str | None, cells: list[Cell | None]) -> CoverageRow:
    present = [c for c in cells if c is not None]
    measure = catalog.measures.get(measure_id, {})
    return CoverageRow(measure_id=measure_id, number=number or measure.get("number") or "",
                       text=measure.get("text") or "", cells=cells,
                       adoption_rate=_rate(sum(c.status in KEPT for c in present), len(present)),
                       unchanged_rate=_rate(sum(c.status == "adopted" for c in present), len(present)))


def _column(catalog: Catalog, plan_id: str, cells: list[Cell | None], added: int) -> CoverageColumn:
    present = [c for c in cells if c is not None]
    counts = {s: sum(c.status == s for c in present) for s in STATUSES}
    return CoverageColumn(plan=_link(catalog, plan_id), counts=counts, added=added,
                          coverage=_rate(sum(c.status in KEPT for c in present), len(present)))
