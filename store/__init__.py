"""Outputs and the embedded store: flat files (CSV, Parquet), the DuckDB file, parts, exports.

See data/DATA_DICTIONARY.md for every table and column.
"""
from store.duckdb_store import Store, StoreLockedError
from store.manifest import verify_manifest
from store.outputs import write_outputs

__all__ = ["Store", "StoreLockedError", "verify_manifest", "write_outputs"]
