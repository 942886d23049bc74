"""A changed line of the extraction code makes `jospar process` reprocess the stored documents (issue 9).

The changed code is a copy of the packages in a temporary folder, put first on the path of a real
`python -m cli process` subprocess, so the repository itself is never edited by the test."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.fingerprint import CODE_PACKAGES, PIPELINE_VERSION, fingerprint
from tests.flows import messages as M
from tests.flows.helpers import ledger_rows

pytestmark = pytest.mark.usefixtures("prefect_api")
ROOT = Path(__file__).resolve().parents[2]
PACKAGES = CODE_PACKAGES + ("store", "flows", "webapp", "cli")


def changed_copy(target: Path) -> Path:
    """The repository's packages and data with one line of pipeline/ changed (a comment: behaviour is the same)."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, target / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", target / "data", ignore=shutil.ignore_patterns("samples"))
    structure = target / "pipeline" / "structure.py"
    structure.write_text(structure.read_text(encoding="utf-8") + "\n# a changed line\n", encoding="utf-8")
    return target


def store_versions(data_dir: Path) -> set[str]:
    from store import Store

    with Store(data_dir / "jospar.duckdb", read_only=True) as store:
        return {row["pipeline_version"] for row in store.arrow("documents").to_pylist()}


def test_a_changed_line_reprocesses_every_stored_document(tmp_path, monkeypatch, prefect_api):
    from flows.ingest import ingest_flow
    from flows.process import run_process

    inbox, data_dir = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    for env in {"JOSPAR_DATA_DIR": str(data_dir), "JOSPAR_INBOX_DIR": str(inbox), "JOSPAR_INBOX_SETTLE_SECONDS": "0",
                "PREFECT_API_URL": prefect_api}.items():
        monkeypatch.setenv(*env)
    monkeypatch.delenv("JOSPAR_IMAP_HOST", raising=False)
    for name in ("001_a737e2465b67cd3d.txt", "003_c8fd6e44ab760d61.txt"):
        (inbox / name).write_bytes(M.sample(name)[1])
        past = time.time() - 60
        os.utime(inbox / name, (past, past))
    ingest_flow()
    assert run_process().processed == 2
    assert store_versions(data_dir) == {PIPELINE_VERSION}
    assert run_process().processed == 0  # same code: nothing to do

    code = changed_copy(tmp_path / "code")
    new_version = fingerprint(code)
    assert new_version != PIPELINE_VERSION
    env = {**os.environ, "PYTHONPATH": str(code)}
    proc = subprocess.run([sys.executable, "-m", "cli", "process"], cwd=code, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["processed"] == 2
    assert store_versions(data_dir) == {new_version}
    assert {row["pipeline_version"] for row in ledger_rows(data_dir, "documents")} == {new_version}
