"""Prefect flow `jospar-ingest`: the mailbox (and the folder source) → raw store + ledger.

One task lists the UIDs, then one task per batch of JOSPAR_IMAP_BATCH messages fetches, stores and
marks them over its own connection; a dropped connection or a restarted server fails the batch task,
which Prefect retries with a new connection (nothing is marked before it is stored, so a retry is safe).
"""
from __future__ import annotations

import imaplib
import socket

from flows.settings import load_settings, prepare_prefect_env

prepare_prefect_env()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from pydantic import BaseModel, Field  # noqa: E402

from flows import ingest_work  # noqa: E402
from flows.folder import FolderReport, ingest_folder  # noqa: E402
from flows.ingest_work import BatchReport, MailboxPlan  # noqa: E402
from flows.ledger import Ledger  # noqa: E402
from flows.rawstore import RawStore  # noqa: E402

CONNECTION_ERRORS = (imaplib.IMAP4.abort, ConnectionError, socket.timeout, TimeoutError, EOFError, OSError)


class IngestReport(BaseModel):
    mailbox: MailboxPlan | None = None
    batches: BatchReport = Field(default_factory=BatchReport)
    failed_batches: int = 0
    folder: FolderReport | None = None


def _retry_on_connection_error(task, task_run, state) -> bool:
    """Retry only what a new connection can fix; a wrong password or a bug fails at once."""
    try:
        state.result(raise_on_failure=True)
    except CONNECTION_ERRORS:  # imaplib's abort, sockets; not IMAP4.error (login refused) or bugs
        return True
    except BaseException:
        return False
    return False


@task(name="plan-mailbox", retries=3, retry_delay_seconds=[2, 5, 10],
      retry_condition_fn=_retry_on_connection_error, cache_policy=NO_CACHE)
def plan_mailbox_task() -> MailboxPlan:
    settings = load_settings()
    ledger = Ledger(settings.ledger_path)
    try:
        return ingest_work.plan_mailbox(settings, ledger)
    finally:
        ledger.close()


@task(name="ingest-batch", retries=3, retry_delay_seconds=[2, 5, 10],
      retry_condition_fn=_retry_on_connection_error, cache_policy=NO_CACHE)
def ingest_batch_task(uidvalidity: int, uids: list[int]) -> BatchReport:
    settings = load_settings()  # read here, not passed: the password never becomes a task parameter
    ledger = Ledger(settings.ledger_path)
    try:
        return ingest_work.ingest_batch(settings, ledger, RawStore(settings.raw_dir), uidvalidity, uids)
    finally:
        ledger.close()


@task(name="ingest-folder", cache_policy=NO_CACHE)
def ingest_folder_task() -> FolderReport:
    settings = load_settings()
    ledger = Ledger(settings.ledger_path)
    try:
        return ingest_folder(settings, ledger, RawStore(settings.raw_dir))
    finally:
        ledger.close()


@flow(name="jospar-ingest", log_prints=False)
def ingest_flow() -> IngestReport:
    settings = load_settings()
    logger = get_run_logger()
    report = IngestReport()
    if settings.inbox_dir:
        report.folder = ingest_folder_task()
    if settings.imap_configured():
        report.mailbox = plan_mailbox_task()
        for uids in ingest_work.chunks(report.mailbox.new_uids, settings.imap_batch):
            state = ingest_batch_task(report.mailbox.uidvalidity, uids, return_state=True)
            if state.is_completed():
                report.batches.add(state.result())
            else:  # the messages stay unmarked on the server: the next run fetches them again
                report.failed_batches += 1
                logger.error("batch of %d messages failed: %s", len(uids), state.message)
        logger.info("mailbox %s: %d on server, %d new, %d documents new, %d already known, %d flags",
                    settings.imap_folder, report.mailbox.on_server, len(report.mailbox.new_uids),
                    report.batches.new_documents, report.batches.known_documents, len(report.batches.flags))
    elif not settings.inbox_dir:
        logger.warning("nothing to ingest: set JOSPAR_IMAP_HOST/USER or JOSPAR_INBOX_DIR")
    return report
