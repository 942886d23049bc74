"""Plain-text reader: the forms letters take when copied out of Word or a mail body.

Table forms recognised:
- tab-separated rows: one row per line, cells split by tabs (blank lines between rows allowed);
- one cell per line: every cell starts with a line that begins with a single tab, lines without a
  leading tab continue the cell above; rows are rebuilt from the header width;
- pipe-separated, Markdown, box-drawing and grid tables (extractors.text_pipe);
- fixed-width columns as `pdftotext -layout` prints them (extractors.text_fixed).
Everything else becomes paragraphs (one per line, a blank line an empty paragraph).

Every paragraph and cell carries its character span in `source_text(data)`: the decoded text after
normalisation (NFC, LF line ends, soft hyphens and BOM dropped), which is what a viewer highlights.
"""
from __future__ import annotations

import re
import unicodedata

from extractors.encoding import decode_text
from extractors.assemble import settle_hyphens
from extractors.text_fixed import FixedTable, fixed_tables, join_wrapped, wrap_width
from extractors.text_pipe import pipe_table_at
from schemas import Flag, LayoutDocument, Paragraph, Span, Table

# a bare row number: "1", "1.", "3.4.", "  1.2" (not a year: at most two digits per part)
ROW_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s*$")
# a cell opening with a number: a row number, or a numbered section heading ("1. Ұйымдастыру жұмысы")
NUMBERED = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?(?:\s|$)")
PIPE_LINE = re.compile(r"[|│┃¦]|^\s*[-+─┌├]{3,}")  # a pipe row or a rule line of a grid table


def read_text(data: bytes) -> LayoutDocument:
    text, encoding, flags = decode_text(data)
    doc = LayoutDocument(media_type="text/plain", encoding=encoding, flags=flags)
    if not text.strip():
        doc.flags.append(Flag(code="empty", message="the file holds no text"))
        return doc
    lines = clean_lines(text)
    starts = line_starts(lines)
    skip = {i for i, line in enumerate(lines) if "\t" in line or PIPE_LINE.search(line)}
    fixed = {t.first: t for t in fixed_tables(lines, starts, skip)}
    doc.blocks = list(_blocks(lines, starts, fixed))
    for block in doc.blocks:
        if isinstance(block, Paragraph) and block.text and block.line:
            block.span = _span_in_line(lines, starts, block.line - 1, block.text)
    width = wrap_width([lines[b.line - 1] for b in doc.blocks if isinstance(b, Paragraph) and b.text and b.line])
    if width:
        doc.blocks = join_wrapped(doc.blocks, lines, starts, width)
    if fixed or width:
        settle_hyphens(doc)  # line-end hyphens inside fixed-width cells and wrapped paragraphs
    for i, table in enumerate(doc.tables()):
        table.index = i
        if not any(c.span for c in table.cells):  # pipe and fixed-width tables carry their spans already
            _cell_spans(table, lines, starts)
    return doc


def source_text(data: bytes) -> str:
    """The normalised text that spans index into."""
    return "\n".join(clean_lines(decode_text(data)[0]))


def line_starts(lines: list[str]) -> list[int]:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return starts


def _span_in_line(lines: list[str], starts: list[int], i: int, text: str, after: int = 0) -> Span | None:
    """Where `text` (stripped) stands in line i, searching from column `after`."""
    k = lines[i].find(text, after) if text else -1
    return Span(start=starts[i] + k, end=starts[i] + k + len(text)) if k >= 0 else None


def _cell_spans(table: Table, lines: list[str], starts: list[int]) -> None:
    """Each cell's span: found in its row's source line(s), left to right (a multi-line cell from its
    first line to the end of its last)."""
    by_row: dict[int, list] = {}
    for cell in table.cells:
        by_row.setdefault(cell.row, []).append(cell)
    for r, cells in by_row.items():
        if r >= len(table.row_lines):
            continue
        i, col = table.row_lines[r] - 1, 0
        for cell in sorted(cells, key=lambda c: c.col):
            parts = cell.text.split("\n")
            first = _find_from(lines, starts, i, parts[0].strip(), col)
            if first is None:
                continue
            i, col = first
            last = _find_from(lines, starts, i, parts[-1].strip(), col) if len(parts) > 1 else (i, col)
            end_i, end_col = last or (i, col)
            end = starts[end_i] + end_col + len(parts[-1].strip())
            cell.span = Span(start=starts[i] + col, end=end)
            i, col = end_i, end_col + len(parts[-1].strip())


def _find_from(lines: list[str], starts: list[int], i: int, text: str, col: int) -> tuple[int, int] | None:
    """(line, column) of text at or after (i, col), looking a few lines ahead (one-cell-per-line form)."""
    for j in range(i, min(i + 40, len(lines))):
        k = lines[j].find(text, col if j == i else 0)
        if k >= 0 and text:
            return j, k
    return None


def clean_lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    # trailing tabs are empty cells: strip spaces only
    return [line.rstrip(" \f\v") for line in text.split("\n")]


def is_row_line(line: str) -> bool:
    """A tab-separated row: at least two cells."""
    body = line[1:] if line.startswith("\t") else line
    return "\t" in body or (not line.startswith("\t") and "\t" in line)


def is_cell_line(line: str) -> bool:
    """A line opening a cell in the one-cell-per-line form."""
    return line.startswith("\t") and "\t" not in line[1:]


def _blocks(lines: list[str], starts: list[int], fixed: dict[int, FixedTable]):
    i, n = 0, len(lines)
    blank_pending = False
    while i < n:
        line = lines[i]
        if i in fixed:
            if blank_pending:
                yield Paragraph(text="", line=i)
            yield fixed[i].table
            i, blank_pending = fixed[i].last + 1, False
            continue
        if not line.strip() and not line.startswith("\t"):
            blank_pending = True
            i += 1
            continue
        table, end = pipe_table_at(lines, starts, i) if PIPE_LINE.search(line) else (None, i)
        if table is not None:
            yield table
            i, blank_pending = end, False
            continue
        end = _tab_rows_end(lines, i) if is_row_line(line) else i
        if end - i >= 2:
            yield _tab_table(lines, i, end)
            i, blank_pending = end, False
            continue
        if is_cell_line(line):
            table, end = _cell_table(lines, i)
            if table is not None:
                yield table
                i, blank_pending = end, False
                continue
        if blank_pending:
            yield Paragraph(text="", line=i)
            blank_pending = False
        if line.strip():
            yield Paragraph(text=line.strip(), line=i + 1)
        i += 1


def _tab_rows_end(lines: list[str], start: int) -> int:
    """Index after the last row line of a run of tab-separated rows (blank lines in between allowed)."""
    i, last = start, start
    while i < len(lines):
        if is_row_line(lines[i]):
            last = i
        elif lines[i].strip():
            break
        i += 1
    rows = sum(1 for k in range(start, last + 1) if is_row_line(lines[k]))
    return last + 1 if rows >= 2 else start


def _tab_table(lines: list[str], start: int, end: int) -> Table:
    rows, row_lines = [], []
    for k in range(start, end):
        if is_row_line(lines[k]):
            rows.append([c.strip() for c in lines[k].split("\t")])
            row_lines.append(k + 1)
    width = len(rows[0])
    fitted = [_fit(r, width) for r in rows]
    return Table.from_rows(fitted, line=start + 1, row_lines=row_lines)


def _fit(row: list[str], width: int) -> list[str]:
    """Pad short rows; fold surplus cells (stray tabs inside text) into the last column."""
    if len(row) <= width:
        return row + [""] * (width - len(row))
    while len(row) > width and row[-1] == "":
        row = row[:-1]
    if len(row) > width:
        row = row[: width - 1] + [" ".join(c for c in row[width - 1:] if c)]
    return row


def _cells(lines: list[str], start: int) -> tuple[list[tuple[str, int]], int]:
    """Cells (text, line) of a one-cell-per-line run, and the index where the run ends.
    Two or more blank lines followed by a line without a leading tab end the run."""
    cells: list[list] = []
    i, blanks = start, 0
    while i < len(lines):
        line = lines[i]
        if is_cell_line(line):
            cells.append([[line[1:].strip()], i + 1])
            blanks = 0
        elif not line.strip():
            blanks += 1
        elif "\t" in line or blanks >= 2:
            break
        else:
            cells[-1][0].append(line.strip())
            blanks = 0
        i += 1
    while i > start and not lines[i - 1].strip():
        i -= 1
    return [("\n".join(t for t in parts if t).strip(), ln) for parts, ln in cells], i


def _cell_table(lines: list[str], start: int) -> tuple[Table | None, int]:
    cells, end = _cells(lines, start)
    width = next((k for k, (t, _) in enumerate(cells) if NUMBERED.match(t)), 0)
    if width < 2 or len(cells) < 2 * width:
        return None, start
    rows, row_lines = [[t for t, _ in cells[:width]]], [cells[0][1]]
    k = width
    while k < len(cells):
        row, k0 = [cells[k][0]], k
        k += 1
        if ROW_NUMBER.match(row[0]):
            while len(row) < width and k < len(cells) and not ROW_NUMBER.match(cells[k][0]):
                row.append(cells[k][0])
                k += 1
        rows.append(row + [""] * (width - len(row)))
        row_lines.append(cells[k0][1])
    return Table.from_rows(rows, line=start + 1, row_lines=row_lines), end
