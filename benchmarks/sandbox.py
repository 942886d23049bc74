"""What the per-document worker process costs: the samples extracted in this process (baseline) and through
flows.sandbox.Sandbox (a worker process per batch, under the default limits), in the same run.

    .venv/bin/python benchmarks/sandbox.py [N]     (N = passes over data/samples, default 3)

Prints documents/s of both and their ratio, the worker's start-up, and how long the parent takes to stop
an over-limit document (kill, refusal Document, fresh worker ready) against the limit itself.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def samples() -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted((ROOT / "data" / "samples").iterdir()) if p.is_file()]


def timed(run, files, passes: int) -> float:
    started = time.perf_counter()
    for _ in range(passes):
        for name, data in files:
            run(data, name)
    return time.perf_counter() - started


def main(passes: int) -> None:
    from flows.sandbox import Sandbox
    from flows.settings import Limits
    from pipeline.extract import extract_bytes
    from tests.hostile.bombs import long_pdf

    files = samples()
    extract_bytes(*files[0][::-1])  # warm-up: imports, caches
    direct = timed(extract_bytes, files, passes)
    with Sandbox(Limits()) as box:
        started = time.perf_counter()
        box.extract(*files[0][::-1])
        startup = time.perf_counter() - started
        boxed = timed(box.extract, files, passes)
    n = passes * len(files)
    print(f"documents          {n} ({len(files)} samples x {passes})")
    print(f"in-process         {n / direct:6.2f} docs/s  (baseline)")
    print(f"sandboxed          {n / boxed:6.2f} docs/s  ratio {direct / boxed:.3f} of the baseline's speed")
    print(f"worker start-up    {startup:6.2f} s (first document included)")
    limit = 2.0
    slow = long_pdf()
    with Sandbox(Limits(doc_time_limit=limit)) as box:
        box.extract(*files[0][::-1])
        started = time.perf_counter()
        doc = box.extract(slow, "slow.pdf")
        stopped = time.perf_counter() - started
        started = time.perf_counter()
        box.extract(*files[0][::-1])
        after = time.perf_counter() - started
    print(f"over the limit     stopped after {stopped:.2f} s with a {limit:g} s limit ({doc.flags[0].code}); "
          f"next document {after:.2f} s (fresh worker)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
