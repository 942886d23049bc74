"""Scale-out: processing on a Dask cluster of two worker processes gives the same records as locally."""
from __future__ import annotations

import shutil

import pytest

from tests.flows import messages as M

pytestmark = pytest.mark.slow

COMPARED = ("plans", "measures", "responsibles", "deadlines", "bodies")


def records(data_dir) -> dict[str, list]:
    from store import Store

    with Store(data_dir / "jospar.duckdb", read_only=True) as store:
        out = {t: sorted(map(repr, store.arrow(t).to_pylist())) for t in COMPARED}
        docs = store.arrow("documents").to_pylist()
    out["documents"] = sorted((d["document_id"], d.get("received_uid"), d.get("received_message_id")) for d in docs)
    return out


def test_dask_local_cluster_matches_local_run(append, flows_env, data_dir, monkeypatch, tmp_path):
    from distributed import LocalCluster

    from flows.ingest import ingest_flow
    from flows.process import run_process
    from flows.settings import load_settings

    for name in ("000_8c8bd9275c0215dc.txt", "001_a737e2465b67cd3d.docx", "002_f8fca9d81a5f40e7.txt",
                 "003_c8fd6e44ab760d61.txt", "004_477ff1404d7fc2dd.txt"):
        append(M.letter(name, [M.sample(name)]))
    ingest_flow()
    dask_dir = tmp_path / "dask-data"
    shutil.copytree(data_dir, dask_dir)  # the same ledger and raw bytes, processed two ways

    local = run_process()
    assert local.processed == 5

    monkeypatch.setenv("JOSPAR_DATA_DIR", str(dask_dir))
    monkeypatch.setenv("JOSPAR_PROCESS_CHUNK", "1")  # five tasks for the two workers
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      local_directory=str(tmp_path / "dask-scratch")) as cluster:
        monkeypatch.setenv("JOSPAR_DASK_ADDRESS", cluster.scheduler_address)
        settings = load_settings()
        assert settings.dask_address == cluster.scheduler_address
        on_dask = run_process()
        assert len(cluster.scheduler_info["workers"]) == 2
        assert "process_chunk_task" in cluster.scheduler.task_prefixes  # the tasks went to Dask
    assert on_dask.processed == 5 and on_dask.failed == 0
    assert records(dask_dir) == records(data_dir)
    assert sum(len(v) for v in records(dask_dir).values()) > 5
