"""Lineage: which plan a derived plan was made from, by the letter it cites and by its content.

A derived plan names its basis in its heading ("Білім бөлімінің 2022 жылғы 16-шы ақпандағы №05-04-01/253
санды хаты негізінде жасалған", "на основании письма … от 16.02.2022 № 05-04-01/253") -> Plan.based_on.
`link_plans` picks its parent among candidate plans: the cited letter must be one that carried the
candidates (same number and date; a near-miss number with the same date is linked and flagged
`reference_mismatch`), or, when nothing is cited, the candidate's measures must cover the derived plan's.
A plan citing a letter that none of the candidates' letters is, is not linked. `apply` does this inside
one document and flags `approval_date_conflict` where approval dates contradict the letter dates.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Literal

from rapidfuzz.distance import OSA

from schemas import Document, Flag, Letter, Plan, Reference

from pipeline.letters.requisites import find_references

CONTENT_MIN = 0.6  # share of the derived plan's measures found in the parent, when no letter is cited
CITED_MIN = 0.2  # the same, when the cited letter confirms the parent: enough to rule out an unrelated plan
MEASURE_MATCH = 0.5  # token similarity at which two measures are taken as the same measure

Evidence = Literal["letter", "near_letter", "ancestor_letter", "content", "cites_other_letter", "none"]


@dataclasses.dataclass
class Link:
    """The chosen parent (or None), why, the content similarity and the flags the link raises."""

    parent: Plan | None
    evidence: Evidence
    similarity: float = 0.0
    letter: Letter | None = None
    flags: list[Flag] = dataclasses.field(default_factory=list)


# ------------------------------------------------------------------ the cited letter
def parse_based_on(lines: list[str]) -> Reference | None:
    """The letter a plan heading says the plan is based on (the first letter it cites)."""
    refs = find_references(" ".join(line for line in lines if line))
    return refs[0] if refs else None


def _norm_number(number: str) -> str:
    number = unicodedata.normalize("NFC", number).casefold()
    number = re.sub(r"[‐‑‒–—−]", "-", number)
    return re.sub(r"[\s№]", "", number)


def compare_reference(ref: Reference, number: str | None, date: dt.date | None) -> str | None:
    """"same" when number and date agree (a missing date agrees), "near" when the number differs by a
    slip (one or two characters) under the same date, or is the same under another date; else None."""
    if not ref.number or not number:
        return None
    a, b = _norm_number(ref.number), _norm_number(number)
    dates_agree = ref.date is None or date is None or ref.date == date
    if a == b:
        return "same" if dates_agree else "near"
    slip = OSA.distance(a, b) <= max(1, min(len(a), len(b)) // 6)  # a typo or two swapped digits
    if slip and min(len(a), len(b)) >= 4 and ref.date is not None and ref.date == date:
        return "near"
    return None


def _letter_evidence(ref: Reference | None, letters: list[Letter]) -> tuple[Evidence, Letter | None]:
    if ref is None or not ref.number:
        return "none", None
    found: dict[str, Letter] = {}
    for letter in letters:
        kind = compare_reference(ref, letter.number, letter.date)
        if kind:
            found.setdefault(kind, letter)
        if any(compare_reference(ref, r.number, r.date) == "same" for r in letter.references):
            found.setdefault("ancestor", letter)
    for kind, evidence in (("same", "letter"), ("near", "near_letter"), ("ancestor", "ancestor_letter")):
        if kind in found:
            return evidence, found[kind]
    return ("cites_other_letter" if letters else "none"), None


# ------------------------------------------------------------------ content
@lru_cache(maxsize=65536)
def word_stems(text: str) -> frozenset[str]:
    """Word stems: Kazakh and Russian endings vary, so words are cut to their first five letters.
    Cached: relinking a store compares every plan's measures with every other plan's."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text or "").casefold())
    return frozenset(w[:5] for w in words if len(w) >= 3 or w.isdigit())


def text_similarity(a: str, b: str) -> float:
    """Dice coefficient over word stems."""
    sa, sb = word_stems(a), word_stems(b)
    return 2 * len(sa & sb) / (len(sa) + len(sb)) if sa and sb else 0.0


def _measure_texts(plan: Plan) -> list[str]:
    return [m.text for m in plan.measures if m.text and m.text.strip()]


def coverage(parent: Plan, derived: Plan) -> float:
    """Share of the derived plan's measures that have a like measure in the parent (titles and headings
    when either plan has no measure text)."""
    got, wanted = _measure_texts(parent), _measure_texts(derived)
    if not got or not wanted:
        return text_similarity(" ".join([parent.title or ""] + parent.heading),
                               " ".join([derived.title or ""] + derived.heading))
    return _measures_covered(tuple(got), tuple(wanted))


@lru_cache(maxsize=4096)
def _measures_covered(got: tuple[str, ...], wanted: tuple[str, ...]) -> float:
    """Cached by the texts: relinking a growing store scores the same stored pairs again in later
    rounds, and the same letter's plan arrives from several schools."""
    sizes, postings = _stem_index(got)
    hits = 0
    for text in wanted:
        stems = word_stems(text)
        shared: Counter[int] = Counter()  # parent measure -> stems in common (only those sharing one)
        for stem in stems:
            held = postings.get(stem)
            if held:
                shared.update(held)  # counted in C
        size = len(stems)
        hits += any(2 * n / (size + sizes[k]) >= MEASURE_MATCH for k, n in shared.items())
    return hits / len(wanted)


@lru_cache(maxsize=4096)
def _stem_index(texts: tuple[str, ...]) -> tuple[list[int], dict[str, list[int]]]:
    """A parent's measures as (stem count of each, stem -> the measures holding it). Relinking compares
    one parent with many derived plans: a measure is scored only against the parent measures it
    shares a stem with (the others score 0), and the parent's index is built once."""
    sizes, postings = [], {}
    for k, text in enumerate(texts):
        stems = word_stems(text)
        sizes.append(len(stems))
        for stem in stems:
            postings.setdefault(stem, []).append(k)
    return sizes, postings


# ------------------------------------------------------------------ choosing the parent
def explain_link(parents: list[Plan], derived: Plan, letters: list[Letter],
                 carriers: dict[str, list[Letter]] | None = None) -> Link:
    """The parent of `derived` among `parents` and the evidence for it. `letters` are the letters that
    carried the candidates; `carriers` (optional) maps a candidate's plan_id to its own letters."""
    ref = derived.based_on or parse_based_on(derived.heading)
    evidence, letter = _letter_evidence(ref, letters)
    if evidence == "cites_other_letter":
        return Link(None, evidence)
    pool = [p for p in parents if p.plan_id != derived.plan_id and p.parent_plan_id != derived.plan_id]
    if letter is not None and carriers:
        pool = [p for p in pool if letter in carriers.get(p.plan_id, [])] or pool
    if not pool:
        return Link(None, evidence, letter=letter)
    scored = sorted(((coverage(p, derived), i, p) for i, p in enumerate(pool)), key=lambda s: (-s[0], s[1]))
    similarity, _, parent = scored[0]
    explicit = evidence in ("letter", "near_letter")
    if explicit:
        # a lone candidate with no measure text to compare is taken on the letter's word
        no_text = not (_measure_texts(parent) and _measure_texts(derived))
        accepted = similarity >= CITED_MIN or (len(pool) == 1 and no_text)
    else:
        # without an explicit citation the parent must cover the derived plan better than the reverse
        floor = CITED_MIN if evidence == "ancestor_letter" else CONTENT_MIN
        accepted = similarity >= floor and similarity >= coverage(derived, parent)
        evidence = evidence if evidence == "ancestor_letter" else "content"
    if not accepted:
        return Link(None, "none", similarity, letter)
    link = Link(parent, evidence, similarity, letter)
    link.flags = _link_flags(link, derived, ref)
    return link


def link_plans(parents: list[Plan], derived: Plan, letters: list[Letter],
               carriers: dict[str, list[Letter]] | None = None) -> Plan | None:
    """The parent plan of `derived` among `parents`, or None. Pure: sets nothing; see `explain_link`
    for the evidence and flags, and `apply` for one document."""
    return explain_link(parents, derived, letters, carriers).parent


def _link_flags(link: Link, derived: Plan, ref: Reference | None) -> list[Flag]:
    flags = []
    where = derived.plan_id
    if link.evidence == "near_letter" and ref is not None and link.letter is not None:
        flags.append(Flag(code="reference_mismatch", where=where,
                          message=f"plan cites letter №{ref.number} of {_iso(ref.date)} but the parent letter is "
                                  f"№{link.letter.number} of {_iso(link.letter.date)}"))
    if derived.approved_on and ref is not None and ref.date and derived.approved_on < ref.date:
        flags.append(Flag(code="approval_date_conflict", where=where,
                          message=f"plan approved {_iso(derived.approved_on)}, before the letter it is based on "
                                  f"(№{ref.number} of {_iso(ref.date)})"))
    parent = link.parent
    if derived.approved_on and parent is not None and parent.approved_on and derived.approved_on < parent.approved_on:
        flags.append(Flag(code="approval_date_conflict", where=where,
                          message=f"plan approved {_iso(derived.approved_on)}, before its parent plan "
                                  f"(approved {_iso(parent.approved_on)})"))
    return flags


def _iso(date: dt.date | None) -> str:
    return date.isoformat() if date else "?"


# ------------------------------------------------------------------ one document
def apply(doc: Document, ctx=None) -> Document:
    """Sets based_on and parent_plan_id of the plans of one document (a parent is an earlier plan of the
    same document) and flags reference mismatches and approval-date conflicts."""
    # only plan-level fields change: a shallow copy with its own flags list leaves the input untouched
    # (a deep copy of every measure cost more than reading a DOCX)
    plans = [p.model_copy(update={"flags": list(p.flags)}) for p in doc.plans]
    for plan in plans:
        if plan.based_on is None:
            plan.based_on = parse_based_on(plan.heading)
    for i, plan in enumerate(plans):
        if plan.parent_plan_id:
            continue
        link = explain_link(plans[:i], plan, doc.letters)
        if link.parent is not None:
            plan.parent_plan_id = link.parent.plan_id
        _add_flags(plan, link.flags)
    for letter in doc.letters:
        for plan in plans:
            _add_flags(plan, _carried_conflicts(letter, plan))
    return doc.model_copy(update={"plans": plans})


def _carried_conflicts(letter: Letter, plan: Plan) -> list[Flag]:
    """A plan the letter sends (it does not cite the letter) cannot be approved after the letter."""
    if not (letter.date and plan.approved_on) or plan.approved_on <= letter.date:
        return []
    if plan.based_on and compare_reference(plan.based_on, letter.number, letter.date):
        return []  # made from this letter, not sent with it
    return [Flag(code="approval_date_conflict", where=plan.plan_id,
                 message=f"plan approved {plan.approved_on.isoformat()}, after the letter that sends it "
                         f"(№{letter.number or '?'} of {letter.date.isoformat()})")]


def _add_flags(plan: Plan, flags: list[Flag]) -> None:
    for flag in flags:
        if flag not in plan.flags:
            plan.flags.append(flag)
