"""Refuse to serve beyond loopback without accounts: `accounts_exist(db_path)`.

Without accounts anyone who reaches the port could read the store (and, before accounts, write to it), so
`jospar web --host` other than a loopback address needs at least one account in the store's `auth.users`
table (`jospar user add NAME --role reviewer`).
"""
from __future__ import annotations

import ipaddress
from pathlib import Path

import duckdb


def accounts_exist(db_path: Path | str) -> bool:
    """True when the store at db_path holds at least one enabled account (auth.users)."""
    path = Path(db_path)
    if not path.is_file():
        return False
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return False
    try:
        tables = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'auth' "
                             "AND table_name = 'users'").fetchall()[0][0]
        if not tables:
            return False
        return con.execute("SELECT count(*) FROM auth.users WHERE NOT disabled").fetchall()[0][0] > 0
    finally:
        con.close()


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
