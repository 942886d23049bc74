"""The "deadlines" component: plan periods and normalised deadlines for every measure."""
from __future__ import annotations

from schemas import Deadline, Document, Flag, Measure, Plan

from pipeline.deadlines.normalize import find_deadlines_in_text, normalize_deadline
from pipeline.deadlines.period import detect_period


def apply(doc: Document, ctx=None) -> Document:
    for plan in doc.plans:
        if plan.period is None:
            plan.period = detect_period(list(plan.heading) + ([plan.title] if plan.title else []))
        for measure in plan.measures:
            _fill(plan, measure)
    return doc


def _fill(plan: Plan, measure: Measure) -> None:
    raw = (measure.deadline_raw or "").strip()
    if raw:
        measure.deadlines = normalize_deadline(measure.deadline_raw, plan.period)
    elif plan.kind == "list":
        measure.deadlines = find_deadlines_in_text(measure.text, plan.period)
    else:
        measure.deadlines = []
    unread = [d for d in measure.deadlines if _unread(d)]
    if unread:
        measure.flags.append(Flag(
            code="deadline_unspecified",
            message="deadline not read: " + " | ".join(d.raw for d in unread),
            where=measure.measure_id,
        ))


def _unread(deadline: Deadline) -> bool:
    """Unspecified, or a month/quarter whose year nothing in the plan gives."""
    if deadline.kind == "unspecified":
        return True
    return deadline.kind == "period" and deadline.start is None and deadline.end is None
