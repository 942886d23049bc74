"""Correcting a measure field through the form: Post/Redirect/Get into the store's overlay, validation
errors as 400 pages, the same-origin rule, and a locked store shown as a page, never a 500."""
from __future__ import annotations

import html
import subprocess
import sys
import time

from store import Store

ORIGIN = {"Origin": "http://127.0.0.1"}


def _post(client, measure_id, data, headers=ORIGIN, **kw):
    return client.post(f"/measures/{measure_id}", data=data, headers=headers, follow_redirects=False, **kw)


def test_correction_is_stored_and_shown_on_plan_and_history(client, ids, db_path):
    value = "Мектеп асханаларын бейнебақылаумен толық қамту (түзетілді)"
    response = _post(client, ids["hostile_m2"], {"field": "text", "value": value, "author": "А. Сейтқали",
                                                 "note": "OCR misread"})
    assert response.status_code == 303
    assert response.headers["location"] == f"/measures/{ids['hostile_m2']}?saved=1#history"
    measure = client.get(response.headers["location"])
    assert "Correction saved." in measure.text
    history = html.unescape(measure.text.split('id="history"')[1])
    assert value in history and "А. Сейтқали" in history and "OCR misread" in history
    plan = html.unescape(client.get(f"/plans/{ids['hostile_plan']}").text)
    assert value in plan
    with Store(db_path, read_only=True) as store:
        rows = store.corrections().to_pylist()
    assert [(r["measure_id"], r["field"], r["value"]) for r in rows] == [(ids["hostile_m2"], "text", value)]


def test_corrected_deadline_is_normalised_again_for_plan_and_due_pages(client, ids):
    response = _post(client, ids["hostile_m2"], {"field": "deadline_raw", "value": "2023 жылғы 20 сәуірге дейін",
                                                 "author": "analyst"})
    assert response.status_code == 303
    plan = html.unescape(client.get(f"/plans/{ids['hostile_plan']}").text)
    assert "2023 жылғы 20 сәуірге дейін" in plan and "2023-04-20" in plan
    april = html.unescape(client.get("/due", params={"month": "2023-04"}).text)
    assert f"/measures/{ids['hostile_m2']}" in april
    march = html.unescape(client.get("/due", params={"month": "2023-03"}).text)
    assert f"/measures/{ids['hostile_m2']}" not in march  # its old deadline ("2023 жыл наурыз") is gone


def test_later_correction_wins_and_clearing_is_recorded(client, ids):
    _post(client, ids["hostile_m3"], {"field": "indicator", "value": "Охват 100%", "author": "a"})
    _post(client, ids["hostile_m3"], {"field": "indicator", "clear": "1", "author": "b", "note": "formula"})
    page = html.unescape(client.get(f"/measures/{ids['hostile_m3']}").text)
    history = page.split('id="history"')[1]
    assert "(cleared)" in history and "Охват 100%" in history
    assert history.index("(cleared)") < history.index("Охват 100%")  # newest first


def test_provenance_is_not_correctable(client, ids):
    bad = _post(client, ids["hostile_m1"], {"field": "page", "value": "3", "author": "a"})
    assert bad.status_code == 400 and "choose a field to correct" in bad.text


def test_bad_input_is_a_400_page_with_the_message_and_nothing_stored(client, ids, db_path):
    cases = [
        ({"field": "measure_id", "value": "x", "author": "a"}, "choose a field to correct"),
        ({"field": "text", "value": "x", "author": ""}, "enter your name as the author"),
        ({"field": "text", "value": "   ", "author": "a"}, "enter the corrected value"),
        ({"field": "text", "value": "x", "clear": "1", "author": "a"}, "not both"),
        ({"field": "text", "value": "x" * 5000, "author": "a"}, "at most 4000 characters"),
        ({"field": "text", "value": "x", "author": "a\x07b"}, "one line of at most"),
        ({"field": "other", "value": "[1, 2]", "author": "a"}, "JSON object"),
    ]
    for data, message in cases:
        response = _post(client, ids["hostile_m1"], data)
        assert response.status_code == 400, data
        assert message in html.unescape(response.text), data
        assert "The correction was not saved" in response.text
    kept = _post(client, ids["hostile_m1"], {"field": "text", "value": "typed <b>text</b>", "author": ""})
    assert "typed &lt;b&gt;text&lt;/b&gt;" in kept.text  # what was typed comes back, escaped
    not_utf8 = _post(client, ids["hostile_m1"], None, content="field=text&value=%FF&author=a".encode(),
                     headers={**ORIGIN, "Content-Type": "application/x-www-form-urlencoded"})
    assert not_utf8.status_code == 400 and "not UTF-8" in not_utf8.text
    raw_bytes = _post(client, ids["hostile_m1"], None, content=b"field=text&value=\xff\xfe&author=a",
                      headers={**ORIGIN, "Content-Type": "application/x-www-form-urlencoded"})
    assert raw_bytes.status_code == 400 and "not UTF-8" in raw_bytes.text
    too_big = _post(client, ids["hostile_m1"], {"field": "text", "value": "x" * 70000, "author": "a"})
    assert too_big.status_code == 400 and "larger than 64 KiB" in too_big.text
    as_json = client.post(f"/measures/{ids['hostile_m1']}", json={"field": "text"}, headers=ORIGIN)
    assert as_json.status_code == 400
    with Store(db_path, read_only=True) as store:
        stored = store.corrections().to_pylist()
    assert all(r["value"] != "x" for r in stored)


def test_unknown_or_malformed_measure_is_refused(client, ids):
    assert _post(client, f"{ids['hostile_plan']}:m99", {"field": "text", "value": "x", "author": "a"}).status_code == 404
    assert _post(client, "nonsense", {"field": "text", "value": "x", "author": "a"}).status_code == 400


def test_cross_origin_post_is_refused(client, ids, db_path):
    data = {"field": "text", "value": "from evil", "author": "mallory"}
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {"Referer": "http://evil.example/x"},
                    {"Origin": "http://127.0.0.1.evil.example"}, {}):
        response = _post(client, ids["hostile_m1"], data, headers=headers)
        assert response.status_code == 403, headers
        assert "Form refused" in response.text
    same_site_referer = _post(client, ids["hostile_m1"], data,
                              headers={"Referer": f"http://127.0.0.1/measures/{ids['hostile_m1']}"})
    assert same_site_referer.status_code == 303
    with Store(db_path, read_only=True) as store:
        assert [r["author"] for r in store.corrections().to_pylist()] == ["mallory"]  # only the same-site one


def test_locked_store_shows_a_clear_page_not_a_500(client, ids, db_path):
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
    assert client.get(f"/plans/{ids['hostile_plan']}").status_code == 200  # served again once it is free
