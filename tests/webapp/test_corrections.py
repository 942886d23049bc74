"""Correcting a measure field through the form: Post/Redirect/Get into the corrections log with the signed-in
account as author, validation errors as 400 pages, the same-origin and CSRF rules, and a store locked by
another process shown as a page, never a 500."""
from __future__ import annotations

import html
import subprocess
import sys
import time

from tests.webapp.conftest import ORIGIN, corrections


def _post(client, measure_id, data, headers=ORIGIN, csrf=True, **kw):
    if data is not None and csrf:
        data = {**data, "csrf": client.csrf}
    return client.post(f"/measures/{measure_id}", data=data, headers=headers, follow_redirects=False, **kw)


def test_correction_is_stored_and_shown_on_plan_and_history(client, ids, db_path):
    value = "Мектеп асханаларын бейнебақылаумен толық қамту (түзетілді)"
    response = _post(client, ids["hostile_m2"], {"field": "text", "value": value, "note": "OCR misread"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/measures/{ids['hostile_m2']}?saved=1#history"
    measure = client.get(response.headers["location"])
    assert "Correction saved." in measure.text
    history = html.unescape(measure.text.split('id="history"')[1])
    assert value in history and "reviewer1" in history and "OCR misread" in history
    assert "Мектеп асханаларының ас блоктарында" in history  # the old value is in the log too
    plan = html.unescape(client.get(f"/plans/{ids['hostile_plan']}").text)
    assert value in plan
    rows = corrections(client)
    assert [(r["measure_id"], r["field"], r["value"], r["author"]) for r in rows] == \
        [(ids["hostile_m2"], "text", value, "reviewer1")]
    assert rows[0]["old_value"].startswith("Мектеп асханаларының") and rows[0]["state"] == "applies"


def test_author_comes_from_the_session_not_the_form(client, ids, db_path):
    assert _post(client, ids["hostile_m1"], {"field": "indicator", "value": "x1", "author": "mallory"}).status_code == 303
    assert [r["author"] for r in corrections(client)] == ["reviewer1"]


def test_corrected_deadline_is_normalised_again_for_plan_and_due_pages(client, ids):
    response = _post(client, ids["hostile_m2"], {"field": "deadline_raw", "value": "2023 жылғы 20 сәуірге дейін"})
    assert response.status_code == 303
    plan = html.unescape(client.get(f"/plans/{ids['hostile_plan']}").text)
    assert "2023 жылғы 20 сәуірге дейін" in plan and "20 April 2023" in plan
    april = html.unescape(client.get("/due", params={"month": "2023-04"}).text)
    assert f"/measures/{ids['hostile_m2']}" in april
    march = html.unescape(client.get("/due", params={"month": "2023-03"}).text)
    assert f"/measures/{ids['hostile_m2']}" not in march  # its old deadline ("2023 жыл наурыз") is gone


def test_later_correction_wins_and_clearing_is_recorded(client, ids):
    _post(client, ids["hostile_m3"], {"field": "indicator", "value": "Охват 100%"})
    _post(client, ids["hostile_m3"], {"field": "indicator", "clear": "1", "note": "formula"})
    page = html.unescape(client.get(f"/measures/{ids['hostile_m3']}").text)
    history = page.split('id="history"')[1]
    assert "(cleared)" in history and "Охват 100%" in history
    rows = history.split("<tbody>")[1].split("</tr>")
    assert "(cleared)" in rows[0] and "Охват 100%" in rows[0]  # newest first, with the value it replaced
    assert "Охват 100%" in rows[1] and "(cleared)" not in rows[1]


def test_provenance_is_not_correctable(client, ids):
    bad = _post(client, ids["hostile_m1"], {"field": "page", "value": "3"})
    assert bad.status_code == 400 and "choose a field to correct" in bad.text


def test_bad_input_is_a_400_page_with_the_message_and_nothing_stored(client, ids, db_path):
    cases = [
        ({"field": "measure_id", "value": "x"}, "choose a field to correct"),
        ({"field": "text", "value": "   "}, "enter the corrected value"),
        ({"field": "text", "value": "x", "clear": "1"}, "not both"),
        ({"field": "text", "value": "x" * 5000}, "at most 4000 characters"),
        ({"field": "text", "value": "x", "note": "a\x07b" * 600}, "the note must be text"),
        ({"field": "other", "value": "[1, 2]"}, "JSON object"),
    ]
    for data, message in cases:
        response = _post(client, ids["hostile_m1"], data)
        assert response.status_code == 400, data
        assert message in html.unescape(response.text), data
        assert "The correction was not saved" in response.text
    kept = _post(client, ids["hostile_m1"], {"field": "bogus", "value": "typed <b>text</b>"})
    assert "typed &lt;b&gt;text&lt;/b&gt;" in kept.text  # what was typed comes back, escaped
    form = f"csrf={client.csrf}&field=text&value=%FF".encode()
    not_utf8 = _post(client, ids["hostile_m1"], None, content=form,
                     headers={**ORIGIN, "Content-Type": "application/x-www-form-urlencoded"})
    assert not_utf8.status_code == 400 and "not UTF-8" in not_utf8.text
    too_big = _post(client, ids["hostile_m1"], {"field": "text", "value": "x" * 70000})
    assert too_big.status_code == 400 and "larger than 64 KiB" in too_big.text
    as_json = client.post(f"/measures/{ids['hostile_m1']}", json={"field": "text"}, headers=ORIGIN)
    assert as_json.status_code == 400
    assert corrections(client) == []


def test_unknown_or_malformed_measure_is_refused(client, ids):
    assert _post(client, f"{ids['hostile_plan']}:m99", {"field": "text", "value": "x"}).status_code == 404
    assert _post(client, "nonsense", {"field": "text", "value": "x"}).status_code == 400


def test_cross_origin_or_tokenless_post_is_refused(client, ids, db_path):
    data = {"field": "text", "value": "from evil"}
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {"Referer": "http://evil.example/x"},
                    {"Origin": "http://127.0.0.1.evil.example"}, {}):
        response = _post(client, ids["hostile_m1"], data, headers=headers)
        assert response.status_code == 403, headers
        assert "Form refused" in response.text
    no_token = _post(client, ids["hostile_m1"], data, csrf=False)
    assert no_token.status_code == 403 and "security token" in no_token.text
    wrong_token = _post(client, ids["hostile_m1"], {**data, "csrf": "x" * 32}, csrf=False)
    assert wrong_token.status_code == 403
    same_site_referer = _post(client, ids["hostile_m1"], data,
                              headers={"Referer": f"http://127.0.0.1/measures/{ids['hostile_m1']}"})
    assert same_site_referer.status_code == 303
    assert [r["value"] for r in corrections(client)] == ["from evil"]  # only the same-site one


def test_locked_store_shows_a_clear_page_not_a_500(ids, db_path, monkeypatch):
    from fastapi.testclient import TestClient

    from webapp.app import create_app

    monkeypatch.setenv("JOSPAR_WEB_IDLE_RELEASE", "0.3")
    with TestClient(create_app(db_path), base_url="http://127.0.0.1") as client:
        assert client.get("/login").status_code == 200
        time.sleep(1.5)  # idle: the app lets go of the file, so batch writers can take it
        holder = subprocess.Popen(
            [sys.executable, "-c", "import sys, time; from store import Store; "
             "s = Store(sys.argv[1]); print('locked', flush=True); time.sleep(60)", str(db_path)],
            stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "locked"
            started = time.monotonic()
            page = client.get(f"/plans/{ids['hostile_plan']}")
            assert page.status_code == 503
            assert "The store is busy" in page.text and f"process {holder.pid}" in page.text
            assert time.monotonic() - started < 10
            health = client.get("/healthz")
            assert health.status_code == 503 and health.json()["status"] == "unavailable"
        finally:
            holder.kill()
            holder.wait()
        assert client.get(f"/plans/{ids['hostile_plan']}", follow_redirects=False).status_code == 303  # sign in


def test_pages_are_served_while_a_write_transaction_is_open(client, ids):
    """No global lock: a request is answered from the last committed state while another cursor holds an open
    write transaction (DuckDB's MVCC), instead of waiting for it."""
    gateway = client.app.state.gateway
    with gateway.writing() as cursor:
        cursor.execute("BEGIN TRANSACTION")
        cursor.execute("INSERT INTO overlay.corrections (target, measure_id, field, value, author, corrected_at) "
                       "VALUES ('measure', ?, 'text', 'uncommitted', 'x', now())", [ids["hostile_m1"]])
        page = client.get(f"/measures/{ids['hostile_m1']}")
        assert page.status_code == 200 and "uncommitted" not in page.text
        cursor.execute("ROLLBACK")
    assert corrections(client) == []
