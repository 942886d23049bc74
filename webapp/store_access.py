"""Short-lived connections to the DuckDB store, one at a time in this process.

Why short-lived: DuckDB lets one process write a file, and a process that merely holds a read-only
connection still blocks writers in other processes (`jospar extract --out`, `jospar coverage --out`, the
flows). So every request opens the store, reads what the page needs and closes it; a correction opens a
writable connection for the one INSERT. Why one at a time: DuckDB refuses a read-only and a writable
connection to one file inside one process, and uvicorn runs handlers on a thread pool.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from store import Store, StoreLockedError
from store.tables import DERIVED_SCHEMAS

READ_WAIT_SECONDS = 2.0  # a writer's transaction is short; wait a little before showing "busy"
WRITE_WAIT_SECONDS = 5.0


class StoreUnavailable(RuntimeError):
    """The store cannot be opened now; the message is meant for the analyst."""


class Snapshot:
    """Reads of one open store, cached for the request (several view models use the same tables)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._cache: dict[tuple[str, bool], pa.Table] = {}

    def table(self, name: str, extracted: bool = False) -> pa.Table:
        key = (name, extracted)
        if key not in self._cache:
            self._cache[key] = self._store.arrow(name, extracted=extracted)
        return self._cache[key]

    def of_document(self, name: str, document_id: str, extracted: bool = False) -> pa.Table:
        table = self.table(name, extracted)
        return table.filter(pc.equal(table["document_id"], document_id))

    def corrections(self) -> pa.Table:
        return self._store.corrections()

    def coverage(self) -> pa.Table:
        try:
            return self._store.derived("coverage")
        except duckdb.CatalogException:  # a store written before coverage existed
            return DERIVED_SCHEMAS["coverage"].empty_table()

    def counts(self) -> dict[str, int]:
        return self._store.counts()


class StoreGateway:
    """Opens the store per request, turning DuckDB's failures into StoreUnavailable."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self._lock = threading.Lock()

    @contextmanager
    def reading(self) -> Iterator[Snapshot]:
        with self._lock, self._open(read_only=True) as store:
            try:
                yield Snapshot(store)
            except duckdb.CatalogException as exc:
                raise StoreUnavailable(f"{self.db_path} is not a jospar store ({exc.__class__.__name__}); "
                                       "write one with `jospar extract FILES --out DIR`") from exc

    @contextmanager
    def writing(self) -> Iterator[Store]:
        with self._lock, self._open(read_only=False) as store:
            yield store

    @contextmanager
    def _open(self, read_only: bool) -> Iterator[Store]:
        if not self.db_path.is_file():
            raise StoreUnavailable(f"there is no store at {self.db_path}; write one with "
                                   "`jospar extract FILES --out DIR`")
        try:
            store = Store(self.db_path, read_only=read_only,
                          wait_seconds=READ_WAIT_SECONDS if read_only else WRITE_WAIT_SECONDS)
        except StoreLockedError as exc:
            raise StoreUnavailable(f"The store is busy: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreUnavailable(f"{self.db_path} cannot be opened: {exc}") from exc
        try:
            yield store
        finally:
            store.close()
