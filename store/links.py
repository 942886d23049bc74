"""Plan lineage across the store: which stored plan each plan was derived from, whatever file it came in.

Within one document, lineage runs at extraction (plans.parent_plan_id). Across documents it runs after
each load, incrementally: the store keeps a lineage index (derived.lineage_plans: every plan's word
stems, the letter it cites and how similar its eighth most similar plan is; derived.lineage_documents:
the documents already linked), so a load costs what its own documents cost, not a pass over the whole
store (that made processing a backlog quadratic). After a load, lineage (pipeline.lineage) decides for
  - every plan of the new documents, and
  - every stored plan still without a parent that a new document may be the parent of: one citing a
    new document's letter, or one to which a new plan is among its most similar plans.
A plan is reconsidered only when a load changes its evidence: a letter that is (or cites) the letter
it cites arrives, or a plan more similar to it than its least similar candidate (a strictly higher
Dice: a tie among equally similar plans may be broken differently than a full pass would);
`relink(full=True)` recomputes everything, with the same rules. Candidates are, as before, the plans
of other documents carried by a letter the plan cites, and the MAX_CONTENT_CANDIDATES plans sharing most
of its word stems (Dice at least MIN_SHARED_VOCABULARY), found with one sparse matrix product.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from pipeline.lineage import _norm_number, compare_reference, explain_link, parse_based_on, word_stems
from store.model_tables import record_from_row
from store.sql import DERIVED, EXTRACTED, select_statement
from store.tables import DERIVED_SCHEMAS, SPECS, derived_row
from schemas.records import Letter, Measure, Plan, PlanLink, Reference

MIN_SHARED_VOCABULARY = 0.15  # Dice of two plans' word stems under which they cannot be parent and child
MAX_CONTENT_CANDIDATES = 8  # the plans sharing most words; lineage then compares measure by measure
PLANS, DOCUMENTS = f"{DERIVED}.lineage_plans", f"{DERIVED}.lineage_documents"
LINEAGE_DDL = [
    f"CREATE TABLE IF NOT EXISTS {PLANS} (plan_id VARCHAR PRIMARY KEY, document_id VARCHAR, stems VARCHAR[], "
    "ref_number VARCHAR, ref_date DATE, kth_dice DOUBLE)",
    f"CREATE TABLE IF NOT EXISTS {DOCUMENTS} (document_id VARCHAR PRIMARY KEY)",
]
# run with the replaced documents' ids registered as `incoming_ids`: they are linked again
FORGET = [f"DELETE FROM {t} WHERE document_id IN (SELECT document_id FROM incoming_ids)" for t in (PLANS, DOCUMENTS)]


def plans_from_tables(plans: pa.Table, measures: pa.Table) -> list[Plan]:
    by_plan: dict[str, list[Measure]] = defaultdict(list)
    for row in measures.to_pylist():
        by_plan[row["plan_id"]].append(record_from_row(SPECS["measures"], row))
    return [record_from_row(SPECS["plans"], row).model_copy(update={"measures": by_plan[row["plan_id"]]})
            for row in plans.to_pylist()]


_letters_kept: dict[tuple, Letter] = {}  # a letter row's values -> its record, from the last call


def letters_by_document(letters: pa.Table) -> dict[str, list[Letter]]:
    """Every letter as a record. Relinking reads all stored letters at every load; a row seen at the
    previous call (same values) gives back the record made then instead of validating it again (most
    of the time, and growing with the store). Only the last call's rows are kept."""
    global _letters_kept
    out: dict[str, list[Letter]] = defaultdict(list)
    kept: dict[tuple, Letter] = {}
    for row in letters.to_pylist():
        key = tuple(row.values())
        try:
            record = kept[key] = _letters_kept.get(key) or record_from_row(SPECS["letters"], row)
        except TypeError:  # an unhashable value: no keeping
            record = record_from_row(SPECS["letters"], row)
        out[row["document_id"]].append(record)
    _letters_kept = kept
    return out


# ---------------------------------------------------------------------- letters
class LetterIndex:
    """Every stored letter, found by its number, its date and the numbers it cites, so a reference is
    compared with the few letters it can match (compare_reference) instead of all of them."""

    def __init__(self, letters_of: dict[str, list[Letter]]):
        self.letters = [(doc, letter) for doc, letters in letters_of.items() for letter in letters]
        self.by_number: dict[str, list[int]] = defaultdict(list)
        self.by_date: dict[dt.date, list[int]] = defaultdict(list)
        self.by_cited: dict[str, list[int]] = defaultdict(list)
        for k, (_, letter) in enumerate(self.letters):
            if letter.number:
                self.by_number[_norm_number(letter.number)].append(k)
            if letter.date:
                self.by_date[letter.date].append(k)
            for cited in letter.references:
                if cited.number:
                    self.by_cited[_norm_number(cited.number)].append(k)

    def possible(self, ref: Reference | None) -> list[int]:
        """Positions of the letters `ref` may be or be an ancestor of (a superset, in store order)."""
        if ref is None or not ref.number:
            return []
        number = _norm_number(ref.number)
        found = set(self.by_number.get(number, ())) | set(self.by_cited.get(number, ()))
        if ref.date is not None:
            found |= set(self.by_date.get(ref.date, ()))  # a slip in the number under the same date
        return sorted(found)

    def touching_documents(self, ref: Reference | None) -> set[str]:
        """Documents with a letter that is the cited one (or nearly) or cites it too: the evidence
        explain_link weighs for `ref` changes when one of them arrives."""
        found = set()
        for k in self.possible(ref):
            doc, letter = self.letters[k]
            if compare_reference(ref, letter.number, letter.date) or any(
                    compare_reference(ref, r.number, r.date) == "same" for r in letter.references):
                found.add(doc)
        return found

    def cited_documents(self, ref: Reference | None) -> set[str]:
        return {self.letters[k][0] for k in self.possible(ref)
                if compare_reference(ref, self.letters[k][1].number, self.letters[k][1].date)}

    def evidence_letters(self, ref: Reference | None) -> list[Letter]:
        """The letters explain_link needs for `ref`: those it may match, in store order. When none may
        match, one letter matching nothing stands for the rest: explain_link only asks whether the store
        holds other letters ("cites_other_letter")."""
        letters = [self.letters[k][1] for k in self.possible(ref)]
        return letters or ([Letter()] if self.letters else [])


# ---------------------------------------------------------------------- word stems
class StemMatrix:
    """Plans x word stems (0/1, sparse): Dice of one plan with all others in one product."""

    def __init__(self, index: pa.Table):
        self.plan_ids: list[str] = index["plan_id"].to_pylist()
        self.documents = np.array(index["document_id"].to_pylist(), dtype=object)
        self.row = {plan_id: k for k, plan_id in enumerate(self.plan_ids)}
        self.plans_of: dict[str, list[str]] = defaultdict(list)
        for plan_id, document_id in zip(self.plan_ids, self.documents):
            self.plans_of[document_id].append(plan_id)
        stems = index["stems"]
        lengths = pc.fill_null(pc.list_value_length(stems), 0).to_numpy()
        codes = pc.dictionary_encode(pc.list_flatten(stems).combine_chunks())
        ones = np.ones(len(codes), dtype=np.float32)
        rows = np.repeat(np.arange(len(self.plan_ids)), lengths)
        self.matrix = sparse.csr_matrix((ones, (rows, codes.indices.to_numpy())),
                                        shape=(len(self.plan_ids), max(len(codes.dictionary), 1)))
        self.sizes = lengths.astype(np.float32)

    def document_of(self, plan_id: str) -> str:
        return self.documents[self.row[plan_id]]

    def dice(self, plan_ids: list[str]) -> np.ndarray:
        """len(plan_ids) x all plans; 0 for plans of the same document and for empty plans."""
        rows = [self.row[p] for p in plan_ids]
        shared = (self.matrix[rows] @ self.matrix.T).toarray()
        total = self.sizes[rows][:, None] + self.sizes[None, :]
        out = np.divide(2 * shared, total, out=np.zeros_like(shared), where=total > 0)
        out[self.documents[rows][:, None] == self.documents[None, :]] = 0.0
        return out

    def top(self, scores: np.ndarray) -> tuple[list[str], float]:
        """The most similar plans (Dice at least the floor), and the score a newcomer must beat to join
        them (0 while fewer than MAX_CONTENT_CANDIDATES pass the floor)."""
        order = np.argsort(-scores, kind="stable")[:MAX_CONTENT_CANDIDATES]
        chosen = [self.plan_ids[k] for k in order if scores[k] >= MIN_SHARED_VOCABULARY]
        return chosen, float(scores[order[-1]]) if len(chosen) == MAX_CONTENT_CANDIDATES else 0.0


# ---------------------------------------------------------------------- the store's side
def _where_documents(con, table: str, ids: list[str]) -> pa.Table:
    con.register("lineage_ids", pa.table({"document_id": pa.array(ids, pa.string())}))
    try:
        return con.sql(f"SELECT * FROM ({select_statement(table, EXTRACTED)}) "
                       "WHERE document_id IN (SELECT document_id FROM lineage_ids)").to_arrow_table()
    finally:
        con.unregister("lineage_ids")


def _plans_by_id(con, plan_ids: set[str]) -> dict[str, Plan]:
    con.register("lineage_plan_ids", pa.table({"plan_id": pa.array(sorted(plan_ids), pa.string())}))
    try:
        tables = [con.sql(f"SELECT * FROM ({select_statement(t, EXTRACTED)}) "
                          "WHERE plan_id IN (SELECT plan_id FROM lineage_plan_ids)").to_arrow_table()
                  for t in ("plans", "measures")]
    finally:
        con.unregister("lineage_plan_ids")
    return {p.plan_id: p for p in plans_from_tables(*tables)}


def _index_new_plans(con, new_docs: list[str]) -> list[Plan]:
    """Index the plans of the new documents (stems, cited letter); returns them as records."""
    table = _where_documents(con, "plans", new_docs)
    plans = plans_from_tables(table, _where_documents(con, "measures", new_docs))
    rows = []
    for plan, document_id in zip(plans, table["document_id"].to_pylist()):
        ref = plan.based_on or parse_based_on(plan.heading)
        stems = sorted(frozenset().union(*(word_stems(m.text) for m in plan.measures)))
        rows.append({"plan_id": plan.plan_id, "document_id": document_id, "stems": stems,
                     "ref_number": ref.number if ref else None, "ref_date": ref.date if ref else None,
                     "kth_dice": 0.0})
    if rows:
        con.register("lineage_rows", pa.Table.from_pylist(rows, schema=pa.schema([
            ("plan_id", pa.string()), ("document_id", pa.string()), ("stems", pa.list_(pa.string())),
            ("ref_number", pa.string()), ("ref_date", pa.date32()), ("kth_dice", pa.float64())])))
        con.execute(f"INSERT OR REPLACE INTO {PLANS} SELECT * FROM lineage_rows")
        con.unregister("lineage_rows")
    return plans


def relink(con, full: bool = False) -> tuple[pa.Table, list[str]]:
    """The links of every plan lineage looked at in this load, and those plans' ids (their old rows go)."""
    for statement in LINEAGE_DDL:
        con.execute(statement)
    if full:
        con.execute(f"DELETE FROM {PLANS}")
        con.execute(f"DELETE FROM {DOCUMENTS}")
    new_docs = [r[0] for r in con.execute(
        f"SELECT document_id FROM {EXTRACTED}.documents WHERE document_id NOT IN "
        f"(SELECT document_id FROM {DOCUMENTS}) ORDER BY document_id").fetchall()]
    if not new_docs:
        return pa.Table.from_pylist([], schema=DERIVED_SCHEMAS["links"]), []
    new_plans = _index_new_plans(con, new_docs)
    index = con.sql(f"SELECT * FROM {PLANS} ORDER BY plan_id").to_arrow_table()
    letters = LetterIndex(letters_by_document(con.sql(select_statement("letters", EXTRACTED)).to_arrow_table()))
    stems = StemMatrix(index)
    new_set = set(new_docs)
    first_letters = bool(letters.letters) and all(doc in new_set for doc, _ in letters.letters)
    to_link = _plans_to_link(con, new_plans, new_docs, index, stems, letters, first_letters)
    rows, kth = _links(con, to_link, stems, letters)
    _remember(con, new_docs, kth)
    return pa.Table.from_pylist(rows, schema=DERIVED_SCHEMAS["links"]), sorted(to_link)


def _plans_to_link(con, new_plans: list[Plan], new_docs: list[str], index: pa.Table, stems: StemMatrix,
                   letters: LetterIndex, first_letters: bool) -> set[str]:
    """New plans without a parent in their own document, and the stored plans whose evidence the new
    documents change: a new letter is or cites the letter they cite (or the store's first letters
    arrived), or a new plan is more similar to them than their least similar candidate."""
    wanted = {p.plan_id for p in new_plans if not p.parent_plan_id}
    inside = {r[0] for r in con.execute(f"SELECT plan_id FROM {EXTRACTED}.plans WHERE parent_plan_id IS NOT NULL").fetchall()}
    new_doc_set = set(new_docs)
    columns = ["plan_id", "document_id", "ref_number", "ref_date", "kth_dice"]  # not the stems: the store's bulk
    stored = [r for r in index.select(columns).to_pylist()
              if r["document_id"] not in new_doc_set and r["plan_id"] not in inside]
    arrived = defaultdict(list)  # only the new documents' letters: asked once per stored plan citing one
    for doc, letter in letters.letters:
        if doc in new_doc_set:
            arrived[doc].append(letter)
    new_letters = LetterIndex(arrived)
    for row in stored:
        ref = Reference(number=row["ref_number"], date=row["ref_date"]) if row["ref_number"] else None
        if ref and (first_letters or new_letters.touching_documents(ref)):
            wanted.add(row["plan_id"])
    if new_plans and stored:
        best = np.zeros(len(stems.plan_ids), dtype=np.float32)
        ids = [p.plan_id for p in new_plans]
        for start in range(0, len(ids), 256):
            best = np.maximum(best, stems.dice(ids[start:start + 256]).max(axis=0))
        for row in stored:
            score = best[stems.row[row["plan_id"]]]
            if score >= MIN_SHARED_VOCABULARY and score > row["kth_dice"]:
                wanted.add(row["plan_id"])
    return wanted


def _links(con, to_link: set[str], stems: StemMatrix, letters: LetterIndex) -> tuple[list[dict], dict[str, float]]:
    order = sorted(to_link)
    candidates: dict[str, list[str]] = {}
    kth: dict[str, float] = {}
    refs: dict[str, Reference | None] = {}
    derived_records = _plans_by_id(con, set(order))
    for start in range(0, len(order), 256):  # a block of rows of the Dice matrix at a time: bounded memory
        block = order[start:start + 256]
        for plan_id, scores in zip(block, stems.dice(block)):
            similar, kth[plan_id] = stems.top(scores)
            plan = derived_records[plan_id]
            refs[plan_id] = plan.based_on or parse_based_on(plan.heading)
            own = stems.document_of(plan_id)
            cited = {c for doc in letters.cited_documents(refs[plan_id]) - {own} for c in stems.plans_of.get(doc, [])}
            candidates[plan_id] = sorted(cited | set(similar), key=stems.row.get)
    pool = _plans_by_id(con, {c for cs in candidates.values() for c in cs} - set(derived_records)) | derived_records
    letters_of: dict[str, list[Letter]] = defaultdict(list)
    for doc, letter in letters.letters:
        letters_of[doc].append(letter)
    rows = []
    for plan_id in order:
        derived = derived_records[plan_id]
        parents = [pool[c] for c in candidates[plan_id]]
        carriers = {p.plan_id: letters_of.get(stems.document_of(p.plan_id), []) for p in parents}
        link = explain_link(parents, derived, letters.evidence_letters(refs[plan_id]), carriers)
        if link.parent is None:
            continue
        rows.append(derived_row("links", PlanLink(
            derived_plan_id=plan_id, parent_plan_id=link.parent.plan_id, derived_document_id=stems.document_of(plan_id),
            parent_document_id=stems.document_of(link.parent.plan_id), evidence=link.evidence,
            similarity=float(link.similarity or 0.0), flags=link.flags)))
    return rows, kth


def _remember(con, new_docs: list[str], kth: dict[str, float]) -> None:
    if kth:
        con.register("lineage_kth", pa.table({"plan_id": list(kth), "kth": list(kth.values())}))
        con.execute(f"UPDATE {PLANS} SET kth_dice = lineage_kth.kth FROM lineage_kth "
                    f"WHERE {PLANS}.plan_id = lineage_kth.plan_id")
        con.unregister("lineage_kth")
    con.register("lineage_new", pa.table({"document_id": new_docs}))
    con.execute(f"INSERT OR IGNORE INTO {DOCUMENTS} SELECT document_id FROM lineage_new")
    con.unregister("lineage_new")
