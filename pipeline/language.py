"""Document language: kk, ru or mixed (lang.script decides from letters and frequent words)."""
from __future__ import annotations

from lang.script import detect_language
from pipeline.components import Context
from schemas import Document

__all__ = ["component", "detect_language"]


def component(doc: Document, ctx: Context) -> Document:
    lines = [line for region in ctx.regions for line in region.lines]
    if not lines:
        lines = [m.text for p in doc.plans for m in p.measures]
    doc.language = detect_language(lines)
    return doc
