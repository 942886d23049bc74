"""Whether the web app may listen beyond loopback: only once analysts have accounts.

Without accounts anyone who reaches the port reads every plan and saves corrections under any author
name (Host and Origin headers are the client's to choose, so same-origin checks do not stop a network
client). So `jospar web` binds a non-loopback address only when the store has accounts: a non-empty
`auth.users` table with an enabled account (`jospar user add NAME --role reviewer`).
"""
from __future__ import annotations

import ipaddress
from pathlib import Path

import duckdb

from store.accounts import count_users


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and `localhost`; wildcards (0.0.0.0, ::), other addresses and names are not."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name may resolve anywhere


def accounts_exist(db_path: Path | str) -> bool:
    """True when the DuckDB store at `db_path` has at least one enabled account in `auth.users`; False when it has
    none, no such table, or cannot be read now."""
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return False
    try:
        return count_users(con) > 0
    except duckdb.Error:  # no auth schema: a store written before accounts existed
        return False
    finally:
        con.close()


def refusal(host: str, db_path: Path) -> str | None:
    """The message refusing to listen on `host`, or None when listening there is allowed."""
    if is_loopback(host) or accounts_exist(db_path):
        return None
    return (f"refusing to listen on {host}: the store {db_path} has no accounts (auth.users), so anyone who "
            "can reach the port could read every plan and save corrections under any name. Listen on "
            "127.0.0.1 (the default), behind an authenticating reverse proxy if others need it, or create "
            f"an account first: jospar user add NAME --role reviewer --db {db_path}")
