"""`jospar serve`: the flows on cron schedules in this process, with `prefect.serve`.

jospar-cycle  ingest, then process what arrived (JOSPAR_INGEST_CRON, default every 10 minutes)
jospar-process  only when JOSPAR_PROCESS_CRON is set (processing on its own schedule)
jospar-export  JOSPAR_EXPORT_CRON (default nightly 02:00) into JOSPAR_EXPORT_DIR
jospar-verify  JOSPAR_VERIFY_CRON (default nightly 03:30): re-hash the raw store, quarantine bad copies
Times are in JOSPAR_TIMEZONE. prefect.yaml declares the same deployments for a work pool.
"""
from __future__ import annotations

from typing import Optional

from flows.settings import Settings, load_settings, prepare_prefect_env

prepare_prefect_env()

from prefect import flow  # noqa: E402
from prefect.schedules import Cron  # noqa: E402

from flows.export import export_flow  # noqa: E402
from flows.ingest import ingest_flow  # noqa: E402
from flows.process import process_flow  # noqa: E402
from flows.verify import verify_flow  # noqa: E402


@flow(name="jospar-cycle")
def cycle_flow(limit: Optional[int] = None) -> dict:
    """Ingest, then process: new mail becomes records within one schedule tick."""
    ingested = ingest_flow()
    processed = process_flow(limit=limit)
    return {"ingest": ingested.model_dump(mode="json"), "process": processed.model_dump(mode="json")}


def build_deployments(settings: Settings) -> list:
    deployments = [
        cycle_flow.to_deployment(name="jospar-cycle", schedules=[Cron(settings.ingest_cron, timezone=settings.timezone)],
                                 description="ingest the mailbox / inbox folder, then process"),
        export_flow.to_deployment(name="jospar-export", schedules=[Cron(settings.export_cron, timezone=settings.timezone)],
                                  parameters={"out_dir": str(settings.export_out)},
                                  description="publish CSV + Parquet for dashboards"),
    ]
    if settings.verify_cron:
        deployments.append(verify_flow.to_deployment(
            name="jospar-verify", schedules=[Cron(settings.verify_cron, timezone=settings.timezone)],
            description="re-hash the raw store; quarantine bad copies, release repaired ones"))
    if settings.process_cron:
        deployments.append(process_flow.to_deployment(
            name="jospar-process", schedules=[Cron(settings.process_cron, timezone=settings.timezone)]))
    return deployments


def serve_all(settings: Settings | None = None) -> None:
    from prefect import serve

    serve(*build_deployments(settings or load_settings()))
