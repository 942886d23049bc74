"""Leases of a `process` run on the documents it works on (see flows/ledger.py).

A run claims a round of documents, and `LeaseKeeper` renews their leases every third of
JOSPAR_LEASE_SECONDS from its own thread and its own ledger connection (a connection's transactions
must not interleave with the driver's). If the run dies, renewals stop and the leases expire, so
another run takes the documents; if it is merely slow, its leases stay fresh.
"""
from __future__ import annotations

import os
import socket
import threading
import uuid
from pathlib import Path

from flows.ledger import Ledger


def run_owner() -> str:
    """Who holds a lease: host, process and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class LeaseKeeper:
    def __init__(self, ledger_path: Path, owner: str, lease_seconds: float) -> None:
        self.ledger_path, self.owner, self.lease_seconds = Path(ledger_path), owner, lease_seconds
        self._held: list[str] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._renew, name="jospar-leases", daemon=True)

    def hold(self, sha256s: list[str]) -> None:
        with self._lock:
            self._held = list(sha256s)

    def _renew(self) -> None:
        ledger = Ledger(self.ledger_path)
        try:
            while not self._stop.wait(self.lease_seconds / 3):
                with self._lock:
                    held = list(self._held)
                if held:
                    ledger.renew_leases(self.owner, held, self.lease_seconds)
        finally:
            ledger.close()

    def __enter__(self) -> "LeaseKeeper":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()
