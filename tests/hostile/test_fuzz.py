"""Fuzzing: damaged copies of real fixture files of every format through the extraction sandbox, and a
real batch of them through `jospar extract`. Fixed budget (derandomised, reproducible in CI): 0 batch
crashes, and every document read or flagged.

JOSPAR_FUZZ_SCALE=N multiplies the number of examples (a longer campaign; README "Security and
reliability" has the figures of the last one)."""
from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.extract import document_json
from flows.sandbox import Sandbox
from flows.settings import Limits
from schemas import Document
from tests.hostile.fuzz import SEEDS, load_seeds, mutate

ROOT = Path(__file__).resolve().parents[2]
SCALE = int(os.environ.get("JOSPAR_FUZZ_SCALE", "1"))
# examples per format: cheap formats many, OCR and LibreOffice (seconds each) few
BUDGET = {"text": 60, "docx": 60, "pdf": 40, "scan": 5, "doc": 3}
LIMITS = Limits(doc_time_limit=60, doc_memory_limit_mb=1536)
SEEN: Counter = Counter()  # flag codes met, printed at the end (-s) for the README figures
EXAMPLES: Counter = Counter()  # damaged files run, per format


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(LIMITS) as box:
        yield box
    print(f"\nfuzz examples: {dict(EXAMPLES)}; flag codes: {dict(SEEN.most_common())}")


def check(doc: Document, data: bytes) -> None:
    """What must hold for any input: a Document of these bytes, read or flagged, printable as JSON."""
    assert isinstance(doc, Document)
    assert doc.document_id == hashlib.sha256(data).hexdigest()
    assert doc.plans or doc.flags, "neither plans nor a flag saying why there are none"
    json.loads(document_json(doc))
    SEEN.update(f.code for f in doc.flags)


def fuzz_format(kind: str):
    seeds = load_seeds(kind)

    @settings(max_examples=BUDGET[kind] * SCALE, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(seed=st.sampled_from(seeds), rng=st.randoms(use_true_random=False))
    def run(sandbox, seed, rng):
        name, data = mutate(*seed, rng)
        EXAMPLES[kind] += 1
        check(sandbox.extract(data, name), data)

    return run


@pytest.mark.parametrize("kind", list(SEEDS))
def test_damaged_files_are_read_or_flagged(kind, sandbox):
    if kind == "doc" and not any(os.access(os.path.join(p, "soffice"), os.X_OK) for p in os.environ["PATH"].split(":")):
        pytest.skip("LibreOffice is not installed")
    fuzz_format(kind)(sandbox)


def test_a_batch_of_damaged_files_never_crashes(tmp_path, jospar_bin):
    """The whole driver: damaged files of every format in one folder, `--json` and `--out` at once."""
    rng = random.Random(14)
    folder = tmp_path / "damaged"
    folder.mkdir()
    written = 0
    for kind in ("text", "docx", "pdf"):
        for i in range(8 * SCALE):
            name, data = mutate(*rng.choice(load_seeds(kind)), rng)
            (folder / f"{kind}-{i:03d}-{name}").write_bytes(data)
            written += 1
    out = tmp_path / "out"
    done = subprocess.run([jospar_bin, "extract", str(folder), "--json", "--out", str(out), "--time-limit", "60"],
                          cwd=ROOT, capture_output=True, timeout=1800)
    assert done.returncode in (0, 1), done.stderr.decode()[-3000:]
    docs = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(docs) == written and all(doc["plans"] or doc["flags"] for doc in docs)
    assert json.loads(done.stderr.decode().strip().splitlines()[-1])["rows"]["inputs"] == written
