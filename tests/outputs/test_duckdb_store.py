"""The DuckDB store: extracted tables, views, idempotent upsert, a file locked by another process."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import duckdb
import pytest

from store import Store, StoreLockedError
from store.tables import ARROW_SCHEMAS, TABLES, documents_to_arrow
from tests.outputs.documents import corpus, hostile_document


def snapshot(store: Store, extracted: bool = False) -> dict:
    return {table: store.arrow(table, extracted=extracted).to_pylist() for table in TABLES}


def test_layout_has_extracted_overlay_and_views(tmp_path):
    with Store(tmp_path / "j.duckdb") as store:
        store.upsert(corpus())
    con = duckdb.connect(str(tmp_path / "j.duckdb"), read_only=True)
    tables = set(con.execute("SELECT table_schema, table_name, table_type FROM information_schema.tables").fetchall())
    con.close()
    for table in TABLES:
        assert ("extracted", table, "BASE TABLE") in tables
        assert ("main", table, "VIEW") in tables
    assert ("overlay", "corrections", "BASE TABLE") in tables


def test_rows_come_back_as_written(tmp_path):
    docs = corpus()
    expected = documents_to_arrow(docs)
    with Store(tmp_path / "j.duckdb") as store:
        store.upsert(docs)
        for table in TABLES:
            got = store.arrow(table)
            assert got.schema.equals(ARROW_SCHEMAS[table])
            key = lambda row: tuple(str(v) for v in row.values())  # noqa: E731
            assert sorted(got.to_pylist(), key=key) == sorted(expected[table].to_pylist(), key=key), table


def test_rerun_gives_the_same_ids_and_no_duplicates(tmp_path):
    docs = corpus()
    with Store(tmp_path / "j.duckdb") as store:
        store.upsert(docs)
        first = snapshot(store)
        store.upsert(docs)
        store.upsert(docs[:2])
        assert snapshot(store) == first
    with Store(tmp_path / "j.duckdb") as reopened:  # and across processes' sessions
        reopened.upsert([d.model_copy(deep=True) for d in docs])
        assert snapshot(reopened) == first


def test_reextraction_replaces_only_that_documents_rows(tmp_path):
    docs = corpus()
    with Store(tmp_path / "j.duckdb") as store:
        store.upsert(docs)
        changed = docs[0].model_copy(deep=True)
        changed.plans = changed.plans[:1]
        changed.plans[0].measures = changed.plans[0].measures[:2]
        store.upsert([changed])
        measures = store.arrow("measures").to_pylist()
        mine = [m for m in measures if m["document_id"] == changed.document_id]
        assert [m["measure_id"] for m in mine] == [m.measure_id for m in changed.plans[0].measures]
        others = documents_to_arrow(docs[1:])["measures"].num_rows
        assert len(measures) == len(mine) + others
        assert store.counts()["documents"] == len(docs)


def test_unknown_table_is_refused(tmp_path):
    with Store(tmp_path / "j.duckdb") as store, pytest.raises(KeyError):
        store.arrow("no_such_table")


def test_a_file_held_by_another_process_gives_a_clear_error(tmp_path):
    path = tmp_path / "j.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, duckdb
            con = duckdb.connect({str(path)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError, match=rf"open in process {holder.pid}.*one writing process"):
            Store(path)
        with pytest.raises(StoreLockedError):
            Store(path, read_only=True, wait_seconds=0.3)  # waited, then gave up
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    with Store(path, wait_seconds=5) as store:  # free again
        store.upsert([hostile_document("x")])


def test_read_only_store_reads_but_cannot_write(tmp_path):
    path = tmp_path / "j.duckdb"
    with Store(path) as store:
        store.upsert(corpus())
    with Store(path, read_only=True) as reader:
        assert reader.counts()["documents"] == 4
        with pytest.raises(duckdb.Error):
            reader.upsert([hostile_document("new")])


def test_a_failed_upsert_changes_nothing(tmp_path, monkeypatch):
    docs = corpus()
    with Store(tmp_path / "j.duckdb") as store:
        store.upsert(docs)
        before = snapshot(store)
        import store.duckdb_store as module
        real = module.conform

        def failing(table, rows):
            if table == "deadlines":  # after documents, plans, measures were already replaced
                raise OSError("disk full")
            return real(table, rows)

        monkeypatch.setattr(module, "conform", failing)
        with pytest.raises(OSError):
            store.upsert([hostile_document("a", texts=["changed", "twice"])])
        assert snapshot(store) == before


def test_threads_sharing_one_store_do_not_collide(tmp_path):
    from concurrent.futures import ThreadPoolExecutor
    docs = [hostile_document(f"t{i}") for i in range(8)]
    with Store(tmp_path / "j.duckdb") as store:
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(lambda doc: (store.upsert([doc]), store.arrow("measures")), docs))
        assert store.counts()["documents"] == len(docs)
        assert store.counts()["measures"] == documents_to_arrow(docs)["measures"].num_rows
