"""Typed pydantic models shared by every stage of jospar."""
from schemas.records import (  # noqa: F401
    Body, Column, Deadline, Document, Flag, Language, Letter, Measure, Meeting, Period, Plan,
    PlanLink, Provenance, Received, Reference, Source, Span,
)
from schemas.records import BBox  # noqa: F401
from schemas.layout import Block, Cell, LayoutDocument, Paragraph, Table  # noqa: F401
