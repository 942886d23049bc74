"""Process and export through the flows: records with their arrival, caching, retries, quarantine."""
from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq
import pytest

from tests.flows import messages as M
from tests.flows.helpers import ledger_rows

pytestmark = pytest.mark.usefixtures("prefect_api")


def ingest_and_process(append, letters):
    from flows.ingest import ingest_flow
    from flows.process import run_process

    for raw in letters:
        append(raw)
    ingest_flow()
    return run_process()


def store_table(data_dir, table):
    from store import Store

    with Store(data_dir / "jospar.duckdb", read_only=True) as store:
        return store.arrow(table).to_pylist()


def test_process_stores_records_with_arrival_and_is_not_redone(append, data_dir):
    docx, txt = M.sample("000_8c8bd9275c0215dc.docx"), M.sample("003_c8fd6e44ab760d61.txt")
    report = ingest_and_process(append, [M.letter("Жоспар", [docx], msg_id="<p1@example.kz>"),
                                         M.letter("План", [txt])])
    assert (report.pending, report.processed, report.failed) == (2, 2, 0) and report.measures > 0
    assert len(store_table(data_dir, "documents")) == 2
    measures = store_table(data_dir, "measures")
    assert len(measures) == report.measures
    ledger_docs = ledger_rows(data_dir, "documents")
    assert {d["state"] for d in ledger_docs} == {"processed"}
    assert {m["state"] for m in ledger_rows(data_dir, "messages")} == {"processed"}
    assert not list((data_dir / "parts").glob("*"))  # consolidated parts are removed

    from flows.process import run_process

    again = run_process()
    assert again.pending == 0 and again.processed == 0
    assert len(store_table(data_dir, "measures")) == len(measures)


def test_document_received_and_raw_path(append, data_dir):
    from flows.ingest import ingest_flow
    from flows.ledger import Ledger
    from flows.process_work import process_document

    txt = M.sample("001_a737e2465b67cd3d.txt")
    append(M.letter("Хат", [txt], msg_id="<r1@example.kz>"))
    ingest_flow()
    ledger = Ledger(data_dir / "ledger.sqlite")
    [doc] = ledger.pending_documents("any version")
    ledger.close()
    result = process_document(doc.sha256, doc.raw_path, doc.arrival, str(data_dir / "parts"))
    received = result.document.received
    assert (received.channel, received.message_id, received.uid, received.filename) == \
        ("imap", "<r1@example.kz>", 1, txt[0])
    assert received.sender == "bilim@example.kz" and received.received_at is not None
    assert result.document.source.raw_path == doc.raw_path
    assert result.document.document_id == doc.sha256 and (data_dir / "parts" / doc.sha256).is_dir()


def test_unchanged_documents_come_from_the_cache(append, data_dir, monkeypatch):
    import pipeline.extract
    from flows.process import run_process

    ingest_and_process(append, [M.letter("a", [M.sample("004_477ff1404d7fc2dd.txt")])])
    measures = store_table(data_dir, "measures")
    with __import__("sqlite3").connect(data_dir / "ledger.sqlite") as db:  # as if a crash lost the update
        db.execute("UPDATE documents SET state='new'")

    def must_not_run(*args, **kwargs):
        raise AssertionError("extraction ran although content and pipeline version are unchanged")

    monkeypatch.setattr(pipeline.extract, "extract_bytes", must_not_run)
    report = run_process()
    assert (report.processed, report.failed) == (1, 0)
    assert store_table(data_dir, "measures") == measures


def test_failed_document_is_retried_on_next_run(append, data_dir):
    from flows.process import run_process

    good, bad = M.sample("002_f8fca9d81a5f40e7.txt"), M.sample("000_8c8bd9275c0215dc.txt")
    for raw in (M.letter("good", [good]), M.letter("bad", [bad])):
        append(raw)
    from flows.ingest import ingest_flow

    ingest_flow()
    bad_row = next(d for d in ledger_rows(data_dir, "documents") if d["filename"] == bad[0])
    hidden = data_dir / "hidden-raw"
    shutil.move(bad_row["raw_path"], hidden)  # the volume holding it is briefly unavailable
    first = run_process()
    assert (first.processed, first.failed, first.quarantined) == (1, 1, 0)
    row = next(d for d in ledger_rows(data_dir, "documents") if d["sha256"] == bad_row["sha256"])
    assert row["state"] == "failed" and row["attempts"] == 1 and "FileNotFoundError" in row["error"]
    shutil.move(hidden, bad_row["raw_path"])
    second = run_process()  # back-off 0 in tests
    assert (second.pending, second.processed, second.failed) == (1, 1, 0)
    assert {d["state"] for d in ledger_rows(data_dir, "documents")} == {"processed"}


def test_corrupt_document_quarantined_while_others_go_on(append, data_dir):
    from flows.ingest import ingest_flow
    from flows.process import run_process

    good, bad = M.sample("004_477ff1404d7fc2dd.docx"), M.sample("003_c8fd6e44ab760d61.txt")
    append(M.letter("good", [good]))
    append(M.letter("bad", [bad]))
    ingest_flow()
    bad_row = next(d for d in ledger_rows(data_dir, "documents") if d["filename"] == bad[0])
    with open(bad_row["raw_path"], "r+b") as handle:
        handle.write(b"XXXX")  # bit rot: the bytes no longer match their hash
    report = run_process()
    assert (report.processed, report.quarantined) == (1, 1)
    row = next(d for d in ledger_rows(data_dir, "documents") if d["sha256"] == bad_row["sha256"])
    assert row["state"] == "quarantined" and "CorruptRawFile" in row["error"]
    reason = json.loads((data_dir / "quarantine" / f"{bad_row['sha256']}.json").read_text())
    assert "CorruptRawFile" in reason["reason"] and reason["arrival"]["filename"] == bad[0]
    assert (data_dir / "quarantine" / bad_row["sha256"]).exists()
    states = sorted(m["state"] for m in ledger_rows(data_dir, "messages"))
    assert states == ["failed", "processed"]
    assert run_process().pending == 0  # quarantined documents wait for a person


def test_export_partitions_by_received_month_with_manifest(append, data_dir, tmp_path):
    from flows.export import export_flow

    ingest_and_process(append, [M.letter("a", [M.sample("001_a737e2465b67cd3d.docx")],
                                         date="Tue, 15 Feb 2022 10:00:00 +0600"),
                                M.letter("b", [M.sample("002_f8fca9d81a5f40e7.txt")],
                                         date="Wed, 09 Mar 2022 10:00:00 +0600")])
    out = tmp_path / "export"
    manifest = export_flow(out_dir=str(out))
    assert sorted(p.name for p in out.glob("measures/*")) == ["received_month=2022-02", "received_month=2022-03"]
    for month in ("2022-02", "2022-03"):
        folder = out / "measures" / f"received_month={month}"
        assert len(list(folder.glob("*.csv"))) == 1 and len(list(folder.glob("*.parquet"))) == 1
    rows = sum(pq.read_table(p).num_rows for p in out.glob("measures/*/*.parquet"))
    assert rows == manifest["tables"]["measures"] == len(store_table(data_dir, "measures")) > 0
    assert json.loads((out / "manifest.json").read_text())["tables"] == manifest["tables"]
