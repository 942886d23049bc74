"""Analysts' corrections and approvals: written to the append-only log, then materialised (store/review_sql.py).

Every function takes a DuckDB connection or cursor and runs in its own transaction, so the web app's
request threads can write through their own cursors while others read (DuckDB's MVCC: readers never wait).
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable, Sequence

import duckdb

from store import materialise
from store.review_sql import CORRECTABLE_PLAN_FIELDS, NOT_MEASURE, OVERLAY, PLAN_STATES, REVIEW
from store.sql import EXTRACTED, duckdb_type, quote
from store.tables import ARROW_SCHEMAS, CORRECTABLE_MEASURE_FIELDS, clean_text

# Which state a plan may move to from each state (a rejected or approved plan can be reopened for review)
TRANSITIONS = {"new": {"in_review", "approved", "rejected"}, "in_review": {"approved", "rejected", "new"},
               "approved": {"in_review"}, "rejected": {"in_review"}}
MAX_PARTS = 20


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def rows(con: duckdb.DuckDBPyConnection, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = con.execute(query, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def one(con: duckdb.DuckDBPyConnection, query: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
    found = rows(con, query, params)
    return found[0] if found else None


class transaction:
    """BEGIN … COMMIT on one cursor, ROLLBACK on any error."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.con.execute("BEGIN TRANSACTION")
        return self.con

    def __exit__(self, kind, exc, tb) -> None:
        self.con.execute("ROLLBACK" if kind else "COMMIT")


def _as_text(value: Any) -> str | None:
    return None if value is None else clean_text(str(value))


def _check_value(con, table: str, field: str, text: str | None) -> None:
    if text is None:
        return
    target = duckdb_type(ARROW_SCHEMAS[table].field(field).type)
    if con.execute(f"SELECT TRY_CAST(? AS {target}) IS NULL", [text]).fetchall()[0][0]:
        raise ValueError(f"{text!r} is not a valid {target} for {field!r}")


def measure_state(con, measure_id: str) -> dict[str, Any] | None:
    """The measure as extracted (or as a split added it) and as shown now."""
    base = one(con, f"SELECT * FROM {EXTRACTED}.measures WHERE measure_id = ?", [measure_id]) or \
        one(con, f"SELECT * FROM {OVERLAY}.added_measures WHERE measure_id = ?", [measure_id])
    if base is None:
        return None
    shown = one(con, "SELECT * FROM main.measures WHERE measure_id = ?", [measure_id])
    return {"base": base, "shown": shown or base}


def _log(con, *, target: str, field: str, value: str | None, author: str, note: str | None,
         measure: dict | None = None, plan: dict | None = None, action: str = "set",
         parts: list | None = None, old: Any = None, base: Any = None) -> int:
    if not (author or "").strip():
        raise ValueError("a correction needs an author")
    source = measure or plan or {}
    version = con.execute(f"SELECT pipeline_version FROM {EXTRACTED}.documents WHERE document_id = ?",
                          [source.get("document_id")]).fetchall()
    correction = con.execute(
        f"""INSERT INTO {OVERLAY}.corrections (target, measure_id, plan_id, document_id, field, action, value,
            old_value, base_value, base_version, parts, author, corrected_at, note, base_text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING correction_id""",
        [target, measure["measure_id"] if measure else None, source.get("plan_id"), source.get("document_id"),
         field, action, value, _as_text(old), _as_text(base), version[0][0] if version else None,
         json.dumps(parts, ensure_ascii=False) if parts is not None else None, clean_text(author.strip()),
         _now(), clean_text(note), measure.get("text") if measure else None]).fetchall()[0][0]
    materialise.refresh_patches(con)
    return correction


def correct_measure(con, measure_id: str, field: str, value: Any, author: str, note: str | None = None) -> int:
    """Record an analyst's value for one field of a measure (None clears it); the latest wins in the views."""
    if field not in CORRECTABLE_MEASURE_FIELDS:
        raise ValueError(f"{field!r} cannot be corrected; fields are {', '.join(CORRECTABLE_MEASURE_FIELDS)}")
    if not (author or "").strip():
        raise ValueError("a correction needs an author")
    text = _as_text(value)
    with transaction(con):
        state = measure_state(con, measure_id)
        if state is None:
            raise KeyError(f"no extracted measure {measure_id!r}")
        _check_value(con, "measures", field, text)
        correction = _log(con, target="measure", field=field, value=text, author=author, note=note,
                          measure=state["base"], old=state["shown"][field], base=state["base"][field])
        if field in materialise.RENORMALISED_FIELDS:
            materialise.renormalise(con, [measure_id])
        materialise.reindex(con, [measure_id])
    return correction


def correct_plan(con, plan_id: str, field: str, value: Any, author: str, note: str | None = None) -> int:
    """A plan's title, period or approval block; a corrected period re-normalises its measures' deadlines."""
    if field not in CORRECTABLE_PLAN_FIELDS:
        raise ValueError(f"{field!r} cannot be corrected; plan fields are {', '.join(CORRECTABLE_PLAN_FIELDS)}")
    text = _as_text(value)
    with transaction(con):
        base = one(con, f"SELECT * FROM {EXTRACTED}.plans WHERE plan_id = ?", [plan_id])
        if base is None:
            raise KeyError(f"no extracted plan {plan_id!r}")
        _check_value(con, "plans", field, text)
        shown = one(con, "SELECT * FROM main.plans WHERE plan_id = ?", [plan_id]) or base
        correction = _log(con, target="plan", field=field, value=text, author=author, note=note, plan=base,
                          old=shown[field], base=base[field])
        if field.startswith("period_"):
            ids = [r["measure_id"] for r in rows(con, "SELECT measure_id FROM main.measures WHERE plan_id = ?",
                                                   [plan_id])]
            materialise.renormalise(con, ids, deadlines_only=True)
    return correction


def mark_not_measure(con, measure_id: str, excluded: bool, author: str, note: str | None = None) -> int:
    with transaction(con):
        state = measure_state(con, measure_id)
        if state is None:
            raise KeyError(f"no measure {measure_id!r}")
        correction = _log(con, target="measure", field=NOT_MEASURE, value="true" if excluded else "false",
                          action="exclude", author=author, note=note, measure=state["base"])
        materialise.occurrences(con, [measure_id])
        materialise.reindex(con, [measure_id])
    return correction


def split_measure(con, measure_id: str, parts: list[str], author: str, note: str | None = None) -> list[str]:
    """The measure keeps the first part of its text; each further part becomes a measure of its own
    (`<measure_id>s<k>`, the other fields copied). Returns the new IDs."""
    parts = [p for p in (clean_text(p.strip()) for p in parts) if p]
    if not 2 <= len(parts) <= MAX_PARTS:
        raise ValueError(f"a split needs 2 to {MAX_PARTS} non-empty parts")
    with transaction(con):
        state = measure_state(con, measure_id)
        if state is None:
            raise KeyError(f"no measure {measure_id!r}")
        _log(con, target="measure", field="text", value=parts[0], action="split", parts=parts[1:], author=author,
             note=note, measure=state["base"], old=state["shown"]["text"], base=state["base"]["text"])
        added = materialise.split_children(con, measure_id)
    return added


def merge_measures(con, measure_id: str, others: Iterable[str], author: str, note: str | None = None) -> int:
    """The measure's text becomes its own followed by the others' (a row broken in two); the others are
    marked "not a measure", each with a note naming the merge."""
    others = [o for o in dict.fromkeys(others) if o != measure_id]
    if not others:
        raise ValueError("choose at least one other measure to merge")
    with transaction(con):
        state = measure_state(con, measure_id)
        absorbed = [measure_state(con, o) for o in others]
        if state is None or any(a is None for a in absorbed):
            raise KeyError("no such measure")
        if any(a["base"]["plan_id"] != state["base"]["plan_id"] for a in absorbed):
            raise ValueError("only measures of the same plan can be merged")
        text = " ".join([state["shown"]["text"] or ""] + [a["shown"]["text"] or "" for a in absorbed]).strip()
        correction = _log(con, target="measure", field="text", value=text, action="merge", parts=others,
                          author=author, note=note, measure=state["base"], old=state["shown"]["text"],
                          base=state["base"]["text"])
        for a in absorbed:
            _log(con, target="measure", field=NOT_MEASURE, value="true", action="exclude", author=author,
                 note=f"merged into {measure_id}" + (f": {note}" if note else ""), measure=a["base"])
        materialise.reindex(con, [measure_id, *others])
        materialise.occurrences(con, others)
    return correction


def plan_state(con, plan_id: str) -> dict[str, Any]:
    return one(con, "SELECT * FROM main.plan_status WHERE plan_id = ?", [plan_id]) or {"state": "new"}


def set_plan_state(con, plan_id: str, state: str, author: str, reason: str | None = None) -> int:
    if state not in PLAN_STATES:
        raise ValueError(f"state must be one of {', '.join(PLAN_STATES)}")
    if state == "rejected" and not (reason or "").strip():
        raise ValueError("a rejection needs a reason")
    if not (author or "").strip():
        raise ValueError("a state change needs an author")
    with transaction(con):
        plan = one(con, f"SELECT plan_id, document_id FROM {EXTRACTED}.plans WHERE plan_id = ?", [plan_id])
        if plan is None:
            raise KeyError(f"no plan {plan_id!r}")
        current = plan_state(con, plan_id)["state"]
        if state not in TRANSITIONS[current]:
            raise ValueError(f"a plan that is {current} cannot become {state}")
        return con.execute(
            f"""INSERT INTO {REVIEW}.plan_states (plan_id, document_id, state, reason, author, changed_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING state_id""",
            [plan_id, plan["document_id"], state, clean_text(reason), clean_text(author), _now()]).fetchall()[0][0]


def corrections_of(con, *, measure_id: str | None = None, plan_id: str | None = None) -> list[dict[str, Any]]:
    """The log for one measure (by its current target) or one plan, newest first."""
    if measure_id:
        return rows(con, "SELECT * FROM main.corrections WHERE applies_to = ? OR measure_id = ? "
                         "ORDER BY corrected_at DESC, correction_id DESC", [measure_id, measure_id])
    return rows(con, "SELECT * FROM main.corrections WHERE target = 'plan' AND plan_id = ? "
                     "ORDER BY corrected_at DESC, correction_id DESC", [plan_id])


def plan_history(con, plan_id: str) -> list[dict[str, Any]]:
    return rows(con, f"SELECT * FROM {REVIEW}.plan_states WHERE plan_id = ? ORDER BY changed_at DESC, state_id DESC",
                [plan_id])


__all__ = ["TRANSITIONS", "correct_measure", "correct_plan", "corrections_of", "mark_not_measure",
           "merge_measures", "one", "plan_history", "plan_state", "quote", "rows", "set_plan_state",
           "split_measure", "transaction"]
