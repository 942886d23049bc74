"""Where one body ends and the next begins when punctuation does not say it.

- Line breaks inside a cell are often just wrapping ("облыстық\\nбілім басқармасы").
- Commas inside coordinated names ("облыстық ішкі саясат, білім басқармалары") are not splits.
- A missing comma between two bodies ("...білім басқармасы  балалардың құқықтарын қорғау
  департаменті", "Управление образования отдел культуры") is.
`known(text)` tells whether a fragment is a body on its own (gazetteer/glossary), so the rules
prefer splits that leave recognisable bodies on both sides.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from lang.posts import is_post_head_kk
from pipeline.bodies import lexicon as lx
from pipeline.bodies.abbrev import COUNTRY_TOKENS, is_abbrev_only
from pipeline.bodies.gazetteer import load_gazetteer

MARKERS = {"\ue000", "\ue001", "\ue002"}  # by agreement, co-executor, lead
Known = Callable[[str], bool]
_LINK_WORDS = lx.CONJUNCTIONS | lx.PREPOSITIONS
_JOINERS = {"және", "мен", "пен", "бен", "и"}
_PLURAL_NOUN = re.compile(r"(?:лар|лер|дар|дер|тар|тер)$")  # 'ата-аналар' is a body, not a domain word
# Russian staff nouns govern the genitive that follows: "руководители ОО", "директор школы" are one body
_RU_GOVERNING = re.compile(r"^(?:руководител|директор|заместител|заведующ|председател|член|начальник|"
                           r"представител|сотрудник|работник|специалист|инспектор)")


@lru_cache(maxsize=65536)
def _word(token: str) -> str:
    return token.strip(".,;:«»\"“”()").casefold()


# The splitting rules ask the same fragments these questions many times over: each is answered once.
@lru_cache(maxsize=65536)
def plain_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in map(_word, text.split()) if w and w not in MARKERS)


def is_marker_only(text: str) -> bool:
    return bool(text.strip()) and all(t in MARKERS for t in text.split())


@lru_cache(maxsize=65536)
def has_head(text: str) -> bool:
    return any(lx.KK_HEAD.match(w) or lx.RU_HEAD.match(w) for w in plain_words(text))


def standalone(text: str, known: Known) -> bool:
    """Could this fragment be a whole body?"""
    words = plain_words(text)
    if not words:
        return False
    return has_head(text) or is_abbrev_only(_unmarked(text)) or known(_unmarked(text))


def _unmarked(text: str) -> str:
    return " ".join(t for t in text.split() if t not in MARKERS)


def starts_lower(text: str) -> bool:
    for ch in _unmarked(text):
        if ch.isalpha():
            return ch.islower()
    return False


def incomplete_end(text: str) -> bool:
    """The fragment cannot end a body: a conjunction, preposition, adjective or hyphen ends it."""
    stripped = _unmarked(text).rstrip()
    if stripped.endswith("-"):
        return True
    words = plain_words(text)
    if not words:
        return False
    last = words[-1]
    if lx.KK_HEAD.match(last) or lx.RU_HEAD.match(last):
        return False
    return (last in lx.CONJUNCTIONS or last in lx.PREPOSITIONS or bool(lx.KK_ATTRIBUTIVE.search(last))
            or (len(last) > 3 and bool(lx.RU_ATTRIBUTIVE.search(last))))


def merge_lines(lines: list[str], known: Known) -> list[str]:
    """Join wrapped lines of one comma-free chunk back into names."""
    out: list[str] = []
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and (is_marker_only(line) or _continues(out[-1], line, known)):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _continues(prev: str, line: str, known: Known) -> bool:
    if incomplete_end(prev):
        return True
    if not starts_lower(line) or is_abbrev_only(_unmarked(line)):
        return False
    return not standalone(line, known) or not (standalone(prev, known) or known(_unmarked(line)))


def merge_coordinated(pieces: list[str], known: Known) -> list[str]:
    """'облыстық ішкі саясат, білім басқармалары' and 'управления образования, здравоохранения'
    stay one name: bare domain words before a plural Kazakh head, or after a plural Russian one."""
    out: list[str] = []
    pending: list[str] = []
    for piece in pieces:
        words = plain_words(piece)
        if words and not standalone(piece, known) and len(words) <= 5 and not any(m in piece for m in MARKERS):
            if (out and not pending and starts_lower(piece) and _starts_with_ru_head(out[-1])
                    and not any(m in out[-1] for m in MARKERS) and len(words[0]) > 2):
                out[-1] = f"{out[-1]}, {piece}"
                continue
            if not _PLURAL_NOUN.search(words[-1]):
                pending.append(piece)
                continue
        if pending and words and lx.KK_PLURAL_HEAD.match(words[-1]):
            out.append(", ".join(pending + [piece]))
        else:
            out.extend(pending)
            out.append(piece)
        pending = []
    return out + pending


def _starts_with_ru_head(text: str) -> bool:
    words = plain_words(text)
    return bool(words) and bool(lx.RU_HEAD.match(words[0]))


def split_run_on(piece: str, known: Known) -> list[str]:
    """Split a fragment that holds two bodies without a comma between them."""
    tokens = piece.split()
    if len(tokens) < 2:
        return [piece]
    if is_abbrev_only(_unmarked(piece)):
        return _split_abbrevs(tokens, known)
    words = ["" if t in MARKERS else _word(t) for t in tokens]
    for i in range(len(tokens) - 1):
        if words[i] and any(words[i + 1:]) and _boundary(tokens, words, i, known):
            return [" ".join(tokens[: i + 1])] + split_run_on(" ".join(tokens[i + 1:]), known)
    return [piece]


def _boundary(tokens: list[str], words: list[str], i: int, known: Known) -> bool:
    word = words[i]
    kk_head, ru_next = lx.KK_HEAD.match(word), False
    nxt = [w for w in words[i + 1:] if w]
    first = nxt[0]
    ru_next = bool(lx.RU_STRICT_HEAD.match(first))
    end_word = word.replace("-", "") in load_gazetteer().end_words
    if not (kk_head or ru_next or end_word) or first in _LINK_WORDS or _RU_GOVERNING.match(word):
        return False
    right = " ".join(t for t in tokens[i + 1:] if t not in MARKERS)
    if kk_head and len(nxt) == 1 and is_post_head_kk(first):
        return False  # "бөлім меңгерушілері": the post of the body named before it, one phrase
    if kk_head and not lx.KK_POSTPOSITIONS.match(first):
        # Kazakh: a head noun, then a whole new name ending in a head (or a known body)
        if lx.KK_HEAD.match(nxt[-1]) or is_abbrev_only(right) or known(right):
            return True
    if ru_next and word not in _LINK_WORDS:
        # Russian: a new nominative head starts a new body
        left_words = [w for w in words[: i + 1] if w]
        return len(left_words) >= 2 and any(lx.KK_HEAD.match(w) or lx.RU_HEAD.match(w) for w in left_words)
    if not end_word or word in lx.CONJUNCTIONS or tokens[i + 1] in MARKERS or len(nxt) > 6:
        return False
    left = " ".join(t for t in tokens[: i + 1] if t not in MARKERS)
    return known(left) and known(right) and not known(f"{left} {right}")


def _split_abbrevs(tokens: list[str], known: Known) -> list[str]:
    """'ДВД КДН' -> two bodies; 'ҚР ОАМ', 'МП РК', 'Қ(А) БББ' stay whole."""
    whole = " ".join(tokens)
    if known(_unmarked(whole)) or len(tokens) == 2 and tokens[0].endswith(")"):
        return [whole]
    out: list[str] = []
    for token in tokens:
        if out and (token in MARKERS or token in COUNTRY_TOKENS and token != "ҚР" or out[-1] in COUNTRY_TOKENS):
            out[-1] = f"{out[-1]} {token}"
        else:
            out.append(token)
    return out


def split_conjunctions(piece: str, known: Known) -> list[str]:
    """'X басқармасы және Y департаменті', 'управление образования и отдел культуры', 'ДВД и КДН'
    are two bodies; 'облыстық білім және құрылыс басқармалары' is one."""
    tokens = piece.split()
    joints = [j for j, t in enumerate(tokens) if 0 < j < len(tokens) - 1 and t.casefold() in _JOINERS]
    if not joints or known(_unmarked(piece).replace(" ", "")):  # 'КДН и ЗП' is КДНиЗП
        return [piece]
    for j in joints:
        left, right = " ".join(tokens[:j]), " ".join(tokens[j + 1:])
        lw, rw = plain_words(left), plain_words(right)
        if not lw or not rw:
            continue
        kazakh = lx.KK_HEAD.match(lw[-1]) and lx.KK_HEAD.match(rw[-1])
        russian = lx.RU_STRICT_HEAD.match(rw[0]) and has_head(left)
        both_known = (known(_unmarked(left)) or is_abbrev_only(_unmarked(left))) and (
            known(_unmarked(right)) or is_abbrev_only(_unmarked(right))) and not known(_unmarked(piece))
        if kazakh or russian or both_known:
            return [left] + split_conjunctions(right, known)
    return [piece]
