"""Responsible bodies: a responsible cell -> [Body] with canonical names and stable IDs.

    normalize_responsible("БББ, ДСБ (келісім бойынша)", glossary) -> [Body, Body]

`analyse_responsible` also returns the abbreviations found nowhere and the look-alike variants,
which the component turns into plan flags.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.bodies.abbrev import GlossaryIndex, glossary_index
from pipeline.bodies.resolve import Resolution, resolve_name
from pipeline.bodies.locate import locate
from pipeline.bodies.refine import is_body, kind_of
from pipeline.bodies.split import split_cell
from pipeline.bodies.text import language_of
from schemas import Body

__all__ = ["normalize_responsible", "analyse_responsible", "Analysis", "clear_caches", "register_cache"]


@dataclass(frozen=True)
class Analysis:
    bodies: tuple[Body, ...] = ()
    unknown: tuple[str, ...] = ()  # abbreviations in neither the glossary nor the gazetteer
    variants: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (as written, as known)


@lru_cache(maxsize=65536)
def _resolve(name: str, glossary: GlossaryIndex | None, lang: str = "") -> Resolution:
    return resolve_name(name, glossary, lang_hint=lang)


@lru_cache(maxsize=32768)
def _analyse(text: str, glossary: GlossaryIndex | None) -> Analysis:
    known = lambda fragment: _resolve(fragment.strip(), glossary).known  # noqa: E731
    lang = language_of(text)
    bodies, unknown, variants = [], [], []
    cursor = 0
    for piece in split_cell(text, known):
        found = _resolve(piece.name, glossary, lang)
        if not is_body(piece.name, found.known):
            continue  # "по мере необходимости", "шығу кезінде": no body
        span = locate(text, piece.name, cursor)
        cursor = span.end if span else cursor
        bodies.append(Body(
            name=piece.name, kind=kind_of(piece.name, found.known), canonical=found.canonical,
            by_agreement=piece.by_agreement, body_id=found.body_id, role=piece.role, source=found.source, span=span,
        ))
        unknown += [u for u in found.unknown if u not in unknown]
        variants += [v for v in found.variants if v not in variants]
    return Analysis(tuple(bodies), tuple(unknown), tuple(variants))


def analyse_responsible(text: str, glossary: dict[str, str] | None = None) -> Analysis:
    """Bodies plus what could not be resolved; never raises on any string."""
    if not isinstance(text, str) or not text.strip():
        return Analysis()
    return _analyse(text, glossary_index(glossary))


def normalize_responsible(text: str, glossary: dict[str, str] | None = None) -> list[Body]:
    """The bodies named in a responsible cell, in order (fresh objects: safe to modify)."""
    return [b.model_copy() for b in analyse_responsible(text, glossary).bodies]


_REGISTERED_CACHES: list = []


def register_cache(cached):
    """Modules that import this package (the spaCy component) add their caches here, so clear_caches
    reaches them without this package importing them back (no import circle)."""
    _REGISTERED_CACHES.append(cached)
    return cached


def clear_caches() -> None:
    """Forget memoised cells and names (benchmarks measuring cold throughput; the gazetteer stays)."""
    from pipeline.bodies import abbrev, boundaries, keys, split

    for cached in (_analyse, _resolve, abbrev.is_abbrev_only, abbrev.is_abbrev_token, boundaries._word,
                   boundaries.plain_words, boundaries.has_head, split._piece_fields, keys.level_tokens, kind_of,
                   *_REGISTERED_CACHES):
        cached.cache_clear()
