"""One body's name -> canonical name, stable ID and where they came from.

Abbreviations: glossary, gazetteer, look-alikes (abbrev.lookup_abbrev). Full names: the plan's
glossary expansions, then the gazetteer by key (geography reduced), by word stems, and last by
rapidfuzz similarity with the same head noun (басқарма is never matched to бөлім).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from pipeline.bodies.abbrev import (
    COUNTRY_TOKENS, GlossaryIndex, abbrev_tokens, glossary_body_id, is_abbrev_only, is_known_geo, lookup_abbrev,
)
from pipeline.bodies.gazetteer import GazetteerIndex, Hit, load_gazetteer
from pipeline.bodies.keys import bare_key, full_key, head_stem
from pipeline.bodies.text import language_of, stem_key

FUZZY_CUTOFF = 88.0


@dataclass
class Resolution:
    canonical: str | None = None
    body_id: str | None = None
    source: str = "none"
    level: str | None = None
    unknown: list[str] = field(default_factory=list)  # abbreviations found nowhere
    variants: list[tuple[str, str]] = field(default_factory=list)  # (as written, as known)

    @property
    def known(self) -> bool:
        return self.canonical is not None


def _from_hit(hit: Hit, lang: str, source: str) -> Resolution:
    return Resolution(hit.entry.canonical(hit.lang or lang), hit.entry.id, source, hit.entry.level)


def _resolve_abbrev(name: str, glossary: GlossaryIndex | None, lang: str, gaz: GazetteerIndex) -> Resolution:
    match = lookup_abbrev(name, glossary, lang, gaz)
    if match is None:
        return Resolution(unknown=[t for t in abbrev_tokens(name) if t not in COUNTRY_TOKENS])
    level = match.hit.entry.level if match.hit else None
    out = Resolution(match.expansion, match.body_id, match.source, level)
    if match.variant:
        out.variants.append((match.written, match.known))
    return out


# "заместитель директора по ВР", "ТЖ жөніндегі маман": an abbreviation naming a field of work, not a body
_DOMAIN_ABBREV = re.compile(r"(?:(?<!\w)по\s+(\S+)|(\S+)\s+(?:жөніндегі|бойынша)(?!\w))", re.IGNORECASE)


def _spell_abbrevs(name: str, glossary: GlossaryIndex | None, lang: str, gaz: GazetteerIndex,
                   out: Resolution) -> str:
    """Inside a full name, rewrite look-alike abbreviations to their known spelling; note unknown ones."""
    domains = {(a or b).strip(".,;:") for a, b in _DOMAIN_ABBREV.findall(name)}
    for token in abbrev_tokens(name):
        if token in COUNTRY_TOKENS or is_known_geo(token) or token in domains:
            continue
        match = lookup_abbrev(token, glossary, lang, gaz)
        if match is None:
            out.unknown.append(token)
        elif match.variant:
            out.variants.append((token, match.known))
            name = re.sub(rf"(?<!\w){re.escape(token)}(?!\w)", match.known, name)
    return name


def _match_gazetteer(name: str, lang: str, gaz: GazetteerIndex) -> Resolution | None:
    bare = bare_key(name)
    if not bare:  # geography alone ('области', 'қала') names no body
        return None
    key = full_key(name)
    if key in gaz.by_full:
        return _from_hit(gaz.by_full[key], lang, "gazetteer")
    if gaz.by_bare.get(bare):
        return _from_hit(gaz.by_bare[bare], lang, "gazetteer")
    if gaz.by_stem.get(stem_key(bare)):
        return _from_hit(gaz.by_stem[stem_key(bare)], lang, "fuzzy")
    keys, hits = gaz.fuzzy.get(head_stem(bare), ((), ()))
    found = process.extractOne(bare, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF) if keys else None
    if found is None:
        return None
    return _from_hit(hits[found[2]], lang, "fuzzy")


def resolve_name(name: str, glossary: GlossaryIndex | None = None, gazetteer: GazetteerIndex | None = None,
                 lang_hint: str = "") -> Resolution:
    """Canonical name and ID for one body name as written (markers already removed). The
    canonical name is in the language of the name matched; `lang_hint` (the cell's language)
    decides for abbreviations both languages use."""
    gaz = gazetteer or load_gazetteer()
    lang = lang_hint or language_of(name)
    if is_abbrev_only(name):
        return _resolve_abbrev(name, glossary, lang, gaz)
    if " " in name and is_abbrev_only(name.replace(" ", "")):  # 'КДН и ЗП' = КДНиЗП
        found = _resolve_abbrev(name.replace(" ", ""), glossary, lang, gaz)
        if found.known:
            return found
    out = Resolution()
    spelled = _spell_abbrevs(name, glossary, lang, gaz, out)
    if glossary is not None:
        expansion = glossary.by_bare.get(bare_key(spelled))
        if expansion:
            out.canonical, out.body_id, out.source = expansion, glossary_body_id(expansion), "glossary"
            return out
    found = _match_gazetteer(spelled, lang, gaz)
    if found is not None:
        found.unknown, found.variants = out.unknown, out.variants
        return found
    return out
