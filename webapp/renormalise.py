"""The pipeline's normalisers behind catalog.Renormaliser: bodies and deadlines from corrected text."""
from __future__ import annotations

import datetime as dt

from schemas.records import Body, Deadline


class PipelineRenormaliser:
    def bodies(self, text: str, glossary: dict[str, str]) -> list[Body]:
        from pipeline.bodies import normalize_responsible

        return normalize_responsible(text, glossary or None)

    def deadlines(self, text: str, start: dt.date | None, end: dt.date | None) -> list[Deadline]:
        from pipeline.deadlines import normalize_deadline
        from schemas.records import Period

        period = Period(start=start, end=end) if start or end else None
        return normalize_deadline(text, period)
