"""The "deadlines" component: plan periods and normalised deadlines for every measure.

Working days are counted on the calendar of the issuer's country (Kazakhstan unless the letterhead or
headings mark a Russian school or body); "со дня получения письма" is counted from the covering letter's date.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from schemas import Deadline, Document, Flag, Measure, Plan

from pipeline.deadlines.calendar import country_of
from pipeline.deadlines.normalize import find_deadlines_in_text, normalize_deadline
from pipeline.deadlines.period import detect_period


def apply(doc: Document, ctx=None) -> Document:
    country = country_of(_issuer_texts(doc, ctx), doc.language)
    letter_date = next((letter.date for letter in doc.letters if letter.date), None)
    for plan in doc.plans:
        if plan.period is None:
            plan.period = detect_period(list(plan.heading) + ([plan.title] if plan.title else []))
        for measure in plan.measures:
            _fill(plan, measure, country, letter_date)
    return doc


def _issuer_texts(doc: Document, ctx) -> list[str]:
    texts = [t for letter in doc.letters for t in (letter.issuer, letter.issuer_alt) if t]
    texts += [line for plan in doc.plans for line in plan.heading[:20]]
    regions = getattr(ctx, "regions", None) or []
    texts += [line for region in regions[:2] for line in getattr(region, "lines", [])[:30]]
    return texts


def _fill(plan: Plan, measure: Measure, country: str = "KZ", letter_date: Optional[dt.date] = None) -> None:
    raw = (measure.deadline_raw or "").strip()
    if raw:
        measure.deadlines = normalize_deadline(measure.deadline_raw, plan.period, country, letter_date)
    elif plan.kind == "list":
        measure.deadlines = find_deadlines_in_text(measure.text, plan.period)
    else:
        measure.deadlines = []
    unread = [d for d in measure.deadlines if _unread(d)]
    if unread:
        measure.flags.append(Flag(
            code="deadline_unspecified",
            message="deadline not read: " + " | ".join(f"{d.raw!r} ({_reason(d)})" for d in unread),
            where=measure.measure_id,
        ))


def _reason(deadline: Deadline) -> str:
    if deadline.kind == "period":
        return "a month, quarter or half-year whose year neither the cell nor the plan's period gives"
    if deadline.kind in ("date", "range"):
        return "a day and month whose year neither the cell nor the plan's period gives"
    return deadline.reason or "not recognised"


def _unread(deadline: Deadline) -> bool:
    """Unspecified, or a month/quarter whose year nothing in the plan gives."""
    if deadline.kind == "unspecified":
        return True
    return deadline.kind in ("period", "date", "range") and deadline.start is None and deadline.end is None
