"""Deadlines compared as normalised schedules, not as raw text.

Two deadline cells are the same when their normalised text agrees (only case, spacing or punctuation
differ), or else when both were normalised (Measure.deadlines) into the same schedules. When either
side has no normalised schedule, the normalised raw text decides.
"""
from __future__ import annotations

from typing import Optional

from pipeline.diff.normalize import same_up_to_cosmetics
from schemas.records import Deadline, Measure

ScheduleKey = tuple


def _rrule_key(rrule: Optional[str]) -> str:
    return ";".join(sorted(rrule.upper().replace(" ", "").split(";"))) if rrule else ""


def schedule_key(d: Deadline) -> ScheduleKey:
    return (d.kind, d.start, d.end, bool(d.by), _rrule_key(d.rrule), d.freq, d.times_per_period, d.event)


def schedules(measure: Measure) -> list[ScheduleKey]:
    return sorted((schedule_key(d) for d in measure.deadlines if d.kind != "unspecified"), key=repr)


def deadline_material(old: Measure, new: Measure) -> bool:
    """Whether the derived measure's deadline differs in substance from the parent's."""
    if same_up_to_cosmetics(old.deadline_raw, new.deadline_raw):
        return False
    old_s, new_s = schedules(old), schedules(new)
    if old_s and new_s:
        return old_s != new_s
    return True


def shift_days(old: Measure, new: Measure) -> Optional[int]:
    """Days a single due date moved (positive: later), when both sides have exactly one dated deadline."""
    old_d = [d for d in old.deadlines if d.kind != "unspecified"]
    new_d = [d for d in new.deadlines if d.kind != "unspecified"]
    if len(old_d) != 1 or len(new_d) != 1:
        return None
    a, b = old_d[0].end or old_d[0].start, new_d[0].end or new_d[0].start
    if a is None or b is None or a == b:
        return None
    return (b - a).days
