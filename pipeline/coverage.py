"""Coverage of one parent plan across many derived plans: derived plans x parent measures.

Each cell says what a derived plan did with a parent measure: `adopted` (kept, cosmetic changes at
most), `modified` (kept with material changes), `merged` (folded into a derived measure that also
carries another parent measure) or `dropped`. Rates and per-plan summaries are computed from the cells.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from pipeline.diff import diff_plans, measure_number, plan_ref
from schemas.diff import CoverageCell, CoverageReport, MeasureCoverage, PlanCoverage, PlanDiff
from schemas.records import Flag, Plan

def coverage(parent: Plan, derived: list[Plan]) -> CoverageReport:
    return coverage_from_diffs(parent, [diff_plans(parent, d) for d in derived])


def coverage_from_diffs(parent: Plan, diffs: Iterable[PlanDiff]) -> CoverageReport:
    diffs = list(diffs)
    numbers = [measure_number(m, k) for k, m in enumerate(parent.measures, 1)]
    ids = [m.measure_id for m in parent.measures]
    per_plan = [_plan_cells(d, numbers, ids) for d in diffs]  # by position: two files may hold one plan
    cells = [cell for plan_cells in per_plan for cell in plan_cells]
    report = CoverageReport(parent=plan_ref(parent), derived=[d.derived for d in diffs], cells=cells,
                            flags=[f for d in diffs for f in d.flags])
    report.measures = _measure_rates(parent, numbers, cells, len(diffs))
    report.plans = [_plan_summary(d, plan_cells) for d, plan_cells in zip(diffs, per_plan)]
    if not parent.measures:
        report.flags.append(Flag(code="coverage_empty_parent", message="parent plan has no measures",
                                 where=parent.plan_id))
    return report


def _plan_cells(diff: PlanDiff, numbers: list[str], measure_ids: list[str]) -> list[CoverageCell]:
    """One cell per parent measure, keyed by measure ID (numbers may repeat across sections)."""
    by_parent = {p.parent_measure_id: p for p in diff.pairs}
    merged_into = {pid: (g.derived_numbers[0], g.derived_measure_ids[0]) for g in diff.merged
                   for pid in g.parent_measure_ids if pid not in by_parent}
    cells = []
    for number, measure_id in zip(numbers, measure_ids):
        base = {"derived_plan_id": diff.derived.plan_id, "parent_number": number, "parent_measure_id": measure_id}
        pair = by_parent.get(measure_id)
        if pair is not None:
            cells.append(CoverageCell(
                **base, status=pair.status, derived_number=pair.derived_number,
                derived_measure_id=pair.derived_measure_id, similarity=pair.similarity, narrowed=pair.narrowed,
                material_fields=[c.field for c in pair.changes if c.material]))
        elif measure_id in merged_into:
            number_in, id_in = merged_into[measure_id]
            cells.append(CoverageCell(**base, status="merged", derived_number=number_in, derived_measure_id=id_in))
        else:
            cells.append(CoverageCell(**base, status="dropped"))
    return cells


def _measure_rates(parent: Plan, numbers: list[str], cells: list[CoverageCell], n_plans: int) -> list[MeasureCoverage]:
    tally: dict[str, Counter] = defaultdict(Counter)
    for c in cells:
        tally[c.parent_measure_id][c.status] += 1
    out = []
    for measure, number in zip(parent.measures, numbers):
        counts = {s: tally[measure.measure_id][s] for s in ("adopted", "modified", "merged", "dropped")}
        kept = counts["adopted"] + counts["modified"] + counts["merged"]
        out.append(MeasureCoverage(parent_number=number, parent_measure_id=measure.measure_id, text=measure.text,
                                   **counts, adoption_rate=round(kept / n_plans, 4) if n_plans else 0.0,
                                   unchanged_rate=round(counts["adopted"] / n_plans, 4) if n_plans else 0.0))
    return out


def _plan_summary(diff: PlanDiff, cells: list[CoverageCell]) -> PlanCoverage:
    counts = {s: sum(c.status == s for c in cells) for s in ("adopted", "modified", "merged", "dropped")}
    kept = counts["adopted"] + counts["modified"] + counts["merged"]
    return PlanCoverage(derived_plan_id=diff.derived.plan_id, title=diff.derived.title, **counts,
                        added=len(diff.added), narrowed=sum(c.narrowed for c in cells),
                        coverage=round(kept / len(cells), 4) if cells else 0.0)


def measure_rows(report: CoverageReport) -> list[dict]:
    return [{"parent_plan_id": report.parent.plan_id, **m.model_dump()} for m in report.measures]


def plan_rows(report: CoverageReport) -> list[dict]:
    return [{"parent_plan_id": report.parent.plan_id, **p.model_dump()} for p in report.plans]
