"""What the corrections log changes in the derived rows, kept in step with it (pure SQL + the pipeline's normalisers).

- a corrected `deadline_raw` / `responsible_raw`, or a corrected plan period, normalises that text again with
  the pipeline's own normalisers (`overlay.deadlines` / `overlay.responsibles` replace the extracted rows in
  the main views, so exports and the DuckDB views show corrected values);
- a split adds measures (`overlay.added_measures`);
- every change re-indexes the measure for search and recomputes when its deadlines fall;
- after a re-extraction (`reconcile`), each correction of the re-read documents is checked: it still applies
  when its measure is there and the field's extracted value is still the one the analyst corrected; when the
  measure moved (numbering changed), the correction follows the measure of the same document whose text is
  most similar; otherwise it is marked `stale` and shown as a `correction_stale` flag.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Sequence

from store import occurrences as occ
from store import search
from store.model_tables import row_maker
from store.review_sql import CORRECTABLE_PLAN_FIELDS, NOT_MEASURE, OVERLAY, excluded_refresh, patch_refresh
from store.sql import EXTRACTED, column_list, in_values
from store.tables import SPECS, effective_body_id, rows_to_arrow

RENORMALISED_FIELDS = frozenset({"deadline_raw", "responsible_raw"})
SIMILAR_TEXT = 85  # rapidfuzz ratio for "the same measure" after a re-extraction renumbered it
_DEADLINE_ROW = row_maker(SPECS["deadlines"])
_BODY_ROW = row_maker(SPECS["responsibles"])


def _rows(con, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = con.execute(query, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def _ids_param(ids: Sequence[str]) -> list:
    return [list(ids)]


_IN = "IN (SELECT unnest(?::VARCHAR[]))"


def _insert(con, table: str, target: str, rows: list[dict]) -> None:
    if not rows:
        return
    con.register("incoming_overlay", rows_to_arrow(table, rows))
    try:
        con.execute(f"INSERT INTO {target} ({column_list(table)}) SELECT {column_list(table)} FROM incoming_overlay")
    finally:
        con.unregister("incoming_overlay")


def refresh_patches(con) -> None:
    """Recompute the patch tables the main views join (the latest applying correction per field) and the
    measures marked "not a measure", from the log and the correction states."""
    for statement in patch_refresh("measures") + patch_refresh("plans") + excluded_refresh():
        con.execute(statement)


def renormalise(con, measure_ids: Sequence[str], deadlines_only: bool = False) -> None:
    """Normalise the deadline (and responsible) cells of these measures again, from their shown values and
    their plan's shown period and glossary."""
    from pipeline.bodies import normalize_responsible
    from pipeline.deadlines import normalize_deadline
    from schemas.records import Period

    if not measure_ids:
        return
    chosen, params = in_values("m.measure_id", measure_ids)
    found = _rows(con, f"""SELECT m.measure_id, m.document_id, m.deadline_raw, m.responsible_raw, p.period_start,
        p.period_end, p.period_raw, p.glossary FROM main.measures m LEFT JOIN main.plans p USING (plan_id)
        WHERE {chosen}""", params)
    whats = ("deadlines",) if deadlines_only else ("deadlines", "responsibles")
    for what in whats:
        con.execute(f"DELETE FROM {OVERLAY}.{what} WHERE measure_id {_IN}", _ids_param(measure_ids))
        con.execute(f"DELETE FROM {OVERLAY}.renormalised WHERE what = ? AND measure_id {_IN}",
                    [what, list(measure_ids)])
    deadline_rows, body_rows, marks = [], [], []
    for m in found:
        period = (Period(start=m["period_start"], end=m["period_end"], raw=m["period_raw"])
                  if m["period_start"] or m["period_end"] else None)
        text = m["deadline_raw"]
        deadlines = normalize_deadline(text, period) if text else []
        deadline_rows += [_DEADLINE_ROW(d, measure_id=m["measure_id"], document_id=m["document_id"], ordinal=i)
                          for i, d in enumerate(deadlines, 1)]
        marks.append((m["measure_id"], m["document_id"], "deadlines"))
        if not deadlines_only:
            glossary = json.loads(m["glossary"] or "{}") or None
            bodies = normalize_responsible(m["responsible_raw"], glossary) if m["responsible_raw"] else []
            for i, body in enumerate(bodies, 1):
                row = _BODY_ROW(body, measure_id=m["measure_id"], document_id=m["document_id"], ordinal=i)
                row["body_id"] = effective_body_id(body)
                body_rows.append(row)
            marks.append((m["measure_id"], m["document_id"], "responsibles"))
    _insert(con, "deadlines", f"{OVERLAY}.deadlines", deadline_rows)
    _insert(con, "responsibles", f"{OVERLAY}.responsibles", body_rows)
    if marks:
        con.executemany(f"INSERT INTO {OVERLAY}.renormalised VALUES (?, ?, ?)", [list(m) for m in marks])
    occ.recompute(con, measure_ids=list(measure_ids))


def split_children(con, measure_id: str) -> list[str]:
    """Rebuild the measures the latest active split of `measure_id` adds; returns their IDs."""
    con.execute(f"DELETE FROM {OVERLAY}.added_measures WHERE starts_with(measure_id, ?)", [measure_id + "s"])
    split = _rows(con, f"""SELECT parts FROM {OVERLAY}.active WHERE measure_id = ? AND action = 'split'
        ORDER BY corrected_at DESC, correction_id DESC LIMIT 1""", [measure_id])
    base = _rows(con, f"SELECT * FROM {EXTRACTED}.measures WHERE measure_id = ?", [measure_id])
    if not split or not base:
        return []
    children = []
    for k, text in enumerate(json.loads(split[0]["parts"] or "[]"), 1):
        children.append({**base[0], "measure_id": f"{measure_id}s{k}", "text": text})
    _insert(con, "measures", f"{OVERLAY}.added_measures", children)
    ids = [c["measure_id"] for c in children]
    renormalise(con, ids)
    reindex(con, [measure_id] + ids)
    return ids


def reindex(con, measure_ids: Sequence[str]) -> None:
    search.index_measures(con, measure_ids=list(measure_ids))


def occurrences(con, measure_ids: Sequence[str]) -> None:
    occ.recompute(con, measure_ids=list(measure_ids))


# --- after a re-extraction ------------------------------------------------------------------------

def _field_value(row: dict | None, field: str) -> str | None:
    if row is None or row.get(field) is None:
        return None
    value = row[field]
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)


def _same_measure(current: dict, base_text: str | None) -> bool:
    """Still the measure the analyst corrected: its text is (nearly) the one it had then."""
    from rapidfuzz import fuzz

    return base_text is None or fuzz.ratio(base_text, current.get("text") or "") >= SIMILAR_TEXT


def _similar_measure(candidates: list[dict], original: dict | None, field: str, base: str | None) -> dict | None:
    from rapidfuzz import fuzz

    if not original or not original.get("text"):
        return None
    scored = [(fuzz.ratio(original["text"], c["text"] or ""), c) for c in candidates]
    # the field must still hold what the analyst corrected (a text correction matched on the text itself)
    scored = [(s, c) for s, c in scored
              if s >= SIMILAR_TEXT and (field in (NOT_MEASURE, "text") or _field_value(c, field) == base)]
    return max(scored, key=lambda sc: sc[0])[1] if scored else None


def reconcile(con, document_ids: Sequence[str]) -> dict[str, int]:
    """Check every correction of these (re-extracted) documents; returns counts by outcome."""
    if not document_ids:
        return {}
    corrections = _rows(con, f"SELECT * FROM {OVERLAY}.corrections WHERE document_id {_IN} ORDER BY correction_id",
                        _ids_param(document_ids))
    if not corrections:
        return {}
    measures = _rows(con, f"SELECT * FROM {EXTRACTED}.measures WHERE document_id {_IN}", _ids_param(document_ids))
    plans = {p["plan_id"]: p for p in _rows(con, f"SELECT * FROM {EXTRACTED}.plans WHERE document_id {_IN}",
                                            _ids_param(document_ids))}
    by_id = {m["measure_id"]: m for m in measures}
    by_doc: dict[str, list[dict]] = {}
    for m in measures:
        by_doc.setdefault(m["document_id"], []).append(m)
    versions = dict(con.execute(f"SELECT document_id, pipeline_version FROM {EXTRACTED}.documents WHERE document_id "
                                f"{_IN}", _ids_param(document_ids)).fetchall())
    now = dt.datetime.now(dt.timezone.utc)
    outcome: dict[str, int] = {}
    con.execute(f"DELETE FROM {OVERLAY}.correction_status WHERE correction_id IN "
                f"(SELECT correction_id FROM {OVERLAY}.corrections WHERE document_id {_IN})", _ids_param(document_ids))
    statuses = []
    for c in corrections:
        state, target, reason = _check(c, by_id, by_doc, plans)
        outcome[state] = outcome.get(state, 0) + 1
        if state != "applies" or target != c["measure_id"]:
            statuses.append([c["correction_id"], state, target, reason, now, versions.get(c["document_id"])])
    if statuses:
        con.executemany(f"INSERT INTO {OVERLAY}.correction_status VALUES (?, ?, ?, ?, ?, ?)", statuses)
    return outcome


def _check(c: dict, by_id: dict, by_doc: dict, plans: dict) -> tuple[str, str | None, str | None]:
    field, base = c["field"], c["base_value"]
    if c["target"] == "plan":
        plan = plans.get(c["plan_id"])
        if plan is None:
            return "stale", None, "the plan is no longer extracted"
        if field in CORRECTABLE_PLAN_FIELDS and _field_value(plan, field) != base:
            return "stale", None, f"extracted {field} is now {_field_value(plan, field)!r}, was {base!r}"
        return "applies", None, None
    measure_id = c["measure_id"]
    if "s" in measure_id.rsplit(":", 1)[-1]:  # a split's added measure: follows its parent's split
        parent = measure_id[: measure_id.rindex("s")]
        return ("applies", measure_id, None) if parent in by_id else ("stale", None, "the split measure is gone")
    current = by_id.get(measure_id)
    if current is not None and _same_measure(current, c["base_text"]) and (
            field == NOT_MEASURE or _field_value(current, field) == base):
        return "applies", measure_id, None
    original = {"text": c["base_text"], "plan_id": c["plan_id"]}
    moved = _similar_measure(by_doc.get(c["document_id"], []), original, field, base)
    if moved is not None and moved["measure_id"] != measure_id:
        return "applies", moved["measure_id"], None
    if current is None:
        return "stale", None, "the measure is no longer extracted"
    return "stale", None, f"extracted {field} is now {_field_value(current, field)!r}, was {base!r}"


def after_replace(con, document_ids: Sequence[str]) -> None:
    """Everything derived from the log and the records of these documents, after they were (re)written."""
    if not document_ids:
        return
    reconcile(con, document_ids)
    refresh_patches(con)
    for table in ("added_measures", "deadlines", "responsibles", "renormalised"):
        con.execute(f"DELETE FROM {OVERLAY}.{table} WHERE document_id {_IN}", _ids_param(document_ids))
    split = [r["measure_id"] for r in _rows(con, f"""SELECT DISTINCT measure_id FROM {OVERLAY}.active
        WHERE action = 'split' AND document_id {_IN}""", _ids_param(document_ids))]
    for measure_id in split:
        split_children(con, measure_id)
    redo = [r["measure_id"] for r in _rows(con, f"""SELECT DISTINCT a.measure_id FROM {OVERLAY}.active a
        WHERE a.target = 'measure' AND a.field IN ('deadline_raw', 'responsible_raw') AND a.document_id {_IN}""",
        _ids_param(document_ids))]
    renormalise(con, redo)
    period = [r["measure_id"] for r in _rows(con, f"""SELECT m.measure_id FROM main.measures m WHERE m.plan_id IN
        (SELECT plan_id FROM {OVERLAY}.active WHERE target = 'plan' AND field IN ('period_start', 'period_end'))
        AND m.document_id {_IN} AND m.measure_id NOT IN (SELECT unnest(?::VARCHAR[]))""",
        [list(document_ids), redo])]
    renormalise(con, period, deadlines_only=True)
    search.reindex(con, list(document_ids))
    occ.recompute(con, document_ids=list(document_ids))
