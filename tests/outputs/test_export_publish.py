"""Exports for dashboards: partitions by received month, manifest checksums, atomic publication."""
from __future__ import annotations

import csv
import hashlib
import json

import duckdb
import pyarrow.parquet as pq
import pytest

import store.export as export_module
from store import Store, verify_manifest
from store.fsutil import publish_dir
from store.review_sql import REVIEW_SCHEMAS
from store.tables import ARROW_SCHEMAS, TABLES
from tests.outputs.documents import corpus, empty_document

MONTHS = ["received_month=2024-01", "received_month=2024-02", "received_month=unknown"]


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "j.duckdb") as opened:
        opened.upsert(corpus())
        yield opened


def tree(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_table_is_partitioned_by_received_month(store, tmp_path):
    out = tmp_path / "export"
    manifest = store.export(out)
    for table in TABLES:
        assert sorted(p.name for p in (out / table).iterdir()) == MONTHS
        for month in MONTHS:
            assert {p.name for p in (out / table / month).iterdir()} == {f"{table}.csv", f"{table}.parquet"}
    assert manifest["tables"] == {**store.counts(), "corrections": 0, "plan_states": 0}
    docs = pq.read_table(out / "documents" / "received_month=2024-02" / "documents.parquet")
    assert docs.num_rows == 1 and docs["received_at"][0].as_py().month == 2  # 1 March 02:00 Astana is February UTC


def test_rows_follow_their_documents_month(store, tmp_path):
    out = tmp_path / "export"
    store.export(out)
    for table in TABLES:
        for month in MONTHS:
            part = pq.read_table(out / table / month / f"{table}.parquet")
            assert part.schema.equals(ARROW_SCHEMAS[table])
            documents = pq.read_table(out / "documents" / month / "documents.parquet")
            assert set(part["document_id"].to_pylist()) <= set(documents["document_id"].to_pylist())


def test_manifest_lists_rows_and_checksums_that_verify(store, tmp_path):
    out = tmp_path / "export"
    manifest = store.export(out)
    assert json.loads((out / "manifest.json").read_text()) == manifest
    assert manifest["pipeline_version"] and manifest["document_pipeline_versions"] == ["test-1"]
    assert len(manifest["files"]) == (len(TABLES) + len(REVIEW_SCHEMAS)) * len(MONTHS) * 2
    for entry in manifest["files"]:
        path = out / entry["path"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
        if entry["format"] == "parquet":
            assert pq.read_metadata(path).num_rows == entry["rows"]
        else:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                assert len(list(csv.reader(handle))) - 1 == entry["rows"]
    assert verify_manifest(out) == []
    (out / "measures" / MONTHS[0] / "measures.csv").write_bytes(b"tampered")
    (out / "stray.txt").write_text("x")
    assert verify_manifest(out) == [f"checksum mismatch: measures/{MONTHS[0]}/measures.csv", "not in manifest: stray.txt"]


def test_same_store_exports_the_same_bytes(store, tmp_path):
    store.export(tmp_path / "one")
    store.export(tmp_path / "two")
    first, second = tree(tmp_path / "one"), tree(tmp_path / "two")
    first.pop("manifest.json"), second.pop("manifest.json")  # differs only in created_at
    assert first == second


def test_export_applies_corrections_and_dashboards_can_read_it(store, tmp_path):
    target = corpus()[0].plans[0].measures[0].measure_id  # received January 2024
    store.add_correction(target, "text", "Түзетілген мәтін", "analyst")
    out = tmp_path / "export"
    store.export(out)
    con = duckdb.connect()
    rows = con.execute("SELECT text, received_month FROM read_parquet(?, hive_partitioning = true) "
                       "WHERE measure_id = ?", [str(out / "measures" / "*" / "*.parquet"), target]).fetchall()
    assert rows == [("Түзетілген мәтін", "2024-01")]


def test_a_failing_writer_leaves_the_previous_export_intact(store, tmp_path, monkeypatch):
    out = tmp_path / "export"
    store.export(out)
    before = tree(out)
    real = export_module.write_csv
    calls = {"n": 0}

    def failing_writer(table, path):
        calls["n"] += 1
        if calls["n"] == 7:  # midway: some tables already written
            raise OSError("disk full")
        return real(table, path)

    monkeypatch.setattr(export_module, "write_csv", failing_writer)
    store.add_correction(store.arrow("measures")["measure_id"][0].as_py(), "text", "new", "analyst")
    with pytest.raises(OSError, match="disk full"):
        store.export(out)
    assert tree(out) == before
    assert verify_manifest(out) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".export")] == []  # staging removed


def test_publication_without_atomic_exchange_also_replaces(tmp_path):
    target, ready = tmp_path / "export", tmp_path / "ready"
    target.mkdir(), ready.mkdir()
    (target / "old.txt").write_text("old")
    (ready / "new.txt").write_text("new")
    publish_dir(ready, target, exchange=lambda first, second: False)  # a file system without renameat2
    assert [p.name for p in tmp_path.iterdir()] == ["export"]
    assert [p.name for p in target.iterdir()] == ["new.txt"]


def test_first_export_and_replacement_leave_no_debris(store, tmp_path):
    out = tmp_path / "deep" / "export"
    store.export(out)
    store.export(out)
    assert [p.name for p in out.parent.iterdir()] == ["export"]


def test_unpartitioned_export_and_unknown_partition_key(store, tmp_path):
    manifest = store.export(tmp_path / "flat", partition_by=None)
    assert sorted(p.name for p in (tmp_path / "flat" / "measures").iterdir()) == ["measures.csv", "measures.parquet"]
    assert manifest["tables"]["measures"] == store.counts()["measures"]
    with pytest.raises(ValueError):
        store.export(tmp_path / "other", partition_by="sender")


def test_tables_with_zero_rows_are_written_with_their_schema(tmp_path):
    with Store(tmp_path / "empty.duckdb") as store:
        empty = store.export(tmp_path / "none")
        assert all(count == 0 for count in empty["tables"].values())
        store.upsert([empty_document()])
        store.export(tmp_path / "one")
    for table in TABLES:
        for root in ("none", "one"):
            part = pq.read_table(tmp_path / root / table / "received_month=unknown" / f"{table}.parquet")
            assert part.schema.equals(ARROW_SCHEMAS[table])
    header = (tmp_path / "none" / "measures" / "received_month=unknown" / "measures.csv").read_bytes()
    assert header.startswith(b"\xef\xbb\xbfmeasure_id,plan_id,document_id,")


def test_atomic_exchange_swaps_or_declines_without_touching(tmp_path):
    from store.fsutil import exchange_dirs
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    (first / "1").write_text("a"), (second / "2").write_text("b")
    swapped = exchange_dirs(first, second)
    assert sorted(p.name for p in first.iterdir()) == (["2"] if swapped else ["1"])
    assert sorted(p.name for p in second.iterdir()) == (["1"] if swapped else ["2"])
