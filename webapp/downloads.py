"""The view an analyst is looking at, as CSV or XLSX (formula-safe).

CSV: UTF-8 with a BOM, text cells that a spreadsheet would run as a formula prefixed with an apostrophe
(store/csv_safe.py, the same rule as the exports). XLSX: every text is written as a string cell
(xlsxwriter's `strings_to_formulas` and `strings_to_urls` off), so "=HYPERLINK(…)" stays text and is never a
formula or a link; dates are date cells.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any, Sequence

from store.csv_safe import format_cell, inert

MAX_ROWS = 100_000
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def filename(stem: str, extension: str) -> str:
    return f"{_SAFE_NAME.sub('-', stem).strip('-')[:60] or 'jospar'}.{extension}"


def _text(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(format_cell(v)) for v in value)
    return value


def to_csv(columns: Sequence[tuple[str, str]], rows: Sequence[dict[str, Any]]) -> bytes:
    """columns: (key, header) pairs."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([inert(header) for _, header in columns])
    for row in rows[:MAX_ROWS]:
        cells = []
        for key, _ in columns:
            value = _text(row.get(key))
            text = format_cell(value)
            cells.append(inert(text) if isinstance(value, str) else text)
        writer.writerow(cells)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def to_xlsx(columns: Sequence[tuple[str, str]], rows: Sequence[dict[str, Any]], sheet: str = "jospar") -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False, "remove_timezone": True})
    ws = book.add_worksheet(_SAFE_NAME.sub(" ", sheet)[:31] or "jospar")
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for k, (_, header) in enumerate(columns):
        ws.write_string(0, k, header, bold)
    for r, row in enumerate(rows[:MAX_ROWS], 1):
        for k, (key, _) in enumerate(columns):
            value = _text(row.get(key))
            if value is None:
                continue
            if isinstance(value, bool):
                ws.write_boolean(r, k, value)
            elif isinstance(value, (int, float)):
                ws.write_number(r, k, value)
            elif isinstance(value, dt.datetime):
                ws.write_datetime(r, k, value.replace(tzinfo=None), moment)
            elif isinstance(value, dt.date):
                ws.write_datetime(r, k, dt.datetime.combine(value, dt.time()), day)
            else:
                ws.write_string(r, k, str(value))
    ws.freeze_panes(1, 0)
    book.close()
    return out.getvalue()
