"""Plans flattened into paragraphs: a plan copied out of a table into a mail body reads as a run of
paragraphs, the number and the measure first, then the deadline, the responsible and the other cells on
the same or the next lines, bare ("25.07.11 ж. дейін") or labelled ("Мерзімі: Қазан").

The run is rebuilt into a table (one row per measure, one spanning row per section) and read by the same
table parser as any other plan. Which numbers open measures is decided by the numbering itself: the level
(1. / 1.1 / 1.1.1) whose numbers count up most steadily; lower levels and Roman numerals are sections,
deeper ones (sub-items "1.", "2." inside a measure) are the measure's own text. A run is a plan only when
most of its measures carry a deadline or responsible line: a numbered order or a list of
recommendations is not a flattened table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lang.headers import column_role
from lang.numbers import ROMAN_HEAD, parts
from lang.text import one_line
from pipeline import glossary
from pipeline.columns import is_deadline_text, is_responsible_text
from schemas import Block, Cell, Column, LayoutDocument, Paragraph, Provenance, Table

NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?\)?\s*(?=[^\W\d_]|[«\"“(])")
LABELLED = re.compile(r"^\s*([^:\d][^:]{1,40}):\s*(\S.*)$")
CELL_ROLES = ("deadline", "responsible", "form", "indicator")
MIN_ITEMS = 3
MAX_SKIP = 5  # numbers a plan may skip between two measures (a numbering gap is flagged, not a stop)
CELL_SHARE = 0.6  # share of measures with a deadline or responsible line
MAX_SECTION_WORDS = 14
FLAT_TABLE_INDEX = -1  # a rebuilt table has no index among the document's tables


@dataclass
class FlatItem:
    number: str | None  # None: a section row
    lines: list[tuple[int, str]] = field(default_factory=list)  # (block index, text)
    cells: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # role -> lines
    labels: dict[str, str] = field(default_factory=dict)  # role -> the label it was written under


@dataclass
class FlatPlan:
    first: int
    last: int
    table: Table
    columns: list[Column]


def find_flat_plans(layout: LayoutDocument, claimed: set[int]) -> list[FlatPlan]:
    out = []
    for run in _runs(layout.blocks, claimed):
        while run and (plan := _rebuild(run, layout)) is not None:
            out.append(plan)  # and look for another plan after this one
            run = [(i, text) for i, text in run if i > plan.last]
    return out


def _runs(blocks: list[Block], claimed: set[int]) -> list[list[tuple[int, str]]]:
    """Paragraphs between tables and claimed blocks, as (index, one-line text); blanks kept as ''."""
    runs, current = [], []
    for i, b in enumerate(blocks):
        if isinstance(b, Table) or i in claimed:
            if current:
                runs.append(current)
            current = []
            continue
        current.append((i, one_line(b.text)))
    if current:
        runs.append(current)
    return runs


def _number(text: str) -> str | None:
    m = NUMBERED.match(text)
    return m.group(1) if m else None


def _depths(run: list[tuple[int, str]]) -> list[int]:
    """Numbering levels whose numbers count up (1, 2, 3 or 1.1, 1.2, 2.1 …) at least MIN_ITEMS times."""
    by_depth: dict[int, list[tuple[int, ...]]] = {}
    for _, text in run:
        n = _number(text)
        if n:
            by_depth.setdefault(len(parts(n)), []).append(parts(n))
    return [d for d, seq in by_depth.items() if sum(1 for a, b in zip(seq, seq[1:]) if _follows(a, b)) >= MIN_ITEMS - 1]


def _follows(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    if a[:-1] == b[:-1]:
        return b[-1] == a[-1] + 1
    return len(a) > 1 and b[-1] == 1 and b[:-2] == a[:-2] and b[-2] == a[-2] + 1


def _rebuild(run: list[tuple[int, str]], layout: LayoutDocument) -> FlatPlan | None:
    """The measures are the numbering level whose items most often carry a deadline or responsible line
    (sub-items "1.", "2." inside a measure count up as well, but carry none)."""
    best: tuple[int, list[FlatItem]] | None = None
    for depth in _depths(run):
        items = _items(run, depth)
        measures = [it for it in items if it.number is not None]
        with_cells = sum(1 for it in measures if it.cells.get("deadline") or it.cells.get("responsible"))
        if len(measures) >= MIN_ITEMS and with_cells >= CELL_SHARE * len(measures) and (best is None or with_cells > best[0]):
            # a level whose items mostly carry no cell (sub-items) never qualifies
            best = (with_cells, items)
    if best is None:
        return None
    items = best[1]
    first = min(i for it in items for i, _ in it.lines)
    last = max(i for it in items for i, _ in [*it.lines, *(x for v in it.cells.values() for x in v)])
    table, columns = _table(items, layout)
    return FlatPlan(first=first, last=last, table=table, columns=columns)


def _items(run: list[tuple[int, str]], depth: int) -> list[FlatItem]:
    items: list[FlatItem] = []
    blank = False
    for j, (i, text) in enumerate(run):
        if not text:
            blank = True
            continue
        n = _number(text)
        if n and len(parts(n)) == depth and _next_number(items, n):
            items.append(FlatItem(number=n, lines=[(i, NUMBERED.sub("", text, count=1))]))
        elif _is_section(text, n, depth, _number(_next_text(run, j))):
            items.append(FlatItem(number=None, lines=[(i, text)]))
        elif items and items[-1].number is not None and (_belongs(text, blank, _next_text(run, j))
                                                         or _goes_on(items, _next_text(run, j), depth)):
            _take_line(items[-1], i, text)
        elif items:
            break  # the plan ended: a paragraph that is neither a measure nor part of one
        blank = False
    while items and items[-1].number is None:
        items.pop()
    return items


def _is_section(text: str, n: str | None, depth: int, following: str | None) -> bool:
    """A Roman numeral heading, or a shallower number right above its first measure ("2. Қаржы қызметі"
    followed by "2.1 …"; a sub-item "2." followed by "3." or by a cell line is not a section)."""
    if ROMAN_HEAD.match(text):
        return len(text.split()) <= MAX_SECTION_WORDS
    if not n or len(parts(n)) >= depth or len(text.split()) > 3 * MAX_SECTION_WORDS:
        return False
    return following is not None and len(parts(following)) == depth and parts(following)[:len(parts(n))] == parts(n)


def _next_number(items: list[FlatItem], number: str) -> bool:
    """The number goes on from the last measure, perhaps skipping a few (or starts the plan, or a part)."""
    previous = next((it.number for it in reversed(items) if it.number), None)
    if previous is None or parts(number)[-1] == 1:
        return True
    a, b = parts(previous), parts(number)
    return a[:-1] == b[:-1] and 0 < b[-1] - a[-1] <= MAX_SKIP


def _goes_on(items: list[FlatItem], following: str, depth: int) -> bool:
    """The next paragraph is the next measure: a stray line between two measures belongs to the first."""
    n = _number(following)
    return bool(n) and len(parts(n)) == depth and _next_number(items, n) and parts(n)[-1] != 1


def _next_text(run: list[tuple[int, str]], j: int) -> str:
    return next((text for _, text in run[j + 1:] if text), "")


def _belongs(text: str, after_blank: bool, following: str) -> bool:
    """A line after a measure is part of it, unless it is a glossary line, or it follows a blank line and
    neither it nor the line after it is a labelled cell ("Мерзімі: …")."""
    if glossary.is_heading(text) or glossary.parse_entry(text):
        return False
    if after_blank:
        return bool(_label(text) or _label(following))
    return True


def _label(text: str) -> tuple[str, str, str] | None:
    """("deadline", "Мерзімі", "Қазан") for "Мерзімі: Қазан"."""
    m = LABELLED.match(text)
    if not m:
        return None
    role = column_role(m.group(1))
    return (role, m.group(1).strip(), m.group(2).strip()) if role in CELL_ROLES else None


def _take_line(item: FlatItem, i: int, text: str) -> None:
    labelled = _label(text)
    if labelled:
        role, label, value = labelled
        item.cells.setdefault(role, []).append((i, value))
        item.labels.setdefault(role, label)
        return
    seen = item.cells
    if not seen and _number(text):  # a numbered sub-item of the measure's own text
        item.lines.append((i, text))
    elif "deadline" not in seen and is_deadline_text(text):
        seen["deadline"] = [(i, text)]
    elif "responsible" not in seen and is_responsible_text(text):
        seen["responsible"] = [(i, text)]
    elif seen:
        seen.setdefault("other", []).append((i, text))
    else:
        item.lines.append((i, text))


def _table(items: list[FlatItem], layout: LayoutDocument) -> tuple[Table, list[Column]]:
    roles = ["number", "measure"] + [r for r in (*CELL_ROLES, "other") if any(r in it.cells for it in items)]
    labels = {role: label for it in reversed(items) for role, label in it.labels.items()}
    columns = [Column(header=labels.get(role, role), role=role, index=k) for k, role in enumerate(roles)]
    cells, row_lines = [], []
    blocks = layout.blocks
    for r, it in enumerate(items):
        page_or_line = blocks[it.lines[0][0]].page if layout.media_type == "application/pdf" else blocks[it.lines[0][0]].line
        row_lines.append(page_or_line)
        if it.number is None:
            cells.append(_cell(blocks, it.lines, r, 0, col_span=len(roles)))
            continue
        cells.append(Cell(text=it.number, row=r, col=0))
        cells.append(_cell(blocks, it.lines, r, 1))
        for k, role in enumerate(roles[2:], 2):
            cells.append(_cell(blocks, it.cells.get(role, []), r, k))
    table = Table(index=FLAT_TABLE_INDEX, n_rows=len(items), n_cols=len(roles), cells=cells, row_lines=row_lines)
    table.pages = sorted({blocks[i].page for it in items for i, _ in it.lines if blocks[i].page is not None})
    return table, columns


def _cell(blocks: list[Block], lines: list[tuple[int, str]], r: int, col: int, col_span: int = 1) -> Cell:
    where = Provenance()
    for i, _ in lines:
        b = blocks[i]
        if isinstance(b, Paragraph):
            where.extend(Provenance(page=b.page, bbox=b.bbox, span=b.span, confidence=b.confidence, member=b.member))
    return Cell(text="\n".join(t for _, t in lines), row=r, col=col, col_span=col_span, bbox=where.bbox,
                page=where.page, span=where.span, confidence=where.confidence)
