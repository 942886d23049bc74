"""`jospar extract --out DIR`: the records as flat files plus the embedded database, in one directory.

DIR/jospar.duckdb accumulates documents across runs (replaced by document_id, so a rerun adds nothing);
DIR/<table>.parquet and DIR/<table>.csv are then rewritten from the database's `main` views, so the files
always mirror the database (corrections applied) and never hold a row twice. DIR/inputs.parquet|csv list
every input path of the `jospar extract --out` runs (duplicates and refused paths too); `corrections` and `plan_states` are the analysts' log itself.

Documents are committed to the database in small batches as they finish (`OutputWriter`): after
COMMIT_DOCUMENTS documents, and by a background thread at most COMMIT_SECONDS after a document finished
(a commit per document would cost ~45 ms each, ten times a batched one). So a batch killed half-way,
even while one slow file is being read, keeps every document finished a moment before; the flat
files are written when the batch ends (also when SIGINT/SIGTERM stops it), or by the next run.
"""
from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from store.csv_safe import write_csv
from store.duckdb_store import Store
from store.fsutil import write_file_atomic
from store.parquet import write_parquet
from store.review_sql import REVIEW_SCHEMAS
from store.tables import DERIVED_SCHEMAS, TABLES, clean_text
from schemas.records import Document

DATABASE_NAME = "jospar.duckdb"
COMMIT_DOCUMENTS = 10  # a commit after this many documents ...
COMMIT_SECONDS = 2.0  # ... or this long after the first uncommitted one finished, whichever comes first


class OutputWriter:
    """Collects documents and input rows, commits them in small transactions, writes the files at the end."""

    def __init__(self, out_dir: Path, wait_seconds: float = 0.0) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.store = Store(self.out_dir / DATABASE_NAME, wait_seconds=wait_seconds)
        self._docs: list[Document] = []
        self._inputs: list[dict] = []
        self._since: float | None = None
        self._lock = threading.Lock()  # the queues
        self._committing = threading.Lock()  # one commit at a time, in queue order
        self._error: BaseException | None = None  # a failed background commit, raised to the caller
        self._stop = threading.Event()
        self._timer = threading.Thread(target=self._flush_when_due, name="jospar-commit", daemon=True)
        self._timer.start()

    def _flush_when_due(self) -> None:
        while not self._stop.wait(COMMIT_SECONDS / 4):
            if self._since is not None and time.monotonic() - self._since >= COMMIT_SECONDS:
                try:
                    self.flush()
                except BaseException as exc:  # e.g. a full disk: the main thread raises it
                    self._error = exc
                    return

    def add(self, doc: Document | None, input_row: dict | None = None) -> None:
        """Queue a document (None for a path that shares an earlier path's document) and its input row."""
        self._raise_background_error()
        with self._lock:
            if doc is not None:
                self._docs.append(doc)
            if input_row is not None:
                self._inputs.append({**input_row, "path": clean_text(input_row["path"]),
                                     "extracted_at": dt.datetime.now(dt.timezone.utc)})
            self._since = self._since or time.monotonic()
            due = len(self._docs) >= COMMIT_DOCUMENTS
        if due:
            self.flush()

    def flush(self) -> None:
        """Commit the queued documents, then their input rows (a crash between leaves rows to redo, not lose)."""
        with self._committing:
            with self._lock:
                docs, inputs, self._docs, self._inputs, self._since = self._docs, self._inputs, [], [], None
            try:
                if docs:
                    self.store.upsert(docs)
                if inputs:
                    self.store.record_inputs(pa.Table.from_pylist(inputs, schema=DERIVED_SCHEMAS["inputs"]))
            except BaseException:
                with self._lock:  # back in the queue, so a later commit may still save them
                    self._docs, self._inputs = docs + self._docs, inputs + self._inputs
                    self._since = self._since or time.monotonic()
                raise

    def _raise_background_error(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def finish(self) -> dict[str, int]:
        """Commit what is left, relink plans across the store, write every table's files; rows per table."""
        self._stop.set()
        self._timer.join()
        self._raise_background_error()
        self.flush()
        self.store.relink()  # plan lineage across every stored document, new and old
        counts: dict[str, int] = {}
        tables = {table: self.store.arrow(table) for table in TABLES}
        tables.update({name: self.store.review_table(name) for name in REVIEW_SCHEMAS})
        for table, rows in tables.items():
            counts[table] = write_parquet(table, rows, self.out_dir / f"{table}.parquet")
            write_csv(rows, self.out_dir / f"{table}.csv")
        inputs = self.store.derived("inputs")
        if inputs.num_rows == 0:  # written by `jospar extract --out` only
            return counts
        write_file_atomic(self.out_dir / "inputs.parquet", lambda temp: pq.write_table(inputs, temp, compression="zstd"))
        write_csv(inputs, self.out_dir / "inputs.csv")
        counts["inputs"] = inputs.num_rows
        return counts

    def close(self) -> None:
        self._stop.set()
        self._timer.join()
        self.store.close()

    def __enter__(self) -> "OutputWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def write_outputs(docs: Iterable[Document], out_dir: Path) -> dict[str, int]:
    """Upsert `docs` into out_dir/jospar.duckdb and write every table as Parquet and CSV; rows per table."""
    with OutputWriter(out_dir) as writer:
        for doc in docs:
            writer.add(doc)
        return writer.finish()
