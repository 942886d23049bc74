"""The records jospar extracts: the one vocabulary between pipeline stages and outputs.

The keys of ../shared/eval/CONTRACT.md are the minimum; extra fields are additive.
Dates are `datetime.date` and serialise as ISO `YYYY-MM-DD`.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

from schemas.flags import flag_code

Language = Literal["kk", "ru", "mixed"]
ColumnRole = Literal["number", "measure", "responsible", "form", "deadline", "indicator", "other"]
DeadlineKind = Literal["date", "range", "period", "recurring", "continuous", "event", "relative", "unspecified"]
OffsetUnit = Literal["working_days", "calendar_days", "weeks", "months"]
BodyKind = Literal["org", "post", "person", "unknown"]
Freq = Literal["yearly", "quarterly", "monthly", "weekly", "daily"]


class Record(BaseModel):
    # attribute docstrings are the fields' meanings: the data dictionary and JSON Schema are generated from them
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class Flag(Record):
    """Why something could not be read, or what looks wrong. `code` is a stable machine key."""

    code: str
    """Stable machine key, registered in schemas/flags.py, e.g. `numbering_gap`."""
    message: str
    """Explanation for people, e.g. `numbering skips 4`."""
    where: Optional[str] = None
    """Where in the document, when known; what it names depends on the code (schemas/flags.py), e.g. `page 3`."""

    @field_validator("code")
    @classmethod
    def _registered(cls, code: str) -> str:
        try:
            flag_code(code)
        except KeyError as exc:
            raise ValueError(exc.args[0]) from None
        return code


class Source(Record):
    path: str
    """Path of the file as given to the pipeline, e.g. `data/samples/000_8c8bd9275c0215dc.docx`."""
    media_type: str
    """The format detected from the bytes, e.g. `application/pdf`."""
    size: Optional[int] = None
    """Size of the file in bytes."""
    raw_path: Optional[str] = None
    """Where the exact original bytes are kept (content-addressed raw store)."""


class BBox(Record):
    """PDF points, origin top-left, on the page as displayed (after /Rotate and any turn a scan needed):
    pdfplumber's convention. Scans and images: the page image's pixels scaled to points at its dpi."""

    x0: float
    """Left edge, points from the page's left."""
    top: float
    """Top edge, points from the page's top."""
    x1: float
    """Right edge."""
    bottom: float
    """Bottom edge."""

    def union(self, other: Optional["BBox"]) -> "BBox":
        if other is None:
            return self
        return BBox(x0=min(self.x0, other.x0), top=min(self.top, other.top),
                    x1=max(self.x1, other.x1), bottom=max(self.bottom, other.bottom))


class Span(Record):
    """Character offsets [start, end) into the decoded text of a text-format source (Python str indices)."""

    start: int
    """First character (0-based, in the normalised source text)."""
    end: int
    """One past the last character."""


class Provenance(Record):
    """Where a record was read: page and box for paged formats, source line and character span for text,
    table/row for tables; `confidence` is the mean OCR word confidence (0-100) when the text was OCR'd."""

    page: Optional[int] = None
    """Page it was read on (paged formats), 1-based."""
    table: Optional[int] = None
    """Index of the layout table it was read from, 0-based."""
    row: Optional[int] = None
    """Row of that table, 0-based (header rows count)."""
    line: Optional[int] = None
    """Line of a text document where it starts, 1-based."""
    bbox: Optional[BBox] = None
    """Box on the page: PDF points, origin top-left, the page as displayed."""
    span: Optional[Span] = None
    """Character span in the source text (text formats)."""
    confidence: Optional[float] = None
    """Mean OCR word confidence, 0-100, when the text was OCR'd (lowest over the cells joined)."""
    member: Optional[str] = None
    """Containers (.zip, .eml, .msg): the member file it was read from, as "outer.zip/inner.docx"."""

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
        member = self.member or more.member
        if member is not self.member:  # an assignment costs a pydantic __setattr__: only when it changes
            self.member = member


class Period(Record):
    start: Optional[dt.date] = None
    """First day of the period the plan covers."""
    end: Optional[dt.date] = None
    """Last day of that period."""
    raw: Optional[str] = None
    """The period as written, e.g. `2023-2024 оқу жылы`."""


class Reference(Record):
    """A letter cited by number and date."""

    number: Optional[str] = None
    """Number of the letter or order, without №, e.g. `06-01-06-02-4/615`."""
    date: Optional[dt.date] = None
    """Its date."""


class Relative(Record):
    """A deadline counted from an event: "в течение пяти рабочих дней со дня подписания приказа",
    "сессия басталғанға дейін 3 жұмыс күні бұрын". `computed` is anchor_date shifted by the offset (working
    days on the `calendar` of the issuer's country) when the anchor's date is known."""

    anchor: Optional[str] = None
    """The event as written ("подписания приказа"); empty when the text names none."""
    anchor_date: Optional[dt.date] = None
    """The event's date, when the text, letter or plan gives it."""
    offset: Optional[int] = None
    """How many units from the event."""
    unit: OffsetUnit = "calendar_days"
    """`working_days`, `calendar_days`, `weeks` or `months`."""
    direction: Literal["before", "after"] = "after"
    """`before` or `after` the event."""
    calendar: Optional[Literal["KZ", "RU"]] = None
    """Whose working days count (unit `working_days`): Kazakhstan's or Russia's."""
    computed: Optional[dt.date] = None
    """The due date, when the anchor's date is known."""


class Deadline(Record):
    raw: str
    """The part of the cell this deadline was read from, e.g. `01.09.2023ж. дейін`."""
    kind: DeadlineKind = "unspecified"
    """`date`, `range`, `period`, `recurring`, `continuous`, `event`, `relative` or `unspecified`."""
    start: Optional[dt.date] = None
    """First day (ranges, periods)."""
    end: Optional[dt.date] = None
    """Last day; a single due date is here."""
    by: bool = False
    """True when the text sets a limit ("дейін", "до", "не позднее")."""
    rrule: Optional[str] = None
    """RFC 5545 recurrence rule, where exact, e.g. `FREQ=MONTHLY;BYMONTHDAY=5`."""
    freq: Optional[Freq] = None
    """`yearly`, `quarterly`, `monthly`, `weekly` or `daily`."""
    times_per_period: Optional[int] = None
    """How many times per `freq` period ("жылына 4 рет" → 4 with yearly)."""
    confidence: float = 0.0
    """0..1, how sure the normaliser is."""
    event: Optional[str] = None
    """For kind `event`: what the deadline is tied to, e.g. `оқу жылының басына`."""
    relative: Optional[Relative] = None
    """For kind `relative`: anchor event, offset, unit, direction, calendar and the computed date."""
    reason: Optional[str] = None
    """For kind `unspecified`: why it could not be read."""
    deadline_words_kk: Optional[str] = None
    """The deadline in words, in Kazakh (CLI, web app, CSV)."""
    deadline_words_ru: Optional[str] = None
    """The deadline in words, in Russian."""


class Body(Record):
    name: str
    """The body as written, spacing normalised, e.g. `ДСБ (келісім бойынша)`."""
    kind: BodyKind = "unknown"
    """`org` (a body), `post` (a staff position), `person` (surname + initials) or `unknown`."""
    canonical: Optional[str] = None
    """Expansion or canonical name (glossary or gazetteer), when known."""
    by_agreement: bool = False
    """True for "(келісім бойынша)" / "(по согласованию)"."""
    body_id: Optional[str] = None
    """Stable ID from the gazetteer or glossary."""
    role: Optional[Literal["lead", "co"]] = None
    """`lead` (first named, leads) or `co` (co-executor), when determined."""
    source: Optional[Literal["glossary", "gazetteer", "fuzzy", "none"]] = None
    """How the canonical name was found: `glossary`, `gazetteer`, `fuzzy`, `none`."""
    span: Optional[Span] = None
    """Where the body's name stands in the responsible cell's raw text."""
    page: Optional[int] = None
    """The responsible cell's page (from the measure's cells)."""
    bbox: Optional[BBox] = None
    """The responsible cell's box on that page."""

    @property
    def label(self) -> str:
        """What a person reads: the canonical name when known, else the name as written."""
        return self.canonical or self.name


class Column(Record):
    header: str
    """The column's header as written."""
    role: ColumnRole = "other"
    """`number`, `measure`, `responsible`, `form`, `deadline`, `indicator` or `other`."""
    index: int = 0
    """0-based position in the table."""


class Measure(Record):
    measure_id: str
    """Stable ID: the plan_id + `:m` + the measure's 1-based ordinal in reading order, e.g. `8c8bd9275c0215dc:p0:m3`."""
    number: Optional[str] = None
    """Its number as written, trailing dot dropped, e.g. `1.1`."""
    section: Optional[str] = None
    """The heading row or heading it falls under, as written."""
    text: str = ""
    """What is to be done."""
    responsible_raw: Optional[str] = None
    """The responsible cell as written (see `responsibles`)."""
    responsible: list[Body] = Field(default_factory=list)
    """The bodies named in the responsible cell (table `responsibles`)."""
    completion_form: Optional[str] = None
    """The form of completion (report, order, information…)."""
    deadline_raw: Optional[str] = None
    """The deadline cell as written (see `deadlines`)."""
    deadlines: list[Deadline] = Field(default_factory=list)
    """The deadlines read from the deadline cell (table `deadlines`)."""
    indicator: Optional[str] = None
    """The indicator / expected result column."""
    other: dict[str, str] = Field(default_factory=dict)
    """Cells of columns with role `other`, by header (JSON object)."""
    provenance: Provenance = Field(default_factory=Provenance)
    """Where the measure's row or item was read."""
    cells: dict[str, Provenance] = Field(default_factory=dict)
    """Where each field was read, by field name (`text`, `deadline_raw`, …; `other:<header>`): table `cells`."""
    flags: list[Flag] = Field(default_factory=list)
    """What looks wrong in this measure (table `flags`)."""


class Plan(Record):
    plan_id: str
    """Stable ID: the first 16 hex digits of the document_id + `:p` + the plan's 0-based index, e.g. `8c8bd9275c0215dc:p0`."""
    title: Optional[str] = None
    """The line(s) naming the plan, as written."""
    kind: Literal["table", "list"] = "table"
    """`table` (a table of measures) or `list` (numbered items in prose)."""
    heading: list[str] = Field(default_factory=list)
    """Every line between the previous block and the plan (JSON list)."""
    approved_by: Optional[str] = None
    """Who approved it (the "Бекітемін" / "Утверждаю" block)."""
    approved_on: Optional[dt.date] = None
    """Date of approval."""
    based_on: Optional[Reference] = None
    """The letter or order the plan is based on"""
    parent_plan_id: Optional[str] = None
    """The plan this one is derived from (school plan → district plan), when linked in the same document."""
    period: Optional[Period] = None
    """The period the plan covers"""
    columns: list[Column] = Field(default_factory=list)
    """The table's columns: header as written, role, 0-based index (JSON list)."""
    glossary: dict[str, str] = Field(default_factory=dict)
    """Abbreviation → expansion, from the plan's list of abbreviations (JSON object)."""
    sections: list[str] = Field(default_factory=list)
    """Section headings in order (JSON list)."""
    signatories: list[str] = Field(default_factory=list)
    """Names signing under the plan (JSON list)."""
    measures: list[Measure] = Field(default_factory=list)
    """The plan's measures (table `measures`)."""
    flags: list[Flag] = Field(default_factory=list)
    """What looks wrong in this plan (table `flags`)."""


class Letter(Record):
    issuer: Optional[str] = None
    """Who sent it, as printed (first language)."""
    issuer_alt: Optional[str] = None
    """The issuer in the other language, when both are printed."""
    number: Optional[str] = None
    """Outgoing number without the № sign, e.g. `06-04-01/253`."""
    date: Optional[dt.date] = None
    """Outgoing date."""
    addressee: Optional[str] = None
    """To whom the letter is addressed."""
    references: list[Reference] = Field(default_factory=list)
    """Letters it cites: JSON list of {number, date}."""
    attachment_pages: Optional[int] = None
    """Pages of attachments it announces."""
    signatory: Optional[str] = None
    """Who signed it."""
    executor: Optional[str] = None
    """The executor line (Орынд./Исп.)."""
    emails: list[str] = Field(default_factory=list)
    """E-mail addresses (JSON list)."""
    phones: list[str] = Field(default_factory=list)
    """Phone numbers (JSON list)."""
    subject: Optional[str] = None
    """The letter's subject line ("О …" / "… туралы")."""
    mentions: list[Body] = Field(default_factory=list)
    """Bodies the letter's text names (spaCy's ORG rules over the gazetteer): JSON list."""
    deadlines: list[Deadline] = Field(default_factory=list)
    """Dates the letter's text names (its own date, letters it cites, dates it sets): JSON list."""


class Meeting(Record):
    kind: str = "protocol"
    """What the record is: `protocol` (minutes of a meeting)."""
    number: Optional[str] = None
    """The protocol's number."""
    date: Optional[dt.date] = None
    """Date of the meeting."""
    place: Optional[str] = None
    """Where it was held."""
    agenda: list[str] = Field(default_factory=list)
    """Items of the agenda (JSON list)."""


class Received(Record):
    """How a document reached us (mailbox, watched folder, command line)."""

    channel: Literal["imap", "folder", "cli"] = "cli"
    """How it arrived: `imap`, `folder` or `cli`."""
    message_id: Optional[str] = None
    """The e-mail's Message-ID header."""
    folder: Optional[str] = None
    """IMAP folder, or the watched directory."""
    uidvalidity: Optional[int] = None
    """IMAP UIDVALIDITY of the folder."""
    uid: Optional[int] = None
    """IMAP UID of the message in that folder."""
    sender: Optional[str] = None
    """The e-mail's From."""
    subject: Optional[str] = None
    """The e-mail's Subject."""
    received_at: Optional[dt.datetime] = None
    """When it was received (UTC; a time without zone is taken as UTC)."""
    filename: Optional[str] = None
    """The attachment's (or dropped file's) name as sent."""


class Document(Record):
    document_id: str
    """sha256 hex digest of the file's bytes."""
    source: Source
    """The file read."""
    language: Optional[Language] = None
    """`kk`, `ru` or `mixed`; empty when undetermined."""
    letters: list[Letter] = Field(default_factory=list)
    """Cover letters' requisites (table `letters`)."""
    plans: list[Plan] = Field(default_factory=list)
    """Plans of measures found (table `plans`)."""
    meetings: list[Meeting] = Field(default_factory=list)
    """Protocols of meetings (table `meetings`)."""
    flags: list[Flag] = Field(default_factory=list)
    """What could not be read or looks wrong in the document (table `flags`)."""
    received: Optional[Received] = None
    """How the document arrived"""
    pipeline_version: Optional[str] = None
    """Fingerprint of the extraction code and data files that produced the record."""
    n_pages: Optional[int] = None
    """Pages (PDF, or as rendered), when known."""


class PlanLink(Record):
    """A plan derived from a plan stored from another document (lineage across the store)."""

    derived_plan_id: str
    """The derived plan."""
    parent_plan_id: str
    """The plan it was derived from."""
    derived_document_id: str
    """The derived plan's document."""
    parent_document_id: str
    """The parent plan's document."""
    evidence: Optional[str] = None
    """Why they are linked: `letter` (cites the letter that carried the parent), `near_letter` (cites it with a
    slip in the number), `ancestor_letter`, `content` (shares the measures)."""
    similarity: float = 0.0
    """0..1, how much of the derived plan's measures match the parent's."""
    flags: list[Flag] = Field(default_factory=list)
    """What looks wrong about the link (e.g. `reference_mismatch`): JSON list."""


class InputPath(Record):
    """One input path of `jospar extract --out`: every path given or found is accounted for, duplicates and
    refused paths included, even where several paths share one document."""

    path: str
    """The path as given or found; bytes that are not UTF-8 shown as `\\xNN`."""
    document_id: str
    """Its document (for a path that was not read: the sha256 of the path)."""
    outcome: Literal["read", "refused", "duplicate"]
    """`read`; `refused` (nothing could be read: see `flag_codes`); `duplicate` (the same bytes as
    `duplicate_of`, whose document holds the rows)."""
    duplicate_of: Optional[str] = None
    """The earlier input path with the same bytes."""
    flag_codes: Optional[str] = None
    """The document's flag codes, comma-separated."""
    size: Optional[int] = None
    """Bytes (empty when the path was not read)."""
    extracted_at: Optional[dt.datetime] = None
    """When this path's row was committed."""
