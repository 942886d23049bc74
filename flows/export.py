"""Prefect flow `jospar-export`: the store → CSV + Parquet per table, partitioned by received month,
published atomically with a manifest (Store.export writes aside, then swaps the folder in)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from flows.settings import load_settings, prepare_prefect_env

prepare_prefect_env()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402


@task(name="export-store", retries=2, retry_delay_seconds=10, cache_policy=NO_CACHE)
def export_task(out_dir: str, partition_by: Optional[str]) -> dict:
    from store import Store

    settings = load_settings()
    with Store(settings.store_path, wait_seconds=300) as store:  # waits while processing writes
        return store.export(Path(out_dir), partition_by=partition_by)


@flow(name="jospar-export")
def export_flow(out_dir: Optional[str] = None, partition_by: Optional[str] = "received_month") -> dict:
    target = out_dir or str(load_settings().export_out)
    manifest = export_task(target, partition_by)
    get_run_logger().info("exported to %s", target)
    return manifest
