"""Plans written as numbered lists in prose: recommendations of a protocol ("ҰСЫНЫМДАР:"), "N)" items
under the clauses of a regulation ("6.1. … : 1) … 2) …"), decisions and assignments.

A list plan starts at a short heading that names a plan ("ҰСЫНЫМДАР:", "Рекомендации:", "… ұсынымдамалар",
"План мероприятий") and runs to the next such heading or table plan. Its measures are the lowest level
of numbering found: "N)" items when there are any (numbered under their clause, "6.1.3"), else "N."
items. Dash bullets belong to the item above; after a clause they are goals, not measures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lang.content import is_goal_heading
from lang.text import one_line
from schemas import Flag, Paragraph

HEADING_WORDS = re.compile(
    r"(ұсыным|ұсыныс|рекомендац|предложени|шешім|шешті|решени|постановил|решил|тапсырма|поручени|"
    r"іс-шара|іс шара|мероприяти|жоспар|\bплан\b)", re.IGNORECASE)
AGENDA = re.compile(r"(күн\s+тәртіб|повестк)", re.IGNORECASE)
CLAUSE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})+)\.?(?![\d.])\s*(.*)$")
ITEM_PAREN = re.compile(r"^\s*(\d{1,2})\)\s*(\S.*)$")
ITEM_DOT = re.compile(r"^\s*(\d{1,2})\.(?![\d.])\s*(\S.*)$")
ROMAN = re.compile(r"^\s*([IVXІХ]{1,6})\s*\.\s*(\S.*)$")
CLAUSE_COMMA = re.compile(r"^\s*(\d{1,2},\d{1,2})\.\s*(\S.*)$")  # "4,2. Акция …": OCR read a dot as a comma
ITEM_COMMA = re.compile(r"^\s*(\d{1,2}),\s+(\S.*)$")  # "9, Жаңадан …": OCR read the dot of "9." as a comma
BARE_LEAD = re.compile(r"^[\s.,·•\-–—]+")  # what is left of a label OCR half read (". Тарихи …")
QUOTES_OPEN = "«\"“„'"
DASH_BULLET = re.compile(r"^\s*[-–—•·▪]\s+\S")  # a bullet and a space: "- Спартакиада …"
BULLET = re.compile(r"^\s*[-–—•·▪]\s*(\S.*)$")
MAX_HEADING_WORDS = 14


@dataclass
class ListItem:
    style: str  # "paren" | "dot" | "bare" (no label: numbered in order)
    label: int
    text: str
    block: int  # index of the paragraph in the layout
    clause: str | None = None
    clause_text: str | None = None
    last_block: int | None = None  # the item's last paragraph, when it runs over several
    lines: list[tuple[int, str]] = field(default_factory=list)  # (paragraph, text) of its wrapped lines


@dataclass
class ListPlan:
    heading_block: int
    title: str
    items: list[ListItem] = field(default_factory=list)
    last_block: int = 0
    flags: list[Flag] = field(default_factory=list)

    def measures(self) -> list[tuple[str, ListItem]]:
        """(number, item) for the measures: the "N)" items if any, else the "N." items."""
        if all(i.style == "bare" for i in self.items):
            return [(str(i.label), i) for i in self.items]
        style = "paren" if any(i.style == "paren" for i in self.items) else "dot"
        chosen = [i for i in self.items if i.style == style]
        if style == "paren":
            return [((f"{i.clause}.{i.label}" if i.clause else str(i.label)), i) for i in chosen]
        labels = [i.label for i in chosen]
        if len(chosen) > 1 and len(set(labels)) == 1:
            self.flags.append(Flag(code="numbering_lost", message=f"all {len(chosen)} items are numbered "
                                   f"'{labels[0]}.'; renumbered 1..{len(chosen)} in order", where=self.title))
            return [(str(k + 1), i) for k, i in enumerate(chosen)]
        return [(str(i.label), i) for i in chosen]


def paragraph_text(p: Paragraph) -> str:
    text = one_line(p.text)
    return f"{p.list_label} {text}" if p.list_label else text


def is_list_heading(text: str, first: bool) -> bool:
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS or AGENDA.search(text) or not HEADING_WORDS.search(text):
        return False
    if CLAUSE.match(text) or ITEM_DOT.match(text) or ITEM_PAREN.match(text):
        return False  # a numbered clause opens a part of the plan, not a new plan
    letters = [c for c in text if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return first or upper or text.rstrip().endswith(":")


def _announces_goals(text: str) -> bool:
    """A line naming goals or tasks that ends with ':' announces the list of them below."""
    return text.rstrip().endswith(":") and len(text.split()) <= 3 and is_goal_heading(text)


def find_list_plans(paragraphs: list[tuple[int, Paragraph]], stops: set[int]) -> list[ListPlan]:
    """List plans among (block index, paragraph); `stops` are block indices that end a list (tables)."""
    plans: list[ListPlan] = []
    firsts = _part_starts(paragraphs)
    current: ListPlan | None = None
    state = _State()
    for idx, p in paragraphs:
        if p.is_label:  # a new member, sheet or message part: a list does not run across it
            current = None
            continue
        text = paragraph_text(p)
        if current is not None and any(s < idx for s in stops if s > current.heading_block):
            current = None
        if current is not None and _announces_goals(text):  # "Мақсаты:", "Задачи:": goals listed, not measures
            current = None
            continue
        if text and not p.list_label and is_list_heading(text, idx in firsts):
            current, state = ListPlan(heading_block=idx, title=text), _State()
            plans.append(current)
            continue
        if current is not None:
            state.feed(current, idx, text)
    for plan in plans:
        if len(plan.items) < 2 and plan.title.rstrip().endswith(":"):  # the heading announces a list
            _bare_items(plan, paragraphs, stops)
    return [p for p in plans if len(p.items) >= 2]


def _bare_items(plan: ListPlan, paragraphs: list[tuple[int, Paragraph]], stops: set[int]) -> None:
    """A list heading ending with ":" over sentences without labels (the author numbered nothing, or OCR lost
    the numbers printed in the margin): each sentence ending in ";" or "." is an item, numbered in order. A line opening
    in lower case goes on with the sentence above; the list ends at a blank line, a table or a line that
    ends no sentence."""
    items: list[ListItem] = []
    open_item = False
    bullets = 0
    for idx, p in paragraphs:
        if idx <= plan.heading_block:
            continue
        raw = paragraph_text(p)
        text = BARE_LEAD.sub("", raw)
        if p.is_label or any(plan.heading_block < s <= idx for s in stops) or (not text and items):
            break
        if not text:
            continue
        opens = text[:1].isupper() or text[:1].isdigit() or text[:1] in QUOTES_OPEN
        if open_item and not opens:
            items[-1].text += " " + text
            items[-1].last_block = idx
        elif not open_item and opens:
            items.append(ListItem("bare", len(items) + 1, text, idx))
            bullets += bool(DASH_BULLET.match(raw))
        else:
            break
        open_item = not items[-1].text.rstrip().endswith((";", ".", "!"))
    if open_item:
        items.pop()  # a heading or signature after the list, not an item
    if len(items) >= 2 and bullets < 2:  # dash bullets are printed marks: points of a text, not lost numbers
        plan.items = items
        plan.last_block = items[-1].last_block or items[-1].block
        plan.flags.append(Flag(code="number_inferred", where=plan.title,
                               message=f"{len(items)} items without numbers: numbered 1..{len(items)} in order"))


def _split_lost_labels(plan: ListPlan, item: ListItem, next_label: int) -> None:
    """Item 1) followed by 5): when the lines between hold exactly the missing items, each ending with ";"
    where a sentence of the list ends, they are those items (OCR lost labels printed in the margin)."""
    groups: list[list[tuple[int, str]]] = [[]]
    for k, (idx, text) in enumerate(item.lines):
        groups[-1].append((idx, text))
        if text.rstrip().endswith(";") and k < len(item.lines) - 1:
            groups.append([])
    if len(groups) != next_label - item.label:
        return
    at = plan.items.index(item)
    item.text, item.last_block = " ".join(t for _, t in groups[0]), groups[0][-1][0]
    for k, group in enumerate(groups[1:], 1):
        found = ListItem(item.style, item.label + k, " ".join(t for _, t in group), group[0][0], item.clause,
                         item.clause_text, last_block=group[-1][0])
        plan.items.insert(at + k, found)
    plan.flags.append(Flag(code="number_inferred", where=f"{item.clause or ''}.{item.label + 1}".lstrip("."),
                           message=f"items {item.label + 1}..{next_label - 1} without their labels: read from "
                                   "the sentences between"))


def _part_starts(paragraphs: list[tuple[int, Paragraph]]) -> set[int]:
    """The first text paragraph of the document and of each part a reader labelled (a zip member, a sheet,
    an e-mail body): where a title may stand without the marks of a heading."""
    starts, fresh = set(), True
    for idx, p in paragraphs:
        if p.is_label:
            fresh = True
        elif fresh and p.text.strip():
            starts.add(idx)
            fresh = False
    return starts


@dataclass
class _State:
    clause: tuple[str, str] | None = None
    last: ListItem | None = None
    blank: bool = False
    # an unnumbered paragraph right under a clause that ends with ":" — item 1 when "2)" follows it
    # (OCR drops a lone "1)" more often than any other label)
    orphan: tuple[int, str] | None = None

    def feed(self, plan: ListPlan, idx: int, text: str) -> None:
        if not text:
            self.blank = True
            return
        if ROMAN.match(text):
            self.clause, self.last = None, None
        elif m := (CLAUSE.match(text) or CLAUSE_COMMA.match(text)):
            self.clause, self.last, self.orphan = (m.group(1).replace(",", "."), text), None, None
        elif m := (ITEM_PAREN.match(text) or ITEM_DOT.match(text) or self._comma_item(text)):
            style = "paren" if ITEM_PAREN.match(text) else "dot"
            clause = self.clause or (None, None)
            if int(m.group(1)) == 2 and self.orphan is not None:
                self._first_item(plan, style, clause)
            self.orphan = None
            label = int(m.group(1))
            if self.last is not None and self.last.style == style and self.last.clause == clause[0] \
                    and label > self.last.label + 1:
                _split_lost_labels(plan, self.last, label)
            self.last = ListItem(style, label, m.group(2).strip(), idx, clause[0], clause[1])
            self.last.lines.append((idx, self.last.text))
            plan.items.append(self.last)
            plan.last_block = idx
        elif (m := BULLET.match(text)) and self.last is not None:
            self.last.text += "\n- " + m.group(1)
            self.last.lines.clear()  # goals listed under it: never split
            plan.last_block = self.last.last_block = idx
        elif self.last is not None and not self.blank:
            self.last.text += " " + text  # a wrapped line of the item above
            if self.last.lines:
                self.last.lines.append((idx, text))
            plan.last_block = self.last.last_block = idx
        elif self.orphan is not None and not self.blank:
            self.orphan = (self.orphan[0], f"{self.orphan[1]} {text}")  # the orphan's wrapped line
        elif self.orphan is None and self.clause is not None and self.clause[1].rstrip().endswith(":") \
                and not any(i.clause == self.clause[0] for i in plan.items):
            self.orphan, self.last = (idx, text), None
        else:
            self.last, self.orphan = None, None
        self.blank = False

    def _comma_item(self, text: str) -> re.Match | None:
        """ "9, Text" right after item 8 of a "N." list, the text opening with a capital: item 9."""
        m = ITEM_COMMA.match(text)
        if m and self.last is not None and self.last.style == "dot" and int(m.group(1)) == self.last.label + 1 \
                and m.group(2)[:1].isupper():
            return m
        return None

    def _first_item(self, plan: ListPlan, style: str, clause: tuple) -> None:
        idx, text = self.orphan
        plan.items.append(ListItem(style, 1, text, idx, clause[0], clause[1]))
        plan.flags.append(Flag(code="number_inferred", where=f"{clause[0]}.1" if clause[0] else "1",
                               message="an item without its label right before item 2: read as item 1"))
        self.orphan = None
