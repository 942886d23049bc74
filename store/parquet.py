"""Parquet files with the tables' explicit Arrow schemas, written aside then renamed into place."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from store.fsutil import write_file_atomic
from store.tables import ARROW_SCHEMAS


def declared_schema(table_name: str) -> pa.Schema:
    """An extracted table's schema, or a review table's (the corrections log, plan states)."""
    from store.review_sql import REVIEW_SCHEMAS

    return ARROW_SCHEMAS[table_name] if table_name in ARROW_SCHEMAS else REVIEW_SCHEMAS[table_name]


def conform(table_name: str, table: pa.Table) -> pa.Table:
    """`table` with exactly the declared schema (column order and types); raises if it cannot be cast."""
    schema = declared_schema(table_name)
    return table.select(schema.names).cast(schema)


def write_parquet(table_name: str, table: pa.Table, path: Path) -> int:
    """Write atomically with the declared schema (zero rows still carry it); returns the row count."""
    table = conform(table_name, table)
    write_file_atomic(path, lambda temp: pq.write_table(table, temp, compression="zstd"))
    return table.num_rows


def read_parquet(table_name: str, path: Path) -> pa.Table:
    """Read back with the declared schema; pa.ArrowInvalid when a declared column is missing."""
    with pq.ParquetFile(path) as source:  # a third of read_table's cost for many small files
        table = source.read(use_threads=False)
    missing = [name for name in declared_schema(table_name).names if name not in table.column_names]
    if missing:
        raise pa.ArrowInvalid(f"{path} lacks columns {', '.join(missing)}")
    return conform(table_name, table)
