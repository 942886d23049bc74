"""Prefect flow `jospar-process`: pending raw documents → extraction tasks → one consolidation.

Task granularity: one task per chunk of JOSPAR_PROCESS_CHUNK documents (default 10; 1 = a task per
document). Measured (benchmarks/flows.py, 2 busy cores): a task run costs ~15-35 ms alone and ~50-100 ms
per document inside the processing flow (API calls, result persistence, Prefect's threads competing
with CPU-bound extraction), against ~0.08 s of extraction per text letter, ~0.3 s on the txt/docx/pdf
mix. 1,000 text letters: per-document tasks took 2.01x the direct time, chunks of 10 1.004x; a round of
200 documents still gives 20 tasks to spread over Dask workers. Failure isolation stays per
document: a chunk returns one outcome per document (transient errors retried inside the chunk), and
the flow quarantines only the documents that failed.

Caching: a chunk's cache key is its documents' content hashes, attempt and release counts + the pipeline version
(+ the parts folder), so after a crash the same pending documents are not extracted again, a failed
document is recomputed on its next attempt, and a new pipeline version recomputes everything.
JOSPAR_DASK_ADDRESS runs the chunks on that Dask cluster; they read raw files and write their own parts,
and only this flow writes the store.
"""
from __future__ import annotations

import hashlib
from typing import Optional

from flows.settings import Settings, load_settings, prepare_prefect_env

prepare_prefect_env()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.futures import wait  # noqa: E402

from flows.ledger import Ledger, PendingDocument  # noqa: E402
from flows.process_work import (  # noqa: E402
    DocumentFailure, Outcome, ProcessReport, process_chunk, process_pending,
)


def _chunk_key(context, parameters: dict) -> str:
    from flows.settings import pipeline_config

    digest = hashlib.sha256(f"{pipeline_config().version()}|{parameters['parts_dir']}".encode())
    for doc in parameters["docs"]:
        digest.update(f"|{doc.sha256}:{doc.attempts}:{doc.releases}".encode())
    return f"jospar-process-{digest.hexdigest()}"


# cache_result_in_memory=False: Prefect otherwise keeps the last 1,000 results (chunks of Documents) in
# memory for the process's life: the flow driver grew to 2.5 GB on a backlog of 10,000 documents
@task(name="process-chunk", cache_key_fn=_chunk_key, persist_result=True, cache_result_in_memory=False,
      task_run_name="process-{docs[0].sha256:.12}+{size}")
def process_chunk_task(docs: list[PendingDocument], parts_dir: str, size: int = 1) -> list[Outcome]:
    return process_chunk(docs, parts_dir)


def prefect_runner(settings: Settings, runner):
    """Submit one task per chunk on `runner`; a chunk lost entirely (a worker died) fails its documents."""
    def run(batch: list[PendingDocument]) -> list[Outcome]:
        step = max(settings.process_chunk, 1)
        chunks = [batch[i:i + step] for i in range(0, len(batch), step)]
        futures = [runner.submit(process_chunk_task, parameters={
            "docs": chunk, "parts_dir": str(settings.parts_dir), "size": len(chunk)}) for chunk in chunks]
        wait(futures)
        outcomes: list[Outcome] = []
        for chunk, future in zip(chunks, futures):
            if future.state.is_completed():
                outcomes.extend(future.result())
            else:
                error = f"task failed: {future.state.message}"
                outcomes.extend(DocumentFailure(sha256=d.sha256, error=error) for d in chunk)
        return outcomes
    return run


def task_runner(settings: Settings):
    """ThreadPoolTaskRunner locally, DaskTaskRunner(address=...) when JOSPAR_DASK_ADDRESS is set.

    Chosen at run time from the settings (not fixed in the decorator), so `jospar process`, `jospar
    serve` and a work-pool deployment all honour JOSPAR_DASK_ADDRESS."""
    if settings.dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=settings.dask_address)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=settings.process_workers)


@flow(name="jospar-process")
def process_flow(limit: Optional[int] = None) -> ProcessReport:
    settings = load_settings()
    ledger = Ledger(settings.ledger_path)
    try:
        with task_runner(settings) as runner:
            report = process_pending(settings, ledger, prefect_runner(settings, runner), limit=limit)
    finally:
        ledger.close()
    get_run_logger().info("processed %d of %d pending documents (%d failed, %d quarantined), %d measures",
                          report.processed, report.pending, report.failed, report.quarantined, report.measures)
    return report


def run_process(limit: Optional[int] = None) -> ProcessReport:
    """Run the flow once; settings (JOSPAR_DASK_ADDRESS included) come from the environment."""
    return process_flow(limit=limit)
