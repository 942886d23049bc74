"""The processing work, without Prefect: raw documents → extract → per-document parts → one consolidation.

`process_document` runs on workers (threads, or Dask processes): it reads only the raw file and writes
only its own part directory, so any number can run at once. Each thread extracts in a worker process
(flows/sandbox.py) kept between chunks and flow runs, and writes parts on a second thread meanwhile.
`settle` runs once in the driver: it loads the parts into the DuckDB store (single writer), then updates
the ledger, then removes the parts it loaded — in that order, so a crash between steps only repeats
idempotent work.
"""
from __future__ import annotations

import contextvars
import json
import logging
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Optional, Union

from pydantic import BaseModel, Field

from flows.leases import LeaseKeeper, run_owner
from flows.ledger import Arrival, Ledger, PendingDocument
from flows.rawstore import sha256_hex, write_atomic
from flows.settings import Limits, Settings, limits_of
from schemas.records import Document, Received

log = logging.getLogger("jospar.process")


class CorruptRawFile(ValueError):
    """The stored bytes no longer hash to their name: retrying cannot help, quarantine at once."""


class DocumentResult(BaseModel):
    sha256: str
    part: str
    document: Document  # kept so a lost part can be rewritten without extracting again


class DocumentFailure(BaseModel):
    """Why one document failed; plain data so it crosses process boundaries and result storage."""

    sha256: str
    error: str
    permanent: bool = False


class ProcessReport(BaseModel):
    pending: int = 0  # documents this run claimed
    leased_elsewhere: int = 0  # pending documents another live run held when this one started
    processed: int = 0
    failed: int = 0
    quarantined: int = 0
    measures: int = 0
    flags: dict[str, int] = Field(default_factory=dict)
    seconds: float = 0.0


Outcome = Union[DocumentResult, DocumentFailure]
Runner = Callable[[list[PendingDocument]], list[Outcome]]
TRANSIENT = (TimeoutError, ConnectionError, InterruptedError, BlockingIOError, MemoryError)


def process_document(sha256: str, raw_path: str, arrival: Arrival, parts_dir: str,
                     limits: Limits | None = None) -> DocumentResult:
    """Extract one raw document (in a worker process, under the per-document limits, with
    JOSPAR_PIPELINE_CONFIG) and write its part. Raises on I/O failure (retried / quarantined)."""
    from flows.settings import pipeline_config

    data = Path(raw_path).read_bytes()
    if sha256_hex(data) != sha256:
        raise CorruptRawFile(f"{raw_path} does not hash to {sha256}")
    with _sandbox(limits or Limits(), pipeline_config()) as box:
        doc = box.extract(data, arrival.filename or Path(raw_path).name)
    doc.source.raw_path = raw_path
    doc.received = received_of(arrival)
    part = _write_part(doc, Path(parts_dir))
    return DocumentResult(sha256=sha256, part=str(part), document=doc)


_chunk = threading.local()  # the sandbox and the part writer of the chunk this thread runs


@contextmanager
def _sandbox(limits: Limits, config):
    """The running chunk's sandbox, or one borrowed for this document alone."""
    from flows.sandbox import borrowed

    box = getattr(_chunk, "box", None)
    if box is not None and box.limits == limits and box.config == config:
        yield box
    else:
        with borrowed(limits, config) as box:
            yield box


def _write_part(doc: Document, parts_dir: Path) -> Path:
    """Inside a chunk the part is written on the chunk's writer thread while the worker process reads
    the next document (Arrow tables, ten files, fsyncs: 30-80 ms a document the worker sat idle for);
    a write that fails leaves no part, and `settle` writes it again from the Document."""
    from store import Store

    writer = getattr(_chunk, "writer", None)
    if writer is None:
        return Store.write_part(doc, parts_dir)
    _chunk.writes.append(writer.submit(Store.write_part, doc, parts_dir))
    return parts_dir / doc.document_id  # where store.parts.write_part puts it


def received_of(arrival: Arrival) -> Received:
    return Received(**arrival.model_dump())


def process_chunk(docs: list[PendingDocument], parts_dir: str, retries: int = 2,
                  retry_delay: float = 1.0, limits: Limits | None = None) -> list[Outcome]:
    """Process documents one by one; a failure costs only its document. Transient errors are retried.
    One sandbox serves the chunk (flows.sandbox.borrowed: its worker is kept for later chunks)."""
    from flows.sandbox import borrowed
    from flows.settings import pipeline_config

    outcomes: list[Outcome] = []
    limits = limits or Limits()  # by default JOSPAR_DOC_* of this worker's environment
    with borrowed(limits, pipeline_config()) as box, ThreadPoolExecutor(1, thread_name_prefix="parts") as writer:
        _chunk.box, _chunk.writer, _chunk.writes = box, writer, []
        try:
            for doc in docs:
                outcomes.append(_with_retries(doc, parts_dir, retries, retry_delay, limits))
            for write in _chunk.writes:
                if write.exception() is not None:
                    log.warning("a part could not be written (settle writes it again): %s", write.exception())
        finally:
            _chunk.box = _chunk.writer = None
    return outcomes


def _with_retries(doc: PendingDocument, parts_dir: str, retries: int, retry_delay: float,
                  limits: Limits) -> Outcome:
    for attempt in range(retries + 1):
        try:
            return process_document(doc.sha256, doc.raw_path, doc.arrival, parts_dir, limits)
        except TRANSIENT as exc:
            if attempt == retries:
                return _failure(doc, exc)
            time.sleep(retry_delay)
        except Exception as exc:
            return _failure(doc, exc)
    raise AssertionError("unreachable")


def _failure(doc: PendingDocument, exc: BaseException) -> DocumentFailure:
    return DocumentFailure(sha256=doc.sha256, error=f"{type(exc).__name__}: {exc}",
                           permanent=isinstance(exc, CorruptRawFile))


def run_local(settings: Settings) -> Runner:
    """The plain runner: one document after another in this process (the benchmark's baseline)."""
    return lambda batch: process_chunk(batch, str(settings.parts_dir), limits=limits_of(settings))


def process_pending(settings: Settings, ledger: Ledger, runner: Runner,
                    pipeline_version: Optional[str] = None, limit: Optional[int] = None) -> ProcessReport:
    """Pending documents in rounds of JOSPAR_PROCESS_BATCH: claim a round (leases, so concurrent runs
    share the work), run it, settle it; until nothing is left to claim or `limit` is reached. The next
    round is read while the last one settles (loading, lineage: ~10-15 % of a round, during which the
    workers sat idle), so at most two rounds are held at once."""
    if pipeline_version is None:
        from flows.settings import pipeline_config

        pipeline_version = pipeline_config().version()
    started = time.perf_counter()
    report = ProcessReport()
    rounds = _Rounds(settings, ledger, runner, pipeline_version, limit)
    report.leased_elsewhere = ledger.leased_elsewhere(rounds.owner, pipeline_version)
    with LeaseKeeper(settings.ledger_path, rounds.owner, settings.lease_seconds) as keeper, \
            ThreadPoolExecutor(1, thread_name_prefix="parts-gone") as janitor, \
            ThreadPoolExecutor(1, thread_name_prefix="next-round") as ahead:
        rounds.keeper, rounds.ahead = keeper, ahead
        current = rounds.start()
        try:
            while current is not None:
                batch, future = current
                report.pending += len(batch)
                try:
                    outcomes = future.result()
                    rounds.handled.update(doc.sha256 for doc in batch)
                    current = rounds.start()  # reads while `batch` settles
                    settle(settings, ledger, batch, outcomes, pipeline_version, report, janitor)
                finally:
                    rounds.release(batch)
        except BaseException:
            rounds.abandon(current)
            raise
    ledger.refresh_message_states()
    report.seconds = round(time.perf_counter() - started, 3)
    return report


class _Rounds:
    """The rounds of one run: claimed under this run's leases, each run on the `ahead` thread (with the
    flow's context, so Prefect sees its tasks as the flow's)."""

    def __init__(self, settings: Settings, ledger: Ledger, runner: Runner, pipeline_version: str,
                 limit: Optional[int]) -> None:
        self.settings, self.ledger, self.runner = settings, ledger, runner
        self.version, self.limit = pipeline_version, limit
        self.owner, self.handled = run_owner(), set()
        self.held: dict[str, None] = {}  # documents leased to rounds not yet settled
        self.keeper: LeaseKeeper | None = None
        self.ahead: ThreadPoolExecutor | None = None

    def start(self):
        """Claim the next round and start reading it; None when nothing is left (or the limit is met)."""
        taken = len(self.handled.union(self.held))  # a round settling is in both
        size = self.settings.process_batch if self.limit is None else min(self.settings.process_batch,
                                                                           self.limit - taken)
        if size <= 0:
            return None
        batch = self.ledger.claim_documents(self.owner, self.version, self.settings.lease_seconds, size,
                                            skip=self.handled | set(self.held))
        if not batch:
            return None
        # largest first: the round ends when its last chunk does, so the small documents go last and
        # no worker waits long for another's last big file (size tells OCR pages from text letters)
        batch.sort(key=lambda doc: (-doc.size, doc.sha256))
        self.held.update(dict.fromkeys(doc.sha256 for doc in batch))
        self.keeper.hold(list(self.held))
        return batch, self.ahead.submit(contextvars.copy_context().run, self.runner, batch)

    def release(self, batch: list[PendingDocument]) -> None:
        """The round's leases: settled documents are no longer pending; those settle did not reach (it
        raised) are free for the next run."""
        shas = [doc.sha256 for doc in batch]
        for sha in shas:
            self.held.pop(sha, None)
        self.keeper.hold(list(self.held))
        self.ledger.release_leases(self.owner, shas)

    def abandon(self, current) -> None:
        """After a failure: let a round still reading finish, then free its documents."""
        if current is None:
            return
        batch, future = current
        try:
            future.result()
        except BaseException:  # its documents are freed below either way
            pass
        if any(doc.sha256 in self.held for doc in batch):
            self.release(batch)


def settle(settings: Settings, ledger: Ledger, batch: list[PendingDocument], outcomes: list[Outcome],
           pipeline_version: str, report: ProcessReport, janitor: Optional[ThreadPoolExecutor] = None) -> None:
    from store import Store

    done: list[DocumentResult] = []
    for doc, outcome in zip(batch, outcomes):
        if isinstance(outcome, DocumentResult):
            done.append(outcome)
        else:
            _fail(settings, ledger, doc, outcome, report)
    for result in done:  # a part consolidated before a crash, then cleaned, is written again
        if not Path(result.part).is_dir():
            Store.write_part(result.document, settings.parts_dir)
    if done:
        with Store(settings.store_path, wait_seconds=120) as store:
            store.consolidate(settings.parts_dir, only=[r.document.document_id for r in done])
            store.relink()  # plan lineage across documents, now that the new ones are stored
    ledger.mark_processed([r.sha256 for r in done], pipeline_version)
    for result in done:
        discard_part(settings.parts_dir / result.document.document_id, janitor)
        _count(result.document, report)


def discard_part(part: Path, janitor: Optional[ThreadPoolExecutor]) -> None:
    """A loaded part hidden at once (one rename; consolidation ignores hidden folders) and deleted on
    the janitor thread while the next round is read: its ten files cost ~20 ms a document to unlink
    here, time the workers would sit idle. A crash leaves a hidden folder that consolidation removes
    after an hour (store.parts.remove_abandoned)."""
    from store.fsutil import temp_sibling

    gone = temp_sibling(part, "loaded")
    try:
        part.rename(gone)
    except OSError:
        gone = part  # vanished, or cannot be renamed: delete it where it is
    if janitor is None:
        shutil.rmtree(gone, ignore_errors=True)
    else:
        janitor.submit(shutil.rmtree, gone, ignore_errors=True)


def _count(doc: Document, report: ProcessReport) -> None:
    report.processed += 1
    report.measures += sum(len(plan.measures) for plan in doc.plans)
    for flag in doc.flags:
        report.flags[flag.code] = report.flags.get(flag.code, 0) + 1


def _fail(settings: Settings, ledger: Ledger, doc: PendingDocument, failure: DocumentFailure,
          report: ProcessReport) -> None:
    reason = failure.error
    state = ledger.record_failure(doc.sha256, reason, settings.retry_backoff_seconds, settings.max_attempts,
                                  permanent=failure.permanent)
    log.warning("document %s failed (%s), now %s", doc.sha256[:12], reason, state)
    if state == "quarantined":
        quarantine(settings, doc, reason, move=failure.permanent)
        report.quarantined += 1
    else:
        report.failed += 1


def quarantine(settings: Settings, doc: PendingDocument, reason: str, move: bool) -> Path:
    """Keep the bytes and the reason under <data_dir>/quarantine/. A corrupt raw file is moved out of
    the raw store (so a refetch can restore good bytes); otherwise the raw file stays where it is."""
    target = settings.quarantine_dir / doc.sha256
    target.parent.mkdir(parents=True, exist_ok=True)
    source = Path(doc.raw_path)
    if source.exists():
        if move:
            source.rename(target)
        else:
            shutil.copyfile(source, target)
    info = {"sha256": doc.sha256, "reason": reason, "raw_path": doc.raw_path, "attempts": doc.attempts + 1,
            "quarantined_at": time.time(), "arrival": doc.arrival.model_dump(mode="json")}
    write_atomic(target.with_suffix(".json"), json.dumps(info, ensure_ascii=False, indent=1).encode())
    return target
