"""spaCy layer: a registered Kazakh language (`spacy.blank("kk")` works after this import) and
rule components that find bodies (ORG, from the gazetteer) and dates (DATE, from the deadline
grammar) in free text: cover letters, meeting protocols.

    nlp = make_nlp("kk")            # or "ru"
    doc = nlp(text); [(e.text, e.label_, e.kb_id_) for e in doc.ents]
"""
from __future__ import annotations

import spacy
from spacy.language import Language

from pipeline.nlp import dates as _dates  # noqa: F401  registers the jospar_dates factory
from pipeline.nlp import orgs as _orgs  # noqa: F401  registers the jospar_orgs factory
from pipeline.nlp.kazakh import Kazakh

__all__ = ["Kazakh", "make_nlp"]


def make_nlp(lang: str, glossary: dict[str, str] | None = None) -> Language:
    """A blank kk or ru pipeline with the ORG and DATE rule components (no model downloads)."""
    if lang not in ("kk", "ru"):
        raise ValueError(f"unsupported language {lang!r}: expected 'kk' or 'ru'")
    nlp = spacy.blank(lang)
    nlp.add_pipe("jospar_orgs", config={"glossary": dict(glossary) if glossary else None})
    nlp.add_pipe("jospar_dates")
    return nlp
