"""Plan lineage across the store: which stored plan each plan was derived from, whatever file it came in.

Within one document, lineage runs at extraction (plans.parent_plan_id). Across documents it needs every
stored plan at once, so it is recomputed from the store's tables after each load: plans and measures are
rebuilt as records, letters give the citations (a school plan cites the district letter that carried its
parent), and pipeline.lineage decides. Pure functions over Arrow tables; the store writes the result to
derived.links.
"""
from __future__ import annotations

from collections import defaultdict

import pyarrow as pa

from pipeline.lineage import compare_reference, explain_link, parse_based_on, word_stems
from store.model_tables import record_from_row
from store.tables import DERIVED_SCHEMAS, SPECS, derived_row
from schemas.records import Letter, Measure, Plan, PlanLink


def plans_from_tables(plans: pa.Table, measures: pa.Table) -> list[Plan]:
    by_plan: dict[str, list[Measure]] = defaultdict(list)
    for row in measures.to_pylist():
        by_plan[row["plan_id"]].append(record_from_row(SPECS["measures"], row))
    return [record_from_row(SPECS["plans"], row).model_copy(update={"measures": by_plan[row["plan_id"]]})
            for row in plans.to_pylist()]


def letters_by_document(letters: pa.Table) -> dict[str, list[Letter]]:
    out: dict[str, list[Letter]] = defaultdict(list)
    for row in letters.to_pylist():
        out[row["document_id"]].append(record_from_row(SPECS["letters"], row))
    return out


MIN_SHARED_VOCABULARY = 0.15  # Dice of two plans' word stems under which they cannot be parent and child
MAX_CONTENT_CANDIDATES = 8  # the plans sharing most words; lineage then compares measure by measure


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _candidates(derived: Plan, records: list[Plan], document_of: dict[str, str], vocab: dict[str, frozenset[str]],
                letters_of: dict[str, list[Letter]]) -> list[Plan]:
    """Plans of other documents that may be the parent: those carried by a letter the plan cites, and the
    few sharing most of its words (a cheap prefilter: relinking compares every plan with every other)."""
    own = document_of[derived.plan_id]
    others = [p for p in records if document_of[p.plan_id] != own]
    ref = derived.based_on or parse_based_on(derived.heading)
    cited = {p.plan_id for p in others if ref and any(
        compare_reference(ref, letter.number, letter.date) for letter in letters_of.get(document_of[p.plan_id], []))}
    scored = sorted(((_dice(vocab[p.plan_id], vocab[derived.plan_id]), k) for k, p in enumerate(others)), reverse=True)
    similar = {others[k].plan_id for score, k in scored[:MAX_CONTENT_CANDIDATES] if score >= MIN_SHARED_VOCABULARY}
    return [p for p in others if p.plan_id in cited | similar]


def plan_links(plans: pa.Table, measures: pa.Table, letters: pa.Table) -> pa.Table:
    """Rows of derived.links: for every plan with a parent in another stored document, that parent."""
    records = plans_from_tables(plans, measures)
    document_of = dict(zip(plans["plan_id"].to_pylist(), plans["document_id"].to_pylist()))
    letters_of = letters_by_document(letters)
    carriers = {plan_id: letters_of.get(doc_id, []) for plan_id, doc_id in document_of.items()}
    all_letters = [letter for doc_letters in letters_of.values() for letter in doc_letters]
    vocab = {p.plan_id: frozenset().union(*(word_stems(m.text) for m in p.measures)) for p in records}
    rows = []
    for derived in records:
        if derived.parent_plan_id:  # linked inside its own document already
            continue
        link = explain_link(_candidates(derived, records, document_of, vocab, letters_of), derived, all_letters, carriers)
        if link.parent is None:
            continue
        rows.append(derived_row("links", PlanLink(
            derived_plan_id=derived.plan_id, parent_plan_id=link.parent.plan_id,
            derived_document_id=document_of[derived.plan_id], parent_document_id=document_of[link.parent.plan_id],
            evidence=link.evidence, similarity=float(link.similarity or 0.0), flags=link.flags)))
    return pa.Table.from_pylist(rows, schema=DERIVED_SCHEMAS["links"])
