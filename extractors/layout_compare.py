"""How faithfully one layout reproduces another: used to check that the DOCX/PDF renderings of a
text read back into the same paragraphs and cells (data/make_samples.py, tests/readers)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from schemas.layout import LayoutDocument, Paragraph, Table

LABEL = re.compile(r"^\s*\d{1,2}[.)](?!\d)\s*")


def norm(text: Optional[str]) -> str:
    text = unicodedata.normalize("NFC", text or "").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip().casefold()


def body_text(layout: LayoutDocument) -> str:
    """All non-empty paragraph texts, list labels dropped (they are renumbered by Word)."""
    parts = [LABEL.sub("", p.text) for p in layout.blocks if isinstance(p, Paragraph) and p.text.strip()]
    return norm(" ".join(parts))


def table_cells(table: Table) -> list[list[str]]:
    return [[norm(t) for t in row] for row in table.matrix()]


@dataclass
class Comparison:
    paragraphs_found: int = 0
    paragraphs_total: int = 0
    cells_equal: int = 0
    cells_total: int = 0
    tables_source: int = 0
    tables_read: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def paragraph_ratio(self) -> float:
        return self.paragraphs_found / self.paragraphs_total if self.paragraphs_total else 1.0

    @property
    def cell_ratio(self) -> float:
        return self.cells_equal / self.cells_total if self.cells_total else 1.0

    def summary(self) -> str:
        return (f"paragraphs {self.paragraphs_found}/{self.paragraphs_total}, cells {self.cells_equal}/{self.cells_total}, "
                f"tables {self.tables_read}/{self.tables_source}")


def compare(source: LayoutDocument, read: LayoutDocument) -> Comparison:
    out = Comparison()
    read_text = body_text(read)
    for p in source.blocks:
        if isinstance(p, Paragraph) and p.text.strip():
            out.paragraphs_total += 1
            if norm(LABEL.sub("", p.text)) in read_text:
                out.paragraphs_found += 1
            else:
                out.misses.append(f"paragraph: {p.text[:80]}")
    src_tables, read_tables = source.tables(), read.tables()
    out.tables_source, out.tables_read = len(src_tables), len(read_tables)
    for k, st in enumerate(src_tables):
        want = table_cells(st)
        got = table_cells(read_tables[k]) if k < len(read_tables) else []
        for r, row in enumerate(want):
            for c, text in enumerate(row):
                out.cells_total += 1
                have = got[r][c] if r < len(got) and c < len(got[r]) else None
                if have == text:
                    out.cells_equal += 1
                elif len(out.misses) < 30:
                    out.misses.append(f"table {k} cell ({r},{c}): want {text[:50]!r} got {(have or '')[:50]!r}")
    return out
