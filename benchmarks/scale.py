"""A backlog of generated letters through the processing flow: local runner and a Dask cluster.

    .venv/bin/python benchmarks/scale.py [--n 1000] [--distinct 300] [--pages 1:5] [--slices 5]
                                         [--runners local2,dask1,dask2] [--diff-plans 10000] [--keep DIR]

--keep DIR keeps the generated files, and a later run with the same --n/--distinct/--pages/--seed and
--keep DIR reuses them (the runs' data dirs are made anew).

N born-digital documents (benchmarks/corpus.py: DOCX, ruled and borderless PDF, text; Kazakh and
Russian; 70 % derived from an earlier parent) are dropped into an inbox folder: --distinct of them
rendered, the rest copies of those made unique by a marker (benchmarks/flows.py `unique_copy`), so
LibreOffice does not dominate. For each runner, in its own child process and data dir:
  local2  `jospar ingest` then `jospar process` (the Prefect flows) with the local thread runner,
          JOSPAR_PROCESS_WORKERS=2
  daskK   the same with JOSPAR_DASK_ADDRESS on a distributed.LocalCluster of K worker processes
Processing runs in --slices calls of run_process(limit=N/slices), as `jospar process --limit` would, so
the time per document is seen as the store grows (it must stay flat). Printed: time, documents/s, time
per document per slice, the peak resident memory of every process of the run (driver, Prefect's
server, Dask workers: sampled with psutil), the DuckDB file size; the speed-up of 2 Dask workers over
one; then, on the last run's store, one parent plan diffed against --diff-plans stored plans
(pipeline.diff.diff_plans, cycling the stored plans when there are fewer) and a dashboard query.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.measure import TreeSampler  # noqa: E402

DASHBOARD_SQL = """
SELECT date_trunc('month', d."end") AS month, coalesce(r.canonical, r.name) AS body, count(*) AS measures
FROM main.deadlines d JOIN main.responsibles r USING (measure_id)
WHERE d."end" IS NOT NULL GROUP BY ALL ORDER BY measures DESC LIMIT 20
"""


# ---------------------------------------------------------------------- the corpus
def build_inbox(out: Path, n: int, distinct: int, pages: tuple[int, int], seed: int) -> dict:
    from benchmarks import corpus
    from benchmarks.flows import unique_copy

    pool_dir = out / "pool"
    specs = corpus.plan_specs(min(n, distinct), seed, corpus.BORN_DIGITAL, pages, derived_share=0.7)
    paths = corpus.render(specs, pool_dir, seed, count_pages=False)
    inbox = out / "files"
    inbox.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        source = paths[i % len(paths)]
        data = source.read_bytes() if i < len(paths) else unique_copy(source.name, source.read_bytes(), i)
        (inbox / f"{i:05d}_{source.name}").write_bytes(data)
    children: dict[str, int] = {}
    for spec in specs:
        if spec.parent:
            children[spec.parent] = children.get(spec.parent, 0) + 1
    parent = max(children, key=children.get) if children else specs[0].stem
    parent_file = next(p for p in paths if p.stem == parent)
    return {"inbox": str(inbox), "parent_file": str(parent_file), "kinds": corpus.BORN_DIGITAL}


def reuse_or_build(work: Path, args) -> dict:
    """The inbox of an earlier run kept in --keep DIR with the same settings, else a new one (so two
    trees of the code can be measured on the same files, one after the other)."""
    from benchmarks.corpus import parse_pages

    saved = work / "corpus.json"
    wanted = {"n": args.n, "distinct": args.distinct, "pages": args.pages, "seed": args.seed}
    if saved.is_file():
        corpus = json.loads(saved.read_text())
        if corpus.get("settings") == wanted:
            return corpus
    shutil.rmtree(work / "files", ignore_errors=True)
    corpus = build_inbox(work, args.n, args.distinct, parse_pages(args.pages), args.seed)
    saved.write_text(json.dumps({**corpus, "settings": wanted}))
    return corpus


# ---------------------------------------------------------------------- one run (child process)
def run_one(runner: str, inbox: Path, data_dir: Path, slices: int, diff: dict | None) -> dict:
    """In a fresh process: ingest the inbox, then process it in slices; returns the figures."""
    from benchmarks.measure import rss_mb, tree_cpu_seconds

    workers = int(runner.removeprefix("local").removeprefix("dask"))
    files = sorted(inbox.iterdir())
    inbox = data_dir / "inbox"  # ingest moves what it took: each run gets its own links to the files
    inbox.mkdir(parents=True, exist_ok=True)
    for path in files:
        os.link(path, inbox / path.name)
    os.environ.update({"JOSPAR_DATA_DIR": str(data_dir), "JOSPAR_INBOX_DIR": str(inbox),
                       "JOSPAR_INBOX_SETTLE_SECONDS": "0", "JOSPAR_PROCESS_WORKERS": str(workers),
                       "PREFECT_HOME": str(data_dir / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    cluster = None
    if runner.startswith("dask"):
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        os.environ["JOSPAR_DASK_ADDRESS"] = cluster.scheduler_address
        from distributed import Client

        with Client(cluster) as client:  # workers import the pipeline before the clock starts
            client.run(_warm_worker)
    _warm_worker()
    from flows.ingest import ingest_flow
    from flows.process import run_process

    started = time.perf_counter()
    ingest_flow()  # the first flow run also starts Prefect's temporary server
    ingested = time.perf_counter()
    step = -(-len(files) // slices)
    per_slice, processed, measures = [], 0, 0
    import psutil

    cpu_slices, rss_slices = [], []  # the driver's memory after each slice: flat, or growing with the store
    while True:
        t0, cpu0 = time.perf_counter(), tree_cpu_seconds()
        report = run_process(limit=step)
        if not report.processed and not report.pending:
            break
        per_slice.append((report.processed, time.perf_counter() - t0))
        cpu_slices.append(tree_cpu_seconds() - cpu0)
        rss_slices.append(psutil.Process().memory_info().rss / 2**20)
        processed += report.processed
        measures += report.measures
    done = time.perf_counter()
    store = data_dir / "jospar.duckdb"
    out = {"runner": runner, "documents": processed, "measures": measures, "ingest_s": ingested - started,
           "process_s": done - ingested, "slices": per_slice, "duckdb_mb": store.stat().st_size / 2**20,
           "driver_peak_mb": rss_mb(), "cpu_s": sum(cpu_slices), "cpu_slices": cpu_slices, "rss_slices": rss_slices}
    if cluster is not None:
        cluster.close()
    if diff:
        out.update(diff_and_query(store, Path(diff["parent_file"]), diff["plans"]))
    return out


def _warm_worker() -> None:
    from pipeline.extract import extract_bytes

    for path in sorted((ROOT / "data" / "samples").iterdir())[:3]:
        extract_bytes(path.read_bytes(), path.name)


def diff_and_query(store_path: Path, parent_file: Path, n_plans: int) -> dict:
    """One parent (extracted from its file) against n_plans stored plans, and the dashboard query."""
    import itertools

    import duckdb

    from benchmarks.measure import rss_mb
    from pipeline.diff import diff_plans
    from pipeline.extract import extract_path
    from store import Store
    from store.links import plans_from_tables

    parent = next(p for p in extract_path(parent_file).plans if p.measures)
    t0 = time.perf_counter()
    with Store(store_path, read_only=True) as store:
        plans = [p for p in plans_from_tables(store.arrow("plans"), store.arrow("measures")) if p.measures]
    loaded = time.perf_counter() - t0
    before = rss_mb()
    t0 = time.perf_counter()
    pairs = 0
    for derived in itertools.islice(itertools.cycle(plans), n_plans):
        pairs += len(diff_plans(parent, derived).pairs)
    diff_s = time.perf_counter() - t0
    con = duckdb.connect(str(store_path), read_only=True)
    t0 = time.perf_counter()
    rows = con.sql(DASHBOARD_SQL).fetchall()
    query_s = time.perf_counter() - t0
    con.close()
    return {"diff_plans": n_plans, "distinct_stored_plans": len(plans), "diff_load_s": loaded, "diff_s": diff_s,
            "diff_pairs": pairs, "diff_mb": rss_mb() - before, "query_s": query_s, "query_rows": len(rows)}


# ---------------------------------------------------------------------- the driver
def run_child(runner: str, inbox: str, data_dir: Path, slices: int, diff: dict | None) -> dict:
    out_file = data_dir / "result.json"
    data_dir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--run-one", runner, "--inbox", inbox,
               "--data-dir", str(data_dir), "--slices", str(slices), "--result", str(out_file)]
    if diff:
        command += ["--diff-json", json.dumps(diff)]
    proc = subprocess.Popen(command, cwd=ROOT)
    with TreeSampler(root_pid=proc.pid) as sampler:
        proc.wait()
    if proc.returncode:
        raise RuntimeError(f"{runner} run failed with exit code {proc.returncode}")
    result = json.loads(out_file.read_text())
    result["processes"] = sampler.by_role()
    return result


def report(results: list[dict]) -> None:
    print(f"{'runner':8}{'docs':>7}{'ingest s':>10}{'process s':>10}{'docs/s':>8}{'DuckDB MB':>10}   "
          "ms/doc per slice (store growing)")
    for r in results:
        slices = " ".join(f"{s / max(d, 1) * 1000:.0f}" for d, s in r["slices"])
        print(f"{r['runner']:8}{r['documents']:7d}{r['ingest_s']:10.1f}{r['process_s']:10.1f}"
              f"{r['documents'] / r['process_s']:8.2f}{r['duckdb_mb']:10.1f}   {slices}")
    print("\nthe flow driver's resident memory after each slice (MB):")
    for r in results:
        print(f"  {r['runner']:8}" + " ".join(f"{m:.0f}" for m in r.get("rss_slices", [])))
    print("\npeak resident memory per process (MB; count of processes of that role):")
    for r in results:
        roles = ", ".join(f"{role} {peak:.0f}" + (f" (x{count})" if count > 1 else "")
                          for role, (count, peak) in sorted(r["processes"].items()))
        print(f"  {r['runner']:8}{roles}")
    by = {r["runner"]: r for r in results}
    if "dask1" in by and "dask2" in by:
        speedup = by["dask1"]["process_s"] / by["dask2"]["process_s"]
        print(f"\n2 Dask workers / 1: x{speedup:.2f} (target >= 1.8)")
    cores = os.cpu_count() or 1
    print(f"\nCPU of every process of the run (driver, Prefect server, workers, their children), per document"
          f" and slice; docs/s if it had all {cores} cores of this machine (the clock's figures depend on the load):")
    for r in results:
        if not r.get("cpu_slices"):
            continue
        per_doc = " ".join(f"{c / max(d, 1) * 1000:.0f}" for (d, _), c in zip(r["slices"], r["cpu_slices"]))
        bound = r["documents"] / r["cpu_s"] * cores
        print(f"  {r['runner']:8}{r['cpu_s'] / r['documents'] * 1000:6.0f} ms CPU/doc ({per_doc})   "
              f"at full use of {cores} cores {bound:.2f} docs/s, 10,000 in {10000 / bound / 60:.1f} min")
    for r in results:
        rate = r["documents"] / r["process_s"]
        print(f"{r['runner']}: 10,000 documents would take {10000 / rate / 60:.1f} min at this rate (target < 15)")
    last = results[-1]
    if "diff_s" in last:
        print(f"\ndiff: 1 parent x {last['diff_plans']} plans ({last['distinct_stored_plans']} distinct stored, "
              f"loaded from the store in {last['diff_load_s']:.1f} s): {last['diff_s']:.1f} s "
              f"({last['diff_s'] / last['diff_plans'] * 1000:.2f} ms/plan, target < 60 s for 10,000), "
              f"{last['diff_pairs']} aligned pairs, +{last['diff_mb']:.0f} MB")
        print(f"dashboard query (deadline month x body, top 20): {last['query_s'] * 1000:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--distinct", type=int, default=300, help="documents rendered; the rest are unique copies")
    ap.add_argument("--pages", default="1:5")
    ap.add_argument("--slices", type=int, default=5)
    ap.add_argument("--runners", default="local2,dask1,dask2")
    ap.add_argument("--diff-plans", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--run-one", help=argparse.SUPPRESS)
    ap.add_argument("--inbox", help=argparse.SUPPRESS)
    ap.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--diff-json", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run_one:
        diff = json.loads(args.diff_json) if args.diff_json else None
        result = run_one(args.run_one, Path(args.inbox), args.data_dir, args.slices, diff)
        args.result.write_text(json.dumps(result))
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="jospar-scale-"))
    try:
        print(f"building {args.n} documents ({args.distinct} distinct) in {work} ...", file=sys.stderr, flush=True)
        corpus = reuse_or_build(work, args)
        runners = args.runners.split(",")
        results = []
        for k, runner in enumerate(runners):
            print(f"running {runner} ...", file=sys.stderr, flush=True)
            diff = {"parent_file": corpus["parent_file"], "plans": args.diff_plans} if k == len(runners) - 1 else None
            shutil.rmtree(work / f"run-{runner}", ignore_errors=True)  # a kept dir's earlier run
            results.append(run_child(runner, corpus["inbox"], work / f"run-{runner}", args.slices, diff))
            shutil.rmtree(work / f"run-{runner}" / "raw", ignore_errors=True)
        print(f"{args.n} documents ({args.distinct} distinct renderings, pages {args.pages}), one data dir per runner")
        report(results)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
