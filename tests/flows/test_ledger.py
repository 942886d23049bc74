"""The ledger's bookkeeping: what is known, what is due, back-off, quarantine; transient retries."""
from __future__ import annotations

import time

import pytest

from flows.ledger import Arrival, Ledger, backoff_delay


@pytest.fixture
def ledger(tmp_path):
    book = Ledger(tmp_path / "ledger.sqlite")
    yield book
    book.close()


def test_backoff_doubles_and_is_capped():
    assert [backoff_delay(60, n) for n in (1, 2, 3)] == [60, 120, 240]
    assert backoff_delay(60, 30) == 86400


def test_failed_message_is_due_only_after_its_backoff(ledger):
    ledger.record_message_failure("INBOX", 7, 1, "OSError: disk full", backoff=100)
    assert ledger.known_uids("INBOX", 7) == {1}  # not yet due
    assert ledger.known_uids("INBOX", 7, now=time.time() + 101) == set()  # due: fetched again
    assert ledger.known_uids("INBOX", 8) == set()  # another UIDVALIDITY is another key


def test_documents_pending_failed_then_quarantined(ledger):
    ledger.add_document("a" * 64, 3, "/raw/a", None, Arrival(channel="folder", filename="a.txt"))
    assert [d.sha256 for d in ledger.pending_documents("1.0")] == ["a" * 64]
    assert ledger.record_failure("a" * 64, "boom", backoff=50, max_attempts=2) == "failed"
    assert ledger.pending_documents("1.0") == []
    assert len(ledger.pending_documents("1.0", now=time.time() + 51)) == 1
    assert ledger.record_failure("a" * 64, "boom", backoff=50, max_attempts=2) == "quarantined"
    assert ledger.pending_documents("1.0", now=time.time() + 10**6) == []


def test_new_pipeline_version_makes_processed_documents_pending(ledger):
    ledger.add_document("b" * 64, 3, "/raw/b", None, Arrival(channel="folder"))
    ledger.mark_processed(["b" * 64], "1.0")
    assert ledger.pending_documents("1.0") == []
    assert [d.sha256 for d in ledger.pending_documents("1.1")] == ["b" * 64]


def test_transient_errors_are_retried_inside_a_chunk(tmp_path, monkeypatch):
    import flows.process_work as work
    from flows.ledger import PendingDocument

    calls = {"n": 0}

    def flaky(sha256, raw_path, arrival, parts_dir, limits=None):
        calls["n"] += 1
        if calls["n"] == 1:
            raise TimeoutError("storage did not answer")
        if sha256 == "d" * 64:
            raise ValueError("a bug")
        return work.DocumentFailure(sha256=sha256, error="stand-in result")  # any value will do here

    monkeypatch.setattr(work, "process_document", flaky)
    docs = [PendingDocument(sha256=c * 64, raw_path="/x", size=1, attempts=0, arrival=Arrival()) for c in "cd"]
    outcomes = work.process_chunk(docs, str(tmp_path), retries=2, retry_delay=0)
    assert calls["n"] == 3  # c: timeout, then success; d: one non-transient failure, not retried
    assert outcomes[1].error == "ValueError: a bug" and not outcomes[1].permanent


def _three(ledger):
    for c in "abc":
        ledger.add_document(c * 64, 3, f"/raw/{c}", None, Arrival(channel="folder", filename=f"{c}.txt"))


def test_claims_are_exclusive_until_released_or_expired(ledger):
    _three(ledger)
    first = ledger.claim_documents("run-1", "1.0", lease_seconds=60, limit=2)
    second = ledger.claim_documents("run-2", "1.0", lease_seconds=60, limit=5)
    assert [d.sha256[0] for d in first] == ["a", "b"] and [d.sha256[0] for d in second] == ["c"]
    assert ledger.claim_documents("run-3", "1.0", lease_seconds=60, limit=5) == []
    assert ledger.leased_elsewhere("run-3", "1.0") == 3
    later = time.time() + 61  # run-1 died: its leases expire; run-2 renewed its own
    ledger.renew_leases("run-2", ["c" * 64], lease_seconds=120)
    assert [d.sha256[0] for d in ledger.claim_documents("run-3", "1.0", 60, 5, now=later)] == ["a", "b"]
    ledger.mark_processed(["a" * 64], "1.0")
    ledger.release_leases("run-3", ["b" * 64])
    assert [d.sha256[0] for d in ledger.claim_documents("run-4", "1.0", 60, 5)] == ["b"]


def test_a_run_does_not_claim_what_it_settled(ledger):
    _three(ledger)
    ledger.claim_documents("run-1", "1.0", 60, 5)
    ledger.record_failure("a" * 64, "boom", backoff=0, max_attempts=5)  # due again at once, lease cleared
    again = ledger.claim_documents("run-1", "1.0", 60, 5, skip={"a" * 64})
    assert sorted(d.sha256[0] for d in again) == ["b", "c"]  # its own leases, not the one it settled
    assert [d.sha256[0] for d in ledger.claim_documents("run-2", "1.0", 60, 5)] == ["a"]  # another run may


def test_redelivery_releases_a_quarantined_document(ledger):
    ledger.add_document("d" * 64, 3, "/raw/d", None, Arrival(channel="folder"))
    assert ledger.record_failure("d" * 64, "CorruptRawFile: x", backoff=0, max_attempts=5, permanent=True) == "quarantined"
    row = ledger.rows("documents")[0]
    assert (row["state"], row["quarantine"]) == ("quarantined", "bad_copy")
    assert ledger.pending_documents("1.0") == []
    ledger.add_document("d" * 64, 3, "/raw/d", None, Arrival(channel="folder"))  # the same bytes again
    (pending,) = ledger.pending_documents("1.0")
    assert (pending.attempts, pending.releases) == (0, 1)  # a new cache key for the flow's chunk


def test_ledgers_written_before_leases_are_upgraded(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:  # the documents table as the first ledgers had it
        db.execute("CREATE TABLE documents (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, raw_path TEXT NOT NULL,"
                   " media_type TEXT, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt REAL"
                   " NOT NULL DEFAULT 0, error TEXT, pipeline_version TEXT, first_seen REAL NOT NULL, processed_at"
                   " REAL, channel TEXT NOT NULL, message_id TEXT, folder TEXT, uidvalidity INTEGER, uid INTEGER,"
                   " sender TEXT, subject TEXT, received_at TEXT, filename TEXT)")
        db.execute("INSERT INTO documents (sha256, size, raw_path, state, first_seen, channel)"
                   " VALUES (?, 1, '/raw/e', 'new', 0, 'folder')", ("e" * 64,))
    book = Ledger(path)
    assert [d.sha256 for d in book.claim_documents("run", "1.0", 60, 5)] == ["e" * 64]
    book.close()
