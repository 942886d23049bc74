"""Relinking after each load looks only at what the load can change, and finds the links a full
recomputation finds: generated Kazakh and Russian letters (benchmarks/corpus.py, parents and plans derived
from them, as text) and the diff fixtures' parent/derived pairs, loaded one at a time in either order."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks.corpus import layout_of, plan_specs, text_of
from pipeline.extract import extract_bytes
from store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "diff" / "fixtures"


@pytest.fixture(scope="module")
def documents():
    docs = [extract_bytes(text_of(layout_of(s.content)), f"{s.stem}.txt")
            for s in plan_specs(24, seed=5, kinds=("txt",), pages=(1, 2), derived_share=0.6)]
    docs += [extract_bytes(p.read_bytes(), p.name) for p in sorted(FIXTURES.glob("*_p*.txt")) + sorted(FIXTURES.glob("*_d*.txt"))]
    return docs


def links(store: Store) -> set[tuple]:
    return {(r["derived_plan_id"], r["parent_plan_id"], r["evidence"]) for r in store.derived("links").to_pylist()}


def full_links(tmp_path, docs) -> set[tuple]:
    with Store(tmp_path / "full.duckdb") as store:
        store.upsert(docs)
        store.relink(full=True)
        return links(store)


@pytest.mark.parametrize("order", ["as_sent", "reversed", "shuffled"])
def test_one_load_at_a_time_finds_what_a_full_relink_finds(tmp_path, documents, order):
    expected = full_links(tmp_path, documents)
    assert len(expected) >= 10  # the corpus has lineage to find
    docs = {"as_sent": documents, "reversed": documents[::-1],
            "shuffled": random.Random(1).sample(documents, len(documents))}[order]
    with Store(tmp_path / "one_by_one.duckdb") as store:
        for doc in docs:
            store.upsert([doc])
            store.relink()
        assert links(store) == expected


def test_a_reloaded_document_is_linked_again_and_nothing_else_is_redone(tmp_path, documents):
    with Store(tmp_path / "s.duckdb") as store:
        store.upsert(documents)
        store.relink()
        before = links(store)
        assert store.relink() == 0  # nothing new: nothing to link
        derived = next(d for d in documents if any(link[0].startswith(d.document_id[:16]) for link in before))
        store.upsert([derived])  # processed again (a new pipeline version)
        store.relink()
        assert links(store) == before
