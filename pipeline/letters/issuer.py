"""The issuer as printed on the letterhead, in each language it is printed in.

A letterhead is the lines above the outgoing number or the addressee: the issuer's name (often in capitals,
broken over several lines, Kazakh and Russian one after the other or side by side) and its address block
(postal code, street, phone, e-mail), which is not part of the name.
"""
from __future__ import annotations

import re

from lang.address import is_address_line
from lang.script import language_of as script_language
from pipeline.letters.requisites import EMAIL_RE, clean, requisite_line

# nouns of administrative units and words that make the word beside them a proper name
_PLACE_AFTER_NAME = {"облысы", "облысының", "облыстық", "облысындағы", "ауданы", "ауданының", "аудандық", "қаласы",
                     "қаласының", "қалалық", "ауылы", "ауылының", "ауылдық", "кенті", "атындағы", "области",
                     "района", "районного", "районный", "районе", "области", "облысқа", "республикасы",
                     "республикасының", "округа", "округі"}
_NAME_AFTER_PLACE = {"города", "городу", "г.", "имени", "республики", "село", "села", "поселка", "пос.", "с."}
_ABBREVIATIONS = {"ҚР", "РК", "КММ", "ММ", "ГУ", "КГУ", "РГУ", "ТОО", "ЖШС", "МКҚК", "КГКП", "ГККП", "МОН", "БҒМ",
                  "ОАМ", "ҒЖБМ", "РММ", "РМҚК", "АҚ", "АО", "ЖОББМ", "СОШ", "ОШ", "ЖББМ", "НАО", "КеАҚ"}
_GAP = re.compile(r"\t+|\s{3,}")  # the gutter between two columns of a letterhead printed side by side


def letterhead_lines(lines: list[str], stop: int) -> tuple[list[str], list[str]]:
    """The name lines of the letterhead above line index `stop`, as (left column, right column)."""
    left: list[str] = []
    right: list[str] = []
    for raw in lines[:stop]:
        parts = [clean(p) for p in _GAP.split(raw.strip()) if p.strip()]
        if len(parts) >= 2:
            left.append(parts[0])
            right.append(" ".join(parts[1:]))
        elif parts:
            left.append(parts[0])
        else:
            left.append("")
    return left, right


def is_name_line(line: str) -> bool:
    if not line or len(line) > 90 or is_address_line(line) or EMAIL_RE.search(line):
        return False
    if requisite_line(line) is not None:
        return False
    return bool(re.search(r"[^\W\d_]{2,}", line))


def language_of(text: str) -> str | None:
    return script_language(text)


def issuer_names(lines: list[str], stop: int) -> dict[str, str]:
    """{"kk": name, "ru": name} for the names printed above `stop`; a line with no language cue goes
    with the block it stands in (blank lines separate blocks)."""
    left, right = letterhead_lines(lines, stop)
    names: dict[str, list[str]] = {}
    for column in (left, right):
        for block in _blocks(column):
            kept = [line for line in block if is_name_line(line)]
            if not kept:
                continue
            for lang, part in _split_by_language(kept):
                names.setdefault(lang, []).extend(part)
    return {lang: readable(part) for lang, part in names.items() if part}


def _blocks(column: list[str]) -> list[list[str]]:
    blocks, current = [], []
    for line in column + [""]:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks


def _split_by_language(block: list[str]) -> list[tuple[str, list[str]]]:
    """Runs of lines of one language. A line with no cue continues the run before it (names break
    mid-phrase), or opens the first run when it comes first."""
    runs: list[tuple[str, list[str]]] = []
    leading: list[str] = []
    for line in block:
        lang = language_of(line)
        if lang is None:
            (runs[-1][1] if runs else leading).append(line)
        elif runs and runs[-1][0] == lang:
            runs[-1][1].append(line)
        else:
            runs.append((lang, leading + [line]))
            leading = []
    if leading:
        runs.append(("ru", leading))
    return runs


def readable(lines: list[str]) -> str:
    """One line of text; a name printed in capitals gets ordinary case, keeping proper names (the word
    before "облысы"/"ауданы", after "города"/"имени") and known abbreviations in capitals."""
    text = clean(" ".join(lines))
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or sum(ch.isupper() for ch in letters) / len(letters) < 0.7:
        return text
    words = text.split(" ")
    lowered = [w.lower() for w in words]
    out = []
    for i, (word, low) in enumerate(zip(words, lowered)):
        bare = low.strip("«»\"'(),.")
        if word.strip("«»\"'(),.") in _ABBREVIATIONS:
            out.append(word)
            continue
        proper = (i == 0
                  or (i + 1 < len(words) and lowered[i + 1].strip("«»\"'(),.") in _PLACE_AFTER_NAME)
                  or (i > 0 and lowered[i - 1] in _NAME_AFTER_PLACE)
                  or bare.startswith("республик")
                  or (low.startswith("«") and len(bare) > 1))
        out.append(_capitalise(low) if proper else low)
    return " ".join(out)


def _capitalise(word: str) -> str:
    for i, ch in enumerate(word):
        if ch.isalpha():
            return word[:i] + ch.upper() + word[i + 1:]
    return word
