"""The ingestion work, without Prefect: mailbox → raw store + ledger → mark/move on the server.

Order per message, so that a crash at any point neither loses nor duplicates a document:
1. fetch with BODY.PEEK (nothing changes on the server);
2. every document part's exact bytes → raw store (fsync'd, renamed, dir fsync'd; same content = same file);
3. one ledger transaction records the message, its parts and the new documents;
4. only then mark or move the message, and note that in the ledger.
A crash before 3 refetches the message (its bytes land on the same files); a crash between 3 and 4 is
finished by the next run's "pending marks" step. Keys: (folder, UIDVALIDITY, UID) and sha256.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from typing import Optional

from pydantic import BaseModel, Field

from flows import mailbox
from flows.ledger import AttachmentRecord, Ledger, MessageRecord
from flows.rawstore import RawStore
from flows.settings import Settings

log = logging.getLogger("jospar.ingest")


class MailboxPlan(BaseModel):
    folder: str
    uidvalidity: int
    previous_uidvalidity: Optional[int] = None
    on_server: int = 0
    new_uids: list[int] = Field(default_factory=list)
    marked_pending: int = 0


class BatchReport(BaseModel):
    fetched: int = 0
    stored_messages: int = 0
    without_documents: int = 0
    new_documents: int = 0
    known_documents: int = 0
    failed: int = 0
    marked: int = 0
    flags: list[dict] = Field(default_factory=list)

    def add(self, other: "BatchReport") -> None:
        for name in ("fetched", "stored_messages", "without_documents", "new_documents", "known_documents",
                     "failed", "marked"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.flags.extend(other.flags)


class UidValidityChanged(RuntimeError):
    """The folder was recreated between planning and fetching: replan on the next run."""


def plan_mailbox(settings: Settings, ledger: Ledger) -> MailboxPlan:
    """UIDs to fetch (fetch UIDs first, bodies later in batches); finishes marks a crash left pending."""
    folder = settings.imap_folder
    with mailbox.connect(settings) as box:
        uidvalidity = mailbox.select(box, folder)
        server_uids = mailbox.all_uids(box)
        pending = ledger.unmarked_uids(folder, uidvalidity)
        present = set(server_uids)
        mailbox.mark(box, [uid for uid in pending if uid in present], settings)
    ledger.mark_done(folder, uidvalidity, pending)  # absent ones were already moved before a crash
    known = ledger.known_uids(folder, uidvalidity)
    previous = _previous_uidvalidity(ledger, folder, uidvalidity)
    if previous is not None:
        log.warning("UIDVALIDITY of %s changed from %s to %s: rereading the folder (documents are "
                    "deduplicated by content)", folder, previous, uidvalidity)
    return MailboxPlan(folder=folder, uidvalidity=uidvalidity, previous_uidvalidity=previous,
                       on_server=len(server_uids), new_uids=[u for u in server_uids if u not in known],
                       marked_pending=len(pending))


def _previous_uidvalidity(ledger: Ledger, folder: str, uidvalidity: int) -> Optional[int]:
    row = ledger.db.execute(
        "SELECT uidvalidity FROM messages WHERE folder=? AND uidvalidity!=? ORDER BY updated DESC LIMIT 1",
        (folder, uidvalidity)).fetchone()
    seen_now = ledger.db.execute("SELECT 1 FROM messages WHERE folder=? AND uidvalidity=? LIMIT 1",
                                 (folder, uidvalidity)).fetchone()
    return row[0] if row and not seen_now else None


def ingest_batch(settings: Settings, ledger: Ledger, raw: RawStore, uidvalidity: int,
                 uids: list[int]) -> BatchReport:
    """Fetch, store and mark one batch of messages over one connection."""
    report = BatchReport()
    folder = settings.imap_folder
    with mailbox.connect(settings) as box:
        current = mailbox.select(box, folder)
        if current != uidvalidity:
            raise UidValidityChanged(f"{folder}: UIDVALIDITY {uidvalidity} -> {current}")
        stored: list[int] = []
        for uid, data, arrived in mailbox.fetch_raw(box, uids):
            report.fetched += 1
            if store_message(settings, ledger, raw, uidvalidity, uid, data, report, arrived):
                stored.append(uid)
            if settings.ingest_pause:
                time.sleep(settings.ingest_pause)
        mailbox.mark(box, stored, settings)
    ledger.mark_done(folder, uidvalidity, stored)
    report.marked = len(stored)
    return report


def store_message(settings: Settings, ledger: Ledger, raw: RawStore, uidvalidity: int, uid: int,
                  data: bytes, report: BatchReport, arrived: Optional[dt.datetime] = None) -> bool:
    """Steps 2 and 3 for one message; a failure is recorded for a later retry, never raised."""
    folder = settings.imap_folder
    try:
        record = build_record(settings, raw, folder, uidvalidity, uid, data)
        record.date = record.date or arrived  # no usable Date header: when the server received it
        before = {a.sha256 for a in record.attachments if a.sha256}
        known = {sha for sha in before if _document_known(ledger, sha)}
        ledger.record_message(record)
    except Exception as exc:  # disk full, a bug: keep the message on the server, retry with back-off
        log.error("message %s/%s: %s", folder, uid, exc)
        ledger.record_message_failure(folder, uidvalidity, uid, f"{type(exc).__name__}: {exc}",
                                      settings.retry_backoff_seconds)
        report.failed += 1
        return False
    report.stored_messages += 1
    report.without_documents += int(not before)
    report.new_documents += len(before - known)
    report.known_documents += len(known)
    report.flags.extend({**flag, "where": flag.get("where") or f"{folder}/{uidvalidity}/{uid}"}
                        for flag in record.flags)
    return True


def build_record(settings: Settings, raw: RawStore, folder: str, uidvalidity: int, uid: int,
                 data: bytes) -> MessageRecord:
    """Parse the message and put its document parts into the raw store (fsync'd before returning)."""
    parsed = mailbox.parse_message(data)
    record = MessageRecord(folder=folder, uidvalidity=uidvalidity, uid=uid, message_id=parsed.message_id,
                           sender=parsed.sender, subject=parsed.subject, date=parsed.date)
    where = f"{folder}/{uidvalidity}/{uid}"
    if parsed.defects:
        record.flags.append(_flag("malformed_mime", "MIME defects: " + ", ".join(parsed.defects), where))
    for part in parsed.parts:
        att = AttachmentRecord(part=part.index, filename=part.filename, media_type=part.media_type,
                               size=len(part.data or b""), disposition=part.disposition, nested=part.nested)
        if part.original_name and part.original_name != part.filename:
            att.flag = "unsafe_filename"
            record.flags.append(_flag("unsafe_filename", f"file name {part.original_name!r} stored as "
                                      f"{part.filename!r}", where))
        if part.data is None:
            att.flag = "undecodable_part"
            record.flags.append(_flag("undecodable_part", f"part {part.index} has no decodable body", where))
        elif len(part.data) > settings.max_attachment_bytes:
            att.flag = "attachment_too_large"
            record.flags.append(_flag("attachment_too_large", f"{part.filename}: {len(part.data)} bytes is "
                                      f"over JOSPAR_MAX_ATTACHMENT_BYTES={settings.max_attachment_bytes}", where))
        else:
            att.sha256, path, _ = raw.put(part.data)
            att.raw_path = str(path)
        record.attachments.append(att)
    return record


def _document_known(ledger: Ledger, sha256: str) -> bool:
    return ledger.db.execute("SELECT 1 FROM documents WHERE sha256=?", (sha256,)).fetchone() is not None


def _flag(code: str, message: str, where: str) -> dict:
    return {"code": code, "message": message, "where": where}


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]
