"""Field-level changes between a parent measure and the derived measure paired with it.

Each differing field yields one Change marked material or cosmetic:
- text, completion_form, indicator: material when the normalised word sequences differ (full words,
  no stemming: "ведомстволық" -> "ведомстваралық" is material);
- deadline: material when the normalised schedules differ (schedule.py);
- responsible: material when the sets of canonical bodies differ (responsible.py), with
  `narrowed_to_own_staff` when authorities were replaced by the school's own staff.
"""
from __future__ import annotations

from typing import Optional

from pipeline.diff.normalize import clean, same_up_to_cosmetics
from pipeline.diff.responsible import body_label, compare_bodies, measure_bodies, narrowed_to_own_staff
from pipeline.diff.schedule import deadline_material, shift_days
from pipeline.diff.words import as_cosmetic, word_ops
from schemas.diff import Change
from schemas.records import Measure, Plan

TEXT_FIELDS = ("text", "completion_form", "indicator")
ALL_FIELDS = ("text", "responsible", "completion_form", "deadline", "indicator")
_COLUMN_ROLE = {"responsible": "responsible", "completion_form": "form", "deadline": "deadline", "indicator": "indicator"}


def field_value(measure: Measure, field: str) -> Optional[str]:
    if field == "deadline":
        return measure.deadline_raw
    if field == "responsible":
        return measure.responsible_raw or ", ".join(b.name for b in measure.responsible) or None
    return getattr(measure, field)


def fields_present(plan: Plan) -> set[str]:
    """Fields the plan has at all: a column for it, or a value in some measure. A derived plan
    without an indicator column has not changed every indicator; the field is simply not compared."""
    roles = {c.role for c in plan.columns}
    present = {"text"}
    for name in ALL_FIELDS[1:]:
        if _COLUMN_ROLE[name] in roles or any(field_value(m, name) for m in plan.measures):
            present.add(name)
    return present


def text_change(field: str, old: Optional[str], new: Optional[str]) -> Optional[Change]:
    if clean(old) == clean(new):
        return None
    material = not same_up_to_cosmetics(old, new)
    ops = word_ops(old, new)
    return Change(field=field, material=material, old=old, new=new, words=ops if material else as_cosmetic(ops))


def deadline_change(old: Measure, new: Measure) -> Optional[Change]:
    if clean(old.deadline_raw) == clean(new.deadline_raw) and not deadline_material(old, new):
        return None
    material = deadline_material(old, new)
    ops = word_ops(old.deadline_raw, new.deadline_raw)
    note = None if material or same_up_to_cosmetics(old.deadline_raw, new.deadline_raw) else "same schedule"
    return Change(field="deadline", material=material, old=old.deadline_raw, new=new.deadline_raw,
                  words=ops if material else as_cosmetic(ops), shift_days=shift_days(old, new) if material else None,
                  note=note)


def responsible_change(old: Measure, new: Measure) -> Optional[Change]:
    old_raw, new_raw = field_value(old, "responsible"), field_value(new, "responsible")
    old_bodies, new_bodies = measure_bodies(old), measure_bodies(new)
    removed, added = compare_bodies(old_bodies, new_bodies)
    material = bool(removed or added)
    if not material and clean(old_raw) == clean(new_raw):
        return None
    narrowed = material and narrowed_to_own_staff(old_bodies, new_bodies)
    return Change(field="responsible", material=material, old=old_raw, new=new_raw,
                  removed=[body_label(b) for b in removed], added=[body_label(b) for b in added],
                  narrowed_to_own_staff=narrowed, note="narrowed to the school's own staff" if narrowed else None)


def measure_changes(old: Measure, new: Measure, fields: set[str]) -> list[Change]:
    """Changes in the given fields, in contract order (text, responsible, completion_form, deadline, indicator)."""
    changes: list[Change] = []
    for field in ALL_FIELDS:
        if field not in fields:
            continue
        if field in TEXT_FIELDS:
            change = text_change(field, getattr(old, field), getattr(new, field))
        elif field == "deadline":
            change = deadline_change(old, new)
        else:
            change = responsible_change(old, new)
        if change is not None:
            changes.append(change)
    return changes
