"""Who is asking: the session cookie, roles, the CSRF token, and the language of the pages.

- With accounts in the store, every page but /login, /static and /healthz needs a session; without any
  (a single analyst on loopback) pages can be read, and every write is refused until an account exists.
- A session is a random token in an HttpOnly, SameSite=Lax cookie (Secure when the app is reached over
  HTTPS, directly or through a reverse proxy that says so); the store keeps its hash (store/accounts.py).
- Writes need the `reviewer` role, a same-origin request (forms.same_origin) and the session's CSRF token
  in the form: two independent checks against cross-site requests.
- Sign-in failures are throttled per name and per client address.
"""
from __future__ import annotations

import datetime as dt
import hmac
import threading
import time
from dataclasses import dataclass
from typing import Mapping

from starlette.requests import Request

from store import accounts
from store.accounts import Session
from webapp.page_cache import ACCOUNTS
from webapp.store_access import StoreGateway, StoreUnavailable

COOKIE = "jospar_session"
LANG_COOKIE = "jospar_lang"
OPEN_PATHS = ("/login", "/static/", "/healthz")
MAX_FAILURES = 5
LOCKOUT_SECONDS = 600


@dataclass(frozen=True)
class Visitor:
    session: Session | None
    accounts_exist: bool
    lang: str

    @property
    def name(self) -> str:
        return self.session.account.name if self.session else ""

    @property
    def can_write(self) -> bool:
        return self.session is not None and self.session.account.can_write

    @property
    def csrf(self) -> str:
        return self.session.csrf if self.session else ""


def preferred_language(headers: Mapping[str, str], cookies: Mapping[str, str]) -> str:
    chosen = cookies.get(LANG_COOKIE, "")
    if chosen in accounts.LANGUAGES:
        return chosen
    for part in (headers.get("accept-language") or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in accounts.LANGUAGES:
            return code
    return "en"


def identify(gateway: StoreGateway, request: Request) -> Visitor:
    """The visitor of a request (runs on a worker thread: it reads the store)."""
    token = request.cookies.get(COOKIE)
    exist, session = _known(gateway, token)
    lang = session.account.lang if session else preferred_language(request.headers, request.cookies)
    return Visitor(session=session, accounts_exist=exist, lang=lang)


def _known(gateway: StoreGateway, token: str | None) -> tuple[bool, Session | None]:
    """Whether accounts exist, and the token's session: kept until an account write (sign-in, sign-out,
    language) or the store's reopening (`jospar user` runs in another process), and while it has not expired."""
    identities = gateway.identities

    def exist() -> bool:
        with gateway.reading() as reader:
            return accounts.count_users(reader.cursor) > 0

    def until():
        with gateway.reading() as reader:
            return accounts.session_until(reader.cursor, token)

    if not identities.get(("accounts exist",), (ACCOUNTS,), exist):
        return False, None
    if not token or len(token) > 200:
        return True, None
    session, expires = identities.get(("session", accounts.token_key(token)), (ACCOUNTS,), until)
    now = dt.datetime.now(dt.timezone.utc)
    if session is None or expires is None or expires <= (now if expires.tzinfo else now.replace(tzinfo=None)):
        return True, None
    return True, session


def needs_sign_in(path: str, visitor: Visitor) -> bool:
    return visitor.accounts_exist and visitor.session is None and not path.startswith(OPEN_PATHS)


def csrf_ok(visitor: Visitor, sent: str | None) -> bool:
    return bool(visitor.csrf) and hmac.compare_digest(visitor.csrf.encode(), (sent or "").encode())


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


class Throttle:
    """Failed sign-ins per key (name, client address); a key past MAX_FAILURES waits LOCKOUT_SECONDS."""

    def __init__(self) -> None:
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len([t for t in self._failures.get(k, []) if now - t < LOCKOUT_SECONDS]) >= MAX_FAILURES
                       for k in keys)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for k in keys:
                recent = [t for t in self._failures.get(k, []) if now - t < LOCKOUT_SECONDS]
                self._failures[k] = recent + [now]
            if len(self._failures) > 10000:  # bounded memory under a spray of names
                self._failures = {k: v for k, v in self._failures.items() if now - v[-1] < LOCKOUT_SECONDS}

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)


__all__ = ["COOKIE", "LANG_COOKIE", "StoreUnavailable", "Throttle", "Visitor", "csrf_ok", "identify", "is_https",
           "needs_sign_in", "preferred_language"]
