"""Spreadsheets (.xlsx, .xls, .ods) -> LayoutDocument with python-calamine.

Why calamine: one Rust reader for all three formats (openpyxl reads only .xlsx, xlrd only .xls, odfpy
is slow), several times faster than openpyxl on the same file (benchmarks/spreadsheets.py), and it
reports merged ranges (for .xlsx and .xls), which become cell spans.

Each visible sheet becomes: a paragraph with the sheet's name, the rows above its grid that hold a
single text (titles, "Бекітемін", a date) as paragraphs, one Table per block of rows (two or more
empty rows apart) with merged cells as spans, and the single-text rows under it (signatures) as
paragraphs. Provenance: a cell's `page` is the sheet's ordinal (1-based) and `row_lines` the sheet's
row numbers as Excel shows them. Numbers print as written (1, not 1.0), dates as DD.MM.YYYY, times as HH:MM.
Only the first MAX_SHEET_CELLS positions of a sheet are read (`sheet_truncated`).
"""
from __future__ import annotations

import datetime as dt
import io
from typing import Optional
from schemas.layout import Cell, LayoutDocument, Paragraph, Table
from schemas.records import Flag

MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
MAX_SHEET_CELLS = 500_000  # grid positions read per sheet (a plan has a few thousand)
MAX_SHEETS = 50
BLOCK_GAP_ROWS = 1  # an empty row ends a table (a signature or note below is not a row of it)

Grid = list[list[str]]
Merge = tuple[tuple[int, int], tuple[int, int]]


def cell_text(value) -> str:
    """A cell value as the sheet displays it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y") if value.time() == dt.time() else value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.timedelta):  # a duration or a time of day stored as one
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return "\n".join(line.strip() for line in str(value).replace("\r\n", "\n").split("\n")).strip()


def read_spreadsheet(data: bytes, kind: str) -> LayoutDocument:
    """Never raises on bad bytes: a corrupt or encrypted workbook gives a flag."""
    import python_calamine as calamine  # noqa: PLC0415 (imported only when a spreadsheet arrives)

    layout = LayoutDocument(media_type=MEDIA_TYPES.get(kind, MEDIA_TYPES["xlsx"]))
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        code = "encrypted" if "encrypt" in str(exc).lower() or "password" in str(exc).lower() else "corrupt"
        layout.flags.append(Flag(code=code, message=f"the {kind} workbook could not be opened: {exc}"))
        return layout
    ods_merges = _ods_merges(data) if kind == "ods" else {}
    visible = [m.name for m in book.sheets_metadata if "Visible" in str(m.visible) and "Hidden" not in str(m.visible)]
    for number, name in enumerate(book.sheet_names[:MAX_SHEETS], start=1):
        if name not in visible:
            continue
        try:
            sheet = book.get_sheet_by_name(name)
            _add_sheet(layout, sheet, name, number, ods_merges.get(name))
        except Exception as exc:  # one damaged sheet must not lose the others
            layout.flags.append(Flag(code="page_failed", message=f"{type(exc).__name__}: {exc}", where=f"sheet {name}"))
    if len(book.sheet_names) > MAX_SHEETS:
        layout.flags.append(Flag(code="too_many_pages", message=f"{len(book.sheet_names)} sheets; only the first {MAX_SHEETS} were read"))
    for index, table in enumerate(layout.tables()):
        table.index = index
    layout.n_pages = len(book.sheet_names)
    return layout


def _add_sheet(layout: LayoutDocument, sheet, name: str, number: int, merges: Optional[list[Merge]] = None) -> None:
    if sheet.height * max(sheet.width, 1) > MAX_SHEET_CELLS:
        rows_kept = MAX_SHEET_CELLS // max(sheet.width, 1)
        layout.flags.append(Flag(code="sheet_truncated", where=f"sheet {name}",
                                 message=f"{sheet.height} rows x {sheet.width} columns; only the first {rows_kept} rows were read"))
        raw = sheet.to_python(skip_empty_area=False, nrows=rows_kept)
    else:
        raw = sheet.to_python(skip_empty_area=False)
    grid = [[cell_text(v) for v in row] for row in raw]
    if merges is None:
        merges = list(getattr(sheet, "merged_cell_ranges", None) or [])
    blocks = sheet_blocks(grid, merges, number)
    if not blocks:
        return
    layout.blocks.append(Paragraph(text=name, style="sheet", page=number))
    layout.blocks.extend(blocks)


# ---------------------------------------------------------------------- ODS merged cells
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
MAX_REPEAT = 10_000  # repeated empty rows/columns pad sheets to their full size: no merge lies past them


def _ods_merges(data: bytes) -> dict[str, list[Merge]]:
    """Merged ranges per sheet from an ODS's content.xml (calamine does not report them for ODS):
    cells carrying table:number-columns-spanned / number-rows-spanned, positions counted with the
    repeat attributes. Parsed with defusedxml (no entities); any problem gives no merges."""
    import zipfile

    from defusedxml.ElementTree import iterparse

    def attr(el, name: str, default: int = 1) -> int:
        try:
            return int(el.get(f"{{{TABLE_NS}}}{name}", default))
        except ValueError:
            return default

    out: dict[str, list[Merge]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("content.xml") as stream:
            sheet, row, col = None, -1, 0
            for event, el in iterparse(stream, events=("start", "end")):
                tag = el.tag.rpartition("}")[2]
                if event == "start" and tag == "table":
                    sheet, row = el.get(f"{{{TABLE_NS}}}name"), -1
                    out[sheet] = []
                elif event == "start" and tag == "table-row":
                    row, col = row + 1, 0
                elif event == "end" and tag == "table-row":
                    row += min(attr(el, "number-rows-repeated"), MAX_REPEAT) - 1
                    el.clear()
                elif event == "end" and tag in ("table-cell", "covered-table-cell"):
                    rows, cols = attr(el, "number-rows-spanned"), attr(el, "number-columns-spanned")
                    if tag == "table-cell" and sheet is not None and (rows > 1 or cols > 1):
                        out[sheet].append(((row, col), (row + rows - 1, col + cols - 1)))
                    col += min(attr(el, "number-columns-repeated"), MAX_REPEAT)
    except Exception:  # damaged XML: the sheet is still read, without merges
        return {}
    return out


def _filled(row: list[str]) -> int:
    return sum(1 for t in row if t)


def sheet_blocks(grid: Grid, merges: list[Merge], sheet: int) -> list:
    """Paragraphs and tables of one sheet's grid (rows top to bottom)."""
    out: list = []
    r, n = 0, len(grid)
    while r < n:
        if not _filled(grid[r]):
            r += 1
            continue
        end, blanks, last = r, 0, r
        while end < n and blanks < BLOCK_GAP_ROWS:
            blanks = blanks + 1 if not _filled(grid[end]) else 0
            last = end if _filled(grid[end]) else last
            end += 1
        out.extend(_block(grid, merges, r, last, sheet))
        r = last + 1
    return out


def _block(grid: Grid, merges: list[Merge], top: int, bottom: int, sheet: int) -> list:
    """Rows top..bottom: single-text rows above and below the grid as paragraphs, the rest a Table."""
    first, last = top, bottom
    out_head, out_tail = [], []
    while first <= last and _filled(grid[first]) <= 1:
        if _filled(grid[first]):
            out_head.append(_paragraph(grid[first], first, sheet))
        first += 1
    while last >= first and _filled(grid[last]) <= 1:
        if _filled(grid[last]):
            out_tail.insert(0, _paragraph(grid[last], last, sheet))
        last -= 1
    if first > last:
        return out_head + out_tail
    if first == last:  # one row is a line of text (a signature, a note), not a table
        text = " ".join(t for t in grid[first] if t)
        return out_head + [Paragraph(text=text, page=sheet, line=first + 1)] + out_tail
    return out_head + [_table(grid, merges, first, last, sheet)] + out_tail


def _paragraph(row: list[str], r: int, sheet: int) -> Paragraph:
    return Paragraph(text=next(t for t in row if t), page=sheet, line=r + 1)


def _table(grid: Grid, merges: list[Merge], top: int, bottom: int, sheet: int) -> Table:
    rows = [r for r in range(top, bottom + 1) if _filled(grid[r])]
    cols = [k for k in range(max(len(grid[r]) for r in rows)) if any(k < len(grid[r]) and grid[r][k] for r in rows)]
    left, right = cols[0], cols[-1]
    row_at = {r: i for i, r in enumerate(rows)}
    spans = _spans(merges, row_at, left, right)
    covered = {(r, k) for (r0, k0), (rs, ks) in spans.items() for r in range(r0, r0 + rs) for k in range(k0, k0 + ks)
               if (r, k) != (r0, k0)}
    cells = []
    for i, r in enumerate(rows):
        for k in range(left, right + 1):
            if (i, k - left) in covered:
                continue
            text = grid[r][k] if k < len(grid[r]) else ""
            rs, ks = spans.get((i, k - left), (1, 1))
            cells.append(Cell(text=text, row=i, col=k - left, row_span=rs, col_span=ks, page=sheet))
    return Table(n_rows=len(rows), n_cols=right - left + 1, cells=cells, pages=[sheet], row_lines=[r + 1 for r in rows])


def _spans(merges: list[Merge], row_at: dict[int, int], left: int, right: int) -> dict[tuple[int, int], tuple[int, int]]:
    """Merged ranges as (row, col) -> (row_span, col_span) in table coordinates (empty rows dropped)."""
    out = {}
    for (r0, k0), (r1, k1) in merges:
        kept = [row_at[r] for r in range(r0, r1 + 1) if r in row_at]
        if not kept or k1 < left or k0 > right:
            continue
        k0, k1 = max(k0, left), min(k1, right)
        if len(kept) == 1 and k0 == k1:
            continue
        out[(kept[0], k0 - left)] = (kept[-1] - kept[0] + 1, k1 - k0 + 1)
    return out


def read_xlsx(data: bytes) -> LayoutDocument:
    return read_spreadsheet(data, "xlsx")


def read_xls(data: bytes) -> LayoutDocument:
    return read_spreadsheet(data, "xls")


def read_ods(data: bytes) -> LayoutDocument:
    return read_spreadsheet(data, "ods")

