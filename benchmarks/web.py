"""The analysts' web app at scale: page times and sizes, readers during a write, memory over many requests.

    .venv/bin/python benchmarks/web.py [--docs 10000] [--db PATH] [--keep]

1. A store of --docs synthetic documents (about 20 measures each: 10,000 documents ≈ 200,000 measures) is
   written through the store (`Store.upsert` of pydantic Documents, then the letter groups and the search
   index's compaction that `relink` does), not by extraction: the
   measure texts, deadline and responsible cells are real ones from data/samples, normalised by the real
   normalisers (once per distinct cell), varied by number, year and added words; letters, senders, receipt
   times, OCR confidence and boxes vary; 3% of the documents are a second source of an earlier letter.
2. `jospar web` runs on it (a real uvicorn process). Each page kind (documents, sorted documents, search,
   search with a facet, due, plan, measure, review queue) is fetched 20 times: the server's own time
   (its Server-Timing header) of the first request (the page computed) and median / p95 / max of all (the
   repeats are kept pages until a write), and the page size.
3. 50 concurrent readers (threads, each its own session) fetch pages, first alone (the baseline), then while a
   writer posts corrections (lists are the same for every reader; measure and plan pages are each reader's own,
   so they are computed, not kept): every reader request's wall time (p50, p95, max), the ratio between the two
   runs (reads waiting for writes would show here), and the writes' times.
4. 1,000 requests in a row: the server's resident memory (RSS) every 100 requests.
Baseline measured in the same run: search through the inverted index against a plain `ILIKE '%word%'`
scan of the measures' text, on the same store (ratio printed).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schemas.records import (  # noqa: E402
    BBox, Document, Letter, Measure, Period, Plan, Provenance, Received, Source,
)
from store import Store, accounts, letter_groups, search  # noqa: E402

SAMPLES = ROOT / "data" / "samples"
SENDERS = ["bilim@atyrau.gov.kz", "roo.kulsary@mail.kz", "uo-pavlodar@edu.kz", "akimat.zhylyoi@gov.kz",
           "school7@bilim.kz", "metodkabinet@shymkent.kz", "oblbilim@kostanay.kz", "gorono@almaty.kz"]
ISSUERS = ["Атырау облысы білім басқармасы", "Управление образования Павлодарской области",
           "Жылыой ауданының білім бөлімі", "Отдел образования города Костанай", "Шымкент қаласының білім басқармасы"]
PASSWORD = "benchmark-password-1"


def _tab_rows() -> list[list[str]]:
    rows = []
    for path in sorted(SAMPLES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) >= 4 and re.fullmatch(r"\d+(\.\d+)*\.?", cells[0].strip()) and len(cells[1].split()) >= 3:
                rows.append([c.strip() for c in cells])
    return rows


@lru_cache(maxsize=None)
def _deadlines(raw: str, year: int):
    from pipeline.deadlines import normalize_deadline

    return tuple(normalize_deadline(raw, Period(start=dt.date(year, 9, 1), end=dt.date(year + 1, 5, 31))))


@lru_cache(maxsize=None)
def _bodies(raw: str):
    from pipeline.bodies import normalize_responsible

    return tuple(normalize_responsible(raw, None))


def synthetic_documents(n: int, seed: int = 0):
    rng = random.Random(seed)
    rows = _tab_rows()
    words = sorted({w for r in rows for w in r[1].split() if len(w) > 4})
    earlier: list[Document] = []
    for k in range(n):
        if earlier and rng.random() < 0.03:  # the same letter again, as another file
            twin = rng.choice(earlier).model_copy(deep=True)
            twin.document_id = hashlib.sha256(f"dup{k}".encode()).hexdigest()
            for plan in twin.plans:
                plan.plan_id = f"{twin.document_id[:16]}:p0"
                for i, m in enumerate(plan.measures, 1):
                    m.measure_id = f"{plan.plan_id}:m{i}"
            twin.source = Source(path=f"in/{k}.docx", media_type="application/vnd.openxmlformats-officedocument."
                                 "wordprocessingml.document")
            yield twin
            continue
        doc_id = hashlib.sha256(f"doc{seed}-{k}".encode()).hexdigest()
        year = rng.choice([2023, 2024, 2025])
        scan = rng.random() < 0.3
        plan_id = f"{doc_id[:16]}:p0"
        measures = []
        for i in range(1, rng.randint(10, 30) + 1):
            row = rng.choice(rows)
            text = f"{row[1]} {' '.join(rng.sample(words, 2))}"
            responsible, deadline = row[2], row[4] if len(row) > 4 else row[-1]
            deadline = re.sub(r"20\d\d", str(year + rng.choice([0, 1])), deadline)
            conf = rng.uniform(35, 97) if scan else None
            box = BBox(x0=40, top=80 + 30 * (i % 20), x1=560, bottom=105 + 30 * (i % 20))
            cells = {f: Provenance(page=1 + i // 20, bbox=BBox(x0=x0, top=box.top, x1=x1, bottom=box.bottom),
                                   confidence=conf)
                     for f, x0, x1 in (("text", 60, 300), ("responsible_raw", 300, 420), ("deadline_raw", 420, 560))}
            measures.append(Measure(
                measure_id=f"{plan_id}:m{i}", number=str(i), text=text, responsible_raw=responsible,
                responsible=list(_bodies(responsible)), deadline_raw=deadline, deadlines=list(_deadlines(deadline, year)),
                completion_form=row[3], indicator=row[5] if len(row) > 5 else None,
                provenance=Provenance(page=1 + i // 20, bbox=box, confidence=conf), cells=cells))
        title = f"{rng.choice(ISSUERS)}: {rng.choice(words)} бойынша іс-шаралар жоспары"
        plan = Plan(plan_id=plan_id, title=title, measures=measures,
                    period=Period(start=dt.date(year, 9, 1), end=dt.date(year + 1, 5, 31)) if rng.random() < 0.8 else None)
        doc = Document(
            document_id=doc_id, source=Source(path=f"in/{k}.pdf", media_type="application/pdf"),
            language=rng.choice(["kk", "ru", "mixed"]), plans=[plan], n_pages=2,
            letters=[Letter(issuer=rng.choice(ISSUERS), number=f"0{rng.randint(1, 9)}-{rng.randint(10, 99)}/{k}",
                            date=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)), subject=title)],
            received=Received(channel="imap", sender=rng.choice(SENDERS), subject=title, filename=f"хат_{k}.pdf",
                              received_at=dt.datetime(year, rng.randint(1, 12), rng.randint(1, 28), 9,
                                                      tzinfo=dt.timezone.utc)),
            pipeline_version="benchmark")
        earlier = (earlier + [doc])[-50:]  # twins come from recent letters; older ones need not stay in memory
        yield doc


def build_store(path: Path, n: int) -> dict:
    started = time.perf_counter()
    batch: list[Document] = []
    with Store(path) as store:
        for doc in synthetic_documents(n):
            batch.append(doc)
            if len(batch) == 500:
                t0 = time.perf_counter()
                store.upsert(batch)
                batch = []
                print(f"  {store.counts()['documents']} documents stored (batch {time.perf_counter() - t0:.1f} s, "
                      f"{time.perf_counter() - started:.0f} s in all)", flush=True)
        store.upsert(batch)
        t0 = time.perf_counter()
        # what Store.relink does after a load, less the plan lineage (store/links.py), which is not the web
        # app's and takes minutes at this size (67 s for 1,500 documents on this machine)
        letter_groups.regroup(store.connection)
        search.compact(store.connection, force=True)
        print(f"  letter groups, search index compacted: {time.perf_counter() - t0:.1f} s", flush=True)
        counts = store.counts()
        accounts.add_user(store.connection, "bench", PASSWORD, "reviewer", "ru")
    return {"seconds": time.perf_counter() - started, "documents": counts["documents"], "measures": counts["measures"]}


def search_baseline(path: Path, word: str) -> tuple[float, float]:
    from store import browse

    with Store(path) as store:
        con = store.connection
        t0 = time.perf_counter()
        for _ in range(5):
            browse.search_measures(con, word, with_facets=False)
        index = (time.perf_counter() - t0) / 5
        t0 = time.perf_counter()
        for _ in range(5):
            con.execute("SELECT count(*) FROM main.measures WHERE text ILIKE ?", [f"%{word}%"]).fetchall()
        scan = (time.perf_counter() - t0) / 5
    return index, scan


class Server:
    def __init__(self, db: Path, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen([str(ROOT / ".venv" / "bin" / "jospar"), "web", "--db", str(db), "--port",
                                         str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        env={**os.environ, "JOSPAR_WEB_IDLE_RELEASE": "3600"})
        import httpx

        for _ in range(150):
            try:
                if httpx.get(f"{self.base}/healthz", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("jospar web did not start")

    def client(self):
        import httpx

        # connections idle longer than the server keeps them (uvicorn: 5 s) are not reused: a reader that
        # waited for the others to sign in would otherwise send on a connection the server is closing
        client = httpx.Client(base_url=self.base, timeout=30, headers={"Origin": self.base},
                              limits=httpx.Limits(keepalive_expiry=2.0))
        client.post("/login", data={"name": "bench", "password": PASSWORD, "next": "/"})
        return client

    def rss_mb(self) -> float:
        import psutil

        return psutil.Process(self.process.pid).memory_info().rss / 2**20

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def _pick(db: Path) -> dict:
    with Store(db, read_only=True) as store:
        con = store.connection
        measure = con.execute("SELECT measure_id, plan_id FROM main.measures ORDER BY measure_id LIMIT 1 OFFSET 777").fetchall()[0]
        word = con.execute("""SELECT term FROM search.postings WHERE kind = 'm' AND length(term) > 6
            GROUP BY term ORDER BY count(*) DESC LIMIT 1 OFFSET 40""").fetchall()[0][0]
        month = con.execute("SELECT strftime(day, '%Y-%m') FROM derived.occurrences WHERE day IS NOT NULL "
                            "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchall()[0][0]
        # readers' own records: each concurrent reader opens a different measure and plan, spread over the store
        own = con.execute("SELECT measure_id, plan_id FROM main.measures WHERE hash(measure_id) % 997 = 1 "
                          "ORDER BY measure_id LIMIT 100").fetchall()
    return {"measure": measure[0], "plan": measure[1], "word": word, "month": month, "own": own}


def page_urls(p: dict) -> dict[str, str]:
    return {"documents": "/", "documents by sender": "/?sort=sender&desc=0&page=7",
            "search": f"/search?q={p['word']}", "search + facet": f"/search?q={p['word']}&language=kk",
            "search, no words": "/search", "due": f"/due?month={p['month']}", "plan": f"/plans/{p['plan']}",
            "measure": f"/measures/{p['measure']}", "review queue": "/queue"}


def time_pages(server: Server, urls: dict[str, str], repeat: int = 20) -> None:
    client = server.client()
    print(f"\n{'page':22} {'first ms':>9} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'KB':>7}")
    for name, url in urls.items():
        times, size = [], 0
        for _ in range(repeat):
            reply = client.get(url)
            assert reply.status_code == 200, (url, reply.status_code)
            times.append(float(reply.headers["server-timing"].split("dur=")[1]))
            size = len(reply.content)
        first = times[0]  # computed; the repeats are kept pages (webapp/page_cache.py) until a write
        times.sort()
        print(f"{name:22} {first:9.1f} {statistics.median(times):10.1f} {times[int(0.95 * (len(times) - 1))]:8.1f} "
              f"{times[-1]:8.1f} {size / 1024:7.1f}")


def _readers(server: Server, urls: dict[str, str], p: dict, readers: int, rounds: int,
             writing: bool) -> tuple[list[float], list[float], float]:
    clients = [server.client() for _ in range(readers)]
    writer = server.client()
    csrf = re.search(r'name="csrf" value="([^"]+)"', writer.get("/").text).group(1)
    latencies: list[float] = []
    by_page: dict[str, list[float]] = {}
    writes: list[float] = []
    lock = threading.Lock()
    stop = threading.Event()
    start = threading.Barrier(readers + 1)

    def read(client, k):
        start.wait()
        # the writer's run takes other records than the quiet run: none is kept from it
        own = p["own"][(k + (readers if writing else 0)) % len(p["own"])]
        for r in range(rounds):
            name = list(urls)[(k + r) % len(urls)]
            # lists are shared by everyone; a measure or plan is each reader's own (a page no one else asked for)
            url = {"measure": f"/measures/{own[0]}", "plan": f"/plans/{own[1]}"}.get(name, urls[name])
            t0 = time.perf_counter()
            client.get(url)
            with lock:
                latencies.append(time.perf_counter() - t0)
                by_page.setdefault(name, []).append(latencies[-1])

    def write():
        n = 0
        while not stop.is_set():
            t0 = time.perf_counter()
            writer.post(f"/measures/{p['measure']}", data={"csrf": csrf, "field": "deadline_raw",
                                                            "value": f"2025 жылғы {1 + n % 28} мамырға дейін"})
            writes.append(time.perf_counter() - t0)
            n += 1

    threads = [threading.Thread(target=read, args=(c, k)) for k, c in enumerate(clients)]
    for t in threads:
        t.start()
    w = threading.Thread(target=write) if writing else None
    start.wait()
    t0 = time.perf_counter()
    if w:
        w.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    stop.set()
    if w:
        w.join()
    print("  slowest by page: " + ", ".join(f"{n} {max(v) * 1000:.0f} ms" for n, v in
                                            sorted(by_page.items(), key=lambda kv: -max(kv[1]))))
    return sorted(latencies), writes, elapsed


def concurrent_readers(server: Server, urls: dict[str, str], p: dict, readers: int = 50, rounds: int = 4) -> None:
    """The same 50 readers without, then with, a writer posting corrections: the ratio shows whether reads
    wait for writes (a global lock would multiply it); the absolute times are CPU queueing on this machine."""
    quiet, _, quiet_s = _readers(server, urls, p, readers, rounds, writing=False)
    busy, writes, busy_s = _readers(server, urls, p, readers, rounds, writing=True)

    def fmt(values: list[float]) -> str:
        return (f"p50 {statistics.median(values) * 1000:.0f} ms, p95 {values[int(0.95 * (len(values) - 1))] * 1000:.0f} "
                f"ms, max {values[-1] * 1000:.0f} ms")

    print(f"\n{readers} concurrent readers × {rounds} pages, no writer ({quiet_s:.1f} s, "
          f"{len(quiet) / quiet_s:.1f} pages/s): {fmt(quiet)}")
    print(f"the same during {len(writes)} corrections ({busy_s:.1f} s, {len(busy) / busy_s:.1f} pages/s): {fmt(busy)}; "
          f"ratio of medians {statistics.median(busy) / statistics.median(quiet):.2f}×, of maxima "
          f"{busy[-1] / quiet[-1]:.2f}×")
    print(f"correction writes during the readers: {fmt(sorted(writes))}")


def memory(server: Server, urls: dict[str, str], requests: int = 1000) -> None:
    client = server.client()
    names = list(urls.values())
    samples = [server.rss_mb()]
    for k in range(requests):
        client.get(names[k % len(names)])
        if (k + 1) % 100 == 0:
            samples.append(server.rss_mb())
    print(f"\nserver RSS over {requests} requests (MB, every 100): " + " ".join(f"{s:.0f}" for s in samples))
    print(f"growth over the second half: {samples[-1] - samples[len(samples) // 2]:+.1f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--db", type=Path, help="reuse (or keep) the generated store here")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="jospar-web-bench-"))
    db = args.db or folder / "jospar.duckdb"
    if not db.is_file():
        built = build_store(db, args.docs)
        print(f"store: {built['documents']} documents, {built['measures']} measures written in "
              f"{built['seconds']:.0f} s ({db.stat().st_size / 2**20:.0f} MB)")
    picked = _pick(db)
    index, scan = search_baseline(db, picked["word"])
    print(f"search '{picked['word']}': inverted index {index * 1000:.1f} ms vs ILIKE scan {scan * 1000:.1f} ms "
          f"(ratio {index / scan:.2f}×; the index also matches documents' words and gives facets)")
    server = Server(db, args.port)
    try:
        urls = page_urls(picked)
        time_pages(server, urls)
        concurrent_readers(server, urls, picked)
        memory(server, urls)
    finally:
        server.stop()
        if not args.keep and not args.db:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
