"""Folder source: files dropped into JOSPAR_INBOX_DIR are stored like mail attachments.

A file is taken once it has not changed for JOSPAR_INBOX_SETTLE_SECONDS (so half-copied files wait);
hidden and temporary files are skipped. After its bytes are fsync'd into the raw store and recorded in
the ledger, the file is moved to `<inbox>/ingested/` (over JOSPAR_MAX_ATTACHMENT_BYTES: `<inbox>/rejected/`),
so a rerun does not see it again and the user sees what was taken. Nothing is deleted.
"""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from pydantic import BaseModel, Field

from flows.ledger import Arrival, Ledger
from flows.rawstore import RawStore, sanitize_filename
from flows.settings import Settings

DONE, REJECTED = "ingested", "rejected"
TEMP_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".swp")


class FolderReport(BaseModel):
    files: int = 0
    new_documents: int = 0
    known_documents: int = 0
    waiting: int = 0
    flags: list[dict] = Field(default_factory=list)


def ingest_folder(settings: Settings, ledger: Ledger, raw: RawStore) -> FolderReport:
    inbox = settings.inbox_dir
    report = FolderReport()
    if inbox is None or not inbox.is_dir():
        return report
    now = time.time()
    for path in sorted(inbox.iterdir()):
        if not _candidate(path):
            continue
        stat = path.stat()
        if now - stat.st_mtime < settings.inbox_settle_seconds:
            report.waiting += 1
            continue
        report.files += 1
        if stat.st_size > settings.max_attachment_bytes:
            report.flags.append({"code": "attachment_too_large", "where": path.name,
                                 "message": f"{stat.st_size} bytes is over JOSPAR_MAX_ATTACHMENT_BYTES"})
            _move_aside(path, inbox / REJECTED)
            continue
        _store_file(path, stat.st_mtime, ledger, raw, report)
        _move_aside(path, inbox / DONE)
    return report


def _candidate(path: Path) -> bool:
    name = path.name
    return (path.is_file() and not path.is_symlink() and not name.startswith((".", "~$"))
            and not name.endswith(TEMP_SUFFIXES))


def _store_file(path: Path, mtime: float, ledger: Ledger, raw: RawStore, report: FolderReport) -> None:
    data = path.read_bytes()
    sha, stored_at, _ = raw.put(data)
    known = ledger.db.execute("SELECT 1 FROM documents WHERE sha256=?", (sha,)).fetchone() is not None
    arrival = Arrival(channel="folder", folder=str(path.parent), filename=sanitize_filename(path.name),
                      received_at=dt.datetime.fromtimestamp(mtime, dt.timezone.utc))
    ledger.add_document(sha, len(data), str(stored_at), None, arrival)
    report.known_documents += int(known)
    report.new_documents += int(not known)


def _move_aside(path: Path, target_dir: Path) -> None:
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    counter = 1
    while target.exists():  # the same name dropped twice: keep both
        target = target_dir / f"{path.stem}.{counter}{path.suffix}"
        counter += 1
    path.rename(target)
