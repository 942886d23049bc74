"""Finding 2: `jospar web --host 0.0.0.0` started without accounts, and a network client sending loopback
Host and Origin headers saved corrections under any author name. Now it refuses to listen beyond
loopback until the store has accounts (auth.users, brought by the review-station issue)."""
from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from store import Store
from store.accounts import add_user
from webapp.accounts_guard import accounts_exist, is_loopback


@pytest.fixture
def store_path(tmp_path) -> Path:
    path = tmp_path / "jospar.duckdb"
    Store(path).close()
    return path


def add_accounts(path: Path, rows: int) -> None:
    with duckdb.connect(str(path)) as con:
        for i in range(rows):
            add_user(con, f"analyst{i}", "a long enough passphrase", "reader")


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("::", False), ("10.0.0.5", False), ("192.168.1.20", False), ("plans.edu.kz", False),
    ("", False)])
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


def test_accounts_exist_only_with_a_user(store_path, tmp_path):
    assert not accounts_exist(store_path)  # an empty auth.users
    add_accounts(store_path, 1)
    assert accounts_exist(store_path)
    with duckdb.connect(str(store_path)) as con:
        con.execute("UPDATE auth.users SET disabled = true")
    assert not accounts_exist(store_path)  # a disabled account lets no one in
    plain = tmp_path / "plain.duckdb"
    duckdb.connect(str(plain)).close()
    assert not accounts_exist(plain)  # no auth schema at all
    assert not accounts_exist(tmp_path / "missing.duckdb")


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.0.0.5"])
def test_web_refuses_to_listen_beyond_loopback_without_accounts(store_path, jospar_bin, host):
    done = subprocess.run([jospar_bin, "web", "--db", str(store_path), "--host", host, "--port", str(free_port())],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert f"refusing to listen on {host}" in done.stderr and "accounts" in done.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_web_listens_on_all_addresses_once_accounts_exist(store_path, jospar_bin):
    add_accounts(store_path, 1)
    port = free_port()
    proc = subprocess.Popen([jospar_bin, "web", "--db", str(store_path), "--host", "0.0.0.0", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read().decode()[-2000:]
                time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
