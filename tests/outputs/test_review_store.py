"""The review layout of the store: plan corrections, split / merge / not a measure, re-normalised deadlines in
the main views and exports, re-extraction keeping or flagging corrections, plan states, the search index,
when deadlines fall, one letter from several sources (the seed letters as TXT, DOCX and PDF), accounts."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract import extract_path
from store import Store, accounts, browse, review
from tests.outputs.documents import corpus


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "j.duckdb") as opened:
        opened.upsert(corpus())
        yield opened


def _rows(store: Store, sql: str, params=()) -> list[dict]:
    return review.rows(store.connection, sql, params)


def _first_measure(store: Store) -> dict:
    return _rows(store, "SELECT * FROM main.measures ORDER BY document_id, plan_id, \"ordinal\" LIMIT 1")[0]


def test_plan_fields_are_corrected_in_the_plans_view_and_logged_with_old_values(store):
    plan = _rows(store, "SELECT * FROM main.plans ORDER BY plan_id LIMIT 1")[0]
    store.correct_plan(plan["plan_id"], "title", "Түзетілген жоспар", "analyst", "typo")
    store.correct_plan(plan["plan_id"], "period_start", "2025-09-01", "analyst")
    shown = _rows(store, "SELECT * FROM main.plans WHERE plan_id = ?", [plan["plan_id"]])[0]
    assert shown["title"] == "Түзетілген жоспар" and shown["period_start"] == dt.date(2025, 9, 1)
    assert _rows(store, "SELECT title FROM extracted.plans WHERE plan_id = ?", [plan["plan_id"]])[0]["title"] == \
        plan["title"]
    log = store.corrections().to_pylist()
    assert [(c["target"], c["field"], c["old_value"], c["author"]) for c in log][0] == \
        ("plan", "title", plan["title"], "analyst")
    with pytest.raises(ValueError):
        store.correct_plan(plan["plan_id"], "period_end", "not a date", "analyst")
    with pytest.raises(ValueError):
        store.correct_plan(plan["plan_id"], "plan_id", "x", "analyst")


def test_corrected_deadline_replaces_the_deadline_rows_in_views_and_export(store, tmp_path):
    target = _first_measure(store)["measure_id"]
    store.add_correction(target, "deadline_raw", "ежемесячно до 5 числа", "analyst")
    rows = _rows(store, "SELECT * FROM main.deadlines WHERE measure_id = ?", [target])
    assert [(r["raw"], r["kind"], r["rrule"]) for r in rows] == [("ежемесячно до 5 числа", "recurring",
                                                                   "FREQ=MONTHLY;BYMONTHDAY=5")]
    manifest = store.export(tmp_path / "export", partition_by=None)
    import pyarrow.parquet as pq

    exported = pq.read_table(tmp_path / "export" / "deadlines" / "deadlines.parquet").to_pylist()
    assert [r["raw"] for r in exported if r["measure_id"] == target] == ["ежемесячно до 5 числа"]
    assert manifest["tables"]["corrections"] == 1


def test_split_adds_a_measure_and_not_a_measure_hides_one(store):
    first = _first_measure(store)
    new_ids = review.split_measure(store.connection, first["measure_id"], ["Бірінші бөлік", "Екінші бөлік"], "a")
    assert new_ids == [first["measure_id"] + "s1"]
    shown = {r["measure_id"]: r for r in _rows(store, "SELECT * FROM main.measures WHERE plan_id = ?",
                                                [first["plan_id"]])}
    assert shown[first["measure_id"]]["text"] == "Бірінші бөлік"
    assert shown[new_ids[0]]["text"] == "Екінші бөлік" and shown[new_ids[0]]["deadline_raw"] == first["deadline_raw"]
    assert _rows(store, "SELECT count(*) AS n FROM main.deadlines WHERE measure_id = ?", new_ids)[0]["n"] >= 1
    review.mark_not_measure(store.connection, new_ids[0], True, "a", "a signature line")
    assert _rows(store, "SELECT count(*) AS n FROM main.measures WHERE measure_id = ?", new_ids)[0]["n"] == 0
    assert _rows(store, "SELECT count(*) AS n FROM main.deadlines WHERE measure_id = ?", new_ids)[0]["n"] == 0


def test_merge_joins_texts_and_hides_the_absorbed_row(store):
    plan_id = _first_measure(store)["plan_id"]
    a, b = _rows(store, "SELECT * FROM main.measures WHERE plan_id = ? ORDER BY \"ordinal\" LIMIT 2", [plan_id])
    review.merge_measures(store.connection, a["measure_id"], [b["measure_id"]], "a", "a row broken in two")
    shown = _rows(store, "SELECT * FROM main.measures WHERE plan_id = ?", [plan_id])
    assert b["measure_id"] not in {r["measure_id"] for r in shown}
    merged = next(r for r in shown if r["measure_id"] == a["measure_id"])
    assert merged["text"] == f"{a['text']} {b['text']}".strip()


def test_reextraction_keeps_applying_corrections_and_flags_stale_ones(store):
    docs = corpus()
    target = _first_measure(store)
    store.add_correction(target["measure_id"], "completion_form", "Бұйрық", "analyst")
    store.add_correction(target["measure_id"], "indicator", "95%", "analyst")
    # a newer pipeline reads the indicator differently: that correction no longer matches what it corrected
    doc = next(d for d in docs if d.document_id == target["document_id"])
    measure = next(m for p in doc.plans for m in p.measures if m.measure_id == target["measure_id"])
    measure.indicator = "90%"
    store.upsert(docs)
    log = {c["field"]: c for c in store.corrections().to_pylist()}
    assert log["completion_form"]["state"] == "applies" and log["indicator"]["state"] == "stale"
    shown = _rows(store, "SELECT * FROM main.measures WHERE measure_id = ?", [target["measure_id"]])[0]
    assert shown["completion_form"] == "Бұйрық" and shown["indicator"] == "90%"
    flags = _rows(store, "SELECT * FROM main.flags WHERE code = 'correction_stale'")
    assert [(f["measure_id"], f["where"], f["severity"]) for f in flags] == [(target["measure_id"], "indicator", "warning")]


def test_a_correction_follows_its_measure_when_the_numbering_changes(store):
    docs = corpus()
    target = _first_measure(store)
    store.add_correction(target["measure_id"], "completion_form", "Бұйрық", "analyst")
    doc = next(d for d in docs if d.document_id == target["document_id"])
    plan = next(p for p in doc.plans if p.plan_id == target["plan_id"])
    inserted = plan.measures[0].model_copy(deep=True)
    inserted.text = "Мүлде басқа жаңа іс-шара, бұрын оқылмаған жол"
    plan.measures.insert(0, inserted)
    for k, m in enumerate(plan.measures, 1):  # a newer reader found a row before it: IDs shift by one
        m.measure_id = f"{plan.plan_id}:m{k}"
    store.upsert(docs)
    moved = next(m.measure_id for m in plan.measures[1:] if m.text == target["text"])
    log = store.corrections().to_pylist()[0]
    assert log["state"] == "applies" and log["applies_to"] == moved
    assert _rows(store, "SELECT completion_form FROM main.measures WHERE measure_id = ?", [moved])[0][
        "completion_form"] == "Бұйрық"


def test_plan_states_follow_the_allowed_transitions(store):
    plan_id = _rows(store, "SELECT plan_id FROM main.plans LIMIT 1")[0]["plan_id"]
    assert review.plan_state(store.connection, plan_id)["state"] == "new"
    store.set_plan_state(plan_id, "in_review", "a")
    with pytest.raises(ValueError):
        store.set_plan_state(plan_id, "rejected", "a")  # a rejection needs a reason
    store.set_plan_state(plan_id, "rejected", "a", "the period is missing")
    with pytest.raises(ValueError):
        store.set_plan_state(plan_id, "approved", "a")  # rejected → approved must go through review again
    assert review.plan_state(store.connection, plan_id)["state"] == "rejected"
    queue = browse.review_queue(store.connection)
    assert plan_id not in {r["plan_id"] for r in queue.rows}


def test_search_finds_measure_words_by_prefix_in_both_languages_and_follows_corrections(store):
    con = store.connection
    found = browse.search_measures(con, "питани", all_sources=True)
    assert found.total >= 1
    assert all("питани" in f"{r['text']} {r['responsible_raw']}".lower() for r in found.rows)
    kazakh = browse.search_measures(con, "ТАМАҚТАНУДЫ ұйымдастыру", all_sources=True)
    assert kazakh.total >= 1
    target = kazakh.rows[0]["measure_id"]
    store.add_correction(target, "text", "Жаңартылған мәтін бейнебақылау", "a")
    assert [r["measure_id"] for r in browse.search_measures(con, "бейнебақылау", all_sources=True).rows] == [target]
    assert browse.search_measures(con, "", {"language": "nowhere"}).total == 0
    assert set(browse.search_measures(con, "").facets) == set(browse.FACETS)


def test_a_search_page_read_again_after_a_correction_shows_the_corrected_values(store):
    # pages are kept by data version: the same search after a write must not show the page kept before it
    con = store.connection
    first = browse.search_measures(con, "ТАМАҚТАНУДЫ", all_sources=True)
    again = browse.search_measures(con, "ТАМАҚТАНУДЫ", all_sources=True)
    assert again.rows == first.rows and again.rows is not first.rows
    again.rows[0]["text"] = "changed by a caller"
    assert browse.search_measures(con, "ТАМАҚТАНУДЫ", all_sources=True).rows == first.rows
    target = first.rows[0]["measure_id"]
    store.add_correction(target, "deadline_raw", "2026 жылғы 15 наурызға дейін", "a")
    store.add_correction(target, "text", "ТАМАҚТАНУДЫ ұйымдастыру, түзетілген", "a")
    row = next(r for r in browse.search_measures(con, "ТАМАҚТАНУДЫ", all_sources=True).rows
               if r["measure_id"] == target)
    assert (row["deadline_raw"], row["text"]) == ("2026 жылғы 15 наурызға дейін", "ТАМАҚТАНУДЫ ұйымдастыру, түзетілген")
    russian = browse.search_measures(con, "питани", all_sources=True, sort="text", descending=False)
    assert [r["text"].lower() for r in russian.rows] == sorted(r["text"].lower() for r in russian.rows)


def test_recurring_deadlines_without_a_period_fall_in_the_plan_year_only(store):
    con = store.connection
    target = _first_measure(store)
    store.add_correction(target["measure_id"], "deadline_raw", "ежемесячно до 5 числа", "a")
    placed = {r["day"] for r in _rows(store, "SELECT day FROM derived.occurrences WHERE measure_id = ?",
                                      [target["measure_id"]])}
    assert placed and len(placed) <= 12  # a window of twelve months, not every year forever
    start = min(placed)
    assert browse.due(con, start.replace(day=1), start.replace(day=28), all_sources=True).total >= 1
    assert browse.due(con, dt.date(start.year + 3, 1, 1), dt.date(start.year + 3, 1, 31), all_sources=True).total == 0


def test_one_letter_in_three_formats_is_one_letter(tmp_path, samples_dir):
    stem = sorted(samples_dir.glob("*.txt"))[1].stem
    files = [samples_dir / f"{stem}.{ext}" for ext in ("txt", "docx", "pdf")]
    with Store(tmp_path / "s.duckdb") as store:
        store.upsert([extract_path(f) for f in files] + [extract_path(sorted(samples_dir.glob("*.txt"))[0])])
        store.relink()
        groups = _rows(store, "SELECT * FROM derived.letter_groups")
        by_letter: dict[str, list] = {}
        for g in groups:
            by_letter.setdefault(g["letter_id"], []).append(g)
        assert sorted(len(v) for v in by_letter.values()) == [1, 3]
        assert all(sum(g["is_primary"] for g in v) == 1 for v in by_letter.values())
        page = browse.documents(store.connection)
        assert page.total == 2 and page.extra == {"letters": 2, "documents": 4}


def test_letters_are_keyed_once_and_again_when_a_document_is_replaced(tmp_path, samples_dir):
    """Loads after the first key only their own documents, yet group across loads; a replaced document
    (read again, other measures) is keyed again and leaves its old letter."""
    stem = sorted(samples_dir.glob("*.txt"))[1].stem
    txt, docx = extract_path(samples_dir / f"{stem}.txt"), extract_path(samples_dir / f"{stem}.docx")
    other = extract_path(sorted(samples_dir.glob("*.txt"))[0])

    def sources() -> list[int]:
        return sorted(g["n_sources"] for g in _rows(store, "SELECT * FROM derived.letter_groups"))

    with Store(tmp_path / "s.duckdb") as store:
        store.upsert([txt, other])
        store.relink()
        assert sources() == [1, 1]
        store.upsert([docx])  # a later load: the same letter as txt
        store.relink()
        assert sources() == [1, 2, 2]
        keyed = _rows(store, "SELECT count(*) AS n FROM derived.letter_keys")[0]["n"]
        assert keyed == 3
        changed = docx.model_copy(deep=True)
        changed.letters = []
        for plan in changed.plans:
            for m in plan.measures:
                m.text = f"{m.text} өзгертілді {m.measure_id}"
        store.upsert([changed])
        store.relink()
        assert sources() == [1, 1, 1]


def test_accounts_hash_passwords_and_sessions_expire_with_a_new_password(store):
    con = store.connection
    accounts.add_user(con, "a.seitkali", "correct horse battery", "reviewer", "kk")
    stored = con.execute("SELECT password_hash FROM auth.users").fetchall()[0][0]
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert accounts.authenticate(con, "a.seitkali", "wrong password!") is None
    assert accounts.authenticate(con, "nobody", "correct horse battery") is None
    account = accounts.authenticate(con, "a.seitkali", "correct horse battery")
    assert account is not None and account.can_write and account.lang == "kk"
    session = accounts.open_session(con, account)
    assert accounts.session_of(con, session.token).account.name == "a.seitkali"
    assert con.execute("SELECT count(*) FROM auth.sessions WHERE token_hash = ?", [session.token]).fetchall()[0][0] == 0
    accounts.add_user(con, "a.seitkali", "another long password", "reader", replace=True)
    assert accounts.session_of(con, session.token) is None
    with pytest.raises(ValueError):
        accounts.add_user(con, "x", "short", "reader")
    with pytest.raises(ValueError):
        accounts.add_user(con, "bad name", "long enough password", "reader")
