"""Pages kept between writes (webapp/page_cache.py): every kind of write shows on every page that was read
before it, a write of another kind leaves a page kept, and many requests for one missing page compute it once."""
from __future__ import annotations

import html
import re
import threading
import time
import types

import pytest

from store import browse
from tests.webapp.conftest import ORIGIN
from webapp.page_cache import DEADLINES, MEASURE_FIELDS, PLAN_FIELDS, STATES, STORE, Generations, PageCache, Touched


def _post(client, url, data):
    reply = client.post(url, data={**data, "csrf": client.csrf}, headers=ORIGIN, follow_redirects=False)
    assert reply.status_code == 303, reply.text[:400]


def _text(client, url, **params) -> str:
    reply = client.get(url, params=params)
    assert reply.status_code == 200
    return html.unescape(reply.text)


# --- the cache itself ---------------------------------------------------------------------------------

def _counting_cache():
    """A cache and a computation that returns how many times it ran."""
    generations = Generations()
    calls: list[int] = []

    def compute():
        calls.append(1)
        return len(calls)
    return generations, PageCache(generations), compute


def test_a_page_is_recomputed_only_after_a_write_it_depends_on():
    generations, cache, compute = _counting_cache()

    assert cache.get(("due",), (MEASURE_FIELDS,), compute) == 1
    assert cache.get(("due",), (MEASURE_FIELDS,), compute) == 1
    generations.bump((STATES,))  # approving a plan does not change a due page
    assert cache.get(("due",), (MEASURE_FIELDS,), compute) == 1
    generations.bump((MEASURE_FIELDS,))
    assert cache.get(("due",), (MEASURE_FIELDS,), compute) == 2
    generations.bump((STORE,))  # the store reopened: every page is recomputed
    assert cache.get(("due",), (MEASURE_FIELDS,), compute) == 3


def test_concurrent_requests_for_one_missing_page_compute_it_once():
    cache = PageCache(Generations())
    calls, results = [], []
    start = threading.Barrier(20)

    def compute():
        calls.append(1)
        time.sleep(0.2)
        return "page"

    def request():
        start.wait()
        results.append(cache.get(("search", "мектеп"), (PLAN_FIELDS,), compute))

    threads = [threading.Thread(target=request) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["page"] * 20 and len(calls) == 1


def test_a_failed_computation_is_not_kept_and_waiters_try_themselves():
    cache = PageCache(Generations())
    attempts = []

    def failing():
        attempts.append(1)
        raise RuntimeError("store gone")

    with pytest.raises(RuntimeError):
        cache.get(("queue",), (), failing)
    assert len(cache) == 0
    assert cache.get(("queue",), (), lambda: "ok") == "ok"


def test_the_cache_is_bounded():
    cache = PageCache(Generations(), size=3)
    for k in range(10):
        cache.get(("plan", k), (), lambda k=k: k)
    assert len(cache) == 3
    assert cache.get(("plan", 9), (), lambda: "recomputed") == 9
    assert cache.get(("plan", 0), (), lambda: "recomputed") == "recomputed"


# --- through the app: every kind of write reaches the pages read before it ----------------------------

def test_a_deadline_correction_reaches_pages_read_before_it(client, ids):
    measure, plan = ids["hostile_m2"], ids["hostile_plan"]
    before = [_text(client, f"/measures/{measure}"), _text(client, f"/plans/{plan}"),
              _text(client, "/due", month="2023-03"), _text(client, "/due", month="2023-04"),
              _text(client, "/search", q="сәуірге")]
    assert f"/measures/{measure}" in before[2] and f"/measures/{measure}" not in before[3]
    _post(client, f"/measures/{measure}", {"field": "deadline_raw", "value": "2023 жылғы 20 сәуірге дейін"})
    assert "2023 жылғы 20 сәуірге дейін" in _text(client, f"/measures/{measure}")
    assert "20 April 2023" in _text(client, f"/plans/{plan}")
    assert f"/measures/{measure}" not in _text(client, "/due", month="2023-03")
    assert f"/measures/{measure}" in _text(client, "/due", month="2023-04")
    assert f"/measures/{measure}" in _text(client, "/search", q="сәуірге")


def test_a_plan_title_correction_reaches_the_documents_list_and_the_queue(client, ids):
    plan = ids["hostile_plan"]
    title = "Бейнебақылау жоспары (түзетілген атауы)"
    assert title not in _text(client, "/") and title not in _text(client, "/queue")
    _post(client, f"/plans/{plan}", {"field": "title", "value": title})
    assert title in _text(client, "/") and title in _text(client, "/queue")


def test_an_approval_leaves_the_queue_and_a_measure_marked_not_a_measure_leaves_the_plan(client, ids):
    plan, measure = ids["hostile_plan"], ids["hostile_m3"]
    assert f"/plans/{plan}" in _text(client, "/queue")
    assert f"/measures/{measure}" in _text(client, f"/plans/{plan}")
    for state in ("in_review", "approved"):
        _post(client, f"/plans/{plan}/state", {"state": state})
    assert f"/plans/{plan}" not in _text(client, "/queue")
    _post(client, f"/measures/{measure}/exclude", {"note": "a heading"})
    assert f"/measures/{measure}\"" not in _text(client, f"/plans/{plan}")


def test_the_documents_list_stays_kept_while_deadlines_are_corrected(client, ids, monkeypatch):
    real, calls = browse.documents, []

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(browse, "documents", counted)
    _text(client, "/")  # computed here or kept from the sign-in's visit
    calls.clear()
    for day in (3, 4):
        _post(client, f"/measures/{ids['hostile_m1']}", {"field": "deadline_raw", "value": f"2024 жылғы {day} мамыр"})
        _text(client, "/")
    assert calls == []
    _post(client, f"/plans/{ids['hostile_plan']}/state", {"state": "in_review"})
    _text(client, "/")  # the list shows plans' states: a state change recomputes it
    assert len(calls) == 1


# --- searches kept across corrections of measures they do not match ---------------------------------

def test_a_search_is_kept_unless_the_corrected_measure_matches_it_before_or_after():
    generations, cache, compute = _counting_cache()

    def outside(touched):  # the page's query: "бейне"
        return not any(w.startswith("бейне") for w in touched.words)

    def of(*words):
        return Touched(words=frozenset(words), due=(), document="d" * 64)

    assert cache.get(("search", "бейне"), (MEASURE_FIELDS,), compute, outside) == 1
    generations.bump((MEASURE_FIELDS, DEADLINES), (of("мектеп", "наурыз"), of("мектеп", "сәуір")))
    assert cache.get(("search", "бейне"), (MEASURE_FIELDS, DEADLINES), compute, outside) == 1  # not matched: kept
    generations.bump((MEASURE_FIELDS,), (of("мектеп"), of("бейнебақылау")))
    assert cache.get(("search", "бейне"), (MEASURE_FIELDS,), compute, outside) == 2  # matched after
    generations.bump((MEASURE_FIELDS,), (of("видеонаблюдение", "бейнебақылау"), of("камера")))
    assert cache.get(("search", "бейне"), (MEASURE_FIELDS,), compute, outside) == 3  # matched before
    generations.bump((MEASURE_FIELDS,))  # words not known
    assert cache.get(("search", "бейне"), (MEASURE_FIELDS,), compute, outside) == 4
    generations.bump((PLAN_FIELDS,))  # another kind: a plan title is a document word
    assert cache.get(("search", "бейне"), (MEASURE_FIELDS, PLAN_FIELDS), compute, outside) == 5


def test_the_words_of_a_measure_match_it_exactly_as_the_index_does(client, ids):
    """`search.matches` over `search.measure_words` agrees with the SQL search for every measure and query."""
    from store import search

    with client.app.state.gateway.reading() as reader:
        measures = [r["measure_id"] for r in reader.rows("SELECT measure_id FROM main.measures ORDER BY measure_id")]
        words = {m: search.measure_words(reader.cursor, m) for m in measures}
        queries = [["бейне"], ["мектеп", "2023"], ["охват"], ["наурыз"], ["ж"], ["школ", "директор"], ["жоспар"]]
        for terms in queries:
            sql, args = search.matching_measures_sql(terms)
            found = {r["measure_id"] for r in reader.rows(sql, args)}
            assert {m for m in measures if search.matches(terms, words[m])} == found, terms


def test_a_search_page_stays_kept_while_other_measures_are_corrected(client, ids, monkeypatch):
    real, calls = browse.search_measures, []

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(browse, "search_measures", counted)
    word = "қайталанбасжазу"  # in no measure until a correction writes it
    assert f"/measures/{ids['hostile_m1']}" not in _text(client, "/search", q=word)
    assert len(calls) == 1
    _post(client, f"/measures/{ids['hostile_m2']}", {"field": "indicator", "value": "Қамту 100%"})
    _text(client, "/search", q=word)
    assert len(calls) == 1  # that correction cannot change this search
    _post(client, f"/measures/{ids['hostile_m1']}", {"field": "indicator", "value": f"{word} көрсеткіші"})
    assert f"/measures/{ids['hostile_m1']}" in _text(client, "/search", q=word)
    _post(client, f"/measures/{ids['hostile_m1']}", {"field": "indicator", "value": "басқа көрсеткіш"})
    assert f"/measures/{ids['hostile_m1']}" not in _text(client, "/search", q=word)
    assert len(calls) == 3


def _facet_counts(text: str, name: str) -> dict[str, int]:
    return {v: int(n) for v, n in re.findall(rf'[?&]{name}=([^"&]+)"[^>]*>[^<]*</a> <span class="muted">(\d+)', text)}


def test_the_whole_store_search_recounts_only_the_facets_a_write_can_change(client, ids, monkeypatch):
    real, counted = browse._facet, []

    def facet(con, name):
        counted.append(name)
        return real(con, name)

    monkeypatch.setattr(browse, "_facet", facet)
    before = _text(client, "/search")
    months = _facet_counts(before, "month")
    assert months and set(counted) <= set(browse.FACETS)
    counted.clear()
    measure = ids["hostile_m2"]  # due in March 2023 as extracted
    _post(client, f"/measures/{measure}", {"field": "deadline_raw", "value": "2023 жылғы 20 сәуірге дейін"})
    after = _text(client, "/search")
    assert counted == ["month"]  # a deadline changes when measures fall due, nothing else counted
    assert _facet_counts(after, "month")["2023-03"] == months["2023-03"] - 1  # its month before, one fewer
    assert "сәуірге дейін" in after or f"/measures/{measure}" not in before  # its row, if shown, is corrected
    counted.clear()
    for state in ("in_review", "approved"):
        _post(client, f"/plans/{ids['hostile_plan']}/state", {"state": state})
    after = _text(client, "/search")
    assert counted == ["status"] and _facet_counts(after, "status").get("approved", 0) >= 1
    counted.clear()
    _post(client, f"/measures/{measure}/exclude", {"note": "a heading"})
    _text(client, "/search")
    assert sorted(counted) == sorted(browse.FACETS)  # one measure fewer: every count may change


def test_due_and_other_documents_pages_stay_kept_across_a_correction_elsewhere(client, ids, monkeypatch):
    from webapp import views

    due, catalogs = [], []
    real_due, real_catalog = browse.due, views.document_catalog
    monkeypatch.setattr(browse, "due", lambda *a, **k: due.append(1) or real_due(*a, **k))
    monkeypatch.setattr(views, "document_catalog", lambda *a, **k: catalogs.append(a[1]) or real_catalog(*a, **k))
    other_plan = ids["parent_plan"]  # another document than the corrected measure's
    _text(client, "/due", month="2031-06")
    _text(client, f"/plans/{other_plan}")
    due.clear(), catalogs.clear()
    measure = ids["hostile_m2"]
    _post(client, f"/measures/{measure}", {"field": "deadline_raw", "value": "2023 жылғы 20 сәуірге дейін"})
    _text(client, "/due", month="2031-06")  # due neither before (March 2023) nor after (April 2023)
    _text(client, f"/plans/{other_plan}")
    assert due == [] and catalogs == []
    _post(client, f"/measures/{measure}", {"field": "deadline_raw", "value": "2031 жылғы 10 маусымға дейін"})
    assert f"/measures/{measure}" in _text(client, "/due", month="2031-06")
    assert len(due) == 1 and catalogs == []


def test_a_kept_session_ends_when_it_expires_and_when_its_account_signs_out(client, ids, monkeypatch):
    import datetime as real_dt

    from store.accounts import SESSION_HOURS
    from webapp import auth

    assert client.get("/queue", follow_redirects=False).status_code == 200  # the session is now kept

    class Later:
        @staticmethod
        def now(tz=None):
            return real_dt.datetime.now(tz) + real_dt.timedelta(hours=SESSION_HOURS, minutes=1)

    monkeypatch.setattr(auth, "dt", types.SimpleNamespace(datetime=Later, timezone=real_dt.timezone))
    assert client.get("/queue", follow_redirects=False).status_code == 303  # expired: sign in again
    monkeypatch.undo()
    assert client.get("/queue", follow_redirects=False).status_code == 200
    client.post("/logout", data={"csrf": client.csrf}, headers=ORIGIN, follow_redirects=False)
    assert client.get("/queue", follow_redirects=False).status_code == 303


def test_pages_survive_an_idle_release_unless_another_process_wrote_meanwhile(ids, db_path, monkeypatch):
    import subprocess
    import sys

    from fastapi.testclient import TestClient

    from tests.webapp.conftest import sign_in
    from webapp.app import create_app

    real, calls = browse.documents, []
    monkeypatch.setattr(browse, "documents", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setenv("JOSPAR_WEB_IDLE_RELEASE", "0.3")
    with TestClient(create_app(db_path), base_url="http://127.0.0.1") as client:
        sign_in(client, "reviewer1")
        _text(client, "/")
        calls.clear()
        time.sleep(1.5)  # idle: the app lets go of the file
        _text(client, "/")
        assert calls == []  # nobody wrote: the list is still the same
        time.sleep(1.5)
        title = "Жоспар атауы басқа процесте түзетілді"
        subprocess.run([sys.executable, "-c", "import sys; from store import Store, review; s = Store(sys.argv[1]); "
                        "review.correct_plan(s.connection, sys.argv[2], 'title', sys.argv[3], 'batch'); s.close()",
                        str(db_path), ids["hostile_plan"], title], check=True, timeout=120)
        assert title in _text(client, "/") and calls == [1]  # kept, but the file changed: read again


def test_the_whole_store_search_is_counted_when_the_store_opens(db_path, monkeypatch):
    from fastapi.testclient import TestClient

    from tests.webapp.conftest import sign_in
    from webapp.app import create_app

    with TestClient(create_app(db_path), base_url="http://127.0.0.1") as client:
        sign_in(client, "reviewer1")  # opens the store: the warm-up starts
        pages = client.app.state.gateway.pages
        wanted = {("search part", f"facet {name}", False) for name in browse.FACETS}
        for _ in range(100):
            if wanted <= set(pages.keys()):
                break
            time.sleep(0.1)
        assert wanted <= set(pages.keys())  # counted before anyone asked for the search page
        real, counted = browse._facet, []
        monkeypatch.setattr(browse, "_facet", lambda con, name: counted.append(name) or real(con, name))
        assert "measures" in _text(client, "/search") and counted == []  # read, not counted again
