"""A real browser against the real server: `jospar web` on a free loopback port, headless Chromium
driven by Playwright. The hostile document's markup must show as text and nothing may run."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.webapp.browser import CHROMIUM, CHROMIUM_ARGS, sign_in, web_server
from tests.webapp.conftest import ACCOUNTS
from tests.webapp.hostile import FORMULA, IMG, SCRIPT, TITLE_ATTACK

@pytest.fixture
def server(jospar_bin: str, db_path: Path):
    with web_server(jospar_bin, db_path) as base:
        yield base


@pytest.fixture
def browser_page():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        yield page
        browser.close()


def test_hostile_plan_shows_markup_as_text_and_runs_nothing(server, browser_page, ids, tmp_path):
    page = browser_page
    sign_in(page, server, "reader1", ACCOUNTS["reader1"][0])
    dialogs, console = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: console.append(m.text))
    response = page.goto(f"{server}/plans/{ids['hostile_plan']}")
    assert response.status == 200
    assert "script-src 'none'" in response.headers["content-security-policy"]
    assert TITLE_ATTACK in page.locator("h1").inner_text()
    body = page.locator("table.measures").inner_text()
    assert SCRIPT in body and IMG in body and FORMULA in body
    assert "Мектеп әкімшілігі" in body and "Ежемесячный мониторинг" in body
    assert page.locator("script").count() == 0
    assert page.locator("main img, main svg").count() == 0
    assert page.evaluate("() => typeof window.alert") == "function"  # the page loaded, alert just never ran
    page.wait_for_timeout(300)  # give a would-be onerror handler time to fire
    assert dialogs == []
    # the stylesheet applied (served under the same CSP): section rows are tinted
    assert page.locator("tr.section td").count() == 0 or page.eval_on_selector(
        "tr.section td", "e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.screenshot(path=str(tmp_path / "hostile_plan.png"), full_page=True)
    assert (tmp_path / "hostile_plan.png").stat().st_size > 10_000
    assert not [c for c in console if "alert" in c and "Refused" not in c]


def test_correction_through_the_browser_form(server, browser_page, ids, tmp_path):
    """Chromium's own Origin header passes the same-origin check; PRG lands back on the measure."""
    page = browser_page
    sign_in(page, server, "reviewer1", ACCOUNTS["reviewer1"][0])
    page.goto(f"{server}/measures/{ids['hostile_m1']}")
    page.select_option("#field", "indicator")
    page.fill("#value", "Мектептердің 100%-ы қамтылды")
    page.fill("#note", "формула орнына мәтін")
    with page.expect_navigation():
        page.click("form.correction button[type=submit]")
    assert page.url.endswith(f"/measures/{ids['hostile_m1']}?saved=1#history")
    assert "Correction saved." in page.inner_text("main")
    assert "reviewer1" in page.locator("#history + table").inner_text()
    page.goto(f"{server}/plans/{ids['hostile_plan']}")
    assert "Мектептердің 100%-ы қамтылды" in page.locator("table.measures").inner_text()
    page.goto(f"{server}/coverage")
    assert page.locator("td.cell.st-modified").count() >= 2
    page.screenshot(path=str(tmp_path / "coverage.png"), full_page=True)
