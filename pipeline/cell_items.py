"""Numbered items printed inside one cell ("Педсовет\\n1. Подготовка документации…\\n2. Составление отчёта…"):
a row holding a group of measures. The text before the first item names the group (a section); the
other cells of the row (dates, responsible) are split into the same number of pieces when their lines
or blank-line groups line up with the items, and otherwise stay whole on every item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# "1. Текст", "2) Текст", "3.Текст", "1\tТекст", "6 Состояние" (a number and a capital)
ITEM = re.compile(r"^\s*(\d{1,2})(?:\s*[.)]+\s*|\t+|\s+(?=[А-ЯӘҒҚҢӨҰҮҺІЁA-Z«\"]))(?=\S)(?!\d)")
# an item run on after the previous one on the same line: "…посещаемости.  5.Проверка дневников"
RUN_ON = re.compile(r"(?<=[.;»\"])\s+(\d{1,2})\s*[.)]\s*(?=[^\W\d_«\"])")
MIN_ITEMS = 2


@dataclass
class Item:
    number: str | None
    text: str


def split_items(text: str, min_items: int = MIN_ITEMS) -> tuple[str, list[Item]]:
    """(the text before the first item, the items); no items when fewer than `min_items` are numbered."""
    title: list[str] = []
    items: list[Item] = []
    for line in _lines(text):
        m = ITEM.match(line)
        if m:
            items.append(Item(m.group(1), line[m.end():].strip()))
        elif items:
            items[-1].text = f"{items[-1].text}\n{line.strip()}".strip()
        elif line.strip():
            title.append(line.strip())
    if len(items) < min_items:
        return text, []
    return "\n".join(title), items


def group_items(text: str) -> tuple[str, list[Item]]:
    """A row under a section numeral ("I", "II"): its numbered items, or else its title line and the
    rest of the cell as one unnumbered item, or the whole cell as one."""
    title, items = split_items(text, min_items=1)
    if items:
        return title, items
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) >= 2:
        return lines[0], [Item(None, "\n".join(lines[1:]))]
    return "", [Item(None, text.strip())]


def _lines(text: str) -> list[str]:
    """The cell's lines, with run-on items moved to lines of their own when they continue the count."""
    out: list[str] = []
    last = 0
    for line in text.splitlines():
        m = ITEM.match(line)
        if m:
            last = int(m.group(1))
        pieces, start = [], 0
        for hit in RUN_ON.finditer(line):
            if int(hit.group(1)) == last + 1:
                pieces.append(line[start:hit.start()])
                start, last = hit.start(), last + 1
        pieces.append(line[start:])
        out.extend(p for p in pieces if p.strip() or not pieces)
    return out


def parallel_pieces(text: str, n: int) -> list[str] | None:
    """A cell cut into n pieces lining up with n items: by blank-line groups, else by lines; None when
    neither count matches."""
    groups = [g.strip() for g in re.split(r"\n\s*\n", text) if g.strip()]
    if len(groups) == n:
        return groups
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) == n:
        return lines
    return None
