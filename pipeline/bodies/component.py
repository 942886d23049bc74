"""Component `responsible`: fills Measure.responsible from responsible_raw, flags abbreviations.

One plan flag `unknown_abbreviation` lists abbreviations of the responsible cells found in neither
the plan's glossary nor the gazetteer; one flag `abbreviation_variant` lists look-alike spellings
(ББҮ for ББҰ, СӘБД for СЭБД) found in the responsible, completion-form, deadline and indicator cells.
"""
from __future__ import annotations

from functools import lru_cache

from pipeline.bodies import analyse_responsible, register_cache
from pipeline.bodies.abbrev import (COUNTRY_TOKENS, GlossaryIndex, abbrev_tokens, glossary_index, is_known_geo,
                                    lookup_abbrev)
from schemas import Document, Flag, Measure, Plan

UNKNOWN, VARIANT = "unknown_abbreviation", "abbreviation_variant"


def apply(doc: Document, ctx=None) -> Document:
    for plan in doc.plans:
        _apply_plan(plan)
    return doc


def _apply_plan(plan: Plan) -> None:
    unknown: dict[str, list[str]] = {}  # abbreviation -> measure numbers
    variants: dict[tuple[str, str], list[str]] = {}
    glossary = plan.glossary or None
    for measure in plan.measures:
        where = measure.number or measure.measure_id
        if measure.responsible_raw and measure.responsible_raw.strip():
            found = analyse_responsible(measure.responsible_raw, glossary)
            cell = measure.cells.get("responsible_raw")
            measure.responsible = [b.model_copy(update={"page": cell.page, "bbox": cell.bbox} if cell else {})
                                   for b in found.bodies]
            for abbr in found.unknown:
                unknown.setdefault(abbr, []).append(where)
            for pair in found.variants:
                variants.setdefault(pair, []).append(where)
        for pair in _variants_in_other_cells(measure, glossary):
            variants.setdefault(pair, []).append(where)
    plan.flags = [f for f in plan.flags if f.code not in (UNKNOWN, VARIANT)]
    if unknown:
        listed = ", ".join(f"{a} (measures {_numbers(n)})" for a, n in unknown.items())
        plan.flags.append(Flag(code=UNKNOWN, where=plan.plan_id,
                               message=f"abbreviations found in neither the plan's glossary nor the gazetteer: {listed}"))
    if variants:
        listed = ", ".join(f"{w} ({k})" for w, k in variants)
        places = "; ".join(f"{w}: measures {_numbers(n)}" for (w, _), n in variants.items())
        plan.flags.append(Flag(code=VARIANT, where=plan.plan_id,
                               message=f"look-alike spellings of known abbreviations: {listed} [{places}]"))


def _variants_in_other_cells(measure: Measure, glossary: dict[str, str] | None) -> list[tuple[str, str]]:
    index = glossary_index(glossary)
    out: list[tuple[str, str]] = []
    for text in (measure.completion_form, measure.deadline_raw, measure.indicator):
        out += [pair for pair in _variants_in(text or "", index) if pair not in out]
    return out


@register_cache
@lru_cache(maxsize=32768)
def _variants_in(text: str, index: GlossaryIndex | None) -> tuple[tuple[str, str], ...]:
    """(as written, as known) look-alike abbreviations of one cell; completion forms and deadlines
    repeat down a plan, so each distinct cell is read once."""
    out: list[tuple[str, str]] = []
    for token in abbrev_tokens(text):
        if token in COUNTRY_TOKENS or is_known_geo(token):
            continue
        match = lookup_abbrev(token, index)
        if match is not None and match.variant and (_bare(token), match.known) not in out:
            out.append((_bare(token), match.known))
    return tuple(out)


def _bare(token: str) -> str:
    """'СӘБД-ға' -> 'СӘБД': the abbreviation without its case suffix."""
    return token.split("-")[0] if "-" in token and token.split("-")[0] else token


def _numbers(numbers: list[str]) -> str:
    return ", ".join(dict.fromkeys(numbers))
