"""What each row of a plan table is, decided by an ordered list of named row kinds (the first that
matches wins), so that a new way of laying out rows is a new entry, not a branch inside the parser:

    empty, header (repeated on a new page, or its row of column numbers "1 2 3 4"), measure (a number in the number
    column), period (a month or quarter heading: "Қазан", "ОКТЯБРЬ", "I тоқсан"), section (one text
    across the row, or a section numeral "I", "II" in the number column), items (numbered measures inside
    one cell of an unnumbered row), measure (an unnumbered table: text in the measure column; or a row
    of a numbered table that lost its number but reads as a measure of its own, or stands where the
    numbers skip by exactly as many such rows),
    continuation (the rest of the measure above).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from rapidfuzz import fuzz

from lang.months import heading_month
from lang.numbers import row_number, section_numeral, sequence_number
from lang.text import one_line, opens_new
from pipeline.cell_items import split_items
from pipeline.columns import is_deadline_text
from pipeline.deadlines import normalize_deadline
from schemas import Column

PERIOD_KINDS = {"period", "date", "range"}
MAX_HEADING_WORDS = 6


@dataclass
class Rows:
    """The grid of a plan table as the row kinds see it."""

    texts: list[list[str]]
    covered: set[tuple[int, int]]
    columns: list[Column]
    header_key: list[str] = field(default_factory=list)
    num_col: int | None = None  # the number column
    numbered: bool = False  # most measure rows carry a number in it
    measure_col: int | None = None

    @classmethod
    def of(cls, texts, covered, columns, start_row: int) -> "Rows":
        rows = cls(texts=texts, covered=covered, columns=columns,
                   header_key=[one_line(t) for t in texts[0]] if texts else [])
        rows.num_col = next((c.index for c in columns if c.role == "number"), None)
        rows.measure_col = next((c.index for c in columns if c.role == "measure"), None)
        rows.numbered = _mostly_numbered(rows, start_row)
        return rows

    def own(self, r: int) -> list[int]:
        return [k for k, t in enumerate(self.texts[r]) if t and (r, k) not in self.covered]

    def cell(self, r: int, k: int | None) -> str:
        return self.texts[r][k] if k is not None and k < len(self.texts[r]) else ""

    def number(self, r: int) -> str | None:
        if self.num_col is None or (r, self.num_col) in self.covered:
            return None
        text = self.cell(r, self.num_col)
        # a narrow number column wraps "10" over two lines: "1\n0"
        return row_number(text) or row_number("".join(text.split()) if len(text) <= 6 else "")


def _mostly_numbered(rows: Rows, start: int) -> bool:
    """The number column counts the measures: two numbers or more (a table whose number column is
    empty, or holds section numerals, has its measures unnumbered)."""
    if rows.num_col is None:
        return False
    filled = [r for r in range(start, len(rows.texts)) if len(rows.own(r)) > 1]
    numbered = sum(1 for r in filled if rows.number(r))
    return numbered >= 2 or (numbered == 1 and len(filled) <= 2)


def _spans(rows: Rows, r: int, k: int) -> bool:
    row = rows.texts[r]
    return sum(1 for j in range(k + 1, len(row)) if (r, j) in rows.covered) >= max(1, (len(row) - 1) // 2)


def _single_heading(rows: Rows, r: int) -> str | None:
    """The text of a row holding one text placed as a heading (first column, number column, or spanning)."""
    own = rows.own(r)
    if len(own) != 1:
        return None
    k = own[0]
    if k in (rows.num_col, 0) or _spans(rows, r, k):
        text = rows.texts[r][k]
        return None if rows.numbered and row_number(text) else text
    return None


def period_of(text: str) -> bool:
    """A short heading that names a month, a quarter or another stretch of time."""
    if len(text.split()) > MAX_HEADING_WORDS or not is_deadline_text(text):
        return False
    found = normalize_deadline(text)
    return len(found) == 1 and found[0].kind in PERIOD_KINDS


def period_text(text: str) -> str | None:
    """The deadline a period heading gives the rows under it: its own text when it reads as one, else
    the month it names through OCR damage ("Келтокеаи" -> "желтоқсан", lang.months.heading_month)."""
    text = one_line(text)
    if period_of(text):
        return text
    month = heading_month(text)
    return month[1] if month else None


def _is_period(rows: Rows, r: int) -> bool:
    text = _single_heading(rows, r)
    return bool(text) and period_text(text) is not None


def _is_section(rows: Rows, r: int) -> bool:
    if _single_heading(rows, r):
        return True
    roman = section_numeral(rows.cell(r, rows.num_col)) if rows.num_col is not None else None
    return bool(roman) and not split_items(rows.cell(r, rows.measure_col))[1] and _no_task_cells(rows, r)


def _no_task_cells(rows: Rows, r: int) -> bool:
    """Nothing but the numeral and a title: no deadline, responsible or other cell filled."""
    return all(k in (rows.num_col, rows.measure_col) for k in rows.own(r))


def is_numeral_row(rows: Rows, r: int) -> bool:
    """A section numeral ("I", "IV") in the number column, with the row's text beside it."""
    return rows.num_col is not None and bool(section_numeral(rows.cell(r, rows.num_col))) and bool(rows.cell(r, rows.measure_col))


def _is_item_group(rows: Rows, r: int) -> bool:
    if rows.measure_col is None:
        return False
    if is_numeral_row(rows, r):
        return True
    return not rows.numbered and bool(split_items(rows.cell(r, rows.measure_col))[1])


def _is_unnumbered_measure(rows: Rows, r: int) -> bool:
    if rows.numbered:
        return False
    return rows.measure_col is None or bool(rows.cell(r, rows.measure_col)) and (r, rows.measure_col) not in rows.covered


def _column_numbers(rows: Rows, r: int) -> bool:
    """The row of column numbers ("1 2 3 4 5") repeated under the header on every page, also when a
    skewed scan shifted it across the cells: nothing but small numbers counting up."""
    values = [rows.texts[r][k].strip().rstrip(".") for k in rows.own(r)]
    if len(values) < 2 or not all(v.isdigit() for v in values):
        return False
    numbers = [int(v) for v in values]
    return numbers == sorted(set(numbers)) and numbers[-1] <= len(rows.texts[r]) + 1


def _lost_number(rows: Rows, r: int) -> bool:
    """A row of a numbered table whose number is missing (OCR lost it, the author forgot it) but which
    is a measure of its own: its text opens with a capital and it has its own deadline. The rest of a
    row cut by a page break opens in lower case or carries no deadline of its own."""
    if not rows.numbered or rows.measure_col is None or rows.cell(r, rows.num_col).strip():
        return False
    text = rows.cell(r, rows.measure_col)
    first = next((c for c in text if c.isalpha()), "")
    if (r, rows.measure_col) in rows.covered or not first.isupper():
        return False
    deadline = next((c.index for c in rows.columns if c.role == "deadline"), None)
    return deadline in rows.own(r) and is_deadline_text(one_line(rows.cell(r, deadline)))


def _plain_number(rows: Rows, r: int) -> int | None:
    number = rows.number(r)
    return int(number) if number and number.isdigit() else None


def _in_number_gap(rows: Rows, r: int) -> bool:
    """An unnumbered row of a numbered table, opening as a measure, where the numbers skip by exactly as
    many such rows ("10", row, row, "13"): OCR lost their numbers, or a photo's edge cut them off. The
    number below may itself be cut ("3" for 13: lang.numbers.sequence_number)."""
    if not rows.numbered or rows.measure_col is None or rows.cell(r, rows.num_col).strip() or not _new_row(rows, r):
        return False
    up = next((j for j in range(r - 1, -1, -1) if _plain_number(rows, j) is not None), None)
    down = [j for j in range(r + 1, len(rows.texts)) if _plain_number(rows, j) is not None][:2]
    if up is None or not down:
        return False
    before = _plain_number(rows, up)
    after = sequence_number(_plain_number(rows, down[0]), before,
                            _plain_number(rows, down[1]) if len(down) > 1 else None)
    lost = sum(1 for j in range(up + 1, down[0]) if not rows.cell(j, rows.num_col).strip() and _new_row(rows, j))
    return after is not None and after - before - 1 == lost


def _new_row(rows: Rows, r: int) -> bool:
    return (r, rows.measure_col) not in rows.covered and opens_new(rows.cell(r, rows.measure_col))


def _repeated_header(rows: Rows, r: int) -> bool:
    """The header printed again on a new page. OCR may read either copy a little differently ("№" lost on
    one page, a letter changed), so cells are compared one by one: at least two equal (folded, or nearly so),
    none different, and cells the first header lacks only short marks such as "№" or "п/п"."""
    if r == 0:
        return False
    same = 0
    for k, text in enumerate(rows.texts[r]):
        got, want = one_line(text).casefold(), (rows.header_key[k] if k < len(rows.header_key) else "").casefold()
        if not got:
            continue
        if want and (got == want or fuzz.ratio(got, want) >= 90):
            same += 1
        elif want or len(got) > 3 or row_number(got):
            return False
    return same >= 2


ROW_KINDS: list[tuple[str, Callable[[Rows, int], bool]]] = [
    ("empty", lambda rows, r: not any(rows.texts[r])),
    ("header", _repeated_header),
    ("header", _column_numbers),
    ("measure", lambda rows, r: rows.numbered and bool(rows.number(r))),
    ("period", _is_period),
    ("section", _is_section),
    ("items", _is_item_group),
    ("measure", _is_unnumbered_measure),
    ("measure", _lost_number),
    ("measure", _in_number_gap),
    ("continuation", lambda rows, r: True),
]


def register_row_kind(name: str, test: Callable[[Rows, int], bool], before: str = "continuation") -> None:
    """Add a row kind ahead of an existing one (by name)."""
    at = next(i for i, (n, _) in enumerate(ROW_KINDS) if n == before)
    ROW_KINDS.insert(at, (name, test))


def row_kind(rows: Rows, r: int) -> str:
    return next(name for name, test in ROW_KINDS if test(rows, r))
