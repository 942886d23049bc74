"""Document language: kk, ru or mixed, from letters only Kazakh uses and words only Russian uses."""
from __future__ import annotations

import re

from pipeline.components import Context
from schemas import Document

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
RUSSIAN_WORDS = re.compile(r"\b(и|в|во|на|по|для|от|с|не|года?|или|что|об|при|согласно|мероприяти\w*|ответственн\w*)\b", re.IGNORECASE)
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
MIXED_SHARE = 0.3


def detect_language(lines: list[str]) -> str | None:
    kk = ru = 0
    for line in lines:
        if not CYRILLIC.search(line):
            continue
        if any(c in KAZAKH_LETTERS for c in line):
            kk += 1
        elif RUSSIAN_WORDS.search(line) or len(line.split()) <= 6:
            ru += 1
    total = kk + ru
    if not total:
        return None
    if min(kk, ru) / total >= MIXED_SHARE:
        return "mixed"
    return "kk" if kk > ru else "ru"


def component(doc: Document, ctx: Context) -> Document:
    lines = [line for region in ctx.regions for line in region.lines]
    if not lines:
        lines = [m.text for p in doc.plans for m in p.measures]
    doc.language = detect_language(lines)
    return doc
