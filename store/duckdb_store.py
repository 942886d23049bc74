"""The embedded store: one DuckDB file holding extracted records, analysts' corrections and the views.

One process writes at a time (DuckDB locks the file); parallel workers hand over per-document parts
(pipeline/store/parts.py) which `consolidate` loads. Replacing a document is a delete by document_id
followed by an insert in one transaction, so a rerun yields the same rows and IDs, never duplicates.
Corrections live in `overlay.corrections` and are never touched by extraction.
"""
from __future__ import annotations

import logging
import re
import threading
import time
from functools import wraps
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, TypeVar

import duckdb
import pyarrow as pa

from store import parts as part_files
from store.export import export_tables
from store.links import FORGET as FORGET_LINEAGE, LINEAGE_DDL
from store.parquet import conform
from store import letter_groups, materialise, review, search
from store.review_sql import REVIEW_SCHEMAS, review_tables, review_views
from store.sql import DERIVED, EXTRACTED, column_list, create_statements, duckdb_type, quote, select_statement
from store.tables import ARROW_SCHEMAS, DERIVED_SCHEMAS, TABLES, documents_to_arrow
from schemas.records import Document

_PID = re.compile(r"\(PID (\d+)\)")
log = logging.getLogger(__name__)


class StoreLockedError(RuntimeError):
    """The DuckDB file is open for writing in another process."""


def _connect(path: Path, read_only: bool, wait_seconds: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                holder = _PID.search(str(exc))
                who = f"process {holder.group(1)}" if holder else "another process"
                raise StoreLockedError(
                    f"{path} is open in {who}; DuckDB allows one writing process at a time. Wait for it "
                    f"to finish, or let parallel workers use Store.write_part and one step consolidate."
                ) from exc
            time.sleep(0.2)


F = TypeVar("F", bound=Callable[..., Any])


def _serialised(method: F) -> F:
    """One call at a time on the connection: Prefect's default task runner uses threads."""
    @wraps(method)
    def locked(self: "Store", *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)
    return locked  # type: ignore[return-value]


class Store:
    """`Store(path)` opens (creating if needed) the DuckDB file; use as a context manager or call close()."""

    def __init__(self, path: Path | str, read_only: bool = False, wait_seconds: float = 0.0) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = _connect(self.path, read_only, wait_seconds)
        self._con.execute("SET TimeZone = 'UTC'")  # TIMESTAMPTZ values come back as UTC
        if not read_only:
            self._create_layout()

    def _create_layout(self) -> None:
        """Create what is missing; columns added to a table since the file was made are added too."""
        statements = create_statements()
        views = [s for s in statements if s.startswith("CREATE OR REPLACE VIEW")]
        for statement in statements:
            if statement not in views:
                self._con.execute(statement)
        for table in TABLES:
            present = dict(self._con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ?",
                [EXTRACTED, table]).fetchall())
            for field in ARROW_SCHEMAS[table]:
                wanted = duckdb_type(field.type)
                if field.name not in present:
                    self._con.execute(f"ALTER TABLE {EXTRACTED}.{quote(table)} ADD COLUMN {quote(field.name)} {wanted}")
                elif present[field.name] != wanted.replace("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE"):
                    self._con.execute(f"ALTER TABLE {EXTRACTED}.{quote(table)} "
                                      f"ALTER {quote(field.name)} TYPE {wanted}")
        for statement in views + review_tables() + review_views():
            self._con.execute(statement)
        for statement in LINEAGE_DDL:
            self._con.execute(statement)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    @_serialised
    def close(self) -> None:
        self._con.close()

    # --- writing extracted records -------------------------------------------------------------

    @_serialised
    def upsert(self, docs: Iterable[Document]) -> None:
        """Replace every given document's rows (delete by document_id, then insert) in one transaction."""
        docs = list(docs)
        if docs:
            self._replace_documents(documents_to_arrow(docs))

    def _replace_documents(self, tables: dict[str, pa.Table]) -> None:
        doc_ids = pa.table({"document_id": tables["documents"]["document_id"]})
        self._con.execute("BEGIN TRANSACTION")
        try:
            self._con.register("incoming_ids", doc_ids)
            for statement in FORGET_LINEAGE:  # replaced documents are linked again at the next relink
                self._con.execute(statement)
            self._con.execute(letter_groups.KEYS_DDL)
            self._con.execute(letter_groups.FORGET)  # ... and keyed again at the next regroup
            for table in TABLES:
                target = f"{EXTRACTED}.{quote(table)}"
                self._con.execute(f"DELETE FROM {target} WHERE document_id IN "
                                  "(SELECT document_id FROM incoming_ids)")
                self._con.register("incoming_rows", conform(table, tables[table]))
                columns = column_list(table)
                self._con.execute(f"INSERT INTO {target} ({columns}) SELECT {columns} FROM incoming_rows")
                self._con.unregister("incoming_rows")
            # corrections checked against the new records, and what is derived from both redone
            materialise.after_replace(self._con, doc_ids["document_id"].to_pylist())
            self._con.execute("COMMIT")
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        finally:
            self._con.unregister("incoming_ids")

    @staticmethod
    def write_part(doc: Document, parts_dir: Path) -> Path:
        """For parallel workers: write the document's rows as an atomic per-document part (no database)."""
        return part_files.write_part(doc, Path(parts_dir))

    @_serialised
    def consolidate(self, parts_dir: Path, only: Optional[Iterable[str]] = None) -> int:
        """Load every complete part (single writer), or only those of the document IDs in `only` (parts
        of the next round may be being written meanwhile); idempotent. Returns the documents loaded."""
        part_files.remove_abandoned(Path(parts_dir))
        loaded: dict[str, list[pa.Table]] = {table: [] for table in TABLES}
        count = 0
        wanted = None if only is None else set(only)
        for part_dir in part_files.complete_parts(Path(parts_dir)):
            if wanted is not None and part_dir.name not in wanted:
                continue
            part = _read_part_retrying(part_dir)
            if part is None:
                continue  # being replaced right now by a worker; the next consolidation loads it
            for table in TABLES:
                loaded[table].append(part[table])
            count += 1
        if count:
            # one chunk per table: DuckDB scans a table of hundreds of tiny chunks several times slower
            self._replace_documents({table: pa.concat_tables(loaded[table]).combine_chunks() for table in TABLES})
        return count

    # --- reading --------------------------------------------------------------------------------

    @_serialised
    def arrow(self, table: str, extracted: bool = False) -> pa.Table:
        """The table as users see it (corrections applied), or with `extracted=True` the raw records."""
        if table not in ARROW_SCHEMAS:
            raise KeyError(f"unknown table {table!r}; tables are {', '.join(TABLES)}")
        result = self._con.sql(select_statement(table, EXTRACTED if extracted else "main")).to_arrow_table()
        return result.cast(ARROW_SCHEMAS[table])

    @_serialised
    def counts(self, extracted: bool = False) -> dict[str, int]:
        schema = EXTRACTED if extracted else "main"
        return {t: self._scalar(f"SELECT count(*) FROM {schema}.{quote(t)}") for t in TABLES}

    def _scalar(self, query: str, params: list | None = None) -> Any:
        # fetchall, not fetchone: DuckDB refuses other work while a result is not read to its end
        return self._con.execute(query, params or []).fetchall()[0][0]

    # --- derived tables (coverage) ---------------------------------------------------------------

    @_serialised
    def replace_coverage(self, rows: pa.Table) -> int:
        """Replace the coverage cells of the (parent, derived) plan pairs in `rows`; rows stored."""
        return self._replace_derived("coverage", rows, "(parent_plan_id, derived_plan_id) IN "
                                     "(SELECT DISTINCT parent_plan_id, derived_plan_id FROM incoming)")

    @_serialised
    def relink(self, full: bool = False) -> int:
        """Plan lineage across stored documents into derived.links, for the documents loaded since the last
        relink (store/links.py says which plans that touches); `full` recomputes every link. Returns the
        links written."""
        from store.links import relink

        self._con.execute("BEGIN TRANSACTION")
        try:
            links, relinked = relink(self._con, full)
            self._con.register("relinked_ids", pa.table({"plan_id": pa.array(relinked, pa.string())}))
            gone = f"NOT IN (SELECT plan_id FROM {EXTRACTED}.plans)"
            self._con.execute(f"DELETE FROM {DERIVED}.links WHERE {'true' if full else 'false'} "
                              f"OR derived_plan_id IN (SELECT plan_id FROM relinked_ids) "
                              f"OR derived_plan_id {gone} OR parent_plan_id {gone}")
            self._con.register("incoming", links.select(DERIVED_SCHEMAS["links"].names).cast(DERIVED_SCHEMAS["links"]))
            self._con.execute(f"INSERT INTO {DERIVED}.links SELECT * FROM incoming")
            self._con.execute("COMMIT")
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        finally:
            for name in ("relinked_ids", "incoming"):
                try:
                    self._con.unregister(name)
                except Exception:  # not registered when relink itself failed
                    pass
        letter_groups.regroup(self._con)  # one letter with several sources, across every stored document
        search.compact(self._con)  # the search index ordered by term again after the new postings
        return links.num_rows

    @_serialised
    def record_inputs(self, rows: pa.Table) -> int:
        """Replace the `inputs` rows of the paths in `rows` (the run log of `jospar extract --out`)."""
        return self._replace_derived("inputs", rows, "path IN (SELECT path FROM incoming)")

    def _replace_derived(self, table: str, rows: pa.Table, delete_where: str) -> int:
        """In one transaction: delete the derived rows matching `delete_where` (which may name the
        incoming rows as `incoming`), then insert `rows`."""
        rows = rows.select(DERIVED_SCHEMAS[table].names).cast(DERIVED_SCHEMAS[table])
        target = f"{DERIVED}.{quote(table)}"
        self._con.execute("BEGIN TRANSACTION")
        try:
            self._con.register("incoming", rows)
            self._con.execute(f"DELETE FROM {target} WHERE {delete_where}")
            self._con.execute(f"INSERT INTO {target} SELECT * FROM incoming")
            self._con.execute("COMMIT")
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        finally:
            self._con.unregister("incoming")
        return rows.num_rows

    @_serialised
    def derived(self, table: str) -> pa.Table:
        if table not in DERIVED_SCHEMAS:
            raise KeyError(f"unknown derived table {table!r}")
        order = ", ".join(quote(n) for n in DERIVED_SCHEMAS[table].names[:4])
        return self._con.sql(f"SELECT * FROM {DERIVED}.{quote(table)} ORDER BY {order}").to_arrow_table().cast(DERIVED_SCHEMAS[table])

    # --- the overlay: analysts' corrections and approvals (store/review.py) -------------------------

    @_serialised
    def add_correction(self, measure_id: str, field: str, value: Any, author: str,
                       note: str | None = None) -> int:
        """Record an analyst's value for one measure field; the latest correction wins in main.measures."""
        return review.correct_measure(self._con, measure_id, field, value, author, note)

    @_serialised
    def correct_plan(self, plan_id: str, field: str, value: Any, author: str, note: str | None = None) -> int:
        return review.correct_plan(self._con, plan_id, field, value, author, note)

    @_serialised
    def set_plan_state(self, plan_id: str, state: str, author: str, reason: str | None = None) -> int:
        return review.set_plan_state(self._con, plan_id, state, author, reason)

    @_serialised
    def corrections(self) -> pa.Table:
        """The log with each correction's state (`applies`, or `stale` after a re-extraction)."""
        return self.review_table("corrections")

    @_serialised
    def review_table(self, name: str) -> pa.Table:
        order = {"corrections": "correction_id", "plan_states": "state_id"}[name]
        return self._con.sql(f"SELECT * FROM main.{name} ORDER BY {order}").to_arrow_table().cast(REVIEW_SCHEMAS[name])

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The connection, for callers that open their own cursors (the web app's request threads)."""
        return self._con

    # --- publishing -----------------------------------------------------------------------------

    @_serialised
    def export(self, out_dir: Path, partition_by: str | None = "received_month") -> dict:
        """Every table (corrections applied) as CSV + Parquet under out_dir, swapped in atomically.

        Returns the manifest (also written to out_dir/manifest.json).
        """
        tables = {table: self.arrow(table) for table in TABLES}
        tables.update({name: self.review_table(name) for name in REVIEW_SCHEMAS})
        return export_tables(tables, Path(out_dir), partition_by)


def _read_part_retrying(part_dir: Path, attempts: int = 3) -> dict[str, pa.Table] | None:
    """The part's tables, or None when it vanished (being replaced) or cannot be read (logged)."""
    for _ in range(attempts):
        try:
            return part_files.read_part(part_dir)
        except FileNotFoundError:
            time.sleep(0.05)  # a worker is swapping in a newer part of the same document
        except (OSError, pa.ArrowException) as exc:
            log.warning("skipping unreadable part %s: %s", part_dir, exc)
            return None
    return None
