"""Prefect flow `jospar-verify`: the raw store re-hashed on a schedule (JOSPAR_VERIFY_CRON) by `jospar serve`.

The work is flows/verify_work.py; `jospar verify` runs it directly, without Prefect."""
from __future__ import annotations

from flows.settings import load_settings, prepare_prefect_env

prepare_prefect_env()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from flows.ledger import Ledger  # noqa: E402
from flows.rawstore import RawStore  # noqa: E402
from flows.verify_work import VerifyReport, verify_raw_store  # noqa: E402


@task(name="verify-raw-store", cache_policy=NO_CACHE)
def verify_task() -> VerifyReport:
    settings = load_settings()
    ledger = Ledger(settings.ledger_path)
    try:
        return verify_raw_store(settings, ledger, RawStore(settings.raw_dir))
    finally:
        ledger.close()


@flow(name="jospar-verify")
def verify_flow() -> VerifyReport:
    report = verify_task()
    log = get_run_logger()
    if report.problems:
        log.error("raw store: %d bad and %d missing copies quarantined (%s)", len(report.bad_copies),
                  len(report.missing), ", ".join(s[:12] for s in report.bad_copies + report.missing))
    log.info("raw store: %d documents, %d good, %d released from quarantine, %d still bad",
             report.documents, report.good, len(report.released), report.still_bad)
    return report
