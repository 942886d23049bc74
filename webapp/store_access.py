"""The web app's access to the DuckDB store: one open database, a cursor per request, no global lock.

DuckDB lets one process write a file; while it serves, the web app is that process. Every request gets its
own cursor (a connection to the same database instance), so requests run in parallel on uvicorn's thread
pool and a correction's transaction never blocks a reader (DuckDB's MVCC: readers see the last committed
state). Batch writers in other processes (`jospar extract --out`, the flows' consolidation, which wait for
the lock) get their turn when the app has been idle for `idle_release` seconds: the database is closed then
and opened again by the next request; a store held by another process is shown as a 503 page naming it.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import duckdb
import pyarrow as pa

from store import Store, StoreLockedError
from store.sql import select_statement
from store.tables import ARROW_SCHEMAS, DERIVED_SCHEMAS
from webapp.page_cache import EVERY_WRITE, STORE, Generations, PageCache, Touched

log = logging.getLogger(__name__)

OPEN_WAIT_SECONDS = 2.0  # another process's write is short; wait a little before showing "busy"
IDLE_RELEASE_SECONDS = 5.0
# DuckDB threads per query: many small concurrent page queries run best on one thread each (no pool wake-up
# per query); raise it for a few analysts running heavy facet counts on a large store
DB_THREADS = int(os.environ.get("JOSPAR_WEB_DB_THREADS", "1") or 1)


class StoreUnavailable(RuntimeError):
    """The store cannot be opened now; the message is meant for the analyst."""


class Reader:
    """One request's cursor with the queries the pages share."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self.cursor = cursor

    def rows(self, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        result = self.cursor.execute(query, list(params))
        names = [d[0] for d in result.description]
        return [dict(zip(names, r)) for r in result.fetchall()]

    def one(self, query: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        found = self.rows(query, params)
        return found[0] if found else None

    def scalar(self, query: str, params: Sequence[Any] = ()) -> Any:
        return self.cursor.execute(query, list(params)).fetchall()[0][0]

    def arrow(self, query: str, params: Sequence[Any] = ()) -> pa.Table:
        return self.cursor.sql(query, params=list(params) or None).to_arrow_table()

    def of_document(self, table: str, document_id: str, extracted: bool = False) -> pa.Table:
        """A table's rows of one document, in the store's order, with the declared schema."""
        statement = select_statement(table, "extracted" if extracted else "main")
        head, order = statement.split(" ORDER BY ")
        return self.arrow(f"{head} WHERE document_id = ? ORDER BY {order}", [document_id]).cast(ARROW_SCHEMAS[table])

    def touched(self, document_id: str) -> bool:
        """Whether an analyst changed anything of the document (a correction of any kind). An untouched
        document's rows in the `main` views are its extracted rows, which are cheaper to read."""
        return bool(self.rows("SELECT 1 FROM overlay.corrections WHERE document_id = ? LIMIT 1", [document_id]))

    def document_of_plan(self, plan_id: str) -> str | None:
        found = self.one("SELECT document_id FROM main.plans WHERE plan_id = ?", [plan_id])
        return found["document_id"] if found else None

    def derived(self, table: str, where: str = "true", params: Sequence[Any] = ()) -> pa.Table:
        return self.arrow(f"SELECT * FROM derived.{table} WHERE {where}", params).cast(DERIVED_SCHEMAS[table])

    def counts(self) -> dict[str, int]:
        return {t: self.scalar(f'SELECT count(*) FROM main."{t}"') for t in ARROW_SCHEMAS}


def _file_state(db_path: Path) -> tuple:
    """Identity, size and modification time of the database file and its write-ahead log: unchanged means
    no process wrote the store in between, so pages kept before an idle release still hold."""
    out = []
    for path in (db_path, db_path.with_name(db_path.name + ".wal")):
        try:
            st = path.stat()
            out.append((st.st_ino, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


def _touched(touched_of, cursor) -> Touched | None:
    if touched_of is None:
        return None
    try:
        return touched_of(cursor)
    except duckdb.Error:  # not known: the pages that depend on it are recomputed
        return None


class StoreGateway:
    """Opens the store on first use, hands out cursors, closes it when idle (see the module's docstring)."""

    def __init__(self, db_path: Path, idle_release: float | None = IDLE_RELEASE_SECONDS) -> None:
        self.db_path = Path(db_path)
        self.idle_release = idle_release
        self._store: Store | None = None
        self._lock = threading.Lock()  # guards opening/closing only, never held during a query
        self._active = 0
        self._last_used = time.monotonic()
        self._reaper: threading.Thread | None = None
        self._stopped = threading.Event()
        self._closed_as: tuple | None = None  # the store's files when the app let go of them (idle)
        self.generations = Generations()
        self.pages = PageCache(self.generations, freshen=self._freshen)
        self.identities = PageCache(self.generations, size=4096, freshen=self._freshen)  # sessions (webapp/auth.py)
        self._warmers: list[Callable[[Reader], None]] = []
        self._warming: threading.Thread | None = None

    def add_warmer(self, warm: Callable[[Reader], None]) -> None:
        """`warm(reader)` runs on a background thread each time the store is opened (the app's start, after an
        idle release): it computes pages every analyst needs, so the first of them does not wait for it."""
        self._warmers.append(warm)

    def _warm(self) -> None:
        for warm in self._warmers:
            try:
                with self.reading() as reader:
                    warm(reader)
            except (StoreUnavailable, duckdb.Error) as exc:  # a request will compute it, or show why not
                log.info("warming %s: %s", getattr(warm, "__name__", warm), exc)

    @contextmanager
    def reading(self) -> Iterator[Reader]:
        cursor = self._acquire()
        try:
            yield Reader(cursor)
        except duckdb.CatalogException as exc:
            raise StoreUnavailable(f"{self.db_path} is not a jospar store ({exc.__class__.__name__}); "
                                   "write one with `jospar extract FILES --out DIR`") from exc
        finally:
            self._release(cursor)

    @contextmanager
    def writing(self, kinds: Iterable[str] = EVERY_WRITE,
                touched_of: Callable[[Any], Touched] | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one write; the store's review functions run their own transaction on it. `kinds`
        says what the write can change (webapp/page_cache.py): pages kept that depend on it are recomputed.
        `touched_of(cursor)`, for a correction of one measure, reads what it touches (before and after)."""
        cursor = self._acquire()
        touched = None
        try:
            before = _touched(touched_of, cursor)
            yield cursor
            after = _touched(touched_of, cursor)
            touched = (before, after) if before is not None and after is not None else None
        finally:
            self.generations.bump(kinds, touched)  # after the commit (or rollback): see page_cache's docstring
            self._release(cursor)

    def _acquire(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._store is None:
                self._store = self._open()
                self._start_reaper()
                if self._warmers:
                    self._warming = threading.Thread(target=self._warm, name="jospar-store-warm", daemon=True)
                    self._warming.start()
            self._active += 1
            try:
                return self._store.connection.cursor()
            except BaseException:
                self._active -= 1
                raise

    def _release(self, cursor: duckdb.DuckDBPyConnection) -> None:
        try:
            cursor.close()
        finally:
            with self._lock:
                self._active -= 1
                self._last_used = time.monotonic()

    def _freshen(self) -> None:
        """While the store is let go (idle), a kept page may be served without opening it: look at its files
        first, and when another process wrote them, nothing kept holds any more."""
        with self._lock:
            if self._store is None and self._closed_as is not None:
                now = _file_state(self.db_path)
                if now != self._closed_as:
                    self._closed_as = now
                    self.generations.bump((STORE,))

    def _open(self) -> Store:
        if not self.db_path.is_file():
            raise StoreUnavailable(f"there is no store at {self.db_path}; write one with "
                                   "`jospar extract FILES --out DIR`")
        seen = _file_state(self.db_path)  # before our own opening touches the files
        try:
            store = Store(self.db_path, wait_seconds=OPEN_WAIT_SECONDS)
            store.connection.execute(f"SET threads = {max(1, DB_THREADS)}")
            if self._closed_as is None or self._closed_as != seen:
                self.generations.bump((STORE,))  # another process wrote while it was closed: nothing kept holds
            self._closed_as = None
            return store
        except StoreLockedError as exc:
            raise StoreUnavailable(f"The store is busy: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreUnavailable(f"{self.db_path} cannot be opened: {exc}") from exc

    def _start_reaper(self) -> None:
        if self.idle_release is None or (self._reaper and self._reaper.is_alive()):
            return
        self._reaper = threading.Thread(target=self._reap, name="jospar-store-idle", daemon=True)
        self._reaper.start()

    def _reap(self) -> None:
        while not self._stopped.wait(min(1.0, self.idle_release or 1.0)):
            with self._lock:
                idle = time.monotonic() - self._last_used
                if self._store is not None and self._active == 0 and idle >= (self.idle_release or 0):
                    self._store.close()
                    self._store = None
                    self._closed_as = _file_state(self.db_path)  # after the close's checkpoint
                    return

    def close(self) -> None:
        self._stopped.set()
        if self._warming is not None and self._warming is not threading.current_thread():
            self._warming.join(timeout=60)  # its queries hold the connection
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
