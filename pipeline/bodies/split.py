"""Splitting a responsible cell into bodies as written, with by-agreement and role marks.

Steps: clean the text; turn markers ("(келісім бойынша)", "(по согласованию)", "(бірлесіп
орындаушы)", "(соисполнитель)", "(жауапты)") into placeholder tokens so OCR-damaged brackets do
not disturb splitting; unfold "LEAD (CO, CO)" groups; split on commas and semicolons outside
brackets; rejoin wrapped lines and coordinated names; split run-on bodies; read the marks back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

from pipeline.bodies import lexicon as lx
from pipeline.bodies.abbrev import is_abbrev_only
from pipeline.bodies.boundaries import (
    MARKERS, has_head, is_marker_only, merge_coordinated, merge_lines, split_conjunctions, split_run_on,
)
from lang.alphabet import lower_same_length, to_cyrillic
from pipeline.bodies.refine import protect_quotes, refine, show
from pipeline.bodies.text import clean, squeeze, strip_edges

AGREE, CO, LEAD = "\ue000", "\ue001", "\ue002"
_WRAPPED = re.compile(r"(\w+)-[ \t]*\n\s*(\w+)")
_MAX_GROUP = 200  # a bracket group longer than this is prose, not a list of co-executors


@dataclass
class Piece:
    name: str
    by_agreement: bool = False
    role: Optional[str] = None


def _join_wrapped_hyphens(text: str) -> str:
    """'департа-\\nменті' -> 'департаменті'; a real compound ('санитариялық-\\nэпидемиологиялық') keeps it."""
    def repl(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        if lx.KK_ATTRIBUTIVE.search(left) and len(left) >= 6 or right[:1].isupper():
            return f"{left}-{right}"
        return left + right
    if "-" not in text or "\n" not in text:
        return text
    return _WRAPPED.sub(repl, text)


_MARK_HINT = re.compile(r"бой[ыi]нша|соглас|согл\.|орындаушы|соисполн|жауапты|негізгі|ответств|головн|свод|үйлестір|координ")
_ETC_HINT = re.compile(r"т\.|др|\bи\s+другие", re.I)


def _mark(text: str) -> str:
    """Replace markers with placeholder tokens (found on a Latin-folded copy: same offsets).
    '(келісім бойынша)' counts with or without its brackets; role words only inside brackets."""
    folded = lower_same_length(to_cyrillic(text))
    if not _MARK_HINT.search(folded):
        return text
    spans: list[tuple[int, int, str]] = []
    for pattern, token, bare_ok in ((lx.AGREEMENT, AGREE, True), (lx.CO_MARK, CO, False), (lx.LEAD_MARK, LEAD, False)):
        for m in pattern.finditer(folded):
            start, end = _widen(folded, m.start(), m.end())
            if (bare_ok or (start < m.start() and end > m.end())) and not any(
                    s < end and start < e for s, e, _ in spans):
                spans.append((start, end, token))
    for start, end, token in sorted(spans, reverse=True):
        text = f"{text[:start]} {token} {text[end:]}"
    return text


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a marker over the brackets around it: '( по согласованию )'. (start, end) unchanged
    when it is not bracketed on both sides."""
    left = start
    while left > 0 and text[left - 1] in " \t":
        left -= 1
    right = end
    while right < len(text) and text[right] in " \t":
        right += 1
    opened = left > 0 and text[left - 1] == "("
    closed = right < len(text) and text[right] == ")"
    if opened and closed:
        return left - 1, right + 1
    if opened and not closed:  # OCR lost the closing bracket
        return left - 1, end
    if closed and not opened:
        return start, right + 1
    return start, end


def _bracket_pairs(text: str) -> dict[int, int]:
    """Balanced ( ) pairs; an unmatched bracket (OCR) is ignored rather than swallowing the cell."""
    pairs, stack = {}, []
    if "(" not in text:  # most cells: no pair, and no character loop
        return pairs
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs[stack.pop()] = i
    return pairs


def _unfold_groups(text: str, is_body: Callable[[str], bool]) -> str:
    """'БББ (ДСБ, Қ(А)БББ)' -> 'БББ LEAD, ДСБ CO, Қ(А)БББ CO': co-executors listed in brackets."""
    pairs = _bracket_pairs(text)
    for start in sorted(pairs, reverse=True):
        end = pairs[start]
        inner = text[start + 1:end]
        before, after = text[:start], text[end + 1:]
        if len(inner) > _MAX_GROUP or not before.strip() or before.rstrip()[-1:] in ",;\n(":
            continue
        if text[start - 1:start].isalpha() or not re.match(r"^[\s\ue000-\ue002]*(?:[,;\n]|$)", after):
            continue  # 'Қ(А)БББ', or a bracket in the middle of a name
        items = [i.strip() for i in re.split(r"[,;]", inner) if i.strip() and not is_marker_only(i)]
        if not items or not all(is_body(i) for i in items):
            continue
        text = f"{before} {LEAD}, " + ", ".join(f"{i} {CO}" for i in items) + after
    return text


_SEPARATORS = re.compile(r"[,;]")


def _split_top_level(text: str) -> list[str]:
    """Split on , and ; outside balanced brackets."""
    pairs = _bracket_pairs(text)
    if not pairs:
        return _SEPARATORS.split(text)
    inside = set()
    for start, end in pairs.items():
        inside.update(range(start, end + 1))
    parts, last = [], 0
    for i, ch in enumerate(text):
        if ch in ",;" and i not in inside:
            parts.append(text[last:i])
            last = i + 1
    parts.append(text[last:])
    return parts


def _split_after_markers(chunk: str) -> list[str]:
    """A marker closes the body it follows: 'ДСБ (келісім бойынша) БББ' is two bodies."""
    parts = re.split(r"(?<=[\ue000-\ue002])\s+(?=[^\s\ue000-\ue002])", chunk)
    return [p for p in parts if p.strip()]


def _labels(piece: str, role: Optional[str]) -> tuple[str, Optional[str]]:
    """Strip 'Соисполнители:' / 'Жауапты орындаушы:' style labels; they set the role that follows."""
    for pattern, label_role in ((lx.CO_LABEL, "co"), (lx.LEAD_LABEL, "lead"), (lx.PLAIN_LABEL, role)):
        m = pattern.match(piece)
        if m:
            return piece[m.end():], label_role
    return piece, role


def _to_pieces(text: str, role: Optional[str]) -> list[Piece]:
    """The bodies of one split part: refined (persons, posts in a row, slashes), quotes shown again; a
    by-agreement mark belongs to the last of them. Fresh Pieces: the caller may change them."""
    return [Piece(*fields) for fields in _piece_fields(text, role)]


@lru_cache(maxsize=65536)
def _piece_fields(text: str, role: Optional[str]) -> tuple[tuple[str, bool, Optional[str]], ...]:
    """_to_pieces, once per distinct part: parts ("Органы образования", "БББ") repeat across cells that
    combine them differently."""
    agreement = AGREE in text
    if CO in text:
        role = "co"
    elif LEAD in text:
        role = "lead"
    for token in MARKERS:
        text = text.replace(token, " ")
    name = squeeze(text)
    if _ETC_HINT.search(name):
        name = squeeze(lx.ETC_TAIL.sub("", name))
    names = [_edges(show(n)) for n in refine(name)] or [_edges(show(name))]
    return tuple((n, agreement and i == len(names) - 1, role) for i, n in enumerate(names))


_INITIAL_END = re.compile(r"(?<![^\W\d_])[^\W\d_]\.$")


def _edges(name: str) -> str:
    """strip_edges, but a person's last initial keeps its dot ("Иванова А.Б.")."""
    stripped = strip_edges(name)
    if _INITIAL_END.search(name.rstrip(" ,;")) and not stripped.endswith("."):
        return stripped + "."
    return stripped


def split_cell(raw: str, known: Callable[[str], bool]) -> list[Piece]:
    """Bodies of one responsible cell, names as written (spacing normalised), marks read."""
    text = _mark(protect_quotes(_join_wrapped_hyphens(clean(raw))))
    text = _unfold_groups(text, lambda s: is_abbrev_only(s) or has_head(s) or known(s))
    chunks: list[str] = []
    for part in _split_top_level(text):
        chunks.extend(merge_lines(part.split("\n"), known))
    chunks = merge_coordinated([c for c in (x.strip() for x in chunks) if c], known)
    pieces: list[Piece] = []
    role: Optional[str] = None
    for chunk in chunks:
        chunk, role = _labels(chunk, role)
        for conj_part in (c for part in _split_after_markers(chunk) for c in split_conjunctions(part, known)):
            for part in split_run_on(conj_part, known):
                _append(pieces, part, role)
    pieces = _merge_domains(pieces, known)
    roles = {p.role for p in pieces}
    if "co" in roles and "lead" not in roles and pieces[0].role is None:
        pieces[0].role = "lead"  # co-executors marked: the first body named is the lead
    return pieces


_BY_DOMAIN = re.compile(r"(?<!\w)(?:по|жөніндегі)\s+\S+$", re.IGNORECASE)


def _merge_domains(pieces: list[Piece], known: Callable[[str], bool]) -> list[Piece]:
    """"Зам. директора по УВР, ВР": a bare field-of-work abbreviation after "по УВР" continues that post."""
    out: list[Piece] = []
    for piece in pieces:
        if out and is_abbrev_only(piece.name) and " " not in piece.name and _BY_DOMAIN.search(out[-1].name) \
                and not known(piece.name):
            out[-1].name = f"{out[-1].name}, {piece.name}"
            out[-1].by_agreement |= piece.by_agreement
            continue
        out.append(piece)
    return out


def _append(pieces: list[Piece], part: str, role: Optional[str]) -> None:
    for piece in _to_pieces(part, role):
        if piece.name and re.search(r"\w", piece.name):
            pieces.append(piece)
        elif pieces:  # a marker on its own line or after a comma belongs to the body before it
            pieces[-1].by_agreement |= piece.by_agreement
            if piece.role and part.strip() and any(m in part for m in (CO, LEAD)):
                pieces[-1].role = piece.role
