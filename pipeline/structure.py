"""Layout -> plans: the structure stage. Finds every plan in a document (a file may hold several), and
for each its title, heading lines, approval block, columns, sections, measures, glossary, signatories
and numbering flags. Deadlines and responsible bodies stay raw here; components normalise them.

The work is a chain of passes (pipeline/passes.py); this module holds the two that turn anchors into
Plan records ("measures") and check them ("checks")."""
from __future__ import annotations

import re

from lang.content import has_plan_word
from lang.headers import is_plan_header
from lang.numbers import SECTION_MARK, roman_marks
from lang.text import clean_cell, one_line
from pipeline import approval, glossary
from pipeline.numbering import repair_cut_numbers, restore_dots, sequence_flags
from pipeline.passes import StructureState, run_passes
from pipeline.segment import Anchor, Region, signature_name
from pipeline.table_plan import header_columns, infer_numbers, parse_table, promote_parents
from schemas import Column, Flag, LayoutDocument, Measure, Plan, Provenance

PLACEHOLDER = re.compile(r"20\s?_{1,}|_{4,}")
# "… хаты негізінде жасалған", "на основании письма …": where the plan comes from, not its name
BASIS = re.compile(r"(негізінде|на основании|во исполнение)", re.IGNORECASE)


def build_plans(layout: LayoutDocument, document_id: str) -> tuple[list[Plan], list[Region]]:
    plans, regions, _ = build_structure(layout, document_id)
    return plans, regions


def build_structure(layout: LayoutDocument, document_id: str,
                    passes: list[str] | None = None) -> tuple[list[Plan], list[Region], list[Flag]]:
    """Plans, regions and the flags of passes that failed."""
    state = run_passes(StructureState(layout=layout, document_id=document_id), passes)
    return state.plans, state.regions, state.flags


def measures_pass(state: StructureState) -> None:
    """Pass "measures": a Plan per anchor, with its columns, sections and measures."""
    state.plans = [_plan(state.layout, a, f"{state.document_id[:16]}:p{k}") for k, a in enumerate(state.anchors)]


def checks_pass(state: StructureState) -> None:
    """Pass "checks": measure ids, template placeholders, numbering, plans without measures."""
    for plan in state.plans:
        for ordinal, m in enumerate(plan.measures, 1):
            m.measure_id = f"{plan.plan_id}:m{ordinal}"
            if PLACEHOLDER.search(m.text):
                m.flags.append(Flag(code="template_placeholder", message="template placeholder left unfilled", where=m.number))
        plan.flags.extend(sequence_flags([m.number for m in plan.measures], where=plan.title,
                                         sections=[m.section for m in plan.measures]))
        if not plan.measures:
            plan.flags.append(Flag(code="no_measures", message="a plan header was found but no measure rows"))


def _texts(layout: LayoutDocument, idxs: list[int]) -> list[str]:
    return [one_line(layout.blocks[i].text) for i in idxs if one_line(layout.blocks[i].text)]


def _lines(layout: LayoutDocument, idxs: list[int]) -> list[str]:
    """Like _texts, but a paragraph with manual line breaks gives one line per break."""
    return [one_line(line) for i in idxs for line in layout.blocks[i].text.splitlines() if one_line(line)]


def _plan(layout: LayoutDocument, a: Anchor, plan_id: str) -> Plan:
    heading = _texts(layout, a.heading)
    plan = Plan(plan_id=plan_id, heading=heading, title=_title(heading), kind="list" if a.listing else "table")
    plan.approved_by, plan.approved_on = approval.parse_approval(_lines(layout, a.approval)) if a.approval else (None, None)
    plan.glossary = glossary.parse_glossary(_lines(layout, a.glossary))
    if any(getattr(layout.blocks[i], "confidence", None) is not None for i in a.glossary):
        plan.glossary = glossary.letters_from_expansions(plan.glossary)
    plan.signatories = [n for n in (signature_name(t) for t in _lines(layout, a.signatures)) if n]
    if a.listing:
        plan.measures = _list_measures(layout, a)
        plan.flags.extend(a.listing.flags)
    else:
        plan.columns, plan.sections, plan.measures, caption = _table_measures(layout, a)
        if caption:  # the table's own title row names the plan better than lines above it
            plan.heading.append(caption)
            plan.title = caption
    return plan


def _title(heading: list[str]) -> str | None:
    """The heading lines that name the plan: the last group with a plan word, else the whole heading."""
    if not heading:
        return None
    named = [k for k, line in enumerate(heading) if has_plan_word(line)]
    if not named:
        return " ".join(heading)
    start = named[0]
    while (start > 0 and not heading[start - 1].rstrip().endswith((".", ":")) and len(heading) - start < 4
           and not BASIS.search(heading[start - 1])):
        start -= 1
    return " ".join(heading[start:])


def _table_measures(layout: LayoutDocument, a: Anchor) -> tuple[list[Column], list[str], list[Measure], str | None]:
    page_rows = layout.media_type == "application/pdf"
    if a.columns is not None:  # rebuilt from paragraphs: no header row
        first = parse_table(a.tables[0], columns=a.columns, start_row=0, page_rows=page_rows)
    else:
        first = parse_table(a.tables[0], page_rows=page_rows, layout=a.layout)
    columns, sections, measures = first.columns, list(first.sections), list(first.measures)
    for t in a.tables[1:]:
        own, start = header_columns(t)  # a header repeated on the next page is skipped, a first data row kept
        start = start if is_plan_header(own) and t.n_rows > start else 0
        cont = parse_table(t, columns=columns, start_row=start, page_rows=page_rows)
        if cont.measures and cont.measures[0].number is None and measures:
            head = cont.measures.pop(0)  # a row cut by the break between two tables
            for name in ("text", "responsible_raw", "completion_form", "deadline_raw", "indicator"):
                extra = getattr(head, name)
                if extra:
                    setattr(measures[-1], name, f"{getattr(measures[-1], name) or ''} {extra}".strip())
        for m in cont.measures:
            m.section = m.section or (sections[-1] if sections else None)
        sections.extend(s for s in cont.sections if s not in sections)
        measures.extend(cont.measures)
    for m in measures:
        m.text = m.text or ""
    measures = promote_parents(measures, sections)
    restore_dots(measures)
    repair_cut_numbers(measures)
    infer_numbers(measures)
    ocr = any(c.confidence is not None for t in a.tables for c in t.cells)
    return columns, _roman_sections(sections, measures, ocr), measures, first.caption


def _roman_sections(sections: list[str], measures: list[Measure], ocr: bool) -> list[str]:
    """Section headings whose Roman numerals OCR misread ("1.", "П.", "Ш.", Kazakh "І." for Latin "I.") get
    them back, in the plan's sections and its measures."""
    found = [(s, SECTION_MARK.match(s)) for s in sections]
    marked = [(s, m) for s, m in found if m]
    fixed = roman_marks([m.group(1) for _, m in marked], ocr) if marked else None
    if fixed is None:
        return sections
    renamed = {s: f"{numeral}{s[m.end(1):]}".lstrip() for (s, m), numeral in zip(marked, fixed)}
    for m in measures:
        m.section = renamed.get(m.section, m.section)
    return [renamed.get(s, s) for s in sections]


def _list_measures(layout: LayoutDocument, a: Anchor) -> list[Measure]:
    out = []
    for number, item in a.listing.measures():
        where = _paragraphs_provenance(layout, item.block, item.last_block or item.block)
        out.append(Measure(measure_id="", number=number, section=item.clause_text, text=clean_cell(item.text),
                           provenance=where, cells={"text": where.model_copy()}))
    return out


def _paragraphs_provenance(layout: LayoutDocument, first: int, last: int) -> Provenance:
    """Provenance of paragraphs first..last (an item wrapped over several)."""
    where = Provenance()
    for block in layout.blocks[first:last + 1]:
        where.extend(Provenance(page=block.page, bbox=block.bbox, span=block.span, confidence=block.confidence,
                                member=block.member))
    where.line = layout.blocks[first].line
    return where
