"""Every page over a real store: 200 with the documents' Kazakh/Russian text, 404/400 for unknown or
malformed IDs, the documents filter, and /healthz."""
from __future__ import annotations

import html

from tests.webapp.hostile import ROWS


def test_documents_page_lists_every_document_with_counts(shared_client):
    page = shared_client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html; charset=utf-8")
    text = page.text
    for name in ("000_8c8bd9275c0215dc.txt", "002_f8fca9d81a5f40e7.txt", "hostile_school_plan.txt"):
        assert name in text
    assert "Қамқоршылық кеңесінің жұмыс жоспары" in text  # a plan title, Kazakh letters intact
    assert "6 documents" in text


def test_documents_filter_matches_plan_titles_case_insensitively(shared_client):
    page = shared_client.get("/", params={"q": "БАЛАҚАЙ"})
    assert page.status_code == 200
    assert "002_f8fca9d81a5f40e7.txt" in page.text
    assert "000_8c8bd9275c0215dc.txt" not in page.text
    assert "1 document matching “БАЛАҚАЙ”" in page.text
    empty = shared_client.get("/", params={"q": "жоқ-мұндай-мәтін"})
    assert "0 documents" in empty.text


def test_plan_page_shows_facts_glossary_flags_and_measures(shared_client, ids):
    page = shared_client.get(f"/plans/{ids['parent_plan']}")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "жол картасын іске асыру" in text
    assert "Атырау облысы Білім беру басқармасы" in text  # glossary, and canonical names of bodies
    assert "I. Ұйымдастыру және дайындау жұмыстары" in text  # section row
    assert "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15" in text  # normalised recurring deadline
    assert "unknown_abbreviation" in text  # plan flags
    assert f"/plans/{ids['derived_plan']}" in text  # the school plan derived from it
    assert f"/measures/{ids['parent_m1']}" in text  # each measure links to its correction form


def test_derived_plan_page_links_its_parent_and_letter(shared_client, ids):
    text = html.unescape(shared_client.get(f"/plans/{ids['derived_plan']}").text)
    assert f"/plans/{ids['parent_plan']}" in text
    assert "№ 05-04-01/253 of 2022-02-16" in text
    assert "Мектеп әкімшілігі" in text


def test_measure_page_shows_provenance_and_form(shared_client, ids):
    page = shared_client.get(f"/measures/{ids['hostile_m3']}")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert ROWS[2][1] in text  # Russian measure text
    assert "hostile_school_plan.txt" in text and "Line" in text
    assert "No corrections yet." in text
    assert '<form class="correction" method="post"' in page.text
    assert 'value="deadline_raw"' in page.text and 'value="measure_id"' not in page.text
    # the deadline in words, both languages ("ежемесячно до 5 числа")
    assert "ай сайын, айдың 5-іне дейін" in text and "ежемесячно, до 5-го числа" in text


def test_coverage_page_has_a_heatmap_per_parent(shared_client, ids):
    page = shared_client.get("/coverage")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert f"/plans/{ids['parent_plan']}" in text
    assert f"/plans/{ids['derived_plan']}" in text and f"/plans/{ids['hostile_plan']}" in text
    assert 'class="cell st-modified"' in page.text and 'class="cell st-dropped"' in page.text
    assert "Тамақ өнімдерінің сапасын бақылау" in text
    assert "overall adoption" in text and "%" in text
    # the hostile plan's Russian measure matches no parent measure: counted as added
    added_row = text.split("Measures added by the derived plan")[1].split("</tr>")[0]
    assert ">1<" in added_row.replace(" ", "")


def test_due_page_lists_march_deadlines_and_owners(shared_client, ids):
    page = shared_client.get("/due", params={"month": "2023-03"})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Due in 2023-03" in text
    assert f"/measures/{ids['hostile_m1']}" in text  # yearly, 15 March, inside the plan's period
    assert "2023-03-15" in text and "2023-03-05" in text  # yearly rule; monthly rule (Russian deadline)
    assert "Мектеп әкімшілігі" in text and "Заместитель директора по воспитательной работе" in text
    assert "Who owns it" in text


def test_due_page_defaults_to_the_current_month(shared_client):
    page = shared_client.get("/due")
    assert page.status_code == 200 and "Due in 20" in page.text


def test_unknown_ids_are_404_and_malformed_ids_400(shared_client, ids):
    assert shared_client.get("/plans/0123456789abcdef:p0").status_code == 404
    assert shared_client.get(f"/measures/{ids['hostile_plan']}:m99").status_code == 404
    assert shared_client.get("/nowhere").status_code == 404
    for url in ("/plans/not-a-plan", "/measures/..%2F..%2Fetc", "/plans/0123456789ABCDEF:p0",
                f"/measures/{ids['hostile_plan']}"):
        page = shared_client.get(url)
        assert page.status_code in (400, 404), url
        assert "<!doctype html>" in page.text
    assert shared_client.get("/plans/zzz").status_code == 400
    bad_month = shared_client.get("/due", params={"month": "2023-13"})
    assert bad_month.status_code == 400 and "must be a real month" in bad_month.text
    assert shared_client.get("/due", params={"month": "March"}).status_code == 400


def test_healthz_reports_rows(shared_client):
    body = shared_client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["rows"]["documents"] == 6 and body["rows"]["measures"] > 100
