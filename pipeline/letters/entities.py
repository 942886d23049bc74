"""Bodies and dates a cover letter's text mentions, found by the spaCy pipeline (pipeline/nlp): the `kk` or
`ru` blank language with the gazetteer's ORG rules and the deadline grammar's DATE rules.

A letter says who must act and by when in running text ("аудандық білім бөлімдеріне … 2024 жылғы
1 наурызға дейін ұсынуды сұраймын"): the plan's cells do not carry that, the letter does.
"""
from __future__ import annotations

from functools import lru_cache

from pipeline.bodies.gazetteer import load_gazetteer
from schemas import Body, Deadline

MAX_CHARS = 8000  # a cover letter is a page or two; past this the rest is not a letter's preamble


@lru_cache(maxsize=2)
def _nlp(lang: str):
    from pipeline.nlp import make_nlp  # spaCy loads on the first letter, not at start-up

    return make_nlp(lang)


def load_pipelines(languages: tuple[str, ...] = ("kk", "ru")) -> None:
    """Build the spaCy pipelines now rather than on the first letter of each language: a long-lived
    worker (or a benchmark's warm-up) pays this once, up front (~0.25 s a language)."""
    for lang in languages:
        _nlp(lang)


def letter_entities(lines: list[str], language: str | None) -> tuple[list[Body], list[Deadline]]:
    """(bodies, deadlines) named in the lines, each once, in reading order."""
    text = "\n".join(lines)[:MAX_CHARS]
    if not text.strip():
        return [], []
    doc = _nlp("ru" if language == "ru" else "kk")(text)
    index = load_gazetteer()
    bodies: dict[str, Body] = {}
    deadlines: dict[str, Deadline] = {}
    for ent in doc.ents:
        if ent.label_ == "ORG" and ent.kb_id_ and ent.kb_id_ not in bodies:
            entry = index.entries.get(ent.kb_id_)
            bodies[ent.kb_id_] = Body(name=" ".join(ent.text.split()), body_id=ent.kb_id_, source="gazetteer",
                                      canonical=entry.canonical(language or "kk") if entry else None)
        elif ent.label_ == "DATE" and ent._.deadline is not None and ent.text not in deadlines:
            deadlines[ent.text] = ent._.deadline
    return list(bodies.values()), list(deadlines.values())

