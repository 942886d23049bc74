"""End-to-end benchmark of the flows: N messages with sample attachments → ingest → process.

Starts its own Dovecot (tests/flows/dovecot.py), APPENDs N generated messages, each carrying one sample
letter (data/samples, cycling through the chosen kinds) made unique by a per-message marker, so every
message is a distinct document. Then the same work twice, each into its own data dir:
  direct  flows.ingest_work / flows.process_work called as plain functions (no Prefect)
  flows   the Prefect flows (ingest_flow, process_flow) as `jospar ingest` / `jospar process` run them
and prints times, documents/s and Prefect's share as ratios against the direct run.

    .venv/bin/python benchmarks/flows.py               # 1,000 messages, txt+docx+pdf (long: ~1-3 s per PDF)
    .venv/bin/python benchmarks/flows.py --n 60        # a quick run
    .venv/bin/python benchmarks/flows.py --kinds txt   # fast extraction: the worst case for Prefect's share
"""
from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def unique_copy(name: str, data: bytes, index: int) -> bytes:
    """The sample with a marker that changes its hash but not its content as the readers see it."""
    marker = f"jospar-bench-{index}"
    if name.endswith(".txt"):
        return data + f"\n{marker}\n".encode()
    if name.endswith(".pdf"):
        return data + f"\n%{marker}\n".encode()  # a comment after %%EOF
    if name.endswith(".docx"):
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                dst.writestr(item, src.read(item.filename))
            dst.writestr(f"customXml/{marker}.txt", marker)  # a part no relationship points to
        return out.getvalue()
    return data


def build_messages(n: int, kinds: list[str]) -> list[bytes]:
    from tests.flows import messages as M

    samples = sorted(p for p in M.SAMPLES.iterdir() if p.suffix.lstrip(".") in kinds)
    letters = []
    for i in range(n):
        path = samples[i % len(samples)]
        letters.append(M.letter(f"Хат {i}", [(path.name, unique_copy(path.name, path.read_bytes(), i))],
                                msg_id=f"<bench-{i}@example.kz>"))
    return letters


def fill_mailbox(server, folder: str, letters: list[bytes]) -> float:
    from imap_tools import MailBoxUnencrypted

    started = time.perf_counter()
    with MailBoxUnencrypted(server.host, server.port).login(server.user, server.password, None) as box:
        box.folder.create(folder)
        for raw in letters:
            box.append(raw, folder)
    return time.perf_counter() - started


def use_data_dir(path: Path) -> None:
    os.environ["JOSPAR_DATA_DIR"] = str(path)


def run_direct(data_dir: Path) -> dict[str, float]:
    from flows import ingest_work
    from flows.ledger import Ledger
    from flows.process_work import process_pending, run_local
    from flows.rawstore import RawStore
    from flows.settings import load_settings

    use_data_dir(data_dir)
    settings = load_settings()
    ledger = Ledger(settings.ledger_path)
    started = time.perf_counter()
    plan = ingest_work.plan_mailbox(settings, ledger)
    for uids in ingest_work.chunks(plan.new_uids, settings.imap_batch):
        ingest_work.ingest_batch(settings, ledger, RawStore(settings.raw_dir), plan.uidvalidity, uids)
    ingested = time.perf_counter()
    report = process_pending(settings, ledger, run_local(settings))
    done = time.perf_counter()
    ledger.close()
    return {"ingest": ingested - started, "process": done - ingested, "documents": report.processed,
            "measures": report.measures}


def run_flows(data_dir: Path) -> dict[str, float]:
    from flows.ingest import ingest_flow
    from flows.process import run_process

    use_data_dir(data_dir)
    started = time.perf_counter()
    ingest_flow()
    ingested = time.perf_counter()
    report = run_process()
    done = time.perf_counter()
    return {"ingest": ingested - started, "process": done - ingested, "documents": report.processed,
            "measures": report.measures}


def prefect_start() -> float:
    """A no-op flow run: the temporary API server's start-up, paid once per process."""
    from flows.settings import prepare_prefect_env

    prepare_prefect_env()
    from prefect import flow

    @flow(name="jospar-bench-warmup")
    def warmup() -> int:
        return 1

    started = time.perf_counter()
    warmup()
    return time.perf_counter() - started


def warm_pipeline() -> None:
    """Import the pipeline and extract each kind once, so neither run pays first-call costs."""
    from pipeline.extract import extract_bytes

    for path in sorted((ROOT / "data" / "samples").iterdir())[:3]:
        extract_bytes(path.read_bytes(), path.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="messages (default 1000)")
    parser.add_argument("--kinds", default="txt,docx,pdf", help="sample kinds to attach, comma-separated")
    parser.add_argument("--batch", type=int, default=50, help="JOSPAR_IMAP_BATCH")
    args = parser.parse_args(argv)

    from tests.flows.dovecot import Dovecot

    work = Path(tempfile.mkdtemp(prefix="jospar-bench-"))
    os.environ.setdefault("PREFECT_HOME", str(work / "prefect"))
    server = Dovecot(password="bench-password").start()
    try:
        os.environ.update(server.env(JOSPAR_IMAP_FOLDER="Bench", JOSPAR_IMAP_BATCH=str(args.batch),
                                     JOSPAR_PROCESS_BATCH="200"))
        letters = build_messages(args.n, args.kinds.split(","))
        append_s = fill_mailbox(server, "Bench", letters)
        print(f"messages: {args.n} ({args.kinds}), {sum(map(len, letters)) / 1e6:.1f} MB, "
              f"APPEND {append_s:.1f} s")
        warm_pipeline()
        direct = run_direct(work / "direct")
        start_s = prefect_start()
        flows = run_flows(work / "flows")
        report(args.n, direct, flows, start_s)
    finally:
        server.cleanup()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(n: int, direct: dict, flows: dict, start_s: float) -> None:
    assert direct["documents"] == flows["documents"] == n, (direct, flows)
    assert direct["measures"] == flows["measures"], (direct, flows)
    rows = [("ingest", "ingest"), ("process", "process")]
    print(f"{'stage':<10}{'direct s':>10}{'flows s':>10}{'flows/direct':>14}")
    for label, key in rows:
        print(f"{label:<10}{direct[key]:>10.2f}{flows[key]:>10.2f}{flows[key] / direct[key]:>14.3f}")
    total_d, total_f = direct["ingest"] + direct["process"], flows["ingest"] + flows["process"]
    print(f"{'total':<10}{total_d:>10.2f}{total_f:>10.2f}{total_f / total_d:>14.3f}")
    print(f"documents/s: direct {n / total_d:.2f}, flows {n / total_f:.2f}; measures {flows['measures']}")
    print(f"Prefect's share of the flows' time: {(total_f - total_d) / total_f:.1%} "
          f"(+ {start_s:.1f} s temporary API start per process, not included)")
    per_doc = (flows["process"] - direct["process"]) / n * 1000
    print(f"Prefect overhead per document: {per_doc:.1f} ms against {direct['process'] / n * 1000:.1f} ms "
          f"of extraction per document ({per_doc / (direct['process'] / n * 1000):.1%})")


if __name__ == "__main__":
    sys.exit(main())
