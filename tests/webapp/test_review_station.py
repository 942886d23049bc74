"""The issue's "Done when", end to end: a real `jospar web` over a store of the seed letters as TXT, DOCX and
PDF plus a hostile plan, driven by the Debian Chromium. Sign in as reviewer; search a word that occurs only
inside a measure's text; open it and see the PDF page image with the row highlighted; correct a deadline and
the plan's period; approve the plan; download CSV and XLSX of the view; export and find the corrected values
in the deadlines Parquet and CSV; sign in as reader and find writes refused; hostile markup shows as text."""
from __future__ import annotations

import csv
import re
import io
import shutil
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from playwright.sync_api import sync_playwright

from pipeline.extract import extract_path
from store import Store, accounts, write_outputs
from tests.webapp.browser import CHROMIUM, CHROMIUM_ARGS, sign_in, web_server
from tests.webapp.conftest import ACCOUNTS
from tests.webapp.hostile import IMG, SCRIPT, write_hostile_plan

NEW_DEADLINE = "2026 жылғы 15 сәуірге дейін"


@pytest.fixture(scope="module")
def station_store(tmp_path_factory, samples_dir: Path) -> Path:
    root = tmp_path_factory.mktemp("station")
    files = sorted(samples_dir.glob("*.pdf")) + sorted(samples_dir.glob("*.docx")) + \
        sorted(samples_dir.glob("*.txt")) + [write_hostile_plan(root)]
    write_outputs([extract_path(f) for f in files], root / "out")
    db = root / "out" / "jospar.duckdb"
    with Store(db) as store:
        for name, (password, role, lang) in ACCOUNTS.items():
            accounts.add_user(store.connection, name, password, role, lang)
    return db


def _measure_only_word(db: Path) -> tuple[str, str]:
    """A word that stands only in measure texts (no file name, sender, title, letter field has it), and a
    PDF measure holding it: what the old search by file name, sender and title could not find."""
    with Store(db, read_only=True) as store:
        found = store.connection.execute("""
            SELECT p.term, min(m.measure_id) FROM search.postings p JOIN main.measures m ON m.measure_id = p.key
            JOIN main.documents d ON d.document_id = m.document_id
            WHERE p.kind = 'm' AND d.media_type = 'application/pdf' AND length(p.term) >= 8
              AND regexp_matches(p.term, '^[а-яәғқңөұүһі]+$')
              AND strpos(lower(m.text), p.term) > 0
              AND p.term NOT IN (SELECT term FROM search.postings WHERE kind = 'd')
            GROUP BY p.term HAVING count(DISTINCT p.key) <= 3 ORDER BY p.term LIMIT 1""").fetchall()
    assert found, "no measure-only word in the seed PDFs"
    return found[0][0], found[0][1]


def test_review_station_done_when(station_store, jospar_bin, tmp_path):
    db = tmp_path / "jospar.duckdb"
    shutil.copyfile(station_store, db)
    word, measure_id = _measure_only_word(db)
    plan_id = measure_id.rsplit(":", 1)[0]
    shots = tmp_path / "shots"
    with web_server(jospar_bin, db, JOSPAR_WEB_IDLE_RELEASE="1") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        sign_in(page, base, "reviewer1", ACCOUNTS["reviewer1"][0])
        assert "reviewer1" in page.inner_text("header")

        # search a word that occurs only inside a measure's text, every source of the letter shown
        page.goto(f"{base}/search")
        page.fill("#q", word)
        page.check("input[name=all]")
        with page.expect_navigation():
            page.click("form.filter button[type=submit]")
        assert page.locator(f'a[href="/measures/{measure_id}"]').count() >= 1
        assert "language" in page.url or page.locator("aside.facets h3").count() == 6
        page.screenshot(path=str(shots / "search.png"), full_page=True)

        # open it: the PDF page image with the row (and cells) highlighted, and a link to the original bytes
        with page.expect_navigation():
            page.locator(f'a[href="/measures/{measure_id}"]').first.click()
        assert page.locator("svg.page image").count() == 1
        assert page.locator("svg.page rect.row").count() == 1
        assert page.locator("svg.page rect.cell").count() >= 2
        image = page.request.get(base + page.locator("svg.page image").get_attribute("href"))
        assert image.status == 200 and image.headers["content-type"] == "image/png" and len(image.body()) > 10_000
        link = page.locator("a[href$='/original']").first.get_attribute("href")
        original = page.request.get(base + link)
        assert original.status == 200 and original.body()[:5] == b"%PDF-"
        assert "attachment" in original.headers["content-disposition"]
        page.screenshot(path=str(shots / "measure.png"), full_page=True)

        # correct the deadline
        page.select_option("#field", "deadline_raw")
        page.fill("#value", NEW_DEADLINE)
        page.fill("#note", "the scan's year was misread")
        with page.expect_navigation():
            page.click("form.correction button[type=submit]")
        assert "Correction saved." in page.inner_text("main")
        assert "15 April 2026" in page.inner_text("main")  # normalised again, shown in words

        # correct the plan's period, then approve the plan
        page.goto(f"{base}/plans/{plan_id}")
        for field, value in (("period_start", "2025-09-01"), ("period_end", "2026-05-31")):
            page.select_option("#plan-field", field)
            page.fill("#plan-value", value)
            page.fill("#plan-note", "period lost in extraction")
            with page.expect_navigation():
                page.click("form.correction[action$='" + plan_id + "'] button[type=submit]")
        assert "1 September 2025" in page.inner_text("dl.facts") and "31 May 2026" in page.inner_text("dl.facts")
        page.select_option("#state", "approved")
        with page.expect_navigation():
            page.click("form.correction[action$='/state'] button[type=submit]")
        assert "approved" in page.inner_text("h1")
        history = page.inner_text("#history + table")
        assert "reviewer1" in history and "2025-09-01" in history and "approved" in history
        page.screenshot(path=str(shots / "plan.png"), full_page=True)

        # download the view as CSV and XLSX
        page.goto(f"{base}/search?q={word}&all=1")
        with page.expect_download() as got:
            page.click("p.downloads a:text('CSV')")
        rows = list(csv.DictReader(io.StringIO(Path(got.value.path()).read_bytes().decode("utf-8-sig"))))
        assert any(r["measure_id"] == measure_id and r["deadline_raw"] == NEW_DEADLINE for r in rows)
        with page.expect_download() as got:
            page.click("p.downloads a:text('XLSX')")
        from openpyxl import load_workbook

        assert got.value.suggested_filename.endswith(".xlsx")
        sheet = load_workbook(io.BytesIO(Path(got.value.path()).read_bytes())).active
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        column = values[0].index("deadline_raw")
        assert NEW_DEADLINE in [row[column] for row in values[1:]]

        # a reader signs in: reads, and every write is refused
        reader = browser.new_context().new_page()
        sign_in(reader, base, "reader1", ACCOUNTS["reader1"][0])
        reader.goto(f"{base}/measures/{measure_id}")
        assert reader.locator("form.correction").count() == 0
        csrf = reader.locator("header input[name=csrf]").first.get_attribute("value")
        refused = reader.request.post(f"{base}/measures/{measure_id}", headers={"Origin": base},
                                      form={"csrf": csrf, "field": "text", "value": "reader was here"})
        assert refused.status == 403 and "reader" in refused.text()
        refused_state = reader.request.post(f"{base}/plans/{plan_id}/state", headers={"Origin": base},
                                            form={"csrf": csrf, "state": "in_review"})
        assert refused_state.status == 403

        # hostile cells show as text and run nothing
        reader.goto(f"{base}/search?q=мониторинг&all=1")
        reader.goto(f"{base}/")
        hostile = reader.locator("a", has_text="<svg").first.get_attribute("href")
        reader.goto(base + hostile)
        body = reader.locator("table.measures").inner_text()
        assert SCRIPT in body and IMG in body
        assert reader.locator("main script, main img").count() == 0
        reader.wait_for_timeout(300)
        assert dialogs == []
        browser.close()
        time.sleep(2)  # the server is idle: it lets go of the store for batch writers

        # run the export: the corrected deadline is in the deadlines Parquet and CSV, and the log is exported
        with Store(db, wait_seconds=20) as store:
            store.export(tmp_path / "export")
    def parquet(table: str) -> list[dict]:
        return [row for path in sorted((tmp_path / "export" / table).rglob("*.parquet"))
                for row in pq.read_table(path).to_pylist()]

    deadlines = parquet("deadlines")
    mine = [d for d in deadlines if d["measure_id"] == measure_id]
    assert [(d["raw"], d["end"].isoformat()) for d in mine] == [(NEW_DEADLINE, "2026-04-15")]
    csv_rows = [row for path in (tmp_path / "export" / "deadlines").rglob("*.csv")
                for row in csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig")))]
    assert [(r["raw"], r["end"]) for r in csv_rows if r["measure_id"] == measure_id] == [(NEW_DEADLINE, "2026-04-15")]
    plans = {p["plan_id"]: p for p in parquet("plans")}
    assert plans[plan_id]["period_start"].isoformat() == "2025-09-01"
    log = parquet("corrections")
    assert {(r["field"], r["author"]) for r in log} >= {("deadline_raw", "reviewer1"), ("period_start", "reviewer1")}
    states = parquet("plan_states")
    assert [(s["plan_id"], s["state"], s["author"]) for s in states] == [(plan_id, "approved", "reviewer1")]


def test_source_views_of_each_format_and_the_cached_page_image(station_store, tmp_path):
    from fastapi.testclient import TestClient

    from tests.webapp.conftest import sign_in
    from webapp.app import create_app

    db = tmp_path / "jospar.duckdb"
    shutil.copyfile(station_store, db)
    with Store(db, read_only=True) as store:
        firsts = store.connection.execute("""SELECT d.media_type, min(m.measure_id), min(d.document_id)
            FROM main.measures m JOIN main.documents d USING (document_id) GROUP BY 1""").fetchall()
    by_type = {media.split("/")[-1][:4]: (measure_id, document_id) for media, measure_id, document_id in firsts}
    with TestClient(create_app(db, cache_dir=tmp_path / "cache"), base_url="http://127.0.0.1") as client:
        sign_in(client, "reader1")
        pdf = client.get(f"/measures/{by_type['pdf'][0]}").text
        assert '<svg class="page"' in pdf and '<rect class="row' in pdf
        png = re.search(r'<image href="([^"]+)"', pdf).group(1)
        first = client.get(png)
        assert first.status_code == 200 and first.headers["content-type"] == "image/png"
        assert list((tmp_path / "cache" / by_type["pdf"][1]).glob("*.png"))  # rendered once, then from disk
        assert client.get(png).content == first.content
        docx = client.get(f"/measures/{by_type['vnd.'][0]}").text
        assert 'class="grid source-table"' in docx and '<tr class="row">' in docx
        text = client.get(f"/measures/{by_type['plai'][0]}").text
        assert '<pre class="source">' in text and '<mark class="row' in text
        original = client.get(f"/documents/{by_type['vnd.'][1]}/original")
        assert original.headers["content-type"] == "application/octet-stream"
        assert original.headers["content-disposition"].startswith("attachment; filename=")
        assert original.content[:2] == b"PK"
        assert client.get(f"/documents/{by_type['pdf'][1]}/pages/999.png").status_code == 404
        assert client.get("/documents/nothex/original").status_code == 400
