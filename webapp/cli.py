"""`jospar web --db PATH [--host 127.0.0.1] [--port 8765] [--allow-host NAME]...`: serve the analysts' web
app with uvicorn. Loopback by default; another address only when the store has accounts
(webapp/accounts_guard.py)."""
from __future__ import annotations

import sys
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
_WILDCARDS = {"0.0.0.0", "::", ""}


def register(sub) -> None:
    p = sub.add_parser("web", help="browse extracted plans, coverage and due dates; correct measure fields")
    p.add_argument("--db", required=True, metavar="PATH", help="the store, e.g. out/jospar.duckdb")
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=f"address to bind (default {DEFAULT_HOST}; others only once the store has accounts)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="a further Host name browsers use to reach the app (repeatable); loopback names and "
                        "the --host address are always allowed")
    p.set_defaults(handler=_web)


def allowed_hosts(host: str, extra: list[str]) -> list[str]:
    from webapp.app import LOOPBACK_HOSTS

    bound = [] if host in _WILDCARDS else [f"[{host}]" if ":" in host else host]
    return list(dict.fromkeys([*LOOPBACK_HOSTS, *bound, *extra]))


def _web(args) -> int:
    db = Path(args.db)
    if not db.is_file():
        print(f"jospar: no store at {db}; write one with `jospar extract FILES --out DIR`", file=sys.stderr)
        return 2
    from webapp.accounts_guard import refusal

    problem = refusal(args.host, db)
    if problem:
        print(f"jospar: {problem}", file=sys.stderr)
        return 2
    import uvicorn

    from webapp.app import create_app

    app = create_app(db, allowed_hosts=allowed_hosts(args.host, args.allow_host))
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
