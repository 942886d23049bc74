"""`jospar extract PATH... [--out DIR] [--json] [--config FILE] [--time-limit S] [--memory-limit MB]`.

The batch driver. Every input path (cli/inputs.py) gets a Document: read in a worker process under the
per-document time and memory limits (flows/sandbox.py), or refused with a flag saying why. Paths with
bytes identical to an earlier path are not read twice: their Document is the earlier one's, with a
`duplicate_of` flag. `--json` prints each Document as it finishes; `--out` commits documents to the
store in small batches as they finish and lists every path in `inputs`; SIGINT/SIGTERM stop the batch
after writing what is done. No Prefect import here (start-up time).
"""
from __future__ import annotations

import hashlib
import json
import signal
import sys
from pathlib import Path

PROGRESS_MIN_FILES = 20  # a progress bar only on long runs, on stderr


def register(sub) -> None:
    p = sub.add_parser("extract", help="extract plans and measures from letters (files or folders)")
    p.add_argument("paths", nargs="+", help="files or folders (recursed; links leading out of a folder are not followed)")
    p.add_argument("--out", help="write tables (Parquet, CSV) and jospar.duckdb into this folder")
    p.add_argument("--json", action="store_true", help="print one Document per file as JSON Lines")
    p.add_argument("--config", help="pipeline config (TOML/JSON): components to run and their settings")
    p.add_argument("--time-limit", type=float, metavar="SECONDS",
                   help="per document (default JOSPAR_DOC_TIME_LIMIT or 600; 0 = none)")
    p.add_argument("--memory-limit", type=int, metavar="MB",
                   help="per document (default JOSPAR_DOC_MEMORY_LIMIT_MB or 2048; 0 = none)")
    p.set_defaults(handler=_extract)


def _limits(args):
    from flows.settings import Limits

    overrides = {"doc_time_limit": args.time_limit, "doc_memory_limit_mb": args.memory_limit}
    return Limits(**{key: value for key, value in overrides.items() if value is not None})


def _stop_on_sigterm(*_args) -> None:
    raise SystemExit(128 + signal.SIGTERM)  # unwinds through the finally blocks: outputs are written


def _extract(args) -> int:
    from cli.inputs import iter_inputs
    from pipeline.config import load_config

    config = load_config(args.config)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    inputs = list(iter_inputs(args.paths))
    batch = Batch(args, _limits(args), config, len(inputs))
    try:
        batch.open()
    except RuntimeError as exc:  # the store is open in another process
        print(f"jospar: {exc}", file=sys.stderr)
        return 2
    try:
        for item in inputs:
            batch.run(item)
        counts = batch.finish()
    except BaseException:  # Ctrl-C, SIGTERM, a full disk: keep what is finished
        batch.close(interrupted=True)
        raise
    batch.close()
    if counts is not None:
        print(json.dumps({"out": args.out, "rows": counts}, ensure_ascii=False),
              file=sys.stderr if args.json else sys.stdout)
    return 1 if inputs and batch.failed == len(inputs) else 0


class Batch:
    """One run: reads each input in the sandbox, prints and stores each Document as it finishes."""

    def __init__(self, args, limits, config, total: int) -> None:
        self.args, self.limits, self.config, self.total = args, limits, config, total
        self.first: dict[str, tuple[str, object]] = {}  # sha256 -> (first path, its Document)
        self.failed = 0
        self.sandbox = self.writer = self.progress = None

    def open(self) -> None:
        from flows.sandbox import Sandbox

        if self.args.out:
            from store import StoreLockedError
            from store.outputs import OutputWriter

            try:
                self.writer = OutputWriter(Path(self.args.out))
            except StoreLockedError as exc:
                raise RuntimeError(str(exc)) from exc
        self.sandbox = Sandbox(self.limits, self.config)
        if self.total >= PROGRESS_MIN_FILES and sys.stderr.isatty():
            from tqdm import tqdm

            self.progress = tqdm(total=self.total, unit="doc", file=sys.stderr)

    def run(self, item) -> None:
        doc, duplicate_of = self.document(item)
        self.failed += not doc.plans and any(f.code in failure_codes() for f in doc.flags)
        self.emit(doc)
        if self.writer:
            self.writer.add(None if duplicate_of else doc, input_row(doc, duplicate_of))
        if self.progress:
            self.progress.update(1)

    def document(self, item):
        """(Document, path of the earlier input with the same bytes or None)."""
        from pipeline.extract import MAX_BYTES

        if item.problem:
            return path_document(item.name, item.problem, self.config), None
        data = read_regular(item.path, MAX_BYTES)
        if not isinstance(data, bytes):
            return path_document(item.name, data, self.config), None
        sha = hashlib.sha256(data).hexdigest()
        if sha in self.first:
            return duplicate(self.first[sha], item.name), self.first[sha][0]
        doc = self.sandbox.extract(data, item.name)
        self.first[sha] = (item.name, doc)
        return doc, None

    def emit(self, doc) -> None:
        if self.args.json:
            sys.stdout.write(document_json(doc) + "\n")
            sys.stdout.flush()
        elif not self.args.out:
            n = sum(len(p.measures) for p in doc.plans)
            path = doc.source.path.encode("unicode_escape").decode("ascii") if not doc.source.path.isprintable() else doc.source.path
            print(f"{path}\t{len(doc.plans)} plans\t{n} measures\t{len(doc.flags)} flags")

    def finish(self) -> dict | None:
        return self.writer.finish() if self.writer else None

    def close(self, interrupted: bool = False) -> None:
        """Stop the worker; when interrupted, also commit what is done and write the files."""
        if self.progress:
            self.progress.close()
        if self.sandbox:
            self.sandbox.close(wait=0 if interrupted else 5)  # interrupted: it may be mid-document
        if self.writer:
            try:
                if interrupted:
                    self.writer.finish()
            finally:
                self.writer.close()


def failure_codes() -> frozenset[str]:
    from schemas.flags import UNREADABLE_CODES  # errors of reading: time_limit, not_a_file ... included

    return UNREADABLE_CODES


def read_regular(path: Path, max_bytes: int):
    """The bytes of a regular file, or a Flag: opened without blocking (a file swapped for a FIFO after
    it was listed must not hang the batch) and checked again once open."""
    import os
    import stat

    from schemas.records import Flag

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        return Flag(code="unreadable", message=f"cannot read the file: {exc.strerror or exc}")
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Flag(code="not_a_file", message="not a regular file; not read")
        if info.st_size > max_bytes:
            return Flag(code="too_large", message=f"{info.st_size} bytes is over the {max_bytes} byte limit; not read")
        try:
            return handle.read()
        except OSError as exc:
            return Flag(code="unreadable", message=f"cannot read the file: {exc.strerror or exc}")


def path_document(name: str, flag, config):
    """The Document of a path that was not read: its ID is the hash of the path (there are no bytes)."""
    from schemas import Document, Source

    return Document(document_id=hashlib.sha256(name.encode("utf-8")).hexdigest(),
                    source=Source(path=name, media_type="application/octet-stream"),
                    pipeline_version=config.version(), flags=[flag])


def duplicate(first: tuple[str, object], name: str):
    from schemas.records import Flag

    first_name, doc = first
    copy = doc.model_copy(deep=True)
    copy.source.path = name
    copy.flags.append(Flag(code="duplicate_of", message="the same bytes as an earlier input; read once",
                           where=first_name))
    return copy


def input_row(doc, duplicate_of: str | None) -> dict:
    codes = [f.code for f in doc.flags if f.code != "duplicate_of"]
    refused = not doc.plans and any(code in failure_codes() for code in codes)
    outcome = "duplicate" if duplicate_of else "refused" if refused else "read"
    return {"path": doc.source.path, "document_id": doc.document_id, "outcome": outcome,
            "duplicate_of": duplicate_of, "flag_codes": ",".join(dict.fromkeys(codes)) or None,
            "size": doc.source.size}


def document_json(doc) -> str:
    """The Document as one JSON line; text with lone surrogates (from a damaged file) becomes U+FFFD
    instead of failing the batch."""
    try:
        return doc.model_dump_json()
    except ValueError:  # PydanticSerializationError: a lone surrogate in some string
        from store.tables import clean_text

        return json.dumps(_scrub(doc.model_dump(mode="json"), clean_text), ensure_ascii=False)


def _scrub(value, clean):
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {key: _scrub(item, clean) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrub(item, clean) for item in value]
    return value
