"""Typed pydantic models shared by every stage of jospar."""
from schemas.records import (  # noqa: F401
    Body, Column, Deadline, Document, Flag, Language, Letter, Measure, Meeting, Period, Plan,
    Provenance, Received, Reference, Source,
)
from schemas.layout import BBox, Block, Cell, LayoutDocument, Paragraph, Table  # noqa: F401
