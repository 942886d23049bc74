"""Crashes during ingest: the process killed with SIGKILL, the server restarted. Nothing lost or doubled."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.flows import messages as M
from tests.flows.helpers import assert_raw_store_consistent, ledger_rows, server_flags

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]


def mailbox_of(count: int) -> tuple[list[bytes], set[bytes]]:
    """`count` letters with distinct text attachments plus one DOCX shared by every third letter."""
    shared = M.sample("000_8c8bd9275c0215dc.docx")
    base = M.sample("001_a737e2465b67cd3d.txt")[1]
    letters, contents = [], {shared[1]}
    for i in range(count):
        own = base + f"\nХат № {i}\n".encode()
        contents.add(own)
        attachments = [(f"letter-{i}.txt", own)] + ([shared] if i % 3 == 0 else [])
        letters.append(M.letter(f"letter {i}", attachments))
    return letters, contents


def start_ingest(env: dict[str, str], pause: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cli", "ingest"], cwd=ROOT,
                            env={**os.environ, **env, "JOSPAR_INGEST_PAUSE": str(pause)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_stored(data_dir: Path, at_least: int, proc: subprocess.Popen, timeout: float = 240) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (data_dir / "ledger.sqlite").exists():
            try:
                stored = len(ledger_rows(data_dir, "messages"))
            except Exception:  # the ledger is being created
                stored = 0
            if stored >= at_least:
                return stored
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.1)
    raise AssertionError("ingest did not get going")


def assert_complete(data_dir: Path, dovecot, folder: str, count: int, contents: set[bytes]) -> None:
    files = assert_raw_store_consistent(data_dir)
    assert set(files.values()) == contents  # nothing lost, nothing doubled
    messages = ledger_rows(data_dir, "messages")
    assert sorted(m["uid"] for m in messages) == list(range(1, count + 1))
    assert all(m["marked"] == 1 for m in messages)
    flags = server_flags(dovecot, folder)
    assert len(flags) == count and all("$JosparStored" in f for f in flags.values())


def test_sigkill_mid_run_then_rerun(append, flows_env, data_dir, dovecot):
    from flows.ingest import ingest_flow

    letters, contents = mailbox_of(12)
    for raw in letters:
        append(raw)
    proc = start_ingest(flows_env, pause=0.4)
    stored = wait_for_stored(data_dir, 4, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    before = {m["uid"] for m in ledger_rows(data_dir, "messages")}
    assert stored <= len(before) < 12
    report = ingest_flow()
    assert report.mailbox.new_uids == sorted(set(range(1, 13)) - before)  # only what was not recorded
    assert report.failed_batches == 0
    assert_complete(data_dir, dovecot, flows_env["JOSPAR_IMAP_FOLDER"], 12, contents)
    assert ingest_flow().mailbox.new_uids == []


def test_server_restarted_mid_run(append, flows_env, data_dir, dovecot):
    letters, contents = mailbox_of(9)
    for raw in letters:
        append(raw)
    proc = start_ingest(flows_env, pause=0.4)
    wait_for_stored(data_dir, 2, proc)
    dovecot.restart()  # drops the connection in the middle of a batch
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()[-3000:]
    assert '"failed_batches": 0' in out.decode()
    assert_complete(data_dir, dovecot, flows_env["JOSPAR_IMAP_FOLDER"], 9, contents)
    assert dovecot.password not in out.decode() + err.decode()
