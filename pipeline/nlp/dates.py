"""`jospar_dates`: DATE entities from the deadline grammar.

Candidate spans come from our own day/month/year patterns in both languages; a candidate is kept
when `pipeline.deadlines.normalize_deadline` reads it as a dated Deadline (a start or an end).
The Deadline is kept on the entity as `span._.deadline`; a limit word next to the date ("до",
"не позднее", "дейін", "бастап") is read with it but stays outside the span.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from lang.months import LOOSE_MONTH

_MONTH = rf"(?:{LOOSE_MONTH})[а-яәғқңөұүһі]*"
_YEAR_WORD = r"(?:\s*(?:ж\.|жыл(?:ғы|ы|дың)?|г\.|года?|году)(?![\w]))?"
_DAY = r"«?(?:0?[1-9]|[12]\d|3[01])»?(?:-?(?:ші|шы|інші|ыншы|сі|сы|і|ы|го|е))?"

_DATES = [
    rf"\b\d{{1,2}}\.\d{{1,2}}\.(?:\d{{4}}|\d{{2}})(?!\d)(?:\s?ж\.|\s?г\.|\s?жыл\w*|\s?года?)?",  # 16.02.2022, 25.07.11 ж.
    rf"\b\d{{4}}\s*(?:ж\.|жылғы|жылдың|жыл)\s+{_DAY}\s+{_MONTH}",  # 2022 жылғы 9 ақпандағы
    rf"(?<!\d){_DAY}\s+{_MONTH}\s+\d{{4}}{_YEAR_WORD}",  # 9 ақпан 2022 ж., 9 февраля 2022 г.
]
DATE_PATTERN = re.compile("|".join(f"(?:{p})" for p in _DATES), re.I)
_LIMIT_BEFORE = re.compile(r"(?:\b(?:до|не позднее|не позже|с|со|по)\s+)$", re.I)
_LIMIT_AFTER = re.compile(r"^\s*(?:дейін|дейінгі|бастап|аралығында|кешіктірмей)", re.I)

if not Span.has_extension("deadline"):
    Span.set_extension("deadline", default=None)


def date_candidates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text read with its limit word) for every day/month/year phrase."""
    out = []
    for m in DATE_PATTERN.finditer(text):
        start, end = m.span()
        before = _LIMIT_BEFORE.search(text[max(0, start - 16):start])
        after = _LIMIT_AFTER.match(text[end:end + 16])
        read_from = start - len(before.group(0)) if before else start
        read_to = end + after.end() if after else end
        out.append((start, end, text[read_from:read_to]))
    return out


class DateRuler:
    def __call__(self, doc: Doc) -> Doc:
        from pipeline.deadlines import normalize_deadline  # lazy: the grammar loads on first use

        spans = []
        for start, end, reading in date_candidates(doc.text):
            dated = [d for d in normalize_deadline(reading) if d.start or d.end]
            span = doc.char_span(start, end, label="DATE", alignment_mode="expand")
            if dated and span is not None:
                span._.deadline = dated[0]
                spans.append(span)
        kept = filter_spans(spans)
        others = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in kept)]
        doc.ents = sorted(others + kept, key=lambda s: s.start)
        for span in kept:  # doc.ents makes new Span objects; the extension is keyed by offsets
            for ent in doc.ents:
                if ent.start == span.start and ent.end == span.end:
                    ent._.deadline = span._.deadline
        return doc


@Language.factory("jospar_dates")
def make_date_ruler(nlp: Language, name: str) -> DateRuler:
    return DateRuler()
