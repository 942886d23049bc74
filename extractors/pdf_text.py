"""Text lines of a PDF page and how they join into paragraphs.

A PDF has no paragraphs, only positioned words. Words are grouped into lines by vertical position;
consecutive lines join into one paragraph when the earlier line is *full* (the next line's first
word would not have fitted after it, so the break is a wrap) or ends in a hyphenated word part
followed by a lowercase continuation. A vertical gap clearly larger than the usual line spacing
becomes an empty paragraph (a visual break), as a blank line does in the text reader.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from pdfplumber.utils import extract_words

LINE_TOLERANCE = 3.0  # points: words whose tops differ less are on one line
# a line starting like a new list item or bullet never continues the previous paragraph
# (a label must be followed by a space, so a date "20.09.11" or a year "2021-" is no label)
NEW_ITEM = re.compile(r"^(\d{1,3}(\.\d{1,3})*[.)](\s|$)|[a-zа-яәғқңөұүһі][.)]\s|[-–—•▪●·*]\s|[IVXІ]{1,5}\.\s)", re.IGNORECASE)
HYPHEN_END = re.compile(r"[^\W\d_][-\u00ad¬]$")
SOFT_HYPHEN = "\u00ad"


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    first_word_width: float = 0.0
    space_width: float = 3.0
    words: list[dict] = field(default_factory=list, repr=False)

    @property
    def height(self) -> float:
        return self.bottom - self.top


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def words_to_lines(words: list[dict], page: int) -> list[Line]:
    """Cluster words into lines by top, each line's words left to right."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    out = []
    for group in lines:
        group.sort(key=lambda w: w["x0"])
        first = group[0]
        text = " ".join(w["text"] for w in group)
        char_width = (first["x1"] - first["x0"]) / max(len(first["text"]), 1)
        out.append(Line(
            text=nfc(text), x0=min(w["x0"] for w in group), x1=max(w["x1"] for w in group),
            top=min(w["top"] for w in group), bottom=max(w["bottom"] for w in group), page=page,
            first_word_width=first["x1"] - first["x0"], space_width=char_width * 0.6, words=group,
        ))
    return out


def chars_to_lines(chars: list[dict], page: int) -> list[Line]:
    return words_to_lines(extract_words(chars, x_tolerance=2, y_tolerance=3), page) if chars else []


def is_full(prev: Line, nxt: Line, left_edge: float, right_edge: float, slack: float = 2.0) -> bool:
    """True when nxt's first word would not have fitted on prev's line: the break is a wrap.
    Left-aligned, justified and centred lines wrap when there is no room at the right; a block of
    right-aligned lines (nxt does not start at the left edge either) wraps only when there is no
    room at the left as well."""
    word = prev.space_width + nxt.first_word_width
    if prev.x1 + word <= right_edge - slack:
        return False
    right_aligned_block = nxt.x0 > left_edge + word + slack and abs(nxt.x0 - prev.x0) > slack
    return not (right_aligned_block and prev.x0 - word > left_edge + slack)


def joins_hyphen(prev_text: str, next_text: str) -> bool:
    """"департа-" + "менті": a word part and a lowercase continuation. A hyphen inside a line
    ("северо-восточный") is never touched, only one at the line end."""
    return bool(HYPHEN_END.search(prev_text)) and next_text[:1].islower()


def join_text(prev_text: str, next_text: str) -> str:
    """Glue two wrapped lines. A break after a hyphen takes no space: "2021-" + "2023" stays
    "2021-2023"; a letter hyphen before a lowercase word is marked, and resolve_hyphens decides
    later, with the whole document in view, whether it was a syllable break or a compound."""
    if prev_text.endswith(SOFT_HYPHEN):
        return prev_text[:-1] + next_text
    if len(prev_text) > 1 and prev_text[-1] == "-" and prev_text[-2].isalnum():
        if joins_hyphen(prev_text, next_text):
            return prev_text + HYPHEN_MARK + next_text
        return prev_text + next_text
    return f"{prev_text} {next_text}"


# ---------------------------------------------------------------------- line-end hyphens
HYPHEN_MARK = "\ue000"  # private-use: "a line-end hyphen stood here"
MARKED = re.compile(r"([^\W\d_]+)-\ue000([^\W\d_]*)")
INLINE_COMPOUND = re.compile(r"([^\W\d_]+)-[^\W\d_]")
# first parts of compounds common in Kazakh and Russian official letters, and Russian particles
COMPOUND_FIRST = {"іс", "ата", "ана", "оқу", "ғылыми", "ақпараттық", "интернет", "онлайн", "on", "off", "e", "веб",
                  "медико", "социально", "учебно", "научно", "военно", "северо", "юго", "психолого", "материально",
                  "информационно", "финансово", "физкультурно", "культурно", "историко", "вице", "экс", "бизнес"}
PARTICLES = {"то", "либо", "нибудь", "ка", "таки", "де"}


def compound_first_parts(texts: Iterable[str]) -> set[str]:
    """First parts of hyphenated compounds written inside lines anywhere in the document."""
    found = set()
    for text in texts:
        unmarked = re.sub(r"\w*-\ue000\w*", " ", text)
        found.update(m.group(1).casefold() for m in INLINE_COMPOUND.finditer(unmarked))
    return found


def resolve_hyphens(text: str, first_parts: set[str]) -> str:
    """Each marked line-end hyphen: kept when its first part is a known compound part (written
    inline elsewhere in the document, or a common one), dropped as a syllable break otherwise."""
    if HYPHEN_MARK not in text:
        return text

    def one(m: re.Match) -> str:
        first, second = m.group(1), m.group(2)
        key = first.casefold()
        keep = key in first_parts or key in COMPOUND_FIRST or second.casefold() in PARTICLES
        return f"{first}-{second}" if keep else f"{first}{second}"

    return MARKED.sub(one, text).replace(HYPHEN_MARK, "")


def hangs_under(prev: Line, nxt: Line) -> bool:
    """nxt starts where the text after prev's list label starts (a hanging indent)."""
    if not NEW_ITEM.match(prev.text) or len(prev.words) < 2:
        return False
    return abs(nxt.x0 - prev.words[1]["x0"]) <= 2 * prev.space_width


def continues(prev: Line, nxt: Line, left_edge: float, right_edge: float) -> bool:
    """Does nxt continue prev's paragraph (both already known to be close vertically)?"""
    if NEW_ITEM.match(nxt.text):
        return False
    if joins_hyphen(prev.text, nxt.text):
        return True
    if nxt.x0 > prev.x0 + 2 * prev.space_width and nxt.page == prev.page and not hangs_under(prev, nxt):
        return False  # indented: a new paragraph's first line
    return is_full(prev, nxt, left_edge, right_edge)


def typical_gap(lines: Iterable[Line]) -> tuple[float, float]:
    """(median gap between consecutive lines of one page, median line height)."""
    lines = list(lines)
    heights = [l.height for l in lines if l.height > 0]
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.bottom - 1]
    height = statistics.median(heights) if heights else 10.0
    gap = statistics.median(gaps) if gaps else height * 0.2
    return max(min(gap, height), 0.0), height


def cell_text(lines: list[Line], left_edge: float, right_edge: float) -> str:
    """Lines inside a table cell: wraps joined with a space (or glued at a hyphen), real
    paragraph breaks kept as newlines."""
    if not lines:
        return ""
    parts = [lines[0].text]
    for prev, nxt in zip(lines, lines[1:]):
        if continues(prev, nxt, left_edge, right_edge):
            parts[-1] = join_text(parts[-1], nxt.text)
        else:
            parts.append(nxt.text)
    return "\n".join(parts)


# ---------------------------------------------------------------------- running headers and footers
PAGE_NUMBER = re.compile(r"^[-–—\s]*(стр\.?|страница|page|бет)?\s*\d{1,4}\s*(бет|из\s*\d+|/\s*\d+)?[-–—\s]*$", re.IGNORECASE)
MARGIN_SHARE = 0.1  # top and bottom tenth of the page


def margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().casefold())


def running_lines(pages: list[list[Line]], heights: list[float]) -> set[int]:
    """ids of lines that are page headers/footers: in the top/bottom margin band and either a page
    number or the same text (digits aside) on at least half of the pages (two at least)."""
    if len(pages) < 2:
        return set()
    counts: dict[str, int] = {}
    candidates: list[tuple[Line, str]] = []
    for lines, height in zip(pages, heights):
        seen = set()
        for line in lines:
            if line.bottom < height * MARGIN_SHARE or line.top > height * (1 - MARGIN_SHARE):
                key = margin_key(line.text)
                candidates.append((line, key))
                if key not in seen:
                    counts[key] = counts.get(key, 0) + 1
                    seen.add(key)
    need = max(2, (len(pages) + 1) // 2)
    return {id(line) for line, key in candidates if PAGE_NUMBER.match(line.text) or counts[key] >= need}

