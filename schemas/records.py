"""The records jospar extracts: the one vocabulary between pipeline stages and outputs.

The keys of ../shared/eval/CONTRACT.md are the minimum; extra fields are additive.
Dates are `datetime.date` and serialise as ISO `YYYY-MM-DD`.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Language = Literal["kk", "ru", "mixed"]
ColumnRole = Literal["number", "measure", "responsible", "form", "deadline", "indicator", "other"]
DeadlineKind = Literal["date", "range", "period", "recurring", "continuous", "event", "unspecified"]
Freq = Literal["yearly", "quarterly", "monthly", "weekly", "daily"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Flag(Record):
    """Why something could not be read, or what looks wrong. `code` is a stable machine key."""

    code: str
    message: str
    where: Optional[str] = None


class Source(Record):
    path: str
    media_type: str
    size: Optional[int] = None
    raw_path: Optional[str] = None  # where the original bytes are kept (content-addressed store)


class BBox(Record):
    """PDF points, origin top-left, on the page as displayed (after /Rotate and any turn a scan needed):
    pdfplumber's convention. Scans and images: the page image's pixels scaled to points at its dpi."""

    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: Optional["BBox"]) -> "BBox":
        if other is None:
            return self
        return BBox(x0=min(self.x0, other.x0), top=min(self.top, other.top),
                    x1=max(self.x1, other.x1), bottom=max(self.bottom, other.bottom))


class Span(Record):
    """Character offsets [start, end) into the decoded text of a text-format source (Python str indices)."""

    start: int
    end: int


class Provenance(Record):
    """Where a record was read: page and box for paged formats, source line and character span for text,
    table/row for tables; `confidence` is the mean OCR word confidence (0-100) when the text was OCR'd."""

    page: Optional[int] = None
    table: Optional[int] = None
    row: Optional[int] = None
    line: Optional[int] = None
    bbox: Optional[BBox] = None
    span: Optional[Span] = None
    confidence: Optional[float] = None
    member: Optional[str] = None  # containers (.zip, .eml, .msg): the member file, as "outer.zip/inner.docx"

    def extend(self, more: "Provenance") -> None:
        """Take in a continuation (a wrapped line, the rest of a row): boxes on the same page are joined,
        spans run to the later end, confidence is the lowest."""
        if more.bbox is not None and (self.bbox is None or self.page in (None, more.page)):
            self.bbox = more.bbox.union(self.bbox)
            self.page = self.page if self.page is not None else more.page
        if more.span is not None:
            self.span = more.span if self.span is None else Span(
                start=min(self.span.start, more.span.start), end=max(self.span.end, more.span.end))
        if more.confidence is not None:
            self.confidence = more.confidence if self.confidence is None else min(self.confidence, more.confidence)
        self.member = self.member or more.member


class Period(Record):
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    raw: Optional[str] = None


class Reference(Record):
    """A letter cited by number and date."""

    number: Optional[str] = None
    date: Optional[dt.date] = None


class Deadline(Record):
    raw: str
    kind: DeadlineKind = "unspecified"
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    by: bool = False
    rrule: Optional[str] = None
    freq: Optional[Freq] = None
    times_per_period: Optional[int] = None
    confidence: float = 0.0
    event: Optional[str] = None  # for kind=event: what it is tied to


class Body(Record):
    name: str
    canonical: Optional[str] = None
    by_agreement: bool = False
    body_id: Optional[str] = None  # stable ID from the gazetteer or glossary
    role: Optional[Literal["lead", "co"]] = None
    source: Optional[Literal["glossary", "gazetteer", "fuzzy", "none"]] = None
    span: Optional[Span] = None  # where the body's name stands in the responsible cell's raw text
    page: Optional[int] = None  # the responsible cell's page and box (filled from the measure's cells)
    bbox: Optional[BBox] = None


class Column(Record):
    header: str
    role: ColumnRole = "other"
    index: int = 0


class Measure(Record):
    measure_id: str
    number: Optional[str] = None
    section: Optional[str] = None
    text: str = ""
    responsible_raw: Optional[str] = None
    responsible: list[Body] = Field(default_factory=list)
    completion_form: Optional[str] = None
    deadline_raw: Optional[str] = None
    deadlines: list[Deadline] = Field(default_factory=list)
    indicator: Optional[str] = None
    other: dict[str, str] = Field(default_factory=dict)  # cells of columns with role "other", by header
    provenance: Provenance = Field(default_factory=Provenance)
    # where each field was read, by field name ("text", "deadline_raw", …; "other:<header>" for other columns)
    cells: dict[str, Provenance] = Field(default_factory=dict)
    flags: list[Flag] = Field(default_factory=list)


class Plan(Record):
    plan_id: str
    title: Optional[str] = None
    kind: Literal["table", "list"] = "table"
    heading: list[str] = Field(default_factory=list)  # every line between the previous block and the plan
    approved_by: Optional[str] = None
    approved_on: Optional[dt.date] = None
    based_on: Optional[Reference] = None
    parent_plan_id: Optional[str] = None
    period: Optional[Period] = None
    columns: list[Column] = Field(default_factory=list)
    glossary: dict[str, str] = Field(default_factory=dict)
    sections: list[str] = Field(default_factory=list)
    signatories: list[str] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)


class Letter(Record):
    issuer: Optional[str] = None
    issuer_alt: Optional[str] = None  # the issuer in the other language, when both are printed
    number: Optional[str] = None
    date: Optional[dt.date] = None
    addressee: Optional[str] = None
    references: list[Reference] = Field(default_factory=list)
    attachment_pages: Optional[int] = None
    signatory: Optional[str] = None
    executor: Optional[str] = None
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    subject: Optional[str] = None


class Meeting(Record):
    kind: str = "protocol"
    number: Optional[str] = None
    date: Optional[dt.date] = None
    place: Optional[str] = None
    agenda: list[str] = Field(default_factory=list)


class Received(Record):
    """How a document reached us (mailbox, watched folder, command line)."""

    channel: Literal["imap", "folder", "cli"] = "cli"
    message_id: Optional[str] = None
    folder: Optional[str] = None  # IMAP folder, or the watched directory
    uidvalidity: Optional[int] = None
    uid: Optional[int] = None
    sender: Optional[str] = None
    subject: Optional[str] = None
    received_at: Optional[dt.datetime] = None
    filename: Optional[str] = None


class Document(Record):
    document_id: str
    source: Source
    language: Optional[Language] = None
    letters: list[Letter] = Field(default_factory=list)
    plans: list[Plan] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    received: Optional[Received] = None
    pipeline_version: Optional[str] = None
    n_pages: Optional[int] = None
