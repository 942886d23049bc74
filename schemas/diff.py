"""Models of a parent-vs-derived plan diff and of coverage across many derived plans.

The keys of ../shared/eval/CONTRACT.md (`PlanDiff`: parent, derived, pairs, dropped, added; a pair's
parent_number, derived_number, status, similarity, changes; a change's field, material, old, new) are the
minimum; everything else here is additive.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from schemas.records import Flag

DiffField = Literal["text", "responsible", "completion_form", "deadline", "indicator"]
PairStatus = Literal["adopted", "modified"]
WordOpKind = Literal["equal", "cosmetic", "replace", "insert", "delete"]
CellStatus = Literal["adopted", "modified", "merged", "dropped"]


class DiffRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class PlanRef(DiffRecord):
    plan_id: str
    title: Optional[str] = None
    n_measures: int = 0


class MeasureRef(DiffRecord):
    """A measure named in `dropped`/`added`, with its text so a report needs nothing else."""

    number: str
    measure_id: Optional[str] = None
    text: str = ""


class WordOp(DiffRecord):
    """One step of a word-level edit script from the old value to the new one.

    `cosmetic` ops differ only in case, punctuation, spacing or a number's spelling ("бір" / "1")."""

    op: WordOpKind
    old: str = ""
    new: str = ""


class Change(DiffRecord):
    field: DiffField
    material: bool
    old: Optional[str] = None
    new: Optional[str] = None
    words: list[WordOp] = Field(default_factory=list)  # text-like fields: word-level highlighting
    removed: list[str] = Field(default_factory=list)  # responsible: bodies the derived plan no longer names
    added: list[str] = Field(default_factory=list)  # responsible: bodies only the derived plan names
    narrowed_to_own_staff: bool = False  # responsible: authorities replaced by the school's own staff
    shift_days: Optional[int] = None  # deadline: how far a due date moved, when both are dates
    note: Optional[str] = None


class Pair(DiffRecord):
    parent_number: str
    derived_number: str
    status: PairStatus
    similarity: float = Field(ge=0.0, le=1.0)
    changes: list[Change] = Field(default_factory=list)
    parent_measure_id: Optional[str] = None
    derived_measure_id: Optional[str] = None
    parent_text: str = ""
    derived_text: str = ""
    narrowed: bool = False


class Group(DiffRecord):
    """A derived measure that merges several parent measures (`merge`), or several derived measures that
    split one parent measure (`split`). The best-matching member is also in `pairs`; the others are
    left out of `dropped`/`added` because their content was carried over."""

    kind: Literal["merge", "split"]
    parent_numbers: list[str]
    derived_numbers: list[str]
    similarity: float = Field(ge=0.0, le=1.0)
    parent_measure_ids: list[str] = Field(default_factory=list)
    derived_measure_ids: list[str] = Field(default_factory=list)


class DiffSummary(DiffRecord):
    parent_measures: int = 0
    derived_measures: int = 0
    adopted: int = 0
    modified: int = 0
    dropped: int = 0
    added: int = 0
    merged: int = 0
    split: int = 0
    narrowed: int = 0
    material_by_field: dict[str, int] = Field(default_factory=dict)
    cosmetic_by_field: dict[str, int] = Field(default_factory=dict)
    fields_compared: list[str] = Field(default_factory=list)


class PlanDiff(DiffRecord):
    parent: PlanRef
    derived: PlanRef
    pairs: list[Pair] = Field(default_factory=list)
    dropped: list[str] = Field(default_factory=list)
    added: list[str] = Field(default_factory=list)
    merged: list[Group] = Field(default_factory=list)
    split: list[Group] = Field(default_factory=list)
    dropped_measures: list[MeasureRef] = Field(default_factory=list)
    added_measures: list[MeasureRef] = Field(default_factory=list)
    summary: DiffSummary = Field(default_factory=DiffSummary)
    flags: list[Flag] = Field(default_factory=list)


class CoverageCell(DiffRecord):
    """One derived plan x one parent measure."""

    derived_plan_id: str
    """The derived plan."""
    parent_number: str
    """The parent measure's number."""
    status: CellStatus
    """`adopted`, `modified`, `merged` or `dropped`."""
    parent_measure_id: Optional[str] = None
    """The parent measure."""
    derived_number: Optional[str] = None
    """The derived measure's number (empty when dropped)."""
    derived_measure_id: Optional[str] = None
    """The derived measure."""
    similarity: float = 0.0
    """Alignment similarity 0..1."""
    material_fields: list[str] = Field(default_factory=list)
    """Fields changed materially (JSON list), e.g. `["text", "responsible"]`."""
    narrowed: bool = False
    """Responsible narrowed to the school's own staff."""


class MeasureCoverage(DiffRecord):
    parent_number: str
    parent_measure_id: Optional[str] = None
    text: str = ""
    adopted: int = 0
    modified: int = 0
    merged: int = 0
    dropped: int = 0
    adoption_rate: float = 0.0  # share of derived plans that kept the measure in any form
    unchanged_rate: float = 0.0  # share of derived plans that kept it with cosmetic changes only


class PlanCoverage(DiffRecord):
    derived_plan_id: str
    title: Optional[str] = None
    adopted: int = 0
    modified: int = 0
    merged: int = 0
    dropped: int = 0
    added: int = 0
    narrowed: int = 0
    coverage: float = 0.0  # share of parent measures kept in any form


class CoverageReport(DiffRecord):
    parent: PlanRef
    derived: list[PlanRef] = Field(default_factory=list)
    cells: list[CoverageCell] = Field(default_factory=list)
    measures: list[MeasureCoverage] = Field(default_factory=list)
    plans: list[PlanCoverage] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
