"""`jospar ingest | process | export --out DIR | verify | serve`: each runs a flow once (serve: on schedules;
verify: directly, without Prefect).

Prefect is imported inside the handlers only, so `jospar extract` never pays its start-up time.
Output: one JSON report on stdout. Exit code 1 when a batch failed (retried next run), 2 when the run failed.
"""
from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("ingest", help="fetch new mail (and the inbox folder) into the raw store, once")
    p.set_defaults(handler=_ingest)
    p = sub.add_parser("process", help="extract every new raw document into the store, once")
    p.add_argument("--limit", type=int, help="at most this many documents")
    p.set_defaults(handler=_process)
    p = sub.add_parser("export", help="publish the store as CSV + Parquet by received month, once")
    p.add_argument("--out", required=True, help="target folder (replaced atomically)")
    p.add_argument("--no-partition", action="store_true", help="one file per table instead of by month")
    p.set_defaults(handler=_export)
    p = sub.add_parser("verify", help="re-hash the raw store: quarantine bad copies, release repaired ones")
    p.set_defaults(handler=_verify)
    p = sub.add_parser("serve", help="run ingest+process, export and verify on cron schedules (JOSPAR_*_CRON)")
    p.set_defaults(handler=_serve)


def _emit(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def _failed(exc: BaseException) -> int:
    """A failed run (server unreachable, login refused): one line of JSON, exit 2, no traceback."""
    _emit({"error": f"{type(exc).__name__}: {exc}"})
    return 2


def _ingest(args) -> int:
    from flows.api_server import prefect_api
    from flows.ingest import ingest_flow

    try:
        with prefect_api():
            report = ingest_flow()
    except Exception as exc:
        return _failed(exc)
    _emit(report.model_dump(mode="json"))
    return 1 if report.failed_batches else 0


def _process(args) -> int:
    from flows.api_server import prefect_api
    from flows.process import run_process

    try:
        with prefect_api():
            report = run_process(limit=args.limit)
    except Exception as exc:
        return _failed(exc)
    _emit(report.model_dump(mode="json"))
    return 0


def _export(args) -> int:
    from flows.api_server import prefect_api
    from flows.export import export_flow

    try:
        with prefect_api():
            manifest = export_flow(out_dir=args.out, partition_by=None if args.no_partition else "received_month")
    except Exception as exc:
        return _failed(exc)
    _emit({"out": args.out, "files": len(manifest.get("files", [])), "tables": manifest.get("tables")})
    return 0


def _verify(args) -> int:
    """Without Prefect (no server to start): exit 1 when bad or missing copies were found."""
    from flows.ledger import Ledger
    from flows.rawstore import RawStore
    from flows.settings import load_settings
    from flows.verify_work import verify_raw_store

    try:
        settings = load_settings()
        ledger = Ledger(settings.ledger_path)
        try:
            report = verify_raw_store(settings, ledger, RawStore(settings.raw_dir))
        finally:
            ledger.close()
    except Exception as exc:
        return _failed(exc)
    _emit(report.model_dump(mode="json"))
    return 1 if report.problems else 0


def _serve(args) -> int:
    from flows.api_server import prefect_api
    from flows.serve import serve_all

    with prefect_api():
        serve_all()
    return 0
