"""`jospar extract PATH... [--out DIR] [--json]`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

PROGRESS_MIN_FILES = 20  # a progress bar only on long runs, on stderr


def register(sub) -> None:
    p = sub.add_parser("extract", help="extract plans and measures from letters (files or folders)")
    p.add_argument("paths", nargs="+", help="files or folders (recursed)")
    p.add_argument("--out", help="write tables (Parquet, CSV) and jospar.duckdb into this folder")
    p.add_argument("--json", action="store_true", help="print one Document per file as JSON Lines")
    p.add_argument("--config", help="pipeline config (TOML/JSON): components to run and their settings")
    p.set_defaults(handler=_extract)


def iter_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")))
        else:
            files.append(p)
    return files


def _extract(args) -> int:
    from schemas.flags import UNREADABLE_CODES
    from pipeline.config import load_config
    from pipeline.extract import extract_path

    config = load_config(args.config)

    files = iter_files(args.paths)
    progress = None
    if len(files) >= PROGRESS_MIN_FILES and sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(total=len(files), unit="doc", file=sys.stderr)
    docs, failed = [], 0
    for f in files:
        doc = extract_path(f, config)
        failed += not doc.plans and any(fl.code in UNREADABLE_CODES for fl in doc.flags)
        if args.json:
            sys.stdout.write(doc.model_dump_json() + "\n")
            sys.stdout.flush()
        if args.out:
            docs.append(doc)
        if not args.json and not args.out:
            n = sum(len(p.measures) for p in doc.plans)
            print(f"{doc.source.path}\t{len(doc.plans)} plans\t{n} measures\t{len(doc.flags)} flags")
        if progress:
            progress.update(1)
    if progress:
        progress.close()
    if args.out:
        from store import StoreLockedError, write_outputs

        try:
            counts = write_outputs(docs, Path(args.out))
        except StoreLockedError as exc:
            print(f"jospar: {exc}", file=sys.stderr)
            return 2
        print(json.dumps({"out": args.out, "rows": counts}, ensure_ascii=False), file=sys.stderr if args.json else sys.stdout)
    return 1 if files and failed == len(files) else 0

