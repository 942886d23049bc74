"""Paged, sorted queries over the main views for the web app's lists (documents, search, due, review queue).

Every list is filtered, sorted and cut into pages in SQL, so a page costs the same at 10 or 10,000
documents. Sorting is by a whitelisted key only (never SQL text from the request). A letter received in
several sources (derived.letter_groups) is counted once: lists show its primary source and the number of
sources, unless `all_sources` is asked for.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from store import search
from store.sql import in_values

PER_PAGE = 50
MAX_PAGE = 100000
LOW_CONFIDENCE = 60.0  # OCR confidence (0-100) under which a cell is highlighted and counted in the queue

_SENDER = ("coalesce(d.received_sender, (SELECT l.issuer FROM main.letters l WHERE l.document_id = d.document_id "
           "ORDER BY l.\"ordinal\" LIMIT 1))")
_PRIMARY = ("NOT EXISTS (SELECT 1 FROM derived.letter_groups g0 WHERE g0.document_id = d.document_id "
            "AND NOT g0.is_primary)")


@dataclass
class Page:
    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    sort: str
    descending: bool
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _rows(con, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = con.execute(query, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def _page_no(page: int) -> int:
    return min(max(1, int(page or 1)), MAX_PAGE)


def _order(sorts: dict[str, str], sort: str, descending: bool, default: str, tie: str) -> tuple[str, str, bool]:
    key = sort if sort in sorts else default
    direction = "DESC" if descending else "ASC"
    return key, f"{sorts[key]} {direction} NULLS LAST, {tie}", descending


# --- documents ------------------------------------------------------------------------------------

DOCUMENT_SORTS = {"received": "d.received_at", "file": "lower(coalesce(d.received_filename, d.path))",
                  "language": "d.language", "measures": "d.n_measures", "flags": "d.n_flags", "sender": "sender"}


def documents(con, query: str = "", sort: str = "received", descending: bool = True, page: int = 1,
              per_page: int = PER_PAGE, all_sources: bool = False) -> Page:
    where, params = ["true"], []
    terms = search.query_terms(query)
    if terms:
        sql, args = _document_match(terms)
        where.append(f"d.document_id IN ({sql})")
        params += args
    if not all_sources:
        where.append(_PRIMARY)
    key, order, descending = _order(DOCUMENT_SORTS, sort, descending, "received", "d.document_id")
    page = _page_no(page)
    base = f"FROM main.documents d WHERE {' AND '.join(where)}"
    total = con.execute(f"SELECT count(*) {base}", params).fetchall()[0][0]
    rows = _rows(con, f"""SELECT d.*, {_SENDER} AS sender, g.letter_id, coalesce(g.n_sources, 1) AS n_sources
        FROM (SELECT d.* {base}) d LEFT JOIN derived.letter_groups g USING (document_id)
        ORDER BY {order} LIMIT {per_page} OFFSET {(page - 1) * per_page}""", params)
    ids = [r["document_id"] for r in rows]
    chosen, chosen_params = in_values("p.document_id", ids)
    plans = _rows(con, f"""SELECT p.plan_id, p.document_id, p.title, p."ordinal", s.state FROM main.plans p
        LEFT JOIN main.plan_status s USING (plan_id) WHERE {chosen}
        ORDER BY p.document_id, p."ordinal" """, chosen_params)
    for row in rows:
        row["plans"] = [p for p in plans if p["document_id"] == row["document_id"]]
    letters = con.execute("SELECT count(DISTINCT coalesce(g.letter_id, d.document_id)) FROM main.documents d "
                          "LEFT JOIN derived.letter_groups g USING (document_id)").fetchall()[0][0]
    documents_total = con.execute("SELECT count(*) FROM main.documents").fetchall()[0][0]
    return Page(rows, total, page, per_page, key, descending,
                extra={"letters": letters, "documents": documents_total})


def _document_match(terms: list[str]) -> tuple[str, list]:
    branches, params = [], []
    for k, term in enumerate(terms):
        cond = "term >= ? AND term < ?" if len(term) >= search.MIN_PREFIX else "term = ?"
        branches.append(f"SELECT {k} AS i, key FROM search.postings WHERE kind = 'd' AND {cond}")
        params += [term, term + "\U0010ffff"] if len(term) >= search.MIN_PREFIX else [term]
    return (f"SELECT key FROM ({' UNION ALL '.join(branches)}) GROUP BY key HAVING count(DISTINCT i) = {len(terms)}",
            params)


def letter_sources(con, document_id: str) -> list[dict[str, Any]]:
    """Every stored source of the letter this document is, primary first."""
    return _rows(con, """SELECT d.document_id, d.path, d.received_filename, d.media_type, d.received_at, g.is_primary
        FROM derived.letter_groups g JOIN main.documents d USING (document_id) WHERE g.letter_id =
        (SELECT letter_id FROM derived.letter_groups WHERE document_id = ?) ORDER BY g.is_primary DESC, d.document_id""",
                 [document_id])


# --- search ---------------------------------------------------------------------------------------

FACETS = {  # name -> SQL giving (measure_id, value) pairs for the hits
    "language": "SELECT h.measure_id, d.language AS value FROM hits h JOIN main.documents d USING (document_id)",
    "flag": """SELECT f.measure_id, f.code AS value FROM main.flags f JOIN hits USING (measure_id)
               UNION SELECT h.measure_id, f.code FROM hits h JOIN main.flags f ON f.document_id = h.document_id
               AND f."level" = 'document'""",
    "body": """SELECT r.measure_id, coalesce(r.canonical, r.name) AS value FROM main.responsibles r
               JOIN hits USING (measure_id)""",
    "month": """SELECT o.measure_id, strftime(o.day, '%Y-%m') AS value FROM derived.occurrences o
                JOIN hits USING (measure_id) WHERE o.day IS NOT NULL""",
    "status": "SELECT h.measure_id, s.state AS value FROM hits h JOIN main.plan_status s USING (plan_id)",
    "sender": f"SELECT h.measure_id, {_SENDER} AS value FROM hits h JOIN main.documents d USING (document_id)",
}
SEARCH_SORTS = {"received": "d.received_at", "number": "m.\"ordinal\"", "plan": "m.plan_id", "file": "d.path",
                "text": "lower(m.text)"}
FACET_VALUES = 12


def search_measures(con, query: str = "", filters: dict[str, str] | None = None, sort: str = "received",
                    descending: bool = True, page: int = 1, per_page: int = PER_PAGE,
                    all_sources: bool = False, with_facets: bool = True, limit: int | None = None,
                    keep: Callable[[str, Callable[[], Any]], Any] | None = None) -> Page:
    """Measures matching every word of `query` (prefixes of words of the measure or of its document) and
    every facet filter; facet counts over the matching measures. `keep(part, compute)`, for a search of the
    whole store (no words, no filters), keeps its total, order and each facet apart (the web app keeps each
    until a write that can change that part: a corrected deadline recounts the months only)."""
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    where, params = ["true"], []
    terms = search.query_terms(query)
    if terms:
        sql, args = search.matching_measures_sql(terms)
        where.append(f"m.measure_id IN ({sql})")
        params += args
    if not all_sources:
        where.append(_PRIMARY)
    matching = "SELECT m.measure_id, m.plan_id, m.document_id FROM main.measures m WHERE " + \
        " AND ".join(where).replace("d.document_id", "m.document_id")
    key, order, descending = _order(SEARCH_SORTS, sort, descending, "received", "m.measure_id")
    page = _page_no(page)
    cut = f"LIMIT {limit}" if limit is not None else f"LIMIT {per_page} OFFSET {(page - 1) * per_page}"
    if keep is not None and not terms and not filters and with_facets and limit is None:
        return _whole_store(con, keep, matching, key, order, descending, cut, page, per_page)
    # kept between writes by the caller (the web app's page cache), so counted afresh here
    _hits(con, matching, params, filters)
    try:  # the page's measures first (sorted over the hits), then their columns for that page only
        rows = _page_rows(con, _page_ids(con, "hits", [], order, cut))
        total = con.execute("SELECT count(*) FROM hits").fetchall()[0][0]
        facets = {name: _facet(con, name) for name in FACETS} if with_facets else {}
    finally:
        con.execute("DROP TABLE IF EXISTS hits")
    return Page(rows, total, page, per_page, key, descending, facets=facets, extra={"filters": filters})


def _hits(con, matching: str, params: list, filters: dict[str, str]) -> None:
    con.execute(f"CREATE OR REPLACE TEMP TABLE hits AS {matching}", params)
    for name, value in filters.items():  # each facet narrows the hits
        con.execute(f"DELETE FROM hits WHERE measure_id NOT IN (SELECT measure_id FROM ({FACETS[name]}) "
                    f"WHERE value = ?)", [value])


def _facet(con, name: str) -> list[tuple[str, int]]:
    return [(v, n) for v, n in con.execute(
        f"SELECT value, count(DISTINCT measure_id) AS n FROM ({FACETS[name]}) WHERE value IS NOT NULL "
        f"GROUP BY value ORDER BY n DESC, value LIMIT {FACET_VALUES}").fetchall()]


def _page_ids(con, source: str, params: list, order: str, cut: str) -> list[str]:
    return [r[0] for r in con.execute(
        f"""SELECT h.measure_id FROM {source} h JOIN main.documents d USING (document_id)
        JOIN main.measures m USING (measure_id) ORDER BY {order} {cut}""", params).fetchall()]


def _whole_store(con, keep, matching: str, key: str, order: str, descending: bool, cut: str, page: int,
                 per_page: int) -> Page:
    """The search of everything: total, the page's order and each facet through `keep`; the hits are
    written once, and only if a part has to be counted again."""
    made: list[bool] = []

    def hits() -> None:
        if not made:
            _hits(con, matching, [], {})
            made.append(True)

    def counted(compute):
        def run():
            hits()
            return compute()
        return run

    try:
        total = keep("total", counted(lambda: con.execute("SELECT count(*) FROM hits").fetchall()[0][0]))
        ids = keep(f"order {key} {descending} {cut}", lambda: _page_ids(con, f"({matching})", [], order, cut))
        facets = {name: keep(f"facet {name}", counted(lambda name=name: _facet(con, name))) for name in FACETS}
        rows = _page_rows(con, ids)
    finally:
        if made:
            con.execute("DROP TABLE IF EXISTS hits")
    return Page(rows, total, page, per_page, key, descending, facets=facets, extra={"filters": {}})


def _page_rows(con, ids: list) -> list[dict[str, Any]]:
    """The columns a search page shows, for the given measures, in their order."""
    if not ids:
        return []
    chosen, chosen_params = in_values("m.measure_id", ids)
    rows = _rows(con, f"""SELECT m.measure_id, m.plan_id, m.document_id, m.number, m.text, m.responsible_raw,
        m.deadline_raw, m.completion_form, m.indicator, m.confidence, p.title AS plan_title, d.path, d.language,
        d.received_filename, d.received_at, {_SENDER} AS sender, s.state
        FROM main.measures m JOIN main.documents d ON d.document_id = m.document_id
        LEFT JOIN main.plans p ON p.plan_id = m.plan_id LEFT JOIN main.plan_status s ON s.plan_id = m.plan_id
        WHERE {chosen}""", chosen_params)
    place = {measure_id: k for k, measure_id in enumerate(ids)}
    return sorted(rows, key=lambda r: place[r["measure_id"]])


# --- due ------------------------------------------------------------------------------------------

def due(con, start: dt.date, end: dt.date, page: int = 1, per_page: int = PER_PAGE, all_sources: bool = False,
        limit: int | None = None) -> Page:
    """Deadlines falling between start and end (a month), by day; recurring ones without an exact day
    whose window covers the month in `extra['unplaced']`; `extra['owners']` the load per responsible body."""
    primary = "" if all_sources else "AND " + _PRIMARY.replace("d.document_id", "o.document_id")
    placed = f"FROM derived.occurrences o WHERE o.day BETWEEN ? AND ? {primary}"
    unplaced = f"""FROM derived.occurrences o WHERE o.day IS NULL AND o.window_start <= ? AND o.window_end >= ?
        {primary}"""
    page = _page_no(page)
    total = con.execute(f"SELECT count(*) FROM (SELECT DISTINCT measure_id, deadline_ordinal {placed})",
                        [start, end]).fetchall()[0][0]
    cut = f"LIMIT {limit}" if limit is not None else f"LIMIT {per_page} OFFSET {(page - 1) * per_page}"
    # the page cut from the occurrences alone (by first day, plan, measure), then its columns for those rows only
    rows = _due_columns(con, _rows(con, f"""SELECT measure_id, deadline_ordinal, list(day ORDER BY day) AS days,
        min(reason) AS reason, min(plan_id) AS plan_id {placed} GROUP BY measure_id, deadline_ordinal
        ORDER BY days[1], plan_id, measure_id {cut}""", [start, end]))
    rest = _due_columns(con, _rows(con, f"""SELECT DISTINCT measure_id, deadline_ordinal, reason, plan_id {unplaced}
        ORDER BY plan_id, measure_id LIMIT {per_page}""", [end, start]))
    owners = _rows(con, f"""SELECT coalesce(r.canonical, r.name, '—') AS label, r.body_id,
        count(DISTINCT o.measure_id) AS measures FROM (SELECT measure_id {placed} UNION SELECT measure_id {unplaced}) o
        LEFT JOIN main.responsibles r USING (measure_id) GROUP BY ALL ORDER BY measures DESC, label LIMIT 30""",
                   [start, end, end, start])
    _attach_owners(con, rows + rest)
    return Page(rows, total, page, per_page, "day", False, extra={"unplaced": rest, "owners": owners})


_DUE_COLUMNS = """m.measure_id, m.plan_id, m.number, m.text, m.responsible_raw, m.deadline_raw, p.title AS plan_title,
    dl."ordinal" AS deadline_ordinal, dl.raw, dl.kind, dl."start", dl."end", dl."by", dl.rrule, dl.freq,
    dl.times_per_period, dl.event"""


def _due_columns(con, keys: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The shown columns of (measure, deadline) pairs, in the pairs' order; a measure no longer shown (marked
    "not a measure") drops out, as the join did."""
    chosen, params = in_values("m.measure_id", sorted({k["measure_id"] for k in keys}))
    found = {(r["measure_id"], r["deadline_ordinal"]): r for r in _rows(con, f"""SELECT {_DUE_COLUMNS}
        FROM main.measures m LEFT JOIN main.plans p ON p.plan_id = m.plan_id
        LEFT JOIN main.deadlines dl ON dl.measure_id = m.measure_id WHERE {chosen}""", params)}
    bare = {r["measure_id"]: r for r in found.values()}  # a deadline row gone since: the measure's columns only
    out = []
    for key in keys:
        row = found.get((key["measure_id"], key["deadline_ordinal"]))
        if row is None and key["measure_id"] in bare:
            row = {**bare[key["measure_id"]], **dict.fromkeys(("raw", "kind", "start", "end", "by", "rrule", "freq",
                                                               "times_per_period", "event"))}
        if row is not None:
            out.append({**row, **{k: v for k, v in key.items() if k in ("days", "reason")}})
    return out


def _attach_owners(con, rows: list[dict[str, Any]]) -> None:
    ids = list({r["measure_id"] for r in rows})
    chosen, chosen_params = in_values("measure_id", ids)
    bodies = _rows(con, f"""SELECT measure_id, name, canonical, role, by_agreement FROM main.responsibles
        WHERE {chosen} ORDER BY measure_id, "ordinal" """, chosen_params)
    for row in rows:
        row["owners"] = [b for b in bodies if b["measure_id"] == row["measure_id"]]


# --- review queue ---------------------------------------------------------------------------------

def review_queue(con, states: Sequence[str] = ("new", "in_review"), page: int = 1, per_page: int = PER_PAGE,
                 threshold: float = LOW_CONFIDENCE) -> Page:
    """Plans waiting for review, oldest received first, with their count of low-confidence cells."""
    page = _page_no(page)
    base = f"""FROM main.plan_status s JOIN main.plans p USING (plan_id) JOIN main.documents d ON d.document_id = p.document_id
        WHERE s.state IN (SELECT unnest(?::VARCHAR[])) AND {_PRIMARY}"""
    total = con.execute(f"SELECT count(*) {base}", [list(states)]).fetchall()[0][0]
    rows = _rows(con, f"""SELECT p.plan_id, p.document_id, p.title, p.n_measures, s.state, s.changed_at, s.author,
        d.received_at, d.path, d.received_filename, {_SENDER} AS sender {base}
        ORDER BY d.received_at ASC NULLS LAST, p.plan_id LIMIT {per_page} OFFSET {(page - 1) * per_page}""",
                 [list(states)])
    ids = [r["plan_id"] for r in rows]
    chosen, chosen_params = in_values("m.plan_id", ids)
    # the cells narrowed by their documents first (an index lookup), then joined to the plans' measures
    documents, documents_params = in_values("c.document_id", sorted({r["document_id"] for r in rows}))
    low = dict(con.execute(f"""SELECT m.plan_id, count(*) FROM main.cells c JOIN main.measures m USING (measure_id)
        WHERE {documents} AND {chosen} AND c.confidence < ? GROUP BY m.plan_id""",
                           documents_params + chosen_params + [threshold]).fetchall())
    for row in rows:
        row["low_confidence"] = low.get(row["plan_id"], 0)
    return Page(rows, total, page, per_page, "received", False)
