"""Parent-vs-derived plan diff: `diff_plans(parent, derived) -> PlanDiff`.

Measures are aligned one-to-one (align.py), each pair's fields compared (changes.py), and what is
left over reported as dropped (parent) or added (derived), except parent measures merged into one
derived measure and derived measures split from one parent measure, which are reported as groups.
"""
from __future__ import annotations

from collections import Counter

from pipeline.diff.align import Alignment, align
from pipeline.diff.changes import fields_present, measure_changes
from schemas.diff import DiffSummary, Group, MeasureRef, Pair, PlanDiff, PlanRef
from schemas.records import Flag, Measure, Plan

__all__ = ["diff_plans", "measure_number", "plan_ref"]


def measure_number(measure: Measure, ordinal: int) -> str:
    """The number as written (trailing dot dropped), or the 1-based reading order when unnumbered."""
    number = (measure.number or "").strip().rstrip(".")
    return number or str(ordinal)


def plan_ref(plan: Plan) -> PlanRef:
    return PlanRef(plan_id=plan.plan_id, title=plan.title, n_measures=len(plan.measures))


def diff_plans(parent: Plan, derived: Plan) -> PlanDiff:
    """Never raises: an unexpected failure comes back as an empty diff with a `diff_failed` flag."""
    try:
        return _diff(parent, derived)
    except Exception as exc:  # bad input must not crash a batch of hundreds of plans
        return PlanDiff(parent=plan_ref(parent), derived=plan_ref(derived),
                        flags=[Flag(code="diff_failed", message=f"{type(exc).__name__}: {exc}",
                                    where=f"{parent.plan_id} -> {derived.plan_id}")])


def _diff(parent: Plan, derived: Plan) -> PlanDiff:
    p_nums = [measure_number(m, k) for k, m in enumerate(parent.measures, 1)]
    d_nums = [measure_number(m, k) for k, m in enumerate(derived.measures, 1)]
    alignment = align([m.text for m in parent.measures], [m.text for m in derived.measures])
    fields = fields_present(parent) & fields_present(derived)
    pairs = [_pair(parent.measures[i], derived.measures[j], p_nums[i], d_nums[j], s, fields)
             for i, j, s in alignment.pairs]
    diff = PlanDiff(
        parent=plan_ref(parent), derived=plan_ref(derived), pairs=pairs,
        dropped=[p_nums[i] for i in alignment.dropped], added=[d_nums[j] for j in alignment.added],
        merged=[_group("merge", parent, derived, ps, [j], s) for ps, j, s in alignment.merges],
        split=[_group("split", parent, derived, [i], ds, s) for i, ds, s in alignment.splits],
        dropped_measures=[_ref(parent.measures[i], p_nums[i]) for i in alignment.dropped],
        added_measures=[_ref(derived.measures[j], d_nums[j]) for j in alignment.added],
    )
    diff.summary = _summary(diff, alignment, fields)
    diff.flags = _flags(parent, derived, p_nums, d_nums)
    return diff


def _pair(old: Measure, new: Measure, p_num: str, d_num: str, similarity: float, fields: set[str]) -> Pair:
    changes = measure_changes(old, new, fields)
    return Pair(parent_number=p_num, derived_number=d_num,
                status="modified" if any(c.material for c in changes) else "adopted",
                similarity=_unit(similarity), changes=changes,
                parent_measure_id=old.measure_id, derived_measure_id=new.measure_id,
                parent_text=old.text, derived_text=new.text,
                narrowed=any(c.narrowed_to_own_staff for c in changes))


def _group(kind: str, parent: Plan, derived: Plan, parents: list[int], children: list[int], similarity: float) -> Group:
    return Group(kind=kind, similarity=_unit(similarity),
                 parent_numbers=[measure_number(parent.measures[i], i + 1) for i in parents],
                 derived_numbers=[measure_number(derived.measures[j], j + 1) for j in children],
                 parent_measure_ids=[parent.measures[i].measure_id for i in parents],
                 derived_measure_ids=[derived.measures[j].measure_id for j in children])


def _ref(measure: Measure, number: str) -> MeasureRef:
    return MeasureRef(number=number, measure_id=measure.measure_id, text=measure.text)


def _unit(value: float) -> float:
    return round(min(1.0, max(0.0, float(value))), 4)


def _summary(diff: PlanDiff, alignment: Alignment, fields: set[str]) -> DiffSummary:
    material = Counter(c.field for p in diff.pairs for c in p.changes if c.material)
    cosmetic = Counter(c.field for p in diff.pairs for c in p.changes if not c.material)
    return DiffSummary(
        parent_measures=diff.parent.n_measures, derived_measures=diff.derived.n_measures,
        adopted=sum(p.status == "adopted" for p in diff.pairs), modified=sum(p.status == "modified" for p in diff.pairs),
        dropped=len(diff.dropped), added=len(diff.added), merged=len(alignment.merges), split=len(alignment.splits),
        narrowed=sum(p.narrowed for p in diff.pairs), material_by_field=dict(material),
        cosmetic_by_field=dict(cosmetic), fields_compared=[f for f in ("text", "responsible", "completion_form",
                                                                        "deadline", "indicator") if f in fields])


def _flags(parent: Plan, derived: Plan, p_nums: list[str], d_nums: list[str]) -> list[Flag]:
    flags = []
    for plan, nums in ((parent, p_nums), (derived, d_nums)):
        if not plan.measures:
            flags.append(Flag(code="diff_empty_plan", message="plan has no measures", where=plan.plan_id))
        repeated = sorted(n for n, c in Counter(nums).items() if c > 1)
        if repeated:
            flags.append(Flag(code="diff_repeated_numbers", message=f"measure numbers repeat: {', '.join(repeated)}",
                              where=plan.plan_id))
    return flags
