"""Full-text search over the store: an inverted index kept in the DuckDB file (`search.postings`).

Why not DuckDB's FTS extension: it is not bundled with the Python wheel and `INSTALL fts` downloads it, and
jospar runs without network. The index is built by SQL in DuckDB itself (terms split on anything that is
not a Unicode letter or digit, lower-cased), so indexing 200,000 measures takes seconds and stays in the
one store file. Terms point at a measure (`kind` = 'm': its text, section, responsible and deadline cells,
completion form, indicator, canonical body names) or at a document ('d': letter numbers, issuers,
subjects, the e-mail's sender and subject, the file name, plan titles); a query matches a measure when every
query word is a prefix of a term of the measure or of its document.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from store.review_sql import SEARCH
from store.sql import in_values

TERM_SPLIT = r"[^\pL\pN]+"  # RE2 (DuckDB): any run of characters that are not letters or digits
_ID_COLUMN = re.compile(r"\b(measure_id|document_id)\b")
_QUERY_SPLIT = re.compile(r"[\W_]+", re.UNICODE)
MAX_TERMS = 8
COMPACT_GROWTH = 0.25  # share of the index appended unsorted before it is rewritten in term order
MIN_PREFIX = 3  # shorter words must match a whole term ("№ 5" does not match every term starting with 5)

_MEASURE_TEXT = ("text", "section", "responsible_raw", "deadline_raw", "completion_form", "indicator")
_DOCUMENT_TEXT = ("d.received_sender", "d.received_subject", "d.received_filename", "d.path")
_LETTER_TEXT = ("l.number", "l.issuer", "l.issuer_alt", "l.subject")


def query_terms(query: str) -> list[str]:
    """The words of a search box query, lower-cased, as the index splits them (at most MAX_TERMS)."""
    words = [w for w in _QUERY_SPLIT.split((query or "").lower()) if w]
    return list(dict.fromkeys(words))[:MAX_TERMS]


def _terms_of(text_sql: str) -> str:
    return f"unnest(regexp_split_to_array(lower({text_sql}), '{TERM_SPLIT}'))"


def _in_list(column: str, ids: Sequence[str] | None) -> tuple[str, list]:
    return ("true", []) if ids is None else in_values(column, ids)


def _measure_terms(where: str) -> str:
    """SQL of the measures' terms; `where` (on measure_id or document_id) is applied to the measures and to
    their bodies, so its parameters are given twice (a filter on the bodies' side too, rather than a
    correlated subquery, which DuckDB runs as a join over every body of the store)."""
    text = " || ' ' || ".join(f"coalesce(m.{quote_col(c)}, '')" for c in _MEASURE_TEXT)
    bodies = f"""SELECT measure_id, string_agg(coalesce(r.canonical, '') || ' ' || coalesce(r.name, ''), ' ') AS names
        FROM main.responsibles r WHERE {where} GROUP BY measure_id"""
    qualified = _ID_COLUMN.sub(r"m.\1", where)
    return f"""SELECT DISTINCT term, 'm', measure_id, document_id FROM (
        SELECT {_terms_of(f"{text} || ' ' || coalesce(b.names, '')")} AS term, m.measure_id, m.document_id
        FROM main.measures m LEFT JOIN ({bodies}) b ON b.measure_id = m.measure_id WHERE {qualified})
        WHERE term <> ''"""


def index_measures(con, measure_ids: Sequence[str] | None = None, document_ids: Sequence[str] | None = None) -> None:
    """(Re)build the postings of the given measures (one correction: into the small `patch_postings`, which
    replace the measure's postings in queries, so a correction never rewrites the big table), or of every
    measure of the given documents (all when None) from the main views, so corrected text is what is found."""
    if measure_ids is not None:
        where, params = _in_list("measure_id", measure_ids)
        key_where = where.replace("measure_id", "key")
        con.execute(f"DELETE FROM {SEARCH}.patch_postings WHERE {key_where}", params)
        con.execute(f"INSERT INTO {SEARCH}.patch_postings {_measure_terms(where)}", params * 2)
        con.execute(f"""INSERT OR IGNORE INTO {SEARCH}.patched SELECT measure_id, document_id FROM extracted.measures
            WHERE {where} UNION SELECT measure_id, document_id FROM overlay.added_measures WHERE {where}""", params * 2)
        return
    where, params = _in_list("document_id", document_ids)
    for table in ("postings", "patch_postings"):
        con.execute(f"DELETE FROM {SEARCH}.{table} WHERE kind = 'm' AND {where}", params)
    con.execute(f"DELETE FROM {SEARCH}.patched WHERE {where}", params)
    con.execute(f"INSERT INTO {SEARCH}.postings {_measure_terms(where)}", params * 2)


def _document_terms(where: str) -> str:
    doc_text = " || ' ' || ".join(f"coalesce({c}, '')" for c in _DOCUMENT_TEXT)
    letter_text = " || ' ' || ".join(f"coalesce({c}, '')" for c in _LETTER_TEXT)
    # each branch filtered on its own table's document_id (pushed into its scan), not through a join
    return f"""SELECT DISTINCT term, 'd', document_id, document_id FROM (
        SELECT {_terms_of(doc_text)} AS term, d.document_id FROM main.documents d WHERE {where}
        UNION ALL SELECT {_terms_of(letter_text)}, l.document_id FROM main.letters l
            WHERE {where.replace("d.document_id", "l.document_id")}
        UNION ALL SELECT {_terms_of("coalesce(p.title, '')")}, p.document_id FROM main.plans p
            WHERE {where.replace("d.document_id", "p.document_id")}) WHERE term <> ''"""


def index_documents(con, document_ids: Sequence[str] | None = None) -> None:
    where, params = _in_list("d.document_id", document_ids)
    con.execute(f"DELETE FROM {SEARCH}.postings WHERE kind = 'd' AND {where.replace('d.document_id', 'key')}",
                params)
    con.execute(f"INSERT INTO {SEARCH}.postings {_document_terms(where)}", params * 3)


def measure_words(con, measure_id: str) -> frozenset[str]:
    """Every term a query can match the measure by, as the index splits them: its own (as shown now) and
    its document's. A query matches the measure when each of its words is a prefix of one of these."""
    return own_words(con, measure_id) | document_words(con, document_of(con, measure_id))


def own_words(con, measure_id: str) -> frozenset[str]:
    """The measure's own index terms (text, cells, bodies), as shown now."""
    return frozenset(r[0] for r in con.execute(f"SELECT term FROM ({_measure_terms('measure_id = ?')})",
                                               [measure_id] * 2).fetchall())


def document_words(con, document_id: str | None) -> frozenset[str]:
    """The document's index terms (letter numbers, senders, subjects, file name, plan titles)."""
    return frozenset(r[0] for r in con.execute(f"SELECT term FROM ({_document_terms('d.document_id = ?')})",
                                               [document_id] * 3).fetchall())


def document_of(con, measure_id: str) -> str | None:
    found = con.execute("SELECT document_id FROM main.measures WHERE measure_id = ?", [measure_id]).fetchall()
    return found[0][0] if found else None


def matches(terms: Sequence[str], words: frozenset[str]) -> bool:
    """Whether a query of `terms` matches an item with these index `words` (the rule of `matching_measures_sql`)."""
    return all(any(w.startswith(t) for w in words) if len(t) >= MIN_PREFIX else t in words for t in terms)


def quote_col(name: str) -> str:
    return '"' + name + '"'


def reindex(con, document_ids: Sequence[str] | None = None) -> None:
    index_documents(con, document_ids)
    index_measures(con, document_ids=document_ids)


def compact(con, force: bool = False) -> None:
    """Rewrite the index ordered by term: range lookups then skip most row groups (zone maps). Done when
    the postings appended since the last rewrite reach COMPACT_GROWTH of the table (or `force`): the
    rewrite reads the whole index, so doing it after every round of a backlog made each round cost in
    proportion to the store (0.7 s at 1,000 documents, ~7 s at 10,000); in steps of a share of the
    table its total stays in proportion to the index, and lookups scan at most that share unsorted.
    The row count of the last rewrite is kept as the table's comment."""
    # results fetched to the end (fetchall): the connection takes no other statement while one is unfinished
    rows = con.execute(f"SELECT count(*) FROM {SEARCH}.postings").fetchall()[0][0]
    last = _compacted_rows(con)
    if not force and last and rows <= last * (1 + COMPACT_GROWTH):
        return
    con.execute(f"CREATE OR REPLACE TABLE {SEARCH}.postings AS SELECT * FROM {SEARCH}.postings ORDER BY term")
    con.execute(f"COMMENT ON TABLE {SEARCH}.postings IS 'compacted rows: {int(rows)}'")


def _compacted_rows(con) -> int:
    comments = con.execute("SELECT comment FROM duckdb_tables() WHERE schema_name = ? AND table_name = 'postings'",
                           [SEARCH]).fetchall()
    found = re.search(r"compacted rows: (\d+)", (comments[0][0] if comments else "") or "")
    return int(found.group(1)) if found else 0


def matching_measures_sql(terms: Iterable[str]) -> tuple[str, list]:
    """SQL selecting `measure_id` of every measure matching all terms, and its parameters."""
    terms = list(terms)
    branches, params = [], []
    for k, term in enumerate(terms):
        if len(term) >= MIN_PREFIX:
            cond, args = "term >= ? AND term < ?", [term, term + "\U0010ffff"]
        else:
            cond, args = "term = ?", [term]
        # the big index, less the measures a correction re-indexed, plus their new postings
        branches.append(f"SELECT {k} AS i, kind, key FROM {SEARCH}.postings p WHERE {cond} AND NOT EXISTS "
                        f"(SELECT 1 FROM {SEARCH}.patched x WHERE x.key = p.key) UNION ALL "
                        f"SELECT {k}, kind, key FROM {SEARCH}.patch_postings WHERE {cond}")
        params += args + args
    hits = " UNION ALL ".join(branches)
    sql = f"""SELECT measure_id FROM (
        SELECT h.i, h.key AS measure_id FROM ({hits}) h WHERE h.kind = 'm'
        UNION SELECT h.i, m.measure_id FROM ({hits}) h JOIN main.measures m ON m.document_id = h.key
            WHERE h.kind = 'd') GROUP BY measure_id HAVING count(DISTINCT i) = {len(terms)}"""
    return sql, params + params
