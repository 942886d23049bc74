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
