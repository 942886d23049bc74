"""After splitting on punctuation and organisation heads: quoted names, slashes, "а также", persons, posts
written one after another, and pieces that name no body at all.

    "заведующие ДОУ руководители СОШ"        -> "заведующие ДОУ" | "руководители СОШ"
    "Сторож Рабочий по зданию"              -> "Сторож" | "Рабочий по зданию"
    "меңгеруші шаруашылық меңгерушісі"      -> "меңгеруші" | "шаруашылық меңгерушісі"
    "Хорошев А.М. Дронь У.А."               -> "Хорошев А.М." | "Дронь У.А."
    "ЗУВР/ЗВР", "X, а также Y"              -> two bodies
    "по мере необходимости", "Шығу кезінде" -> no body
"""
from __future__ import annotations

import re
from functools import lru_cache

from lang.posts import (
    KK_POST_HEAD, NON_BODY, PERSON, POST_ABBREVIATIONS, RU_POST_ADJ, is_post_head_kk, is_post_head_ru,
)
from pipeline.bodies import lexicon as lx
from pipeline.bodies.abbrev import is_abbrev_token

# quoted names are kept whole: their separators are hidden while the cell is split
QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“", '"': '"'}
_HIDE = str.maketrans({",": "\ue010", ";": "\ue011", "/": "\ue012", " ": "\ue013", "\n": "\ue013"})
_SHOW = str.maketrans({"\ue010": ",", "\ue011": ";", "\ue012": "/", "\ue013": " "})
_SLASH = re.compile(r"\s+/\s*|\s*/\s+|(?<=[^\W\d_]{3})/(?=[^\W\d_]{3})")
_ALSO = re.compile(r"(?:^|[\s,]+)(?:а\s+также|сондай-ақ|сондай\s+ақ)\s+", re.IGNORECASE)
_LEADING_JOINER = re.compile(r"^(?:и|және|мен|бен|пен|а\s+также|сондай-ақ)\s+", re.IGNORECASE)


def protect_quotes(text: str) -> str:
    """Hide the separators inside quoted names ("«Управление образования г. Алматы, отдел …»")."""
    if not any(q in text for q in QUOTE_PAIRS):
        return text
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        close = QUOTE_PAIRS.get(ch)
        end = _closing(text, i, ch, close) if close else -1
        if end > i:
            out.append(text[i:end + 1].translate(_HIDE) if end - i < 200 else text[i:end + 1])
            i = end + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _closing(text: str, start: int, opening: str, closing: str) -> int:
    depth = 0
    for j in range(start + 1, len(text)):
        if text[j] == closing and (opening == closing or depth == 0):
            return j
        if text[j] == opening and opening != closing:
            depth += 1
        elif text[j] == closing:
            depth -= 1
    return -1


def show(text: str) -> str:
    return text.translate(_SHOW)


def refine(name: str) -> list[str]:
    """One piece as split by punctuation and organisation heads -> the bodies it holds, in order."""
    if " " not in name and "/" not in name:
        return [name.strip(" ,;")] if name.strip(" ,;") else []
    out: list[str] = []
    for part in _ALSO.split(name):
        for piece in _SLASH.split(part):
            piece = _LEADING_JOINER.sub("", piece.strip(" ,;"))
            for one in _split_persons(piece):
                for post in _split_joined_posts(one):
                    out.extend(_split_posts(post))
    return [p for p in (x.strip(" ,;") for x in out) if p]


def _split_persons(piece: str) -> list[str]:
    """Each person (surname + initials) is a body; what stands before or between them too."""
    found = list(PERSON.finditer(piece))
    if not found:
        return [piece]
    out, last = [], 0
    for m in found:
        out.append(piece[last:m.start()])
        out.append(m.group(0))
        last = m.end()
    out.append(piece[last:])
    return [p.strip(" ,;") for p in out if p.strip(" ,;.")]


_JOINERS = {"и", "және", "мен", "бен", "пен"}


def _split_joined_posts(piece: str) -> list[str]:
    """"директор и заместитель директора по ВР", "мектеп директоры мен ДТЖО": two posts joined."""
    tokens = piece.split()
    for j in range(1, len(tokens) - 1):
        if tokens[j].casefold() in _JOINERS:
            left, right = " ".join(tokens[:j]), " ".join(tokens[j + 1:])
            if kind_of(left, False) in ("post", "person") and kind_of(right, False) in ("post", "person"):
                return [left] + _split_joined_posts(right)
    return [piece]


def _split_posts(piece: str) -> list[str]:
    tokens = piece.split()
    if len(tokens) < 2:
        return [piece]
    cut = _ru_post_cut(tokens) or _kk_post_cut(tokens)
    if not cut:
        return [piece]
    return [" ".join(tokens[:cut])] + _split_posts(" ".join(tokens[cut:]))


def _ru_post_cut(tokens: list[str]) -> int:
    """Index where a second Russian post phrase starts: a post head (or an adjective before one) after a
    complete post or organisation phrase, not after a preposition or conjunction."""
    words = [t.strip(".,;:«»\"").casefold() for t in tokens]
    if not (is_post_head_ru(tokens[0]) or RU_POST_ADJ.match(words[0]) or lx.RU_HEAD.match(words[0])):
        return 0
    for i in range(1, len(tokens)):
        prev = words[i - 1]
        if prev in lx.PREPOSITIONS or prev in lx.CONJUNCTIONS or RU_POST_ADJ.match(prev):
            continue
        capital = tokens[i][:1].isupper()
        head = is_post_head_ru(tokens[i], capitalised=capital)
        if RU_POST_ADJ.match(words[i]) and i + 1 < len(tokens) and is_post_head_ru(tokens[i + 1], True):
            head = True
        if head and (capital or _complete(tokens[:i])):
            return i
    return 0


def _complete(tokens: list[str]) -> bool:
    """A Russian post phrase that already has what it governs: "заведующие ДОУ", "директор школы"."""
    return len(tokens) >= 2 and (is_abbrev_token(tokens[-1]) or not RU_POST_ADJ.match(tokens[-1].casefold()))


def _kk_post_cut(tokens: list[str]) -> int:
    """Kazakh: a post head, then a whole new phrase ending in a post head ("меңгеруші шаруашылық меңгерушісі")."""
    words = [t.strip(".,;:«»\"").casefold() for t in tokens]
    if not KK_POST_HEAD.match(words[-1]):
        return 0
    for i in range(len(tokens) - 1):
        if is_post_head_kk(words[i]) and words[i + 1] not in lx.CONJUNCTIONS and not lx.KK_POSTPOSITIONS.match(words[i + 1]):
            return i + 1
    return 0


def is_body(name: str, known: bool) -> bool:
    """False for a piece that names no body: a phrase of time or manner, a date, a number."""
    if known or not _HAS_LETTERS.search(name):
        return known
    if not NON_BODY.search(name):
        return True
    return bool(kind_of(name, known=False) in ("person",) or _has_body_word(name))


def _has_body_word(name: str) -> bool:
    words = [w.strip(".,;:«»\"()").casefold() for w in name.split()]
    heads = any(lx.KK_HEAD.match(w) or lx.RU_HEAD.match(w) or is_post_head_kk(w) or is_post_head_ru(w) for w in words)
    return heads or any(is_abbrev_token(t.strip(".,;:()")) for t in name.split())


_TOKENS = re.compile(r"\s+|(?<=\.)(?=\w)")
_HAS_LETTERS = re.compile(r"[^\W\d_]{2}")


@lru_cache(maxsize=65536)
def kind_of(name: str, known: bool) -> str:
    """org | post | person | unknown, from the name as written (and whether the gazetteer knows it)."""
    bare = name.strip(" ,;")
    if PERSON.fullmatch(bare) or (PERSON.search(bare) and len(PERSON.sub("", bare).strip(" ,.;")) == 0):
        return "person"
    bare = bare.strip(".")
    tokens = [t.strip(".,;:«»\"()") for t in _TOKENS.split(bare)]
    words = [t.casefold() for t in tokens]
    if any(t.upper().split("-")[0] in POST_ABBREVIATIONS for t in tokens if t):
        return "post"
    if words and (is_post_head_ru(tokens[0], True) or (RU_POST_ADJ.match(words[0]) and len(words) > 1
                                                     and is_post_head_ru(tokens[1], True))):
        return "post"
    if words and is_post_head_kk(words[-1]) and not lx.KK_HEAD.match(words[-1]):
        return "post"
    if known or any(q in bare for q in QUOTE_PAIRS) or any(lx.KK_HEAD.match(w) or lx.RU_HEAD.match(w) for w in words):
        return "org"
    if tokens and all(is_abbrev_token(t) for t in tokens if t):
        return "org"  # an abbreviation that is not a post: a school, a body
    return "unknown"
