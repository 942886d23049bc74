"""Extraction in a worker process with a time and a memory limit per document.

Why a process: a hostile or pathological file (a 2,000-page PDF, a decompression bomb, a C library
that crashes) must cost one document, never the batch. The parent sends the bytes, waits for the
Document and meanwhile watches the clock and the worker's resident memory; over a limit it kills the
worker's process group (Tesseract and LibreOffice children included), gives the document a
`time_limit` / `memory_limit` flag and starts a fresh worker for the next file. A worker that dies on
its own gives `worker_crashed`.

The worker (flows/sandbox_worker.py) is a fresh interpreter, not a fork: the parent may hold threads
and a DuckDB connection, which a fork would copy half-way. It asks the kernel to kill it when the
parent dies (PR_SET_PDEATHSIG), so `kill -9` of a batch leaves nothing behind, and it also has an
address-space limit as a backstop should memory grow faster than the parent looks.

No Prefect here: `jospar extract` uses this too.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Iterator, Optional

from flows.settings import Limits
from schemas.records import Document, Flag, Source

POLL_SECONDS = 0.05  # how often the parent looks at the clock and the worker's memory
STARTUP_SECONDS = 300.0  # a worker's start, before its first document's clock: imports on a very busy machine
_HEADER = struct.Struct("!Q")  # frames: 8-byte length, then a pickle
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
LIMIT_CODES = frozenset({"time_limit", "memory_limit", "worker_crashed"})


def write_frame(stream, payload: bytes) -> None:
    stream.write(_HEADER.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def read_frame(stream) -> Optional[bytes]:
    """One frame from a blocking stream, or None at end of file."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(head)
    body = stream.read(size)
    return body if len(body) == size else None


def resident_bytes(pid: int) -> int:
    """Resident memory of a process (Linux /proc); 0 when it cannot be known."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def refused_document(data: bytes, name: str, code: str, message: str, version: str) -> Document:
    """The Document of bytes that could not be read in time or in memory: ID, size, format and why."""
    from extractors.read import MEDIA_TYPES, image_media_type, sniff

    kind = sniff(data, name)
    media_type = (kind == "image" and image_media_type(data)) or MEDIA_TYPES[kind]
    return Document(document_id=hashlib.sha256(data).hexdigest(),
                    source=Source(path=name, media_type=media_type, size=len(data)),
                    pipeline_version=version, flags=[Flag(code=code, message=message)])


class _Stopped(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


class Sandbox:
    """`Sandbox(limits).extract(data, name)` -> Document, never raises for a bad document.

    One worker at a time, reused across documents; not thread-safe (use one per thread, see `local`)."""

    def __init__(self, limits: Limits | None = None, config=None) -> None:
        from pipeline.config import PipelineConfig

        self.limits = limits or Limits()
        self.config = config or PipelineConfig()  # pipeline.config.PipelineConfig: what the worker runs
        self._proc: subprocess.Popen | None = None
        self.stopped = 0  # documents whose worker was killed or died

    # --- the worker process ------------------------------------------------------------------------
    def _start(self) -> subprocess.Popen:
        memory = self.limits.doc_memory_limit_mb
        backstop = str(memory * 3 + 2048) if memory else "0"  # MB of address space: never reached in normal reading
        command = [sys.executable, "-m", "flows.sandbox_worker", str(os.getpid()), backstop]
        # started from the launcher thread: the worker dies with the thread that started it
        # (PR_SET_PDEATHSIG), and a worker kept between flow runs outlives the task threads
        return _launcher().submit(subprocess.Popen, command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  process_group=0).result()

    def _worker(self) -> subprocess.Popen:
        """The running worker, or a new one once it has said it is ready: its start (imports, ~2 s of
        CPU, far more on a busy machine) is not the document's time."""
        if self._proc is None or self._proc.poll() is not None:
            self._proc = self._start()
            self._receive(self._proc, STARTUP_SECONDS, starting=True)
        return self._proc

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the worker leads its group: its children go too
        except (ProcessLookupError, PermissionError):
            pass
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def close(self, wait: float = 5.0) -> None:
        """Let an idle worker end (end of input) within `wait` seconds, then kill whatever is left."""
        proc = self._proc
        if proc is None:
            return
        try:
            proc.stdin.close()
            proc.wait(timeout=wait)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self._kill()

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # --- one document --------------------------------------------------------------------------
    def extract(self, data: bytes, name: str) -> Document:
        try:
            return self._extract(data, name)
        except _Stopped as stop:
            self._kill()
            self.stopped += 1
            return refused_document(data, name, stop.code, stop.message, self.config.version())

    def _extract(self, data: bytes, name: str) -> Document:
        proc = self._worker()
        request = pickle.dumps((data, name, self.config), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            write_frame(proc.stdin, request)
        except (BrokenPipeError, OSError):
            raise self._crashed(proc) from None
        doc = pickle.loads(self._receive(proc))
        if not isinstance(doc, Document):
            raise _Stopped("worker_crashed", f"the worker answered {type(doc).__name__}")
        return doc

    def _receive(self, proc: subprocess.Popen, time_limit: float | None = None, starting: bool = False) -> bytes:
        """The answer frame (or the worker's ready frame when `starting`), read while watching the limits."""
        limits, started = self.limits, time.monotonic()
        time_limit = limits.doc_time_limit if time_limit is None else time_limit
        fd, buffer, size = proc.stdout.fileno(), bytearray(), None
        while size is None or len(buffer) < _HEADER.size + size:
            elapsed = time.monotonic() - started
            if time_limit and elapsed > time_limit:
                if starting:
                    raise _Stopped("worker_crashed", f"the reading process did not start within {time_limit:g} s")
                raise _Stopped("time_limit", f"stopped after {time_limit:g} s "
                               "(JOSPAR_DOC_TIME_LIMIT); nothing of the document was kept")
            rss = resident_bytes(proc.pid)
            if limits.doc_memory_limit_mb and rss > limits.doc_memory_limit_mb * 1024 * 1024:
                raise _Stopped("memory_limit", f"stopped at {rss // 2**20} MB of memory, over "
                               f"{limits.doc_memory_limit_mb} MB (JOSPAR_DOC_MEMORY_LIMIT_MB)")
            if select.select([fd], [], [], POLL_SECONDS)[0]:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    raise self._crashed(proc)
                buffer += chunk
                if size is None and len(buffer) >= _HEADER.size:
                    (size,) = _HEADER.unpack_from(buffer)
        return bytes(buffer[_HEADER.size:])

    def _crashed(self, proc: subprocess.Popen) -> _Stopped:
        try:
            code = proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = None
        if code is not None and code < 0 and -code == signal.SIGKILL:
            # the kernel's OOM killer, or the address-space backstop failing a C allocation hard
            return _Stopped("memory_limit", "the worker was killed (out of memory) while reading the document")
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit status {code}"
        return _Stopped("worker_crashed", f"the reading process died ({how}); the document could not be read")


_launching: Optional[ThreadPoolExecutor] = None
_idle: list[Sandbox] = []  # sandboxes not lent out, their workers alive
_lock = threading.Lock()


def _launcher() -> ThreadPoolExecutor:
    """One thread for the whole process that starts every worker and lives as long as the process."""
    global _launching
    with _lock:
        if _launching is None:
            _launching = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sandbox-launcher")
        return _launching


@contextmanager
def borrowed(limits: Limits, config=None) -> Iterator[Sandbox]:
    """A sandbox lent for a run of documents, given back after. Its worker is kept for the next
    borrower — a task of the next round or the next flow run, on whatever thread — so a worker's
    start (interpreter, libraries: ~2-3 s of CPU) is paid once per concurrent reader and process,
    not once per task thread. As many workers live as ever read at once (process_workers)."""
    from pipeline.config import PipelineConfig

    config = config or PipelineConfig()
    with _lock:
        box = next((b for b in _idle if b.limits == limits and b.config == config), None)
        if box is not None:
            _idle.remove(box)
    box = box or Sandbox(limits, config)
    try:
        yield box
    finally:
        with _lock:
            stale = [b for b in _idle if b.limits != limits or b.config != config]
            _idle[:] = [b for b in _idle if b not in stale] + [box]
        for old in stale:  # other limits or another pipeline: not wanted any more
            old.close()
