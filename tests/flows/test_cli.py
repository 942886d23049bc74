"""`jospar ingest`, `jospar process`, `jospar export --out` as a user runs them; ingest in the default
mode (no Prefect server: a temporary local API), the others against the session's server for speed."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.flows import messages as M

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def jospar(jospar_bin: str, env: dict, *args: str) -> dict:
    done = subprocess.run([jospar_bin, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=400)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1]), done


def test_commands_end_to_end(append, flows_env, tmp_path, jospar_bin, dovecot):
    append(M.letter("Жоспар", [M.sample("004_477ff1404d7fc2dd.docx")], date="Tue, 15 Feb 2022 10:00:00 +0600"))
    append(M.letter("План", [M.sample("000_8c8bd9275c0215dc.txt")], date="Mon, 11 Apr 2022 09:00:00 +0600"))
    base = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    default_mode = {**base, **{k: v for k, v in flows_env.items() if k != "PREFECT_API_URL"},
                    "PREFECT_HOME": str(tmp_path / "prefect-home")}
    ingested, run = jospar(jospar_bin, default_mode, "ingest")
    assert ingested["batches"]["new_documents"] == 2
    with_server = {**base, **flows_env}
    processed, _ = jospar(jospar_bin, with_server, "process")
    assert processed["processed"] == 2 and processed["measures"] > 0
    out = tmp_path / "dashboards"
    exported, _ = jospar(jospar_bin, with_server, "export", "--out", str(out))
    assert exported["tables"]["measures"] == processed["measures"]
    months = sorted(p.name for p in (out / "measures").iterdir())
    assert months == ["received_month=2022-02", "received_month=2022-04"]
    for month in months:
        assert list((out / "measures" / month).glob("*.csv")) and list((out / "measures" / month).glob("*.parquet"))
    manifest = json.loads((out / "manifest.json").read_text())
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"])
    for text in (run.stdout, run.stderr):
        assert dovecot.password not in text
