"""Matching keys for full body names: geography reduced to a level marker or dropped.

"Атырау облысының білім басқармасы", "облыстық білім басқармасы" and "управление образования
Атырауской области" differ only in where the body sits; the key keeps the level ("обл" or
"аудан") and the bare key drops it, so a name matches the gazetteer's generic entry.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.bodies import lexicon as lx
from pipeline.bodies.text import clean, name_key

_REGION_LEVEL = re.compile(r"^(?:облыс\w*|област\w*|аймақ\w*|өңір\w*|региональн\w*)$")
_DISTRICT_LEVEL = re.compile(r"^(?:аудан\w*|қала\w*|район\w*|город\w*)$")
_REGION_ABBREVS = {a.casefold() for a in lx.REGION_ABBREVS if a not in ("ҚР", "РК", "ҚРның")}
_COUNTRY_ABBREVS = {"қр", "рк", "қрның"} | {a.casefold() for a in lx.LEGAL_FORMS}  # dropped from keys
_LINKERS = {"бойынша", "по", "г"}


def _strip_places(text: str) -> str:
    text = lx.COUNTRY.sub(" ", clean(text))
    text = lx.PLACE_BEFORE_GEO.sub(" ", text)
    text = lx.PLACE_AFTER_GEO.sub(" города ", text)
    return lx.RU_PLACE_ADJ.sub(" области ", text)


@lru_cache(maxsize=65536)
def level_tokens(text: str) -> tuple[str, ...]:
    """Key words with geography turned into 'обл' / 'аудан' markers and the country dropped."""
    out: list[str] = []
    for word in name_key(_strip_places(text)).split():
        if word in _COUNTRY_ABBREVS:
            continue
        if word in _REGION_ABBREVS or _REGION_LEVEL.match(word):
            word = "обл"
        elif _DISTRICT_LEVEL.match(word):
            word = "аудан"
        if out and word == out[-1] and word in ("обл", "аудан"):
            continue
        out.append(word)
    return tuple(out)


def full_key(text: str) -> str:
    return " ".join(level_tokens(text))


def bare_key(text: str) -> str:
    """The key without any geography or the words that attach it ('облыс бойынша', 'по области')."""
    tokens = level_tokens(text)
    kept = []
    for i, word in enumerate(tokens):
        if word in ("обл", "аудан"):
            continue
        near_geo = (i > 0 and tokens[i - 1] in ("обл", "аудан")) or (i + 1 < len(tokens) and tokens[i + 1] in ("обл", "аудан"))
        if word in _LINKERS and near_geo:
            continue
        if word in ("және", "мен", "и") and near_geo and (i == 0 or tokens[i - 1] in ("обл", "аудан")):
            continue
        kept.append(word)
    return " ".join(kept)


def head_stem(key: str) -> str:
    """First letters of the body-head noun (last Kazakh head or first Russian head), '' if none."""
    tokens = key.split()
    for word in tokens:
        if lx.RU_HEAD.match(word):
            return word[:5]
    for word in reversed(tokens):
        if lx.KK_HEAD.match(word):
            return word[:5]
    return ""
