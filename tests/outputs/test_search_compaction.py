"""The search index is rewritten in term order when it has grown by a share of itself since the last
rewrite (store.search.compact), not after every load: a backlog loaded in rounds would otherwise rewrite
the whole index per round (each round's cost growing with the store)."""
from __future__ import annotations

import duckdb

from store import search


def _index(rows: list[str]):
    con = duckdb.connect()
    con.execute("CREATE SCHEMA search")
    con.execute("CREATE TABLE search.postings (term VARCHAR, kind VARCHAR, key VARCHAR, document_id VARCHAR)")
    _add(con, rows)
    return con


def _add(con, terms: list[str]) -> None:
    con.executemany("INSERT INTO search.postings VALUES (?, 'm', ?, 'd')", [(t, f"k{i}") for i, t in enumerate(terms)])


def _stored_order(con) -> list[str]:
    return [r[0] for r in con.execute("SELECT term FROM search.postings ORDER BY rowid").fetchall()]


# Kazakh and Russian terms, appended out of order
TERMS = ["жоспар", "мектеп", "іс-шара", "план", "школа", "мероприятие", "оқушы", "ученик"] * 10


def test_the_first_compaction_sorts_and_remembers_the_size():
    con = _index(TERMS)
    search.compact(con)
    assert _stored_order(con) == sorted(TERMS)
    assert search._compacted_rows(con) == len(TERMS)


def test_a_small_growth_waits_and_a_large_one_rewrites():
    con = _index(TERMS)
    search.compact(con)
    _add(con, ["әкімдік", "акимат"])  # 2.5 % more: left at the end until the index has grown enough
    search.compact(con)
    assert _stored_order(con)[-2:] == ["әкімдік", "акимат"]
    _add(con, ["білім", "образование"] * 10)  # now ~28 % more than at the last rewrite
    search.compact(con)
    assert _stored_order(con) == sorted(_stored_order(con))
    assert search._compacted_rows(con) == len(TERMS) + 22


def test_force_rewrites_whatever_the_growth():
    con = _index(TERMS)
    search.compact(con)
    _add(con, ["бұйрық", "приказ"])
    search.compact(con, force=True)
    assert _stored_order(con) == sorted(_stored_order(con))
