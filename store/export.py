"""Publish tables for dashboards: CSV + Parquet per table, partitioned by the month a document arrived.

Layout: out_dir/<table>/received_month=YYYY-MM/<table>.csv|<table>.parquet (Hive style, so DuckDB, Spark or
pandas read the month from the path), out_dir/manifest.json. Every table gets a file for every month of
the documents table (empty files keep the schema), so a dashboard never meets a missing table. The whole
tree is built in a hidden directory beside out_dir and swapped in at the end: a failure midway leaves the
previous export untouched.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from store.csv_safe import write_csv
from store.fsutil import publish_dir, temp_sibling
from store.manifest import build_manifest, file_entry, write_manifest
from store.parquet import write_parquet
from store.tables import TABLES, received_month

PARTITION_KEYS = ("received_month",)
UNKNOWN_MONTH = "unknown"


def document_months(documents: pa.Table) -> dict[str, str]:
    """document_id -> 'YYYY-MM' (UTC month of receipt) or 'unknown'."""
    return {doc_id: received_month(moment) for doc_id, moment in
            zip(documents["document_id"].to_pylist(), documents["received_at"].to_pylist())}


def split_by_month(table: pa.Table, months: dict[str, str], all_months: list[str]) -> dict[str, pa.Table]:
    keys = pa.array([months.get(doc_id, UNKNOWN_MONTH) for doc_id in table["document_id"].to_pylist()],
                    pa.string())
    return {month: table.filter(pc.equal(keys, month)) for month in all_months}


def _write_pair(root: Path, folder: Path, table_name: str, table: pa.Table, partition: str | None) -> list[dict]:
    folder.mkdir(parents=True, exist_ok=True)
    # named after the table ("measures.csv"), so a file copied out of its folder still says what it holds
    parquet_path, csv_path = folder / f"{table_name}.parquet", folder / f"{table_name}.csv"
    rows = write_parquet(table_name, table, parquet_path)
    write_csv(table, csv_path)
    return [file_entry(root, parquet_path, table_name, partition, rows),
            file_entry(root, csv_path, table_name, partition, rows)]


def write_tree(root: Path, tables: dict[str, pa.Table], partition_by: str | None) -> list[dict[str, Any]]:
    """Write every table under `root` (TABLES, then any review table given: corrections, plan states, each
    placed by its document_id like the others); returns the manifest's file entries."""
    files: list[dict[str, Any]] = []
    names = [*TABLES, *(n for n in tables if n not in TABLES)]
    if partition_by is None:
        for name in names:
            files += _write_pair(root, root / name, name, tables[name], None)
        return files
    months = document_months(tables["documents"])
    all_months = sorted(set(months.values())) or [UNKNOWN_MONTH]
    for name in names:
        for month, part in split_by_month(tables[name], months, all_months).items():
            partition = f"{partition_by}={month}"
            files += _write_pair(root, root / name / partition, name, part, partition)
    return files


def export_tables(tables: dict[str, pa.Table], out_dir: Path,
                  partition_by: str | None = "received_month") -> dict[str, Any]:
    """Write `tables` (all of TABLES) as an export at out_dir, atomically; returns the manifest."""
    if partition_by is not None and partition_by not in PARTITION_KEYS:
        raise ValueError(f"partition_by must be one of {PARTITION_KEYS} or None, not {partition_by!r}")
    out_dir = Path(out_dir).absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = temp_sibling(out_dir, "export")
    staging.mkdir()
    try:
        files = write_tree(staging, tables, partition_by)
        versions = {v for v in tables["documents"]["pipeline_version"].to_pylist() if v is not None}
        manifest = build_manifest(files, partition_by, sorted(versions))
        write_manifest(staging, manifest)
        publish_dir(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest
