"""Plan lineage across stored documents: a school plan that arrives in its own file links to the regional
plan stored from another letter (seed 000 split in two, as two schools' mail would bring it)."""
from __future__ import annotations

import json

from pipeline.extract import extract_bytes
from store import Store, write_outputs

SCHOOL_PLAN_OPENS = "Білім бөлімінің 2022 жылғы 16-шы"


def split_seed(samples_dir) -> tuple[bytes, bytes]:
    text = (samples_dir / "000_8c8bd9275c0215dc.txt").read_text(encoding="utf-8")
    at = text.index(SCHOOL_PLAN_OPENS)
    return text[:at].encode(), text[at:].encode()


def test_a_derived_plan_in_another_file_links_to_its_parent(tmp_path, samples_dir):
    regional, school = split_seed(samples_dir)
    docs = [extract_bytes(regional, "district_letter.txt"), extract_bytes(school, "school_plan.txt")]
    assert [len(d.plans) for d in docs] == [1, 1] and docs[0].letters
    write_outputs(docs[:1], tmp_path)  # the district letter arrives first ...
    write_outputs(docs[1:], tmp_path)  # ... the school's plan later, in another run
    with Store(tmp_path / "jospar.duckdb") as store:
        (link,) = store.derived("links").to_pylist()
        letters = store.arrow("letters").to_pylist()
    assert (link["derived_plan_id"], link["parent_plan_id"]) == (docs[1].plans[0].plan_id, docs[0].plans[0].plan_id)
    assert link["evidence"] == "near_letter"  # cites 05-04-01/253, the letter is 06-04-01/253
    assert [f["code"] for f in json.loads(link["flags"])] == ["reference_mismatch"]
    assert letters[0]["number"] == "06-04-01/253" and letters[0]["date"].isoformat() == "2022-02-16"


def test_unrelated_documents_are_not_linked(tmp_path, samples_dir):
    docs = [extract_bytes((samples_dir / name).read_bytes(), name)
            for name in ("001_a737e2465b67cd3d.txt", "002_f8fca9d81a5f40e7.txt")]
    write_outputs(docs, tmp_path)
    with Store(tmp_path / "jospar.duckdb") as store:
        assert store.derived("links").num_rows == 0
