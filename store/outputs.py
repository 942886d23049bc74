"""`jospar extract --out DIR`: the records as flat files plus the embedded database, in one directory.

DIR/jospar.duckdb accumulates documents across runs (replaced by document_id, so a rerun adds nothing);
DIR/<table>.parquet and DIR/<table>.csv are then rewritten from the database's `main` views, so the files
always mirror the database (corrections applied) and never hold a row twice; `corrections` and `plan_states`
are the analysts' log itself.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from store.csv_safe import write_csv
from store.duckdb_store import Store
from store.parquet import write_parquet
from store.review_sql import REVIEW_SCHEMAS
from store.tables import TABLES
from schemas.records import Document

DATABASE_NAME = "jospar.duckdb"


def write_outputs(docs: Iterable[Document], out_dir: Path) -> dict[str, int]:
    """Upsert `docs` into out_dir/jospar.duckdb and write every table as Parquet and CSV; rows per table."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with Store(out_dir / DATABASE_NAME) as store:
        store.upsert(docs)
        store.relink()  # plan lineage across every stored document, new and old
        tables = {table: store.arrow(table) for table in TABLES}
        tables.update({name: store.review_table(name) for name in REVIEW_SCHEMAS})
        for table, rows in tables.items():
            counts[table] = write_parquet(table, rows, out_dir / f"{table}.parquet")
            write_csv(rows, out_dir / f"{table}.csv")
    return counts
