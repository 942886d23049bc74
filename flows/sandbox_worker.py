"""The worker side of flows/sandbox.py: `python -m flows.sandbox_worker PARENT_PID ADDRESS_SPACE_MB`.

Says it is ready (an empty frame) once its libraries are imported, then reads (bytes, name, pipeline
config) frames on stdin and answers one pickled Document per frame on the original stdout, until end of
input. Whatever libraries print goes to stderr (fd 1 is redirected), so nothing can corrupt the answers.
"""
from __future__ import annotations

import os
import pickle
import resource
import signal
import sys

from flows.lifeline import die_with_parent


def limit_address_space(megabytes: int) -> None:
    """A backstop under the parent's resident-memory watch: allocations past it fail with MemoryError."""
    if megabytes > 0:
        limit = megabytes * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def mark_memory_errors(doc) -> None:
    """A MemoryError caught inside the pipeline (the backstop) is the memory limit, not a reader bug."""
    for flag in doc.flags:
        if "MemoryError" in flag.message and flag.code in ("extract_failed", "unreadable"):
            flag.code = "memory_limit"
            flag.message = "out of memory while reading the document (JOSPAR_DOC_MEMORY_LIMIT_MB)"


def serve(requests, answers) -> None:
    from flows.sandbox import read_frame, write_frame
    from pipeline.extract import extract_bytes, warm_up  # before the first request: its time is not the document's

    warm_up(languages=())  # the libraries just imported live as long as the worker: out of the collector's way
    write_frame(answers, b"")  # ready: the parent starts the first document's clock now

    while (frame := read_frame(requests)) is not None:
        data, name, config = pickle.loads(frame)
        doc = extract_bytes(data, name, config)
        mark_memory_errors(doc)
        write_frame(answers, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))


def main(argv: list[str]) -> int:
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    die_with_parent(int(argv[1]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    limit_address_space(int(argv[2]))
    try:
        serve(sys.stdin.buffer, answers)
    except BrokenPipeError:
        pass  # the parent went away
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
