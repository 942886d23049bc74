"""Screenshots of the web app's main pages for the README, taken with the Debian Chromium.

    .venv/bin/python webapp/docs/make_screenshots.py

Builds a store of the bundled samples (the seed letters as TXT, DOCX and PDF), adds a reviewer, corrects a
deadline and a plan period, starts `jospar web` and saves PNGs beside this script.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from pipeline.extract import extract_path  # noqa: E402
from store import Store, accounts, review, write_outputs  # noqa: E402
from tests.webapp.browser import CHROMIUM, CHROMIUM_ARGS, sign_in, web_server  # noqa: E402

HERE = Path(__file__).resolve().parent
PASSWORD = "screenshot-password"


def build(folder: Path) -> tuple[Path, str, str]:
    samples = ROOT / "data" / "samples"
    files = [p for ext in ("pdf", "docx", "txt") for p in sorted(samples.glob(f"*.{ext}"))]
    write_outputs([extract_path(f) for f in files], folder)
    db = folder / "jospar.duckdb"
    with Store(db) as store:
        con = store.connection
        accounts.add_user(con, "a.seitkali", PASSWORD, "reviewer", "kk")
        accounts.add_user(con, "m.ivanova", PASSWORD, "reviewer", "ru")
        measure_id, plan_id = con.execute(
            """SELECT m.measure_id, m.plan_id FROM main.measures m JOIN main.documents d USING (document_id)
               JOIN main.plans p USING (plan_id) WHERE d.media_type = 'application/pdf' AND p.parent_plan_id IS NOT NULL
               ORDER BY m.plan_id, m."ordinal" LIMIT 1""").fetchall()[0]
        review.correct_measure(con, measure_id, "deadline_raw", "2026 жылғы 15 сәуірге дейін", "a.seitkali",
                               "жыл қате оқылған")
        review.correct_plan(con, plan_id, "period_start", "2025-09-01", "a.seitkali", "кезең жоғалған")
        review.set_plan_state(con, plan_id, "in_review", "a.seitkali")
    return db, measure_id, plan_id


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="jospar-shots-"))
    try:
        db, measure_id, plan_id = build(folder / "out")
        jospar = str(ROOT / ".venv" / "bin" / "jospar")
        with web_server(jospar, db) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            shots = {"ru": [("documents", "/"), ("search", "/search?q=тамақ&all=1"),
                            ("measure", f"/measures/{measure_id}"), ("plan", f"/plans/{plan_id}"),
                            ("due", "/due?month=2023-03"), ("queue", "/queue"), ("compare", f"/compare/{plan_id}")],
                     "kk": [("measure-kk", f"/measures/{measure_id}"), ("due-kk", "/due?month=2023-03")]}
            for lang, pages in shots.items():
                page = browser.new_page(viewport={"width": 1440, "height": 960})
                page.goto(f"{base}/login")
                page.screenshot(path=str(HERE / "login.png"))
                sign_in(page, base, "a.seitkali" if lang == "kk" else "m.ivanova", PASSWORD)
                for name, url in pages:
                    page.goto(base + url)
                    page.screenshot(path=str(HERE / f"{name}.png"))
                    print("saved", HERE / f"{name}.png")
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
