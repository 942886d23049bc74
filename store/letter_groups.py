"""One letter, several sources: `derived.letter_groups` groups the documents that are the same letter.

The same letter arrives as TXT, DOCX and PDF, or twice by mail; each copy is a document of its own (its own
bytes, its own sha256), but counts and dashboards must count the letter once. Two documents are the same
letter when their cover letters carry the same number, date and issuer, or when their plans hold the same
measure texts (compared on letters and digits only, so line breaks, hyphenation and spacing of a PDF do
not matter). The primary source of a letter is the one with the most measures, then the earliest received.
"""
from __future__ import annotations

import hashlib

import pyarrow as pa

from store.search import TERM_SPLIT
from store.sql import DERIVED, EXTRACTED

_ISSUER_CHARS = 24  # enough of the issuer's name to tell two authorities apart, short of OCR noise at the end

KEYS = f"{DERIVED}.letter_keys"  # each document's keys, worked out once when it is loaded
KEYS_DDL = (f"CREATE TABLE IF NOT EXISTS {KEYS} (document_id VARCHAR PRIMARY KEY, received_at TIMESTAMPTZ, "
            "n_measures BIGINT, letter_key VARCHAR, text_key VARCHAR)")
# run with the replaced documents' ids registered as `incoming_ids`: their keys are worked out again
FORGET = f"DELETE FROM {KEYS} WHERE document_id IN (SELECT document_id FROM incoming_ids)"

_NEW_KEYS = f"""
WITH new AS (SELECT document_id FROM {EXTRACTED}.documents WHERE document_id NOT IN (SELECT document_id FROM {KEYS})),
letter AS (
    SELECT document_id, lower(regexp_replace(number, '{TERM_SPLIT}', '', 'g')) AS number, "date",
           left(lower(regexp_replace(coalesce(issuer, ''), '{TERM_SPLIT}', '', 'g')), {_ISSUER_CHARS}) AS issuer
    FROM {EXTRACTED}.letters WHERE number IS NOT NULL AND "date" IS NOT NULL AND document_id IN (SELECT * FROM new)
    QUALIFY row_number() OVER (PARTITION BY document_id ORDER BY "ordinal") = 1),
texts AS (
    SELECT document_id, md5(string_agg(lower(regexp_replace(text, '{TERM_SPLIT}', '', 'g')), '|'
                                       ORDER BY length(plan_id), plan_id, "ordinal")) AS fingerprint, count(*) AS n
    FROM {EXTRACTED}.measures WHERE coalesce(text, '') <> '' AND document_id IN (SELECT * FROM new)
    GROUP BY document_id)
INSERT INTO {KEYS}
SELECT d.document_id, d.received_at, coalesce(t.n, 0) AS n_measures,
       CASE WHEN l.number IS NOT NULL THEN 'letter:' || l.number || '|' || l."date" || '|' || l.issuer END AS letter_key,
       CASE WHEN t.n >= 2 THEN 'measures:' || t.fingerprint END AS text_key
FROM {EXTRACTED}.documents d LEFT JOIN letter l USING (document_id) LEFT JOIN texts t USING (document_id)
WHERE d.document_id IN (SELECT * FROM new)"""


class _Groups:
    """Union-find over document IDs."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def group_rows(docs: list[dict]) -> pa.Table:
    groups = _Groups()
    first_of: dict[str, str] = {}
    for doc in docs:
        groups.find(doc["document_id"])
        for key in (doc["letter_key"], doc["text_key"]):
            if key:
                if key in first_of:
                    groups.join(doc["document_id"], first_of[key])
                else:
                    first_of[key] = doc["document_id"]
    members: dict[str, list[dict]] = {}
    for doc in docs:
        members.setdefault(groups.find(doc["document_id"]), []).append(doc)
    out = {"document_id": [], "letter_id": [], "is_primary": [], "n_sources": [], "letter_key": []}
    for group in members.values():
        group.sort(key=lambda d: (-d["n_measures"], d["received_at"] is None, d["received_at"] or 0, d["document_id"]))
        letter_id = hashlib.sha256("\n".join(sorted(d["document_id"] for d in group)).encode()).hexdigest()[:16]
        key = next((d["letter_key"] for d in group if d["letter_key"]), None) or group[0]["text_key"]
        for k, doc in enumerate(group):
            out["document_id"].append(doc["document_id"])
            out["letter_id"].append(letter_id)
            out["is_primary"].append(k == 0)
            out["n_sources"].append(len(group))
            out["letter_key"].append(key)
    return pa.table(out, schema=pa.schema([("document_id", pa.string()), ("letter_id", pa.string()),
                                           ("is_primary", pa.bool_()), ("n_sources", pa.int32()),
                                           ("letter_key", pa.string())]))


def regroup(con) -> int:
    """Recompute the groups of the whole store (documents join across batches); returns letters found.
    Only the documents loaded since the last regroup have their keys worked out (the measures' texts
    read and hashed): grouping the stored keys costs little, reading every text did, at every load."""
    con.execute(KEYS_DDL)
    con.execute(f"DELETE FROM {KEYS} WHERE document_id NOT IN (SELECT document_id FROM {EXTRACTED}.documents)")
    con.execute(_NEW_KEYS)
    cursor = con.execute(f"SELECT * FROM {KEYS}")
    names = [d[0] for d in cursor.description]
    table = group_rows([dict(zip(names, r)) for r in cursor.fetchall()])
    con.register("incoming_groups", table)
    try:
        con.execute(f"DELETE FROM {DERIVED}.letter_groups")
        con.execute(f"INSERT INTO {DERIVED}.letter_groups SELECT * FROM incoming_groups")
    finally:
        con.unregister("incoming_groups")
    return len(set(table["letter_id"].to_pylist()))
