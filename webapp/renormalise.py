"""The pipeline's normalisers behind catalog.Renormaliser: bodies and deadlines from corrected text."""
from __future__ import annotations

import datetime as dt

from webapp.catalog import BodyView, DeadlineView


class PipelineRenormaliser:
    def bodies(self, text: str, glossary: dict[str, str]) -> list[BodyView]:
        from pipeline.bodies import normalize_responsible

        return [BodyView(name=b.name, canonical=b.canonical, body_id=b.body_id, by_agreement=b.by_agreement,
                         role=b.role, source=b.source) for b in normalize_responsible(text, glossary or None)]

    def deadlines(self, text: str, start: dt.date | None, end: dt.date | None) -> list[DeadlineView]:
        from pipeline.deadlines import normalize_deadline
        from schemas.records import Period

        period = Period(start=start, end=end) if start or end else None
        return [DeadlineView(raw=d.raw, kind=d.kind, start=d.start, end=d.end, by=d.by, rrule=d.rrule,
                             freq=d.freq, times_per_period=d.times_per_period, event=d.event,
                             confidence=d.confidence, words_kk=d.deadline_words_kk, words_ru=d.deadline_words_ru)
                for d in normalize_deadline(text, period)]
