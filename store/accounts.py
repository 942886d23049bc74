"""Accounts and sessions of the web app, in the store file (`auth.users`, `auth.sessions`).

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second recommended profile); the
hash carries its parameters, so raising them later re-hashes on the next sign-in. A session is a random
token given to the browser; only its SHA-256 is stored, so a copy of the store does not hand out sessions.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from store.review_sql import AUTH

ROLES = ("reader", "reviewer")
LANGUAGES = ("kk", "ru", "en")
NAME = re.compile(r"[\w.@-]{1,64}", re.UNICODE)
MIN_PASSWORD = 10
SESSION_HOURS = 12
_HASHER = PasswordHasher()
# verified against when the name is unknown, so a wrong name costs the same time as a wrong password
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    lang: str

    @property
    def can_write(self) -> bool:
        return self.role == "reviewer"


@dataclass(frozen=True)
class Session:
    token: str  # only in the cookie; the store keeps its hash
    csrf: str
    account: Account


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_new_account(name: str, password: str, role: str, lang: str = "ru") -> None:
    if not NAME.fullmatch(name or ""):
        raise ValueError("a user name is 1-64 letters, digits, '.', '_', '-' or '@'")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    if len(password or "") < MIN_PASSWORD:
        raise ValueError(f"the password must have at least {MIN_PASSWORD} characters")


def add_user(con, name: str, password: str, role: str, lang: str = "ru", replace: bool = False) -> None:
    """Create the account (or, with `replace`, set a new password, role and language)."""
    check_new_account(name, password, role, lang)
    exists = con.execute(f"SELECT count(*) FROM {AUTH}.users WHERE name = ?", [name]).fetchall()[0][0]
    if exists and not replace:
        raise ValueError(f"user {name!r} exists; use --replace to set a new password or role")
    hashed = _HASHER.hash(password)
    if exists:
        con.execute(f"UPDATE {AUTH}.users SET password_hash = ?, role = ?, lang = ?, disabled = false WHERE name = ?",
                    [hashed, role, lang, name])
        con.execute(f"DELETE FROM {AUTH}.sessions WHERE name = ?", [name])  # a new password ends old sessions
    else:
        con.execute(f"INSERT INTO {AUTH}.users (name, password_hash, role, lang, created_at) VALUES (?, ?, ?, ?, ?)",
                    [name, hashed, role, lang, _now()])


def count_users(con) -> int:
    return con.execute(f"SELECT count(*) FROM {AUTH}.users WHERE NOT disabled").fetchall()[0][0]


def authenticate(con, name: str, password: str) -> Account | None:
    found = con.execute(f"SELECT password_hash, role, lang FROM {AUTH}.users WHERE name = ? AND NOT disabled",
                        [name]).fetchall()
    stored = found[0][0] if found else _DUMMY_HASH
    try:
        _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if not found:
        return None
    if _HASHER.check_needs_rehash(stored):
        con.execute(f"UPDATE {AUTH}.users SET password_hash = ? WHERE name = ?", [_HASHER.hash(password), name])
    return Account(name=name, role=found[0][1], lang=found[0][2])


def open_session(con, account: Account) -> Session:
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    now = _now()
    con.execute(f"DELETE FROM {AUTH}.sessions WHERE expires_at < ?", [now])
    con.execute(f"INSERT INTO {AUTH}.sessions VALUES (?, ?, ?, ?, ?)",
                [_digest(token), account.name, csrf, now, now + dt.timedelta(hours=SESSION_HOURS)])
    return Session(token=token, csrf=csrf, account=account)


def session_of(con, token: str | None) -> Session | None:
    session, _ = session_until(con, token)
    return session


def session_until(con, token: str | None) -> tuple[Session | None, dt.datetime | None]:
    """The token's session and when it expires (None, None when there is none or it has expired)."""
    if not token or len(token) > 200:
        return None, None
    found = con.execute(
        f"""SELECT s.csrf, u.name, u.role, u.lang, s.expires_at FROM {AUTH}.sessions s JOIN {AUTH}.users u
            USING (name) WHERE s.token_hash = ? AND s.expires_at > ? AND NOT u.disabled""",
        [_digest(token), _now()]).fetchall()
    if not found:
        return None, None
    csrf, name, role, lang, expires = found[0]
    return Session(token=token, csrf=csrf, account=Account(name=name, role=role, lang=lang)), expires


def token_key(token: str) -> str:
    """What a token is known by outside the request (its digest, as stored)."""
    return _digest(token)


def close_session(con, token: str) -> None:
    con.execute(f"DELETE FROM {AUTH}.sessions WHERE token_hash = ?", [_digest(token)])


def set_language(con, name: str, lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    con.execute(f"UPDATE {AUTH}.users SET lang = ? WHERE name = ?", [lang, name])
