"""The layout model: what every reader (text, DOCX, PDF) produces before any interpretation.

A document is an ordered list of blocks (paragraphs and tables). Readers never decide what a block
*means* (plan, letter, glossary); they only say what is on the page and where it came from.
"""
from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, Field

from schemas.records import BBox, Flag, Span


class Cell(BaseModel):
    """One cell at its origin position; a merged cell appears once with its spans."""

    text: str = ""
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    tables: list["Table"] = Field(default_factory=list)  # nested tables (DOCX)
    bbox: Optional[BBox] = None
    page: Optional[int] = None  # a table stitched over pages has cells on several
    span: Optional[Span] = None  # text formats: where the cell's text stands in the source
    confidence: Optional[float] = None  # OCR: mean word confidence, 0-100


class Table(BaseModel):
    kind: Literal["table"] = "table"
    index: int = 0  # ordinal of the table in the document, from 0
    n_rows: int = 0
    n_cols: int = 0
    cells: list[Cell] = Field(default_factory=list)
    pages: list[int] = Field(default_factory=list)  # 1-based pages the table spans (PDF/DOCX when known)
    line: Optional[int] = None  # first source line (text reader)
    row_lines: list[int] = Field(default_factory=list)  # source line (text), page (PDF) or sheet row of each row
    bbox: Optional[BBox] = None
    member: Optional[str] = None  # containers (.zip, .eml, .msg): the member file the table came from

    def matrix(self, fill_merged: bool = False) -> list[list[Optional[str]]]:
        """Dense grid of cell texts. Positions covered by a merged cell are None, or the merged
        cell's text when fill_merged is True."""
        grid: list[list[Optional[str]]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        n_rows, n_cols = self.n_rows, self.n_cols
        for c in self.cells:
            if c.row_span == 1 and c.col_span == 1:  # most cells: their own position only, no loops
                if c.row < n_rows and c.col < n_cols:
                    grid[c.row][c.col] = c.text
                continue
            for r in range(c.row, min(c.row + c.row_span, self.n_rows)):
                for k in range(c.col, min(c.col + c.col_span, self.n_cols)):
                    origin = r == c.row and k == c.col
                    grid[r][k] = c.text if (origin or fill_merged) else None
        return grid

    @classmethod
    def from_rows(cls, rows: list[list[str]], **kw) -> "Table":
        """A table with no merged cells, padded to its widest row."""
        n_cols = max((len(r) for r in rows), default=0)
        cells = [Cell(text=(r[k] if k < len(r) else ""), row=i, col=k) for i, r in enumerate(rows) for k in range(n_cols)]
        return cls(n_rows=len(rows), n_cols=n_cols, cells=cells, **kw)


# Paragraph styles a reader adds to name a part of the input, not text of the document: a container's member
# file name, a spreadsheet's sheet name, an e-mail's header lines. Each opens a new part.
LABEL_STYLES = frozenset({"member", "sheet", "mail_header"})


class Paragraph(BaseModel):
    """A line or paragraph of running text. An empty paragraph marks a visual break
    (a blank line, or extra vertical space in a PDF)."""

    kind: Literal["paragraph"] = "paragraph"
    text: str = ""
    list_label: Optional[str] = None  # auto-numbering rebuilt by the reader ("1.", "2)"), not part of text
    list_level: Optional[int] = None
    style: Optional[str] = None
    bold: Optional[bool] = None
    align: Optional[str] = None  # left | center | right | both
    page: Optional[int] = None
    line: Optional[int] = None  # 1-based source line (text reader)
    bbox: Optional[BBox] = None
    span: Optional[Span] = None  # text formats: character offsets in the source
    confidence: Optional[float] = None  # OCR: mean word confidence, 0-100
    member: Optional[str] = None  # containers (.zip, .eml, .msg): the member file the paragraph came from

    @property
    def is_label(self) -> bool:
        """Added by the reader to name a part (member, sheet, mail header), not text of the document."""
        return self.style in LABEL_STYLES


Block = Union[Paragraph, Table]


class LayoutDocument(BaseModel):
    media_type: str
    blocks: list[Block] = Field(default_factory=list)
    headers: list[Paragraph] = Field(default_factory=list)  # page headers, kept apart from the body
    footers: list[Paragraph] = Field(default_factory=list)
    n_pages: Optional[int] = None
    flags: list[Flag] = Field(default_factory=list)
    encoding: Optional[str] = None  # text reader: detected encoding

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


Cell.model_rebuild()
