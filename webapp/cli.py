"""`jospar web --db PATH [--host 127.0.0.1] [--port 8765] [--allow-host NAME]...`: serve the analysts' web app
with uvicorn; `jospar user add NAME --role reader|reviewer --db PATH`: create an account (password from
standard input, or prompted twice on a terminal).

Loopback by default. Binding to any other address is refused unless the store holds accounts: without
them the pages would be open to the network."""
from __future__ import annotations

import getpass
import sys
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
_WILDCARDS = {"0.0.0.0", "::", ""}


def register(sub) -> None:
    p = sub.add_parser("web", help="browse, search, check against the source, correct and approve plans")
    p.add_argument("--db", required=True, metavar="PATH", help="the store, e.g. out/jospar.duckdb")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST}); another "
                   "address needs accounts (`jospar user add`)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="a further Host name browsers use to reach the app (repeatable); loopback names and "
                        "the --host address are always allowed")
    p.add_argument("--secure-cookies", action="store_true",
                   help="mark the session cookie Secure (behind an HTTPS reverse proxy)")
    p.add_argument("--forwarded-allow-ips", default="127.0.0.1", metavar="IPS",
                   help="reverse proxies whose X-Forwarded-Proto/For are trusted (default 127.0.0.1)")
    p.set_defaults(handler=_web)

    user = sub.add_parser("user", help="accounts of the web app")
    actions = user.add_subparsers(dest="user_command", required=True)
    add = actions.add_parser("add", help="create an account (password read from stdin or prompted)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=("reader", "reviewer"))
    add.add_argument("--db", required=True, metavar="PATH", help="the store, e.g. out/jospar.duckdb")
    add.add_argument("--lang", default="ru", choices=("kk", "ru", "en"), help="the account's UI language")
    add.add_argument("--replace", action="store_true", help="set a new password/role for an existing account")
    add.set_defaults(handler=_user_add)


def allowed_hosts(host: str, extra: list[str]) -> list[str]:
    from webapp.app import LOOPBACK_HOSTS

    bound = [] if host in _WILDCARDS else [f"[{host}]" if ":" in host else host]
    return list(dict.fromkeys([*LOOPBACK_HOSTS, *bound, *extra]))


def _web(args) -> int:
    from webapp.accounts_guard import refusal

    db = Path(args.db)
    if not db.is_file():
        print(f"jospar: no store at {db}; write one with `jospar extract FILES --out DIR`", file=sys.stderr)
        return 2
    problem = refusal(args.host, db)
    if problem:
        print(f"jospar: {problem}", file=sys.stderr)
        return 2
    import uvicorn

    from webapp.app import create_app

    app = create_app(db, allowed_hosts=allowed_hosts(args.host, args.allow_host), secure_cookies=args.secure_cookies)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", proxy_headers=True,
                forwarded_allow_ips=args.forwarded_allow_ips)
    return 0


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def _user_add(args) -> int:
    from store import Store, StoreLockedError, accounts

    try:
        password = _read_password()
        accounts.check_new_account(args.name, password, args.role, args.lang)
        with Store(Path(args.db), wait_seconds=10) as store:
            accounts.add_user(store.connection, args.name, password, args.role, args.lang, replace=args.replace)
    except (ValueError, StoreLockedError) as exc:
        print(f"jospar: {exc}", file=sys.stderr)
        return 2
    print(f"account {args.name} ({args.role}) saved in {args.db}")
    return 0
