"""Faults around the flows (issue 14, findings 3, 4, 5, 10): bytes that go bad after processing, a
restored or re-delivered copy, two `process` runs at once, kill -9 of `process`. Real Dovecot, real
Prefect, real processes."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.flows import messages as M
from tests.flows.helpers import ledger_rows
from tests.hostile.bombs import long_pdf
from tests.hostile.procs import cmdline, descendants, wait_gone

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]


def jospar(env: dict, *args: str, check: bool = True) -> tuple[int, dict]:
    done = subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=600)
    if check:
        assert done.returncode in (0, 1), done.stderr[-3000:]
    return done.returncode, json.loads(done.stdout.strip().splitlines()[-1])


def document_row(data_dir: Path, filename: str) -> dict:
    return next(d for d in ledger_rows(data_dir, "documents") if d["filename"] == filename)


def stored_ids(data_dir: Path) -> list[str]:
    from store import Store

    with Store(data_dir / "jospar.duckdb", read_only=True) as store:
        return [row["document_id"] for row in store.arrow("documents").to_pylist()]


def test_verify_quarantines_a_copy_gone_bad_and_a_new_delivery_repairs_it(append, flows_env, data_dir):
    """Findings 3 and 10: no verify command; re-delivering the same bytes repaired nothing (put() skipped
    any existing file of the same size)."""
    from flows.ingest import ingest_flow
    from flows.process import run_process

    good, victim = M.sample("004_477ff1404d7fc2dd.docx"), M.sample("003_c8fd6e44ab760d61.txt")
    append(M.letter("good", [good]))
    append(M.letter("victim", [victim]))
    ingest_flow()
    assert run_process().processed == 2
    row = document_row(data_dir, victim[0])
    raw_path = Path(row["raw_path"])
    rotten = bytearray(raw_path.read_bytes())
    rotten[100] ^= 0x20  # one flipped bit: same size, other bytes
    raw_path.write_bytes(bytes(rotten))

    code, report = jospar(flows_env, "verify")
    assert code == 1 and report["bad_copies"] == [row["sha256"]] and report["good"] == 1
    row = document_row(data_dir, victim[0])
    assert (row["state"], row["quarantine"]) == ("quarantined", "bad_copy")
    assert json.loads((data_dir / "quarantine" / f"{row['sha256']}.json").read_text())["reason"].startswith("CorruptRawFile")
    assert not raw_path.exists()  # the bad copy moved aside, out of the raw store
    code, report = jospar(flows_env, "verify")
    assert code == 0 and report["still_bad"] == 1 and not report["bad_copies"]  # known, not reported again

    append(M.letter("victim, sent again", [victim]))  # a new delivery of the same bytes
    ingest_flow()
    assert raw_path.read_bytes() == victim[1]
    assert document_row(data_dir, victim[0])["state"] == "new"  # out of quarantine
    again = run_process()
    assert (again.pending, again.processed) == (1, 1)
    assert document_row(data_dir, victim[0])["state"] == "processed"
    assert {m["state"] for m in ledger_rows(data_dir, "messages")} == {"processed"}


def test_quarantined_at_processing_then_restored_by_hand(append, flows_env, data_dir):
    """Finding 10: a quarantined document stayed quarantined with 0 pending after its copy was restored."""
    from flows.ingest import ingest_flow
    from flows.process import run_process

    victim = M.sample("001_a737e2465b67cd3d.txt")
    append(M.letter("victim", [victim]))
    ingest_flow()
    raw_path = Path(document_row(data_dir, victim[0])["raw_path"])
    raw_path.write_bytes(b"X" * len(victim[1]))  # rotted before processing
    assert run_process().quarantined == 1
    assert run_process().pending == 0
    raw_path.write_bytes(victim[1])  # the administrator restores the file from a backup
    code, report = jospar(flows_env, "verify")
    assert code == 0 and report["released"] == [document_row(data_dir, victim[0])["sha256"]]
    again = run_process()
    assert (again.pending, again.processed) == (1, 1)
    assert [m["state"] for m in ledger_rows(data_dir, "messages")] == ["processed"]  # was failed


def test_two_process_runs_at_once_share_the_work(append, flows_env, data_dir):
    """Finding 5: two `process` runs both extracted every document and both counted them."""
    from flows.ingest import ingest_flow

    base = M.sample("000_8c8bd9275c0215dc.txt")[1]
    for i in range(10):
        append(M.letter(f"letter {i}", [(f"plan-{i}.txt", base + f"\nХат № {i}\n".encode())]))
    ingest_flow()
    env = {**os.environ, **flows_env, "JOSPAR_PROCESS_BATCH": "2", "JOSPAR_PROCESS_CHUNK": "1"}
    runs = [subprocess.Popen([sys.executable, "-m", "cli", "process"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    reports = []
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err[-3000:]
        reports.append(json.loads(out.strip().splitlines()[-1]))
    print(f"\nfigure: two process runs at once: {[r['processed'] for r in reports]} of 10 documents")
    assert sum(r["processed"] for r in reports) == 10 and sum(r["pending"] for r in reports) == 10
    assert all(r["failed"] == 0 for r in reports)
    assert len(stored_ids(data_dir)) == 10
    assert {d["state"] for d in ledger_rows(data_dir, "documents")} == {"processed"}
    assert {d["lease_owner"] for d in ledger_rows(data_dir, "documents")} == {None}


def test_kill_9_of_process_leaves_no_server_and_its_leases_expire(tmp_path):
    """Findings 4 and 5: the temporary Prefect server outlived `kill -9` of `process`; a crashed run's
    claims must not block the documents for ever."""
    from flows.folder import ingest_folder
    from flows.ledger import Ledger
    from flows.process_work import process_pending, run_local
    from flows.rawstore import RawStore
    from flows.settings import Settings
    from pipeline.fingerprint import PIPELINE_VERSION

    inbox, data = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    (inbox / "appendix.pdf").write_bytes(long_pdf())  # ~50 s to read without a limit
    shutil.copy(M.SAMPLES / "002_f8fca9d81a5f40e7.txt", inbox / "plan.txt")
    settings = Settings(data_dir=data, inbox_dir=inbox, inbox_settle_seconds=0, lease_seconds=6,
                        doc_time_limit=3, retry_backoff_seconds=0)
    ledger = Ledger(settings.ledger_path)
    assert ingest_folder(settings, ledger, RawStore(settings.raw_dir)).new_documents == 2
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), JOSPAR_DATA_DIR=str(data), JOSPAR_LEASE_SECONDS="6",
               JOSPAR_DOC_TIME_LIMIT="0", JOSPAR_PROCESS_CHUNK="1")  # default mode: a temporary API server
    proc = subprocess.Popen([sys.executable, "-m", "cli", "process"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while not any("flows.sandbox_worker" in cmdline(p) for p in descendants(proc.pid)):
        assert proc.poll() is None and time.monotonic() < deadline, "process did not start extracting"
        time.sleep(0.3)
    time.sleep(1)  # reading appendix.pdf now
    children = descendants(proc.pid)
    assert any("flows.api_server" in cmdline(p) for p in children)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed = time.monotonic()
    assert ledger.leased_elsewhere("another run", PIPELINE_VERSION) >= 1  # the dead run's claims are still fresh ...
    assert wait_gone(children) == [], [cmdline(p) for p in children]  # ... but nothing of it runs on
    gone = time.monotonic() - killed
    deadline = time.monotonic() + 30
    while ledger.leased_elsewhere("another run", PIPELINE_VERSION):  # ... and they expire (JOSPAR_LEASE_SECONDS=6)
        assert time.monotonic() < deadline
        time.sleep(0.5)
    print(f"\nfigure: kill -9 of process: API server and worker gone {gone:.2f} s later, "
          f"leases free {time.monotonic() - killed:.1f} s later (lease 6 s)")
    report = process_pending(settings, ledger, run_local(settings))
    assert (report.pending, report.processed, report.failed) == (2, 2, 0)
    assert report.flags.get("time_limit") == 1
    ledger.close()
