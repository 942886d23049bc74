"""Finding 11: `extract --out` wrote nothing until the whole batch ended, so killing a batch stuck on one
slow file lost every finished document. Now documents are committed as they finish; kill -9 keeps them
and leaves no worker behind, SIGTERM also writes the files."""
from __future__ import annotations

import json
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb

from store.outputs import COMMIT_SECONDS
from tests.hostile.procs import cmdline, descendants, wait_gone

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"


def folder_with_slow_file(tmp_path: Path, slow_pdf: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, ext in enumerate(("txt", "docx", "pdf")):
        shutil.copy(SAMPLES / f"00{i}_{['8c8bd9275c0215dc', 'a737e2465b67cd3d', 'f8fca9d81a5f40e7'][i]}.{ext}",
                    folder / f"a{i}-plan.{ext}")
    shutil.copy(slow_pdf, folder / "m-appendix.pdf")  # read last, ~50 s
    return folder


def start(jospar_bin: str, folder: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([jospar_bin, "extract", str(folder), "--out", str(out), "--json", "--time-limit", "0"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_documents(proc: subprocess.Popen, count: int, timeout: float = 120) -> list[dict]:
    docs, deadline = [], time.monotonic() + timeout
    while len(docs) < count:
        assert time.monotonic() < deadline and proc.poll() is None, proc.stderr.read().decode()[-2000:]
        if select.select([proc.stdout], [], [], 0.5)[0]:
            docs.append(json.loads(proc.stdout.readline()))
    return docs


def workers_of(proc: subprocess.Popen) -> list[int]:
    pids = [pid for pid in descendants(proc.pid) if "flows.sandbox_worker" in cmdline(pid)]
    assert pids, "the batch reads in a worker process"
    return pids


def stored(out: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(out / "jospar.duckdb"), read_only=True) as con:
        return con.sql(sql).fetchall()


def test_kill_9_mid_batch_keeps_finished_documents_and_no_worker(tmp_path, slow_pdf, jospar_bin):
    folder, out = folder_with_slow_file(tmp_path, slow_pdf), tmp_path / "out"
    proc = start(jospar_bin, folder, out)
    finished = wait_for_documents(proc, 3)
    workers = workers_of(proc)
    time.sleep(COMMIT_SECONDS + 1.5)  # the background commit runs while the slow file is being read
    proc.kill()
    proc.wait()
    killed = time.monotonic()
    assert wait_gone(workers) == [], "the worker dies with its parent (PR_SET_PDEATHSIG)"
    print(f"\nfigure: kill -9 of extract --out: worker gone {time.monotonic() - killed:.2f} s later")
    ids = {doc["document_id"] for doc in finished}
    assert {row[0] for row in stored(out, "SELECT document_id FROM extracted.documents")} == ids
    assert stored(out, "SELECT count(*) FROM extracted.measures")[0][0] == sum(
        len(plan["measures"]) for doc in finished for plan in doc["plans"])
    assert len(stored(out, "SELECT path FROM derived.inputs")) == 3
    # the next run finishes the job: the slow file is stopped by the limit this time, files written
    done = subprocess.run([jospar_bin, "extract", str(folder), "--out", str(out), "--time-limit", "3"], cwd=ROOT,
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert json.loads(done.stdout)["rows"]["inputs"] == 4
    assert stored(out, "SELECT flag_codes FROM derived.inputs WHERE path LIKE '%m-appendix.pdf'") == [("time_limit",)]
    assert (out / "documents.csv").read_text(encoding="utf-8").count("\n") == 1 + 4


def test_sigterm_mid_batch_writes_the_files_of_finished_documents(tmp_path, slow_pdf, jospar_bin):
    folder, out = folder_with_slow_file(tmp_path, slow_pdf), tmp_path / "out"
    proc = start(jospar_bin, folder, out)
    finished = wait_for_documents(proc, 3)
    workers = workers_of(proc)
    stopped = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=120) == 128 + signal.SIGTERM
    print(f"\nfigure: SIGTERM of extract --out: exited with its files written {time.monotonic() - stopped:.2f} s later")
    assert wait_gone(workers, timeout=5) == []
    csv_ids = (out / "documents.csv").read_text(encoding="utf-8")
    assert all(doc["document_id"] in csv_ids for doc in finished)
    assert csv_ids.count("\n") == 1 + 3  # stopped without waiting for the slow file
    assert (out / "inputs.csv").read_text(encoding="utf-8").count("\n") == 1 + 3
