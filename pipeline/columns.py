"""Column roles from what the cells hold, for tables whose header is missing or never seen ("Айы",
"Қарастырылатын мәселелер", "Деятельность", "Жоба"…) and for header roles the content contradicts.

Each column gets a profile over its body cells: how many read as deadlines (the deadline normaliser finds
a date, a month, a period, a periodicity), as responsible (known bodies, staff posts, people's names with
initials, abbreviations), as short ordinals; and how long its texts are. Roles follow from the profiles:
ordinals -> number, deadlines -> deadline, responsible -> responsible, the longest free text -> measure.

A table is a plan by content only with evidence beyond the text: a number column counting rows, or a
deadline or responsible column. A timetable (weekdays, clock times) is never a plan.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lang.content import abbreviations, has_clock_time, is_weekday, names_a_person, post_words
from lang.numbers import leading_number, row_number, section_numeral
from lang.text import one_line
from pipeline.bodies import analyse_responsible
from pipeline.deadlines import normalize_deadline
from schemas import Column

SHARE = 0.5  # share of a column's filled cells that must agree for a role from content
MIN_MEASURE_CHARS = 12  # mean characters of a measure column (a free text, not a code)
KNOWN_SOURCES = {"gazetteer", "glossary"}
MIN_ROWS = 3  # body rows of a table read as a plan from its content alone


@dataclass
class Profile:
    index: int
    filled: int = 0
    deadline: int = 0
    responsible: int = 0
    ordinal: int = 0
    chars: int = 0
    letters: int = 0

    def share(self, name: str) -> float:
        return getattr(self, name) / self.filled if self.filled else 0.0

    @property
    def mean_chars(self) -> float:
        return self.chars / self.filled if self.filled else 0.0


@lru_cache(maxsize=8192)
def is_deadline_text(text: str) -> bool:
    """The cell reads as a deadline: a date, month, period, periodicity or a continuous term; an event
    ("по плану", "келісім бойынша") only when nothing in it names a body or a post."""
    found = normalize_deadline(text)
    if not found or any(d.kind == "unspecified" for d in found):
        return False
    return not all(d.kind == "event" for d in found) or not _names_bodies(text)


def _names_bodies(text: str) -> bool:
    if names_a_person(text) or post_words(text) or abbreviations(text):
        return True
    return any(b.source in KNOWN_SOURCES for b in analyse_responsible(text).bodies)


@lru_cache(maxsize=8192)
def is_responsible_text(text: str) -> bool:
    """Short text naming bodies, posts or people ("ЗУВР, директор", "Медицинский работник", "Иванов А.Б.")."""
    words = text.split()
    if not words or len(words) > 25 or is_deadline_text(text):
        return False
    if names_a_person(text) or post_words(text) or (abbreviations(text) and len(words) <= 6):
        return True
    return any(b.source in KNOWN_SOURCES for b in analyse_responsible(text).bodies)


def is_ordinal_text(text: str) -> bool:
    return bool(row_number(text) or section_numeral(text))


def profiles(rows: list[list[str]], n_cols: int) -> list[Profile]:
    out = [Profile(index=k) for k in range(n_cols)]
    for row in rows:
        for k in range(min(n_cols, len(row))):
            text = one_line(row[k])
            if not text:
                continue
            p = out[k]
            p.filled += 1
            p.chars += len(text)
            p.letters += sum(c.isalpha() for c in text)
            p.ordinal += is_ordinal_text(text)
            if len(text) <= 200:
                p.deadline += is_deadline_text(text)
                p.responsible += is_responsible_text(text)
    return out


def roles_from_content(rows: list[list[str]], n_cols: int, headers: list[str] | None = None) -> list[Column]:
    """Roles for a table with no usable header (body rows only)."""
    prof = profiles(rows, n_cols)
    roles = ["other"] * n_cols
    _claim(roles, prof, "number", lambda p: p.share("ordinal") >= 0.6 and p.mean_chars <= 6)
    _claim(roles, prof, "deadline", lambda p: p.share("deadline") >= SHARE)
    _claim(roles, prof, "responsible", lambda p: p.share("responsible") >= SHARE)
    free = [p for p in prof if roles[p.index] == "other" and p.filled and p.letters / max(p.chars, 1) > 0.5]
    counted = [p for p in free if "number" not in roles and counts_rows(rows, p.index)]
    if counted:  # no number column: the column whose texts are numbered 1, 2, 3 lists the measures
        roles[counted[0].index] = "measure"
    elif free:
        best = max(free, key=lambda p: p.mean_chars * p.filled)
        if best.mean_chars >= MIN_MEASURE_CHARS:
            roles[best.index] = "measure"
    heads = headers or [""] * n_cols
    return [Column(header=" ".join((heads[k] or "").split()), role=roles[k], index=k) for k in range(n_cols)]


def refine_roles(columns: list[Column], rows: list[list[str]]) -> list[Column]:
    """Header roles checked against content: a number, deadline or responsible role the header did not
    give goes to the 'other' (or 'form') column whose cells clearly hold it ("Айы": months; "Аяқтау
    нысаны" holding "Үнемі", "Тоқсан сайын"; an OCR-garbled "№" over 1., 2., 3.)."""
    roles = {c.role for c in columns}
    missing = [r for r in ("deadline", "responsible") if r not in roles]
    if (not missing and "number" in roles) or not rows:
        return columns
    # a row with one text across it is a section heading: it tells nothing of the columns
    # (merged across the table, its text fills every cell of the row)
    prof = profiles([r for r in rows if len({t.strip() for t in r if t and t.strip()}) > 1] or rows, len(columns))
    out = [c.model_copy() for c in columns]
    if "number" not in roles:  # "№" misread by OCR ("Хо"), or no header over the numbers
        numbers = [c for c in out if c.role == "other" and prof[c.index].filled >= 2
                   and prof[c.index].share("ordinal") >= 0.6 and prof[c.index].mean_chars <= 6]
        if numbers:
            numbers[0].role = "number"
    for role in missing:
        share = "deadline" if role == "deadline" else "responsible"
        candidates = [c for c in out if c.role in ("other", "form") and prof[c.index].filled >= 2
                      and prof[c.index].share(share) >= 0.6 and not _wins_other(prof[c.index], share)]
        if candidates:
            best = max(candidates, key=lambda c: prof[c.index].share(share))
            best.role = role
    return out


def _wins_other(p: Profile, share: str) -> bool:
    """A column that reads better as the other role (a responsible cell may hold a month name)."""
    other = "responsible" if share == "deadline" else "deadline"
    return p.share(other) > p.share(share)


def _claim(roles: list[str], prof: list[Profile], role: str, test) -> None:
    cands = [p for p in prof if roles[p.index] == "other" and p.filled and test(p)]
    if cands:
        best = max(cands, key=lambda p: (p.share(role if role != "number" else "ordinal"), p.filled))
        roles[best.index] = role


def is_timetable(rows: list[list[str]]) -> bool:
    """Weekday columns or clock times in many cells: a timetable, not a plan."""
    cells = [c for c in (one_line(t) for row in rows for t in row) if c]
    if not cells:
        return False
    weekdays = sum(is_weekday(t) for t in cells)
    clocks = sum(has_clock_time(t) for t in cells)
    return weekdays >= 3 or clocks >= max(2, len(cells) // 5)


def has_plan_evidence(columns: list[Column], rows: list[list[str]]) -> bool:
    """A measure column over three rows or more, and numbers counting the rows or a deadline column
    (a responsible column alone is not enough: a passport of a programme lists its curators too)."""
    roles = {c.role for c in columns}
    if "measure" not in roles or len(rows) < MIN_ROWS or is_timetable(rows):
        return False
    if "deadline" in roles:
        return True
    if "number" in roles:
        k = next(c.index for c in columns if c.role == "number")
        numbers = [row_number(r[k]) for r in rows if k < len(r) and row_number(r[k])]
        return len(numbers) >= 2 and numbers[:2] == ["1", "2"]
    return counts_rows(rows, next(c.index for c in columns if c.role == "measure"))


def counts_rows(rows: list[list[str]], k: int) -> bool:
    """The texts of column k open with numbers counting its rows 1, 2, 3 ("1.Организация …"): the
    numbers of an unnumbered table printed inside the text (most rows numbered, at least MIN_ROWS)."""
    texts = [r[k] for r in rows if k < len(r) and r[k] and r[k].strip()]
    numbers = [n for t in texts if (n := leading_number(t))]
    return (len(numbers) >= MIN_ROWS and len(numbers) >= 0.6 * len(texts)
            and numbers[:MIN_ROWS] == [str(i) for i in range(1, MIN_ROWS + 1)])
