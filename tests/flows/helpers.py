"""Small readers over what the flows leave behind: the ledger, the raw store, the mailbox."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def ledger_rows(data_dir: Path, table: str) -> list[dict]:
    with sqlite3.connect(data_dir / "ledger.sqlite") as db:
        db.row_factory = sqlite3.Row
        return [dict(row) for row in db.execute(f"SELECT * FROM {table}")]


def raw_files(data_dir: Path) -> dict[str, bytes]:
    """sha256 name -> bytes of every stored raw file (temp files of an interrupted write excluded)."""
    root = data_dir / "raw"
    if not root.exists():
        return {}
    return {p.name: p.read_bytes() for p in root.glob("*/*") if not p.name.startswith(".")}


def assert_raw_store_consistent(data_dir: Path) -> dict[str, bytes]:
    files = raw_files(data_dir)
    for name, data in files.items():
        assert hashlib.sha256(data).hexdigest() == name
    documents = {row["sha256"] for row in ledger_rows(data_dir, "documents")}
    assert documents == set(files), "every document has its raw file and nothing else is stored"
    return files


def server_flags(dovecot, folder: str) -> dict[int, tuple]:
    from imap_tools import MailBoxUnencrypted

    with MailBoxUnencrypted(dovecot.host, dovecot.port).login(dovecot.user, dovecot.password, folder) as box:
        return {int(m.uid): m.flags for m in box.fetch(mark_seen=False, headers_only=True)}
