"""CSV that Excel opens safely: UTF-8 with a BOM (Kazakh letters display right) and formula cells made inert.

A spreadsheet runs a cell starting with = + - @ (or tab / carriage return, which some programs strip first)
as a formula, even after leading spaces: "=HYPERLINK(...)" in an extracted letter could call out when an
analyst opens the file (OWASP "CSV injection"). Such text cells get a leading apostrophe, which spreadsheets
take as "this is text" and do not display. Only text cells are touched; numbers, dates and booleans are
written as values. Parquet and DuckDB keep the exact text.
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa

from store.fsutil import write_file_atomic

FORMULA_STARTS = frozenset("=+-@\t\r") | frozenset("\uff1d\uff0b\uff0d\uff20")  # and their fullwidth forms
INERT_PREFIX = "'"


def is_formula_like(text: str) -> bool:
    if not text:
        return False
    if text[0] in FORMULA_STARTS:
        return True
    stripped = text.lstrip()  # " =1+1" is still a formula to some spreadsheets
    return bool(stripped) and stripped[0] in FORMULA_STARTS


def inert(text: str) -> str:
    """The text as a spreadsheet must show it: formula-like text prefixed with an apostrophe."""
    return INERT_PREFIX + text if is_formula_like(text) else text


def format_cell(value: Any) -> str:
    """One value as CSV text: empty for null, ISO for dates and times, lower-case booleans."""
    if value is None:
        return ""
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value)


def write_csv(table: pa.Table, path: Path) -> int:
    """Write `table` (header row = column names) atomically to `path`; returns the number of data rows."""
    columns = [column.to_pylist() for column in table.columns]

    def write(temp: Path) -> None:
        with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            writer.writerow(table.column_names)
            writer.writerows([format_cell(value) for value in row] for row in zip(*columns))

    write_file_atomic(path, write)
    return table.num_rows
