"""Abbreviations: what looks like one, and where its expansion comes from.

Order of trust: the plan's own glossary (keys compared without spaces: "Қ(А) БББ" = "Қ(А)БББ"),
then the gazetteer; exact first, then look-alike folding (ББҮ -> ББҰ, СӘБД -> СЭБД, Latin twins).
Abbreviations are never matched by edit distance: СЭББ is not СЭБД, it is unknown.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.bodies import lexicon as lx
from pipeline.bodies.gazetteer import GazetteerIndex, Hit, load_gazetteer
from pipeline.bodies.keys import bare_key
from pipeline.bodies.text import abbrev_fold, abbrev_key, clean, squeeze
from lang.alphabet import UPPER_CLASS

_UPPER = "A-Z" + UPPER_CLASS
# An abbreviation token: capitals (Latin twins and digits that OCR mixes in allowed), possibly a
# bracketed letter ("Қ(А)БББ"), a few lowercase letters ("МОиН", "ГорОО"), a case suffix ("БББ-ға").
ABBREV_TOKEN = re.compile(
    rf"^(?=(?:.*[{_UPPER}]){{2}})[{_UPPER}1][{_UPPER}a-zа-яёәғқңөұүһі()1]{{1,11}}(?:-[а-яәғқңөұүһі]{{1,4}})?$"
)
COUNTRY_TOKENS = {"ҚР", "РК", "КР", "PK"}
_SUFFIX = re.compile(r"-[^-]*$")
_SPLIT_BRACKET = re.compile(r"(\([" + _UPPER + r"]{1,2}\))\s+(?=[" + _UPPER + r"])")  # 'Қ(А) БББ'
_SEPARATORS = re.compile(r"[\s,;]+")
_COUNTRY_CASE = re.compile(r"^ҚР-\w+$")


@lru_cache(maxsize=65536)
def is_abbrev_token(token: str) -> bool:
    token = token.strip(".,;:")
    if not ABBREV_TOKEN.match(token):
        return False
    letters = [c for c in _SUFFIX.sub("", token) if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if upper == len(letters) >= 7:  # 'БАСҚАРМАСЫ' in a caps-lock cell is a word
        return False
    return upper >= 2 and upper * 2 >= len(letters)


def abbrev_tokens(text: str) -> list[str]:
    """Abbreviation-like tokens of a text, with "Қ(А) БББ"-style split ones rejoined."""
    text = _SPLIT_BRACKET.sub(r"\1", text)
    return [t.strip(".,;:") for t in _SEPARATORS.split(text) if t and is_abbrev_token(t)]


@lru_cache(maxsize=65536)
def is_abbrev_only(text: str) -> bool:
    """Every word is an abbreviation (or the country, 'ҚР ОАМ', 'МП РК')."""
    joined = _SPLIT_BRACKET.sub(r"\1", text.strip())
    tokens = [t for t in joined.split() if t]
    return bool(tokens) and all(is_abbrev_token(t) or t in COUNTRY_TOKENS for t in tokens) and any(
        t not in COUNTRY_TOKENS for t in tokens
    )


def without_country(text: str) -> str:
    return " ".join(t for t in text.split() if t not in COUNTRY_TOKENS and not _COUNTRY_CASE.match(t))


def glossary_body_id(expansion: str) -> str:
    """A stable ID for a body known only from a plan's glossary: a hash of its normalised name."""
    digest = hashlib.sha1(squeeze(clean(expansion)).casefold().encode("utf-8")).hexdigest()[:12]
    return f"gl:{digest}"


@dataclass(frozen=True, eq=False)  # hashed by identity: one object per glossary (cached)
class GlossaryIndex:
    exact: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (abbrev as written, expansion)
    folded: dict[str, tuple[str, str]] = field(default_factory=dict)
    by_bare: dict[str, str] = field(default_factory=dict)  # bare key of an expansion -> expansion


@lru_cache(maxsize=256)
def _glossary_index(items: tuple[tuple[str, str], ...]) -> GlossaryIndex:
    index = GlossaryIndex()
    for abbr, expansion in items:
        abbr, expansion = squeeze(clean(abbr)), squeeze(clean(expansion))
        if not abbr or not expansion:
            continue
        index.exact.setdefault(abbrev_key(abbr).upper(), (abbr, expansion))
        index.folded.setdefault(abbrev_fold(abbr), (abbr, expansion))
        index.by_bare.setdefault(bare_key(expansion), expansion)
    return index


def glossary_index(glossary: dict[str, str] | None) -> GlossaryIndex | None:
    if not glossary:
        return None
    return _glossary_index(tuple(sorted((str(k), str(v)) for k, v in glossary.items())))


@dataclass(frozen=True)
class AbbrevMatch:
    written: str  # as in the text
    known: str  # as the glossary or gazetteer spells it
    expansion: str
    source: str  # "glossary" | "gazetteer"
    body_id: str
    variant: bool  # matched only through look-alike folding
    hit: Hit | None = None


def _from_glossary(written: str, entry: tuple[str, str], variant: bool) -> AbbrevMatch:
    known, expansion = entry
    return AbbrevMatch(written, known, expansion, "glossary", glossary_body_id(expansion), variant)


def _from_gazetteer(written: str, hit: Hit, variant: bool, lang: str) -> AbbrevMatch:
    lang = hit.lang or lang  # the list it was found in says the language; else the cell's
    return AbbrevMatch(written, hit.written, hit.entry.canonical(lang), "gazetteer", hit.entry.id, variant, hit)


def lookup_abbrev(text: str, glossary: GlossaryIndex | None, lang: str = "",
                  gazetteer: GazetteerIndex | None = None) -> AbbrevMatch | None:
    """Expansion of an abbreviation (possibly with ҚР/РК): glossary, gazetteer, then look-alikes."""
    gaz = gazetteer or load_gazetteer()
    written = squeeze(text)
    forms = [written]
    if without_country(written) and without_country(written) != written:
        forms.append(without_country(written))
    for form in forms:
        key = abbrev_key(form).upper()
        if glossary and key in glossary.exact:
            return _from_glossary(written, glossary.exact[key], False)
        if key in gaz.by_abbrev:
            return _from_gazetteer(written, gaz.by_abbrev[key], False, lang)
    for form in forms:
        key = abbrev_fold(form)
        if glossary and key in glossary.folded:
            return _from_glossary(written, glossary.folded[key], abbrev_key(form).upper() != abbrev_key(glossary.folded[key][0]).upper())
        if key in gaz.by_fold:
            hit = gaz.by_fold[key]
            return _from_gazetteer(written, hit, abbrev_key(form).upper() != abbrev_key(hit.written).upper(), lang)
    return None


_NOT_BODIES = {abbrev_fold(a) for a in lx.REGION_ABBREVS | lx.LEGAL_FORMS}


def is_known_geo(token: str) -> bool:
    """A region ('ШҚО') or a legal form ('КГУ'): known words, but not bodies."""
    return abbrev_fold(token) in _NOT_BODIES
