"""`jospar verify`: re-hash every raw file the ledger knows, quarantine bad copies, release repaired ones.

Bit rot, a bad disk or a careless restore can change stored bytes after they were processed; nothing
else would notice until the document is processed again. For each document of the ledger:
- its raw file hashes to its name: fine; and if it was quarantined as a bad copy, its good bytes are
  back (restored by hand, or delivered again), so it leaves quarantine and is processed again;
- otherwise (changed or missing): a good copy kept in quarantine/ is put back if there is one; else
  the bad copy is moved to quarantine/ with a JSON reason and the document is quarantined
  ('bad_copy') until a new delivery of the same bytes (ingest re-hashes what it stores) repairs it.
No Prefect here: the command runs without a server; `jospar serve` wraps it in a scheduled flow.
"""
from __future__ import annotations

import time
from pathlib import Path

from pydantic import BaseModel, Field

from flows.ledger import Ledger, to_pending
from flows.rawstore import RawStore, file_sha256, write_atomic
from flows.settings import Settings


class VerifyReport(BaseModel):
    documents: int = 0
    good: int = 0
    bad_copies: list[str] = Field(default_factory=list)  # quarantined now: bytes changed
    missing: list[str] = Field(default_factory=list)  # quarantined now: raw file gone
    restored: list[str] = Field(default_factory=list)  # good bytes put back from quarantine/
    released: list[str] = Field(default_factory=list)  # good again: left quarantine, to be processed
    still_bad: int = 0  # quarantined bad copies still waiting for their bytes
    untracked_files: int = 0  # raw files the ledger does not know (a crash between store and commit)
    seconds: float = 0.0

    @property
    def problems(self) -> int:
        return len(self.bad_copies) + len(self.missing)


def _quarantined_bad_copy(row: dict) -> bool:
    # ledgers written before the 'quarantine' column only say so in the error text
    return row["state"] == "quarantined" and (
        row.get("quarantine") == "bad_copy" or (row.get("quarantine") is None and "CorruptRawFile" in (row["error"] or "")))


def _hashes_to(path: Path, sha256: str) -> bool:
    try:
        return path.is_file() and file_sha256(path) == sha256
    except OSError:
        return False


def verify_raw_store(settings: Settings, ledger: Ledger, raw: RawStore) -> VerifyReport:
    from flows.process_work import quarantine

    started = time.perf_counter()
    report = VerifyReport()
    rows = ledger.db.execute("SELECT * FROM documents ORDER BY first_seen, sha256").fetchall()
    for row in rows:
        report.documents += 1
        sha, path = row["sha256"], raw.path_for(row["sha256"])
        good = _hashes_to(path, sha) or _restore_from_quarantine(settings, sha, path, report)
        bad_copy = _quarantined_bad_copy(dict(row))
        if good and bad_copy:
            ledger.release_repaired(sha)
            report.released.append(sha)
        elif good:
            report.good += 1
        elif bad_copy:
            report.still_bad += 1
        else:
            exists = path.exists()
            reason = f"CorruptRawFile: {path} {f'does not hash to {sha}' if exists else 'is missing'} (jospar verify)"
            quarantine(settings, to_pending(row), reason, move=True)
            ledger.quarantine_bad_copy(sha, reason)
            (report.bad_copies if exists else report.missing).append(sha)
    known = {row["sha256"] for row in rows}
    report.untracked_files = sum(1 for p in raw.files() if p.name not in known)
    ledger.refresh_message_states()
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _restore_from_quarantine(settings: Settings, sha256: str, path: Path, report: VerifyReport) -> bool:
    """A good copy kept in quarantine/ (documents quarantined after failures keep one) is put back."""
    kept = settings.quarantine_dir / sha256
    if not _hashes_to(kept, sha256):
        return False
    write_atomic(path, kept.read_bytes())
    report.restored.append(sha256)
    return True
