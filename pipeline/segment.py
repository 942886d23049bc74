"""Split a layout into regions: the preamble (cover letter or protocol), approval blocks, plans with their
headings, glossaries, signatures and the trailer.

Plans are anchored first (plan tables, list plans); everything else is placed relative to them: the
heading is the group of lines right above a plan (plus groups above it that still read like a title:
a period, "… негізінде жасалған"), the approval block sits above the heading, glossaries and signatures
follow a plan and belong to it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lang.content import has_plan_word
from lang.headers import is_plan_header
from pipeline import approval, glossary
from pipeline.flat_plan import find_flat_plans
from pipeline.period_tables import find_chains
from pipeline.list_plan import ListPlan, find_list_plans, paragraph_text
from pipeline.table_header import TableLayout, header_layout, table_layout
from schemas import Block, Column, LayoutDocument, Paragraph, Table

NAME = r"[А-ЯӘҒҚҢӨҰҮҺІЁA-Z]"
SIGNATURE = re.compile(
    rf"(?:^|\s|_)((?:{NAME}\.\s?){{1,2}}\s?{NAME}[а-яәғқңөұүһіёa-z]+(?:-{NAME}[а-яәғқңөұүһіё]+)?|"
    rf"{NAME}[а-яәғқңөұүһіё]+\s+(?:{NAME}\.\s?){{1,2}})\s*$")
# words of a plan's title besides the plan words themselves (lang.content.has_plan_word)
TITLE_HINTS = re.compile(r"(арналған|негізінде|на основании|жылға|жылдарға|оқу жыл|учебн|год|акция|аралығында|"
                         r"период|кезең|\d{4})", re.IGNORECASE)
MAX_TITLE_GROUP_LINES = 6
CONTINUED = re.compile(r"^\W*(?:продолжение(?:\s+таблицы)?|кестенің\s+жалғасы|жалғасы|\d{1,3})\W*$", re.IGNORECASE)
DATE_LINE = re.compile(r"^\W*\d{1,2}\W{1,3}\d{1,2}\W{1,3}\d{2,4}\W*(?:ж|жыл|г|года?)?\W*$", re.IGNORECASE)


@dataclass
class Region:
    kind: str  # preamble | approval | plan | glossary | signatures | trailer | label
    blocks: list[Block] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    plan: int | None = None  # the plan (anchor ordinal) a region belongs to


@dataclass
class Anchor:
    """A plan found in the layout: its tables or its list, and the block indices it covers."""

    first: int
    last: int
    tables: list[Table] = field(default_factory=list)
    listing: ListPlan | None = None
    layout: TableLayout | None = None  # the head of the first table (columns, first data row, caption)
    columns: list[Column] | None = None  # given columns: a table rebuilt from paragraphs
    heading: list[int] = field(default_factory=list)
    approval: list[int] = field(default_factory=list)
    glossary: list[int] = field(default_factory=list)
    signatures: list[int] = field(default_factory=list)


def block_lines(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        text = paragraph_text(block)
        return [text] if text else []
    return [c.text for c in block.cells if c.text.strip()]


def signature_name(text: str) -> str | None:
    m = SIGNATURE.search(text.strip())
    return m.group(1).strip() if m and len(text.split()) <= 12 else None


def table_anchors(state) -> None:
    """Pass "tables": plan tables (header words or content), and the tables that continue them."""
    blocks = state.layout.blocks
    anchors: list[Anchor] = []
    chains = {c.first: c for c in find_chains(blocks)}
    skip_to = -1
    for i, b in enumerate(blocks):
        if i in chains:  # small tables under month headings: one plan
            c = chains[i]
            anchors.append(Anchor(first=c.first, last=c.last, tables=[c.table], layout=c.layout))
            skip_to = c.last
        if i <= skip_to or not isinstance(b, Table):
            continue
        prev = anchors[-1] if anchors else None
        if prev and prev.tables and _continues(prev, b, blocks, i):
            prev.tables.append(b)
            prev.last = i
        elif (head := table_layout(b)) is not None:
            anchors.append(Anchor(first=i, last=i, tables=[b], layout=head))
    _add(state, anchors)


def flat_anchors(state) -> None:
    """Pass "flattened": plans flattened into paragraphs, rebuilt into tables."""
    found = find_flat_plans(state.layout, state.claimed())
    _add(state, [Anchor(first=f.first, last=f.last, tables=[f.table], columns=f.columns) for f in found])


def list_anchors(state) -> None:
    """Pass "lists": numbered lists under a plan heading, outside the plans found so far."""
    blocks = state.layout.blocks
    claimed = state.claimed()
    stops = {i for i, b in enumerate(blocks) if isinstance(b, Table)} | claimed
    paragraphs = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Paragraph)]
    found = [Anchor(first=lp.heading_block + 1, last=lp.last_block, listing=lp, heading=[lp.heading_block])
             for lp in find_list_plans(paragraphs, stops)]
    _add(state, [a for a in found if not any(i in claimed for i in range(a.first, a.last + 1))])


def _add(state, anchors: list[Anchor]) -> None:
    state.anchors = sorted(state.anchors + anchors, key=lambda a: a.first)


def surroundings(state) -> None:
    """Pass "surroundings": headings and approval blocks above each plan, glossary and signatures below."""
    attach_surroundings(state.layout, state.anchors)


def regions_pass(state) -> None:
    state.regions = regions(state.layout, state.anchors)


def _continues(prev: Anchor, table: Table, blocks: list[Block], i: int) -> bool:
    """A table right after a plan table (nothing between but blank lines, a page number or "Продолжение
    таблицы"), with the same width and no plan header of its own or the same header, goes on with it."""
    between = blocks[prev.last + 1:i]
    if any(isinstance(b, Table) or (isinstance(b, Paragraph) and b.text.strip() and not _page_mark(b.text))
           for b in between):
        return False
    if table.n_cols != prev.tables[-1].n_cols:
        return False
    # no header of its own, or the same header repeated on the next page
    if prev.columns is not None:
        return False
    own = header_layout(table)[0]
    return not is_plan_header(own) or _header_text(table) == _header_text(prev.tables[0])


def _page_mark(text: str) -> bool:
    """"Продолжение таблицы", "2", or a page number OCR misread ("4-6", "6:4:"): no words of its own."""
    short = text.strip()
    return bool(CONTINUED.match(text)) or (len(short) <= 6 and not any(c.isalpha() for c in short))


def _header_text(table: Table) -> list[str]:
    return [" ".join((t or "").split()).casefold() for t in table.matrix(fill_merged=True)[0]]


def attach_surroundings(layout: LayoutDocument, anchors: list[Anchor]) -> None:
    """Headings and approval blocks above each plan; glossary and signatures below it."""
    blocks = layout.blocks
    floor = 0
    for k, a in enumerate(anchors):
        if a.listing is None:
            a.heading = _heading_above(blocks, a.first, floor)
        top = min(a.heading) if a.heading else a.first
        a.approval = _approval_above(blocks, top, floor)
        ceiling = anchors[k + 1].first if k + 1 < len(anchors) else len(blocks)
        _trailer_below(blocks, a, ceiling)
        floor = max([a.last] + a.glossary + a.signatures) + 1
    # a heading must not swallow what the previous plan's trailer claimed
    for k in range(1, len(anchors)):
        taken = set(anchors[k - 1].glossary + anchors[k - 1].signatures)
        anchors[k].heading = [i for i in anchors[k].heading if i not in taken]


def _groups_above(blocks: list[Block], start: int, floor: int) -> list[list[int]]:
    """Groups of consecutive non-empty paragraphs above `start`, nearest first."""
    groups, current = [], []
    for i in range(start - 1, floor - 1, -1):
        b = blocks[i]
        if isinstance(b, Table):
            break
        if b.text.strip():
            current.insert(0, i)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _heading_above(blocks: list[Block], start: int, floor: int) -> list[int]:
    heading: list[int] = []
    for n, group in enumerate(_groups_above(blocks, start, floor)):
        texts = [blocks[i].text for i in group]
        if any(approval.is_approval(t) or glossary.is_heading(t) or glossary.parse_entry(t) for t in texts):
            break
        if n > 0 and (len(group) > MAX_TITLE_GROUP_LINES or not any(_title_like(t) for t in texts)
                      or _approver_like(texts)):
            break
        if n == 0 and len(group) > MAX_TITLE_GROUP_LINES:
            group = group[-MAX_TITLE_GROUP_LINES:]
        heading = group + heading
        if n >= 2:
            break
    return heading


def _title_like(text: str) -> bool:
    return has_plan_word(text) or bool(TITLE_HINTS.search(text))


def _approver_like(texts: list[str]) -> bool:
    """Lines of an approval or signature block: a name with initials, a signature line, a bare date."""
    return any(signature_name(t) or "___" in t or DATE_LINE.match(t) for t in texts)


def _approval_above(blocks: list[Block], top: int, floor: int) -> list[int]:
    """The approval block: from its keyword down to the heading (a PDF may show gaps inside it)."""
    groups = _groups_above(blocks, top, floor)
    for n, group in enumerate(groups[:3]):
        for j, i in enumerate(group):
            if approval.is_approval(blocks[i].text):
                below = [k for g in reversed(groups[:n]) for k in g]
                return group[j:] + below if len(below) <= 6 else group[j:]
    return []


def _trailer_below(blocks: list[Block], a: Anchor, ceiling: int) -> None:
    in_glossary = False
    for i in range(a.last + 1, ceiling):
        b = blocks[i]
        if isinstance(b, Table):
            break
        text = b.text.strip()
        if not text:
            continue
        if glossary.is_heading(text):
            in_glossary = True
            a.glossary.append(i)
        elif glossary.parse_entry(text) and (in_glossary or not a.signatures):
            in_glossary = True
            a.glossary.append(i)
        elif signature_name(text) or (a.signatures and i - a.signatures[-1] <= 2 and len(text.split()) <= 8):
            a.signatures.append(i)
            in_glossary = False


def regions(layout: LayoutDocument, anchors: list[Anchor]) -> list[Region]:
    """Every block in exactly one region, in reading order."""
    owner: dict[int, tuple[str, int]] = {}
    for k, a in enumerate(anchors):
        for i in range(a.first, a.last + 1):
            owner[i] = ("plan", k)
        for kind, idxs in (("plan", a.heading), ("approval", a.approval), ("glossary", a.glossary), ("signatures", a.signatures)):
            for i in idxs:
                owner[i] = (kind, k)
    first = min(owner) if owner else len(layout.blocks)
    out: list[Region] = []
    for i, b in enumerate(layout.blocks):
        kind, plan = owner.get(i, ("preamble" if i < first else "trailer", None))
        if isinstance(b, Paragraph) and b.is_label:
            kind = "label"  # a member, sheet or mail header: the letterhead of what follows starts after it
        if not out or out[-1].kind != kind or out[-1].plan != plan:
            out.append(Region(kind=kind, plan=plan))
        out[-1].blocks.append(b)
        out[-1].lines.extend(block_lines(b))
    return out
