"""Per-document parts: parallel workers write them at the same time, one step consolidates."""
from __future__ import annotations

import multiprocessing
import os
import shutil
import time

from store import Store
from store.parts import complete_parts, part_file
from store.tables import TABLES
from schemas.records import Document
from tests.outputs.documents import corpus, hostile_document


def snapshot(store: Store) -> dict:
    return {table: store.arrow(table).to_pylist() for table in TABLES}


def write_parts_worker(doc_json: list[str], parts_dir: str, start, rounds: int) -> None:
    docs = [Document.model_validate_json(text) for text in doc_json]
    start.wait()  # both processes begin together, to collide on the same parts
    for _ in range(rounds):
        for doc in docs:
            Store.write_part(doc, parts_dir)


def test_two_processes_then_consolidate_equals_direct_upsert(tmp_path):
    docs = corpus() + [hostile_document(f"extra{i}") for i in range(4)]
    payload = [doc.model_dump_json() for doc in docs]
    context = multiprocessing.get_context("spawn")  # no fork of a process holding Arrow/DuckDB threads
    start = context.Barrier(2)
    workers = [context.Process(target=write_parts_worker, args=(order, str(tmp_path / "parts"), start, 2))
               for order in (payload, payload[::-1])]  # same documents, opposite orders
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    assert len(complete_parts(tmp_path / "parts")) == len(docs)
    assert not [p for p in (tmp_path / "parts").iterdir() if p.name.startswith(".")]  # no leftovers

    with Store(tmp_path / "parts.duckdb") as from_parts, Store(tmp_path / "direct.duckdb") as direct:
        assert from_parts.consolidate(tmp_path / "parts") == len(docs)
        direct.upsert(docs)
        assert snapshot(from_parts) == snapshot(direct)


def test_consolidate_is_idempotent_and_picks_up_new_parts(tmp_path):
    docs = corpus()
    parts = tmp_path / "parts"
    for doc in docs[:2]:
        Store.write_part(doc, parts)
    with Store(tmp_path / "j.duckdb") as store:
        assert store.consolidate(parts) == 2
        first = snapshot(store)
        assert store.consolidate(parts) == 2
        assert snapshot(store) == first
        for doc in docs[2:]:
            Store.write_part(doc, parts)
        assert store.consolidate(parts) == len(docs)
        assert store.counts()["documents"] == len(docs)
        assert store.consolidate(tmp_path / "no-such-dir") == 0


def test_a_rewritten_part_replaces_the_old_one(tmp_path):
    parts = tmp_path / "parts"
    Store.write_part(hostile_document("a"), parts)
    path = Store.write_part(hostile_document("a", texts=["жаңа мәтін", "новый текст"]), parts)
    assert path == parts / hostile_document("a").document_id
    with Store(tmp_path / "j.duckdb") as store:
        store.consolidate(parts)
        texts = [row["text"] for row in store.arrow("measures").to_pylist() if row["plan_id"].endswith(":p1")]
        assert texts == ["жаңа мәтін", "новый текст"]


def test_unfinished_and_broken_parts_are_not_loaded(tmp_path, caplog):
    docs = corpus()
    parts = tmp_path / "parts"
    for doc in docs:
        Store.write_part(doc, parts)
    # a worker killed while building: a hidden directory with some files only
    building = parts / f".{docs[0].document_id}.building-1-dead"
    shutil.copytree(parts / docs[0].document_id, building)
    part_file(building, "flags").unlink()
    # a part missing a table, and one with a damaged file
    part_file(parts / docs[1].document_id, "measures").unlink()
    part_file(parts / docs[2].document_id, "plans").write_bytes(b"not parquet")
    with Store(tmp_path / "j.duckdb") as store:
        assert store.consolidate(parts) == 2  # docs[0] and docs[3]
        loaded = set(store.arrow("documents")["document_id"].to_pylist())
    assert loaded == {docs[0].document_id, docs[3].document_id}
    assert "skipping unreadable part" in caplog.text
    assert building.is_dir()  # recent: perhaps a worker still busy


def test_directories_abandoned_long_ago_are_cleaned(tmp_path):
    parts = tmp_path / "parts"
    Store.write_part(hostile_document("a"), parts)
    old, recent = parts / ".x.building-1-old", parts / ".y.building-2-new"
    old.mkdir(), recent.mkdir()
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    with Store(tmp_path / "j.duckdb") as store:
        assert store.consolidate(parts) == 1
    assert not old.exists() and recent.exists()
