"""Coverage rows in the store's `derived` schema: replaced per plan pair, apart from extracted records."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pyarrow as pa

from store import Store
from store.tables import DERIVED_SCHEMAS

DIFF_FIXTURES = Path(__file__).resolve().parents[1] / "diff" / "fixtures"


def rows(derived: str, statuses: list[str]) -> pa.Table:
    return pa.Table.from_pylist([{
        "parent_plan_id": "P:p0", "derived_plan_id": derived, "parent_number": str(k), "parent_measure_id": f"P:p0:m{k}",
        "derived_number": None, "derived_measure_id": None, "status": s, "similarity": 0.0, "material_fields": "",
        "narrowed": False} for k, s in enumerate(statuses, 1)], schema=DERIVED_SCHEMAS["coverage"])


def test_replace_coverage_is_idempotent_per_pair(tmp_path):
    with Store(tmp_path / "j.duckdb") as store:
        store.replace_coverage(rows("D:p0", ["dropped", "dropped"]))
        store.replace_coverage(rows("E:p0", ["adopted"]))
        store.replace_coverage(rows("D:p0", ["adopted", "modified"]))  # recomputed: replaces D's cells only
        table = store.derived("coverage").to_pylist()
        assert [(r["derived_plan_id"], r["status"]) for r in table] == [("D:p0", "adopted"), ("D:p0", "modified"), ("E:p0", "adopted")]
        assert store.counts(extracted=True)["measures"] == 0  # nothing leaks into extracted records


def test_coverage_command_fills_the_store(tmp_path, jospar_bin, samples_dir):
    parent = samples_dir / "000_8c8bd9275c0215dc.txt"
    derived = sorted(DIFF_FIXTURES.glob("*.txt"))[:2]
    for _ in range(2):  # a rerun gives the same rows
        proc = subprocess.run([jospar_bin, "coverage", str(parent), *map(str, derived), "--out", str(tmp_path)],
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
    with Store(tmp_path / "jospar.duckdb") as store:
        cov = store.derived("coverage")
    assert cov.num_rows >= 17 * 2 and set(cov["status"].to_pylist()) <= {"adopted", "modified", "merged", "dropped", "added"}
    assert (tmp_path / "coverage.csv").read_bytes().startswith(b"\xef\xbb\xbf")
