"""`jospar diff` and `jospar coverage` end to end: the real extraction (text reader, structure,
components) on the fixture files, then the command line (in process, and once as the installed
console script)."""
from __future__ import annotations

import json
import subprocess

import pyarrow.parquet as pq
import pytest

from cli import main
from cli.diff import file_diffs, linked_pairs
from pipeline.diff import diff_plans
from pipeline.extract import extract_path
from tests.diff.helpers import FILE_CASES, FIXTURES, PAIR_CASES, expected, summary


def run(jospar_bin, *args) -> subprocess.CompletedProcess:
    return subprocess.run([jospar_bin, *map(str, args)], capture_output=True, text=True, timeout=120)


def run_main(capsys, *args) -> tuple[int, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("case", PAIR_CASES, ids=lambda c: c["name"])
def test_pair_through_real_extraction(case):
    parent = extract_path(FIXTURES / f"{case['parent']}.txt").plans[0]
    derived = extract_path(FIXTURES / f"{case['derived']}.txt").plans[0]
    assert summary(diff_plans(parent, derived)) == expected(case)


@pytest.mark.parametrize("case", FILE_CASES, ids=lambda c: c["name"])
def test_one_file_with_parent_and_derived(case):
    doc = extract_path(FIXTURES / case["file"])
    parent, derived = doc.plans
    assert linked_pairs(doc) == [(parent, derived)]  # lineage linked them by the cited letter
    diffs = file_diffs([doc])
    assert len(diffs) == 1 and summary(diffs[0]) == expected(case)


@pytest.mark.parametrize("case", FILE_CASES, ids=lambda c: c["name"])
def test_one_file_without_lineage_falls_back_to_shared_measures(case):
    doc = extract_path(FIXTURES / case["file"])
    other = extract_path(FIXTURES / f"{case['language']}_other_parent.txt" if case["language"] == "kk"
                         else FIXTURES / "ru_deadline_parent.txt").plans[0]
    unlinked = doc.model_copy(deep=True)
    for p in unlinked.plans:
        p.parent_plan_id = None
    unlinked.plans.append(other)  # a later plan sharing no measure with the first: not diffed
    assert linked_pairs(unlinked) == []
    diffs = file_diffs([unlinked])
    assert [d.derived.plan_id for d in diffs] == [doc.plans[1].plan_id]
    assert summary(diffs[0]) == expected(case)


def test_console_script_two_files_json_and_html(jospar_bin, tmp_path):
    case = next(c for c in PAIR_CASES if c["name"] == "ru_split")
    html = tmp_path / "diff.html"
    proc = run(jospar_bin, "diff", FIXTURES / f"{case['parent']}.txt", FIXTURES / f"{case['derived']}.txt",
               "--json", "--html", html)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert len(out["diffs"]) == 1
    d = out["diffs"][0]
    assert {p["derived_number"]: p["parent_number"] for p in d["pairs"]} == case["pairs"]
    assert d["dropped"] == case["dropped"] and d["added"] == case["added"]
    for pair in d["pairs"]:  # the contract's keys
        assert set(pair) >= {"parent_number", "derived_number", "status", "similarity", "changes"}
        assert 0.0 <= pair["similarity"] <= 1.0 and pair["status"] in ("adopted", "modified")
        for change in pair["changes"]:
            assert set(change) >= {"field", "material", "old", "new"}
    assert set(d["parent"]) >= {"plan_id", "title"} and set(d["derived"]) >= {"plan_id", "title"}
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("case", FILE_CASES, ids=lambda c: c["name"])
def test_cli_one_file(capsys, case):
    code, out = run_main(capsys, "diff", FIXTURES / case["file"], "--json")
    assert code == 0
    diffs = json.loads(out)["diffs"]
    assert [{p["derived_number"]: p["parent_number"] for p in d["pairs"]} for d in diffs] == [case["pairs"]]


def test_cli_two_files_kazakh(capsys):
    case = next(c for c in PAIR_CASES if c["name"] == "kk_reword")
    code, out = run_main(capsys, "diff", FIXTURES / f"{case['parent']}.txt", FIXTURES / f"{case['derived']}.txt", "--json")
    assert code == 0
    d = json.loads(out)["diffs"][0]
    assert {p["derived_number"]: p["parent_number"] for p in d["pairs"]} == case["pairs"]
    assert d["dropped"] == case["dropped"] and d["added"] == case["added"]


def test_cli_unreadable_file_is_flagged_not_crashed(capsys, tmp_path):
    missing = tmp_path / "missing.txt"
    code, out = run_main(capsys, "diff", FIXTURES / "kk_merge_parent.txt", missing, "--json")
    assert code == 0
    parsed = json.loads(out)
    assert parsed["diffs"] == [] and any(f["code"] == "unreadable" for f in parsed["flags"])
    code, out = run_main(capsys, "diff", missing, "--json")
    assert code == 1 and json.loads(out)["diffs"] == []


def test_cli_binary_garbage_gives_empty_diffs(capsys, tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n\x00\xff garbage" * 20)
    code, out = run_main(capsys, "diff", junk, FIXTURES / "kk_merge_derived.txt", "--json")
    assert code == 0 and json.loads(out)["diffs"] == []


def test_cli_text_summary_without_json(capsys):
    code, out = run_main(capsys, "diff", FIXTURES / "kk_letter_with_plans.txt")
    assert code == 0 and "adopted 0, modified 3, dropped 2, added 1" in out


def test_cli_coverage_tables_and_json(capsys, tmp_path):
    derived = [FIXTURES / f"{n}.txt" for n in ("ru_split_derived", "ru_ocr_derived", "ru_deadline_derived")]
    code, out = run_main(capsys, "coverage", FIXTURES / "ru_split_parent.txt", *derived, "--out", tmp_path / "out",
                         "--html", tmp_path / "coverage.html", "--json")
    assert code == 0
    report = json.loads(out)
    assert len(report["plans"]) == 3 and len(report["cells"]) == 3 * 4
    cells = pq.read_table(tmp_path / "out" / "coverage.parquet").to_pylist()
    assert len(cells) == 12 and {c["status"] for c in cells} <= {"adopted", "modified", "merged", "dropped"}
    unrelated = [c for c in cells if c["derived_plan_id"] == report["plans"][2]["derived_plan_id"]]
    assert {c["status"] for c in unrelated} == {"dropped"}  # the exam plan shares no measure with all-education
    assert (tmp_path / "out" / "coverage.csv").read_text(encoding="utf-8").startswith("\ufeffparent_plan_id,")  # safe CSV: BOM
    rates = {m["parent_number"]: m["adoption_rate"] for m in report["measures"]}
    assert rates == {"1": pytest.approx(2 / 3, abs=1e-3), "2": pytest.approx(2 / 3, abs=1e-3),
                     "3": pytest.approx(2 / 3, abs=1e-3), "4": pytest.approx(2 / 3, abs=1e-3)}
    assert (tmp_path / "coverage.html").exists()


def test_two_files_pick_the_parent_plan_the_derived_one_copies(tmp_path, jospar_bin):
    """The parent file holds two plans; each derived plan is diffed against the one it comes from."""
    fixtures = FIXTURES
    parent_text = (fixtures / "kk_other_parent.txt").read_text(encoding="utf-8") + "\n\n\n" + \
        (fixtures / "ru_reorder_parent.txt").read_text(encoding="utf-8")
    (tmp_path / "parents.txt").write_text(parent_text, encoding="utf-8")
    proc = subprocess.run([jospar_bin, "diff", str(tmp_path / "parents.txt"), str(fixtures / "ru_reorder_derived.txt"), "--json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (diff,) = json.loads(proc.stdout)["diffs"]
    alone = subprocess.run([jospar_bin, "diff", str(fixtures / "ru_reorder_parent.txt"), str(fixtures / "ru_reorder_derived.txt"),
                            "--json"], capture_output=True, text=True, timeout=300)
    (reference,) = json.loads(alone.stdout)["diffs"]
    assert diff["parent"]["plan_id"].endswith(":p1")  # the Russian plan, not the first (Kazakh) one
    key = lambda d: (sorted((p["parent_number"], p["derived_number"]) for p in d["pairs"]), d["dropped"], d["added"])
    assert key(diff) == key(reference)
