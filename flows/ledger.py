"""The ingestion ledger: a small SQLite file of its own (`<data_dir>/ledger.sqlite`).

messages     keyed by (folder, uidvalidity, uid): what was seen in the mailbox, state new/stored/processed/failed,
             whether it was marked/moved on the server, retry count and next-attempt time.
attachments  which document (sha256) came from which message part, with the sanitised file name.
documents    keyed by sha256: one row per distinct content, state new/processed/failed/quarantined,
             retry count, next-attempt time, the reason of the last failure, the pipeline version used,
             the metadata of its first arrival (becomes Document.received), why it is quarantined
             ('bad_copy': its raw bytes no longer match their hash; 'failed': too many failures), and
             the lease of the `process` run working on it (owner, expiry).

SQLite with WAL and synchronous=FULL: a committed row survives a crash; several processes may read
while one writes. Only flow (driver) processes write; workers never touch the ledger. Concurrent
`process` runs share the work through leases: a run claims a round of documents in one transaction
(`claim_documents`), renews the lease while it works, and clears it when it settles each document;
a crashed run's leases simply expire and another run takes the documents.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Literal, Optional

from pydantic import BaseModel, Field

from schemas.records import Received

SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
  folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL, uid INTEGER NOT NULL,
  message_id TEXT, sender TEXT, subject TEXT, date TEXT,
  state TEXT NOT NULL CHECK (state IN ('new','stored','processed','failed')),
  n_attachments INTEGER NOT NULL DEFAULT 0, flags TEXT NOT NULL DEFAULT '[]',
  marked INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt REAL NOT NULL DEFAULT 0, error TEXT, updated REAL NOT NULL,
  PRIMARY KEY (folder, uidvalidity, uid));
CREATE TABLE IF NOT EXISTS attachments (
  folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL, uid INTEGER NOT NULL, part INTEGER NOT NULL,
  sha256 TEXT, filename TEXT, media_type TEXT, size INTEGER, disposition TEXT,
  nested INTEGER NOT NULL DEFAULT 0, flag TEXT,
  PRIMARY KEY (folder, uidvalidity, uid, part));
CREATE INDEX IF NOT EXISTS attachments_sha ON attachments (sha256);
CREATE TABLE IF NOT EXISTS documents (
  sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, raw_path TEXT NOT NULL, media_type TEXT,
  state TEXT NOT NULL CHECK (state IN ('new','processed','failed','quarantined')),
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt REAL NOT NULL DEFAULT 0, error TEXT,
  pipeline_version TEXT, first_seen REAL NOT NULL, processed_at REAL,
  channel TEXT NOT NULL, message_id TEXT, folder TEXT, uidvalidity INTEGER, uid INTEGER,
  sender TEXT, subject TEXT, received_at TEXT, filename TEXT,
  quarantine TEXT, releases INTEGER NOT NULL DEFAULT 0, lease_owner TEXT, lease_until REAL NOT NULL DEFAULT 0);
"""
# columns added after the first ledgers were written: (name, declaration) added when missing
LATER_COLUMNS = {"documents": [("quarantine", "TEXT"), ("releases", "INTEGER NOT NULL DEFAULT 0"), ("lease_owner", "TEXT"),
                               ("lease_until", "REAL NOT NULL DEFAULT 0")]}
PENDING = ("(state='new' OR (state='failed' AND next_attempt<=:now)"
           " OR (state='processed' AND pipeline_version IS NOT :version))")


class Arrival(Received):
    """How one document arrived, as the ledger records it (the mailbox unless said otherwise)."""

    channel: Literal["imap", "folder", "cli"] = "imap"


class AttachmentRecord(BaseModel):
    part: int
    sha256: Optional[str] = None  # None when not stored (too large, undecodable)
    filename: str
    media_type: str
    size: int
    disposition: str = "attachment"
    nested: bool = False  # inside a forwarded message/rfc822
    flag: Optional[str] = None
    raw_path: Optional[str] = None


class MessageRecord(BaseModel):
    folder: str
    uidvalidity: int
    uid: int
    message_id: Optional[str] = None
    sender: Optional[str] = None
    subject: Optional[str] = None
    date: Optional[dt.datetime] = None
    attachments: list[AttachmentRecord] = Field(default_factory=list)
    flags: list[dict] = Field(default_factory=list)  # schemas Flag dicts: malformed MIME, oversized, ...


class PendingDocument(BaseModel):
    sha256: str
    raw_path: str
    size: int
    attempts: int
    arrival: Arrival
    releases: int = 0  # times it left quarantine (attempts restart at 0, so results cached before differ)


class Ledger:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self._add_later_columns()

    def _add_later_columns(self) -> None:
        for table, columns in LATER_COLUMNS.items():
            present = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
            for name, declaration in columns:
                if name not in present:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {declaration}")

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # messages ----------------------------------------------------------------------------------
    def known_uids(self, folder: str, uidvalidity: int, now: float | None = None) -> set[int]:
        """UIDs not to fetch again: every recorded message except failed ones whose retry is due."""
        now = time.time() if now is None else now
        rows = self.db.execute(
            "SELECT uid FROM messages WHERE folder=? AND uidvalidity=? AND NOT (state='failed' AND next_attempt<=?)",
            (folder, uidvalidity, now))
        return {row[0] for row in rows}

    def unmarked_uids(self, folder: str, uidvalidity: int) -> list[int]:
        rows = self.db.execute(
            "SELECT uid FROM messages WHERE folder=? AND uidvalidity=? AND marked=0 AND state!='failed' ORDER BY uid",
            (folder, uidvalidity))
        return [row[0] for row in rows]

    def record_message(self, msg: MessageRecord) -> None:
        """One transaction: the message, its attachments, and a document row per new content."""
        now = time.time()
        stored = [a for a in msg.attachments if a.sha256]
        state = "stored" if stored else "processed"  # nothing to process: done, never re-downloaded
        arrival = dict(channel="imap", message_id=msg.message_id, folder=msg.folder,
                       uidvalidity=msg.uidvalidity, uid=msg.uid, sender=msg.sender, subject=msg.subject,
                       received_at=msg.date.isoformat() if msg.date else None)
        with self.transaction() as db:
            db.execute(
                "INSERT INTO messages (folder, uidvalidity, uid, message_id, sender, subject, date, state,"
                " n_attachments, flags, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT (folder, uidvalidity, uid) DO UPDATE SET state=excluded.state,"
                " n_attachments=excluded.n_attachments, flags=excluded.flags, error=NULL, updated=excluded.updated",
                (msg.folder, msg.uidvalidity, msg.uid, msg.message_id, msg.sender, msg.subject,
                 arrival["received_at"], state, len(stored), json.dumps(msg.flags, ensure_ascii=False), now))
            db.execute("DELETE FROM attachments WHERE folder=? AND uidvalidity=? AND uid=?",
                       (msg.folder, msg.uidvalidity, msg.uid))
            for att in msg.attachments:
                db.execute(
                    "INSERT INTO attachments VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (msg.folder, msg.uidvalidity, msg.uid, att.part, att.sha256, att.filename, att.media_type,
                     att.size, att.disposition, int(att.nested), att.flag))
                if att.sha256:
                    self._insert_document(db, att.sha256, att.size, att.raw_path or "", att.media_type,
                                          {**arrival, "filename": att.filename}, now)

    def record_message_failure(self, folder: str, uidvalidity: int, uid: int, error: str,
                               backoff: float) -> None:
        now = time.time()
        with self.transaction() as db:
            row = db.execute("SELECT attempts FROM messages WHERE folder=? AND uidvalidity=? AND uid=?",
                             (folder, uidvalidity, uid)).fetchone()
            attempts = (row[0] if row else 0) + 1
            db.execute(
                "INSERT INTO messages (folder, uidvalidity, uid, state, attempts, next_attempt, error, updated)"
                " VALUES (?,?,?,'failed',?,?,?,?) ON CONFLICT (folder, uidvalidity, uid) DO UPDATE SET"
                " state='failed', attempts=excluded.attempts, next_attempt=excluded.next_attempt,"
                " error=excluded.error, updated=excluded.updated",
                (folder, uidvalidity, uid, attempts, now + backoff_delay(backoff, attempts), error[:2000], now))

    def mark_done(self, folder: str, uidvalidity: int, uids: list[int]) -> None:
        with self.transaction() as db:
            db.executemany("UPDATE messages SET marked=1 WHERE folder=? AND uidvalidity=? AND uid=?",
                           [(folder, uidvalidity, uid) for uid in uids])

    # documents ---------------------------------------------------------------------------------
    @staticmethod
    def _insert_document(db, sha256: str, size: int, raw_path: str, media_type: str | None,
                         arrival: dict, now: float) -> None:
        db.execute(
            "INSERT INTO documents (sha256, size, raw_path, media_type, state, first_seen, channel, message_id,"
            " folder, uidvalidity, uid, sender, subject, received_at, filename)"
            " VALUES (?,?,?,?,'new',?,?,?,?,?,?,?,?,?,?) ON CONFLICT (sha256) DO UPDATE SET state='new',"
            " attempts=0, next_attempt=0, error=NULL, quarantine=NULL, releases=releases+1, raw_path=excluded.raw_path"
            " WHERE documents.state='quarantined'",  # delivered again: its bytes are good again, try again
            (sha256, size, raw_path, media_type, now, arrival.get("channel"), arrival.get("message_id"),
             arrival.get("folder"), arrival.get("uidvalidity"), arrival.get("uid"), arrival.get("sender"),
             arrival.get("subject"), arrival.get("received_at"), arrival.get("filename")))

    def add_document(self, sha256: str, size: int, raw_path: str, media_type: str | None,
                     arrival: Arrival) -> None:
        data = arrival.model_dump()
        data["received_at"] = arrival.received_at.isoformat() if arrival.received_at else None
        with self.transaction() as db:
            self._insert_document(db, sha256, size, raw_path, media_type, data, time.time())

    def pending_documents(self, pipeline_version: str, limit: int | None = None,
                          now: float | None = None) -> list[PendingDocument]:
        """New documents, failed ones whose retry is due, and processed ones from an older pipeline."""
        now = time.time() if now is None else now
        sql = f"SELECT * FROM documents WHERE {PENDING} ORDER BY first_seen, sha256"
        params: dict = {"now": now, "version": pipeline_version}
        if limit:
            sql += " LIMIT :limit"
            params["limit"] = limit
        return [to_pending(row) for row in self.db.execute(sql, params)]

    def claim_documents(self, owner: str, pipeline_version: str, lease_seconds: float, limit: int,
                        skip: Iterable[str] = (), now: float | None = None) -> list[PendingDocument]:
        """Pending documents no other live run holds, leased to `owner` in one transaction; `skip`:
        documents this run already settled (a failed one may be due again at once, but not twice a run)."""
        now = time.time() if now is None else now
        params = {"now": now, "version": pipeline_version, "owner": owner, "limit": limit,
                  "skip": json.dumps(sorted(skip)), "until": now + lease_seconds}
        with self.transaction() as db:
            rows = db.execute(
                f"SELECT * FROM documents WHERE {PENDING} AND (lease_owner IS NULL OR lease_owner=:owner"
                " OR lease_until<=:now) AND sha256 NOT IN (SELECT value FROM json_each(:skip))"
                " ORDER BY first_seen, sha256 LIMIT :limit", params).fetchall()
            db.executemany("UPDATE documents SET lease_owner=?, lease_until=? WHERE sha256=?",
                           [(owner, params["until"], row["sha256"]) for row in rows])
        return [to_pending(row) for row in rows]

    def leased_elsewhere(self, owner: str, pipeline_version: str, now: float | None = None) -> int:
        """Pending documents another live run holds (for the report)."""
        now = time.time() if now is None else now
        return self.db.execute(
            f"SELECT count(*) FROM documents WHERE {PENDING} AND lease_owner IS NOT NULL"
            " AND lease_owner!=:owner AND lease_until>:now",
            {"now": now, "version": pipeline_version, "owner": owner}).fetchone()[0]

    def renew_leases(self, owner: str, sha256s: list[str], lease_seconds: float) -> None:
        with self.transaction() as db:
            db.executemany("UPDATE documents SET lease_until=? WHERE sha256=? AND lease_owner=?",
                           [(time.time() + lease_seconds, sha, owner) for sha in sha256s])

    def release_leases(self, owner: str, sha256s: list[str]) -> None:
        with self.transaction() as db:
            db.executemany("UPDATE documents SET lease_owner=NULL, lease_until=0 WHERE sha256=? AND lease_owner=?",
                           [(sha, owner) for sha in sha256s])

    def mark_processed(self, sha256s: list[str], pipeline_version: str) -> None:
        now = time.time()
        with self.transaction() as db:
            db.executemany(
                "UPDATE documents SET state='processed', pipeline_version=?, processed_at=?, error=NULL,"
                " next_attempt=0, lease_owner=NULL, lease_until=0 WHERE sha256=?",
                [(pipeline_version, now, sha) for sha in sha256s])

    def record_failure(self, sha256: str, error: str, backoff: float, max_attempts: int,
                       permanent: bool = False) -> str:
        """Count a failed attempt; returns the new state ('failed' to retry later, or 'quarantined')."""
        now = time.time()
        with self.transaction() as db:
            attempts = db.execute("SELECT attempts FROM documents WHERE sha256=?", (sha256,)).fetchone()[0] + 1
            state = "quarantined" if permanent or attempts >= max_attempts else "failed"
            why = None if state == "failed" else "bad_copy" if permanent else "failed"
            db.execute("UPDATE documents SET state=?, attempts=?, next_attempt=?, error=?, quarantine=?,"
                       " lease_owner=NULL, lease_until=0 WHERE sha256=?",
                       (state, attempts, now + backoff_delay(backoff, attempts), error[:2000], why, sha256))
        return state

    # the raw store's health (jospar verify) --------------------------------------------------------
    def quarantine_bad_copy(self, sha256: str, reason: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE documents SET state='quarantined', quarantine='bad_copy', error=?,"
                       " lease_owner=NULL, lease_until=0 WHERE sha256=?", (reason[:2000], sha256))

    def release_repaired(self, sha256: str) -> None:
        """A quarantined bad copy whose good bytes are back: processed again from scratch."""
        with self.transaction() as db:
            db.execute("UPDATE documents SET state='new', attempts=0, next_attempt=0, error=NULL, quarantine=NULL,"
                       " releases=releases+1 WHERE sha256=? AND state='quarantined'", (sha256,))

    def refresh_message_states(self) -> None:
        """A stored message becomes processed when all its documents are; failed (for good: its bytes are
        kept, so refetching would not help) when one of them is quarantined."""
        link = ("SELECT 1 FROM attachments a JOIN documents d USING (sha256) WHERE a.folder=messages.folder"
                " AND a.uidvalidity=messages.uidvalidity AND a.uid=messages.uid AND ")
        with self.transaction() as db:
            db.execute("UPDATE messages SET state='failed', next_attempt=1e18, error='document quarantined'"
                       f" WHERE state='stored' AND EXISTS ({link} d.state='quarantined')")
            db.execute("UPDATE messages SET state='processed', error=NULL, next_attempt=0"
                       f" WHERE (state='stored' OR (state='failed' AND error='document quarantined'))"
                       f" AND NOT EXISTS ({link} d.state!='processed')")

    # reporting ---------------------------------------------------------------------------------
    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for table in ("messages", "documents"):
            rows = self.db.execute(f"SELECT state, count(*) FROM {table} GROUP BY state")
            out[table] = {row[0]: row[1] for row in rows}
        return out

    def rows(self, table: str) -> list[dict]:
        return [dict(row) for row in self.db.execute(f"SELECT * FROM {table}")]  # table names are ours


def backoff_delay(base: float, attempts: int) -> float:
    """Exponential back-off: base, 2·base, 4·base, ... capped at one day."""
    return min(base * 2 ** max(attempts - 1, 0), 86400.0)


def to_pending(row: sqlite3.Row) -> PendingDocument:
    received_at = dt.datetime.fromisoformat(row["received_at"]) if row["received_at"] else None
    arrival = Arrival(channel=row["channel"], message_id=row["message_id"], folder=row["folder"],
                      uidvalidity=row["uidvalidity"], uid=row["uid"], sender=row["sender"],
                      subject=row["subject"], received_at=received_at, filename=row["filename"])
    return PendingDocument(sha256=row["sha256"], raw_path=row["raw_path"], size=row["size"],
                           attempts=row["attempts"], arrival=arrival, releases=row["releases"])
