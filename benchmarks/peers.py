"""jospar against the tools a user would pick instead, on the same generated files, in one run.

    .venv/bin/python benchmarks/peers.py [--n 24] [--scans 6] [--pages 1:40] [--seed 0]
                                         [--corpus DIR] [--keep DIR] [--tools jospar,camelot,...] [--json FILE]

Builds a corpus (benchmarks/corpus.py: --n born-digital documents of --pages pages as DOCX, ruled and
borderless PDF and text, plus --scans scanned documents of 1-3 pages) or reads one (--corpus), then
runs every tool on every kind it can read, each tool and kind in its own child process of this one
(benchmarks/measure.py): the tool is loaded and warmed up on the smallest file, then timed on all.
Tools (benchmarks/peer_tools.py): the jospar pipeline, bare pdfplumber extract_tables, Camelot lattice,
bare python-docx, img2table + Tesseract, plain Tesseract. Tesseract runs on one thread for all.

Per kind and tool it prints seconds per page, the time as a ratio to jospar's, the child's peak
resident memory (interpreter and libraries included) and what the work added, the largest subprocess
(Tesseract), and cell accuracy against the truth (benchmarks/scoring.py: exact cells, mean similarity,
cell texts found anywhere in the output). Last, the issue's targets, each met or missed.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import corpus  # noqa: E402
from benchmarks.measure import in_child  # noqa: E402
from benchmarks.peer_tools import TOOLS, run_tool  # noqa: E402
from benchmarks.scoring import Score  # noqa: E402

SCAN_KINDS = ("scan_pdf", "scan_png")


def build_corpus(out: Path, n: int, scans: int, pages: tuple[int, int], seed: int) -> list[Path]:
    paths = corpus.build(out, n, seed, corpus.BORN_DIGITAL, pages)
    if scans:
        specs = corpus.plan_specs(scans, seed + 1, SCAN_KINDS, (1, 3), derived_share=0.0)
        for spec in specs:
            spec.stem = "s" + spec.stem
        paths += corpus.render(specs, out, seed + 1)
    return paths


def measure_all(paths: list[Path], tools: list[str]) -> dict[tuple[str, str], dict]:
    by_kind: dict[str, list[Path]] = defaultdict(list)
    for path in paths:
        by_kind[corpus.load_truth(path)["kind"]].append(path)
    results = {}
    for kind, files in sorted(by_kind.items()):
        pages = sum(corpus.load_truth(p)["pages"] or 1 for p in files)
        for name in tools:
            if kind not in TOOLS[name].kinds:
                continue
            print(f"  {kind:15} {name:12} {len(files)} files ...", file=sys.stderr, flush=True)
            try:
                child = in_child(run_tool, name, [str(p) for p in files])
            except RuntimeError as exc:
                print(f"  {name} failed on {kind}: {str(exc).strip().splitlines()[-1]}", file=sys.stderr)
                continue
            score = sum(child.value["scores"], Score())
            seconds = sum(child.value["seconds"])
            results[(kind, name)] = {"files": len(files), "pages": pages, "seconds": seconds,
                                     "s_per_page": seconds / pages, "cpu_per_page": sum(child.value["cpu"]) / pages, "peak_mb": child.peak_mb,
                                     "work_mb": child.work_mb, "subprocess_mb": child.children_mb,
                                     **score.rates()}
    return results


def print_table(results: dict[tuple[str, str], dict]) -> None:
    head = (f"{'kind':15}{'tool':12}{'files':>6}{'pages':>6}{'s/page':>9}{'x jospar':>9}{'peak MB':>9}"
            f"{'work MB':>9}{'subproc':>8}{'exact':>7}{'simil':>7}{'found':>7}")
    print(head)
    print("-" * len(head))
    for (kind, name), r in results.items():
        base = results.get((kind, "jospar"))
        ratio = f"{r['s_per_page'] / base['s_per_page']:9.2f}" if base else f"{'':9}"
        print(f"{kind:15}{name:12}{r['files']:6d}{r['pages']:6d}{r['s_per_page']:9.3f}{ratio}{r['peak_mb']:9.0f}"
              f"{r['work_mb']:9.0f}{r['subprocess_mb']:8.0f}{r['exact']:7.3f}{r['similarity']:7.3f}{r['found']:7.3f}")


def targets(results: dict[tuple[str, str], dict]) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for each target whose tools ran."""
    out = []

    def get(kind, tool):
        return results.get((kind, tool))

    j, plumber, camelot = get("pdf", "jospar"), get("pdf", "pdfplumber"), get("pdf", "camelot")
    if j and plumber:
        ratio = j["s_per_page"] / plumber["s_per_page"]
        out.append(("ruled PDF: jospar time <= 1.25x bare pdfplumber extract_tables", f"{ratio:.2f}x", ratio <= 1.25))
        out.append(("ruled PDF: jospar exact cells >= pdfplumber", f"{j['exact']:.3f} vs {plumber['exact']:.3f}",
                    j["exact"] >= plumber["exact"]))
    if j and camelot:
        ratio = camelot["s_per_page"] / j["s_per_page"]
        out.append(("ruled PDF: jospar >= 3x faster than Camelot lattice", f"{ratio:.2f}x", ratio >= 3))
        out.append(("ruled PDF: jospar exact cells >= Camelot", f"{j['exact']:.3f} vs {camelot['exact']:.3f}",
                    j["exact"] >= camelot["exact"]))
    j, bare = get("docx", "jospar"), get("docx", "python-docx")
    if j and bare:
        ratio = j["s_per_page"] / bare["s_per_page"]
        cpu = j["cpu_per_page"] / bare["cpu_per_page"]  # both read in one process: CPU time moves less with load
        out.append(("DOCX: jospar time <= 1.5x bare python-docx", f"{ratio:.2f}x (CPU time {cpu:.2f}x)", ratio <= 1.5))
    for kind in SCAN_KINDS:
        j, peer = get(kind, "jospar"), get(kind, "img2table")
        if j and peer:
            out.append((f"{kind}: jospar exact cells > img2table + Tesseract",
                        f"{j['exact']:.3f} vs {peer['exact']:.3f}", j["exact"] > peer["exact"]))
            out.append((f"{kind}: jospar time per page <= img2table's",
                        f"{j['s_per_page']:.2f} vs {peer['s_per_page']:.2f} s", j["s_per_page"] <= peer["s_per_page"]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=24, help="born-digital documents (kinds in turn)")
    ap.add_argument("--scans", type=int, default=6, help="scanned documents (1-3 pages)")
    ap.add_argument("--pages", default="1:40")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", type=Path, help="use this rendered corpus instead of building one")
    ap.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = ap.parse_args(argv)
    tools = args.tools.split(",")
    with tempfile.TemporaryDirectory(prefix="jospar-peers-") as tmp:
        if args.corpus:
            paths = corpus.documents(args.corpus)
        else:
            out = args.keep or Path(tmp)
            print(f"building the corpus in {out} ...", file=sys.stderr, flush=True)
            paths = build_corpus(out, args.n, args.scans, corpus.parse_pages(args.pages), args.seed)
        results = measure_all(paths, tools)
    print(f"{len(paths)} documents; each tool and kind in its own process; memory = that process's peak RSS")
    print_table(results)
    print("\ntargets (issue 13):")
    for target, measured, met in targets(results):
        print(f"  {'met   ' if met else 'MISSED'} {target}: {measured}")
    print("\ntools:")
    for name in tools:
        print(f"  {name:12} {TOOLS[name].note}")
    if args.json:
        args.json.write_text(json.dumps({f"{k}/{t}": r for (k, t), r in results.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
