"""Extraction throughput and memory on the bundled samples, as ratios against bare library baselines.

    .venv/bin/python benchmarks/extract.py [N]          (N = times each sample is processed, default 5)

For the DOCX and PDF renderings in data/samples/ it measures, each in a fresh child process:
  pipeline   pipeline.extract.extract_bytes (read + structure + components: the whole job)
  readers    extractors.docx_reader.read_docx / extractors.pdf_reader.read_pdf alone
  baseline   bare python-docx (cell.text of every table cell) / bare pdfplumber extract_tables()
             over all pages
and prints documents/s, pages/s and peak memory, with each figure as a ratio to the baseline of the
same format measured in the same run. Memory is the child's peak resident set size
(resource.getrusage ru_maxrss), so it includes the interpreter and imported libraries; "work"
is the peak minus the resident size after imports and one warm-up document.
DOCX files have no pages; pages/s for a DOCX uses the page count of its PDF rendering.
"""
from __future__ import annotations

import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"


def _work(mode: str, fmt: str):
    """The function timed for one (mode, format): bytes -> anything."""
    if mode == "pipeline":
        from pipeline.extract import extract_bytes

        return lambda data, name: extract_bytes(data, name)
    if mode == "readers":
        from extractors.docx_reader import read_docx
        from extractors.pdf_reader import read_pdf

        reader = read_pdf if fmt == "pdf" else read_docx
        return lambda data, name: reader(data)
    if fmt == "pdf":
        import io

        import pdfplumber

        def bare_pdf(data: bytes, name: str):
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                return [page.extract_tables() for page in pdf.pages]

        return bare_pdf
    import io

    import docx

    def bare_docx(data: bytes, name: str):
        document = docx.Document(io.BytesIO(data))
        return [[cell.text for row in table.rows for cell in row.cells] for table in document.tables]

    return bare_docx


def _child(mode: str, fmt: str, files: list[tuple[str, bytes]], repeat: int, out) -> None:
    sys.path.insert(0, str(ROOT))
    work = _work(mode, fmt)
    work(files[0][1], files[0][0])  # warm-up: lazy imports, caches
    rss_ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    for _ in range(repeat):
        for name, data in files:
            work(data, name)
    seconds = time.perf_counter() - start
    out.send((seconds, rss_ready, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def measure(mode: str, fmt: str, files: list[tuple[str, bytes]], repeat: int) -> tuple[float, float, float]:
    ctx = mp.get_context("spawn")  # a fresh interpreter per measurement: ru_maxrss is its own
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_child, args=(mode, fmt, files, repeat, child))
    proc.start()
    result = parent.recv()
    proc.join()
    return result


def pdf_pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def main() -> int:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"samples in {SAMPLES.relative_to(ROOT)}, each processed {repeat} times; memory = peak RSS of a child process")
    header = f"{'format':6} {'mode':9} {'docs/s':>8} {'pages/s':>8} {'peak MB':>8} {'work MB':>8}   ratios to baseline (speed, peak memory)"
    print(header)
    print("-" * len(header))
    for fmt in ("docx", "pdf"):
        paths = sorted(SAMPLES.glob(f"*.{fmt}"))
        if not paths:
            continue
        files = [(p.name, p.read_bytes()) for p in paths]
        pages = sum(pdf_pages(p.with_suffix(".pdf")) for p in paths if p.with_suffix(".pdf").exists())
        rows = {}
        for mode in ("baseline", "readers", "pipeline"):
            seconds, rss_ready, rss_peak = measure(mode, fmt, files, repeat)
            rows[mode] = (len(files) * repeat / seconds, pages * repeat / seconds, rss_peak / 1024, (rss_peak - rss_ready) / 1024)
        base = rows["baseline"]
        for mode, (docs_s, pages_s, peak, work) in rows.items():
            ratio = "" if mode == "baseline" else f"   x{docs_s / base[0]:.2f} speed, x{peak / base[2]:.2f} memory"
            print(f"{fmt:6} {mode:9} {docs_s:8.2f} {pages_s:8.2f} {peak:8.1f} {work:8.1f}{ratio}")
    print("speed ratio < 1 means slower than the bare library; the pipeline adds structure and components.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
