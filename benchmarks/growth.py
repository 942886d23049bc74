"""How cost grows with the document: one ruled PDF plan of 1, 10, 100 and 400 pages.

    .venv/bin/python benchmarks/growth.py [--pages 1,10,100,400] [--seed 0] [--keep DIR]

The PDFs are generated (benchmarks/corpus.py: a Russian cover letter and one long ruled plan table,
rendered by LibreOffice in one run). Each size is read in its own child process (benchmarks/measure.py)
by the jospar pipeline and by bare pdfplumber extract_tables, after a warm-up on a one-page file:
seconds, seconds per page, the child's peak resident memory and what the work added to it. Time should
grow linearly (seconds per page flat) and memory stay bounded by a page, not the document.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import corpus  # noqa: E402
from benchmarks.corpus_text import plan_content  # noqa: E402
from benchmarks.measure import in_child  # noqa: E402
from benchmarks.peer_tools import TOOLS  # noqa: E402


def build(out: Path, sizes: list[int], seed: int) -> dict[int, Path]:
    rng = random.Random(seed)
    specs = [corpus.Spec(f"growth_{n:04d}p", "pdf", plan_content(rng, "ru", corpus.rows_for_pages(n)))
             for n in [1] + sizes]
    existing = [out / f"{s.stem}.pdf" for s in specs]
    paths = existing if all(p.exists() for p in existing) else corpus.render(specs, out, seed)  # --keep reuses
    return {corpus.load_truth(p)["pages"]: p for p in paths[1:]} | {0: paths[0]}


def time_one(probe, tool: str, warm: str, path: str) -> float:
    import time

    read = TOOLS[tool].load()
    read(Path(warm))
    probe.ready()
    start = time.perf_counter()
    read(Path(path))
    seconds = time.perf_counter() - start
    probe.done()
    return seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", default="1,10,100,400")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args(argv)
    sizes = [int(p) for p in args.pages.split(",")]
    with tempfile.TemporaryDirectory(prefix="jospar-growth-") as tmp:
        out = args.keep or Path(tmp)
        print(f"rendering {sizes} page plans in {out} ...", file=sys.stderr, flush=True)
        files = build(out, sizes, args.seed)
        warm = files.pop(0)
        print(f"{'pages':>6}{'tool':>12}{'seconds':>9}{'s/page':>8}{'peak MB':>9}{'work MB':>9}")
        rows = {}
        for pages, path in sorted(files.items()):
            for tool in ("jospar", "pdfplumber"):
                child = in_child(time_one, tool, str(warm), str(path))
                rows[pages, tool] = (child.value, child.peak_mb, child.work_mb)
                print(f"{pages:6d}{tool:>12}{child.value:9.2f}{child.value / pages:8.3f}{child.peak_mb:9.0f}"
                      f"{child.work_mb:9.0f}", flush=True)
    small, large = min((p for p in files if p >= 10), default=min(files)), max(files)
    for tool in ("jospar", "pdfplumber"):
        (s_small, _, w_small), (s_large, _, w_large) = rows[small, tool], rows[large, tool]
        print(f"{tool}: {large} pages cost x{s_large / s_small:.1f} the time of {small} "
              f"(x{large / small:.0f} the pages; per page x{(s_large / large) / (s_small / small):.2f}); "
              f"work memory {w_small:.0f} -> {w_large:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
