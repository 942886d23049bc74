"""Rounds overlap: the next round is read while the last one settles, and leases and limits still hold."""
from __future__ import annotations

import shutil
import threading

import pytest

from tests.flows import messages as M

TEXTS = ["000_8c8bd9275c0215dc.txt", "001_a737e2465b67cd3d.txt", "002_f8fca9d81a5f40e7.txt",
         "003_c8fd6e44ab760d61.txt", "004_477ff1404d7fc2dd.txt"]


@pytest.fixture
def ingested(tmp_path):
    from flows.folder import ingest_folder
    from flows.ledger import Ledger
    from flows.rawstore import RawStore
    from flows.settings import Settings

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in TEXTS:
        shutil.copy(M.SAMPLES / name, inbox / name)
    settings = Settings(data_dir=tmp_path / "data", inbox_dir=inbox, inbox_settle_seconds=0, process_batch=2)
    ledger = Ledger(settings.ledger_path)
    assert ingest_folder(settings, ledger, RawStore(settings.raw_dir)).new_documents == len(TEXTS)
    yield settings, ledger
    ledger.close()


def test_the_next_round_reads_while_the_last_one_settles(ingested, monkeypatch):
    """Settling round 1 waits until round 2 has started reading: without the overlap it would wait in
    vain (round 2 would start only after the settle)."""
    from flows.process_work import process_pending, run_local
    from store import Store

    settings, ledger = ingested
    local, started, seen = run_local(settings), [], []
    second_started = threading.Event()

    def runner(batch):
        started.append([d.sha256 for d in batch])
        if len(started) == 2:
            second_started.set()
        return local(batch)

    consolidate = Store.consolidate

    def consolidate_after_next_started(self, parts_dir, only=None):
        seen.append(second_started.wait(60) or len(started) < 2)
        held = {row["sha256"] for row in ledger.db.execute("SELECT sha256 FROM documents WHERE lease_owner IS NOT NULL")}
        seen.append(set(only) <= held)  # the round being loaded is still leased ...
        return consolidate(self, parts_dir, only)

    monkeypatch.setattr(Store, "consolidate", consolidate_after_next_started)
    report = process_pending(settings, ledger, runner)
    assert (report.pending, report.processed, report.failed) == (5, 5, 0)
    assert [len(b) for b in started] == [2, 2, 1]
    assert len({sha for b in started for sha in b}) == 5  # no document claimed twice
    assert all(seen) and len(seen) == 6
    rows = ledger.db.execute("SELECT state, lease_owner FROM documents").fetchall()
    assert {tuple(r) for r in rows} == {("processed", None)}  # ... and no lease is left behind
    with Store(settings.store_path, read_only=True) as store:
        assert store.counts()["documents"] == 5


def test_limit_counts_the_rounds_in_flight(ingested):
    from flows.process_work import process_pending, run_local

    settings, ledger = ingested
    report = process_pending(settings, ledger, run_local(settings), limit=3)
    assert (report.pending, report.processed) == (3, 3)
    states = sorted(r[0] for r in ledger.db.execute("SELECT state FROM documents"))
    assert states.count("processed") == 3
    assert ledger.db.execute("SELECT count(*) FROM documents WHERE lease_owner IS NOT NULL").fetchone()[0] == 0


def test_a_failing_settle_frees_the_round_reading_ahead(ingested, monkeypatch):
    from flows.process_work import process_pending, run_local
    from store import Store

    settings, ledger = ingested

    def broken(self, parts_dir, only=None):
        raise OSError("disk full")

    monkeypatch.setattr(Store, "consolidate", broken)
    with pytest.raises(OSError, match="disk full"):
        process_pending(settings, ledger, run_local(settings))
    assert ledger.db.execute("SELECT count(*) FROM documents WHERE lease_owner IS NOT NULL").fetchone()[0] == 0
    assert ledger.db.execute("SELECT count(*) FROM documents WHERE state = 'processed'").fetchone()[0] == 0
