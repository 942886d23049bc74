"""The HTML reports in a real browser: headless Chromium loads them from disk and dumps the DOM.
Checks the highlighted words are in the DOM and that hostile measure text stays text."""
from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.coverage import coverage
from pipeline.coverage_html import render_coverage_html
from pipeline.diff import diff_plans
from pipeline.diff.html import render_diff_html
from tests.diff.helpers import FIXTURES, plan, plans_from_tsv

HOSTILE = '<script>document.body.setAttribute("data-pwned","1")</script>'
HOSTILE_IMG = '<img src=x onerror="document.body.setAttribute(\'data-pwned\',\'2\')">'


class Elements(HTMLParser):
    """Every element as (tag, attributes, own text), and the page's whole text."""

    def __init__(self):
        super().__init__()
        self.elements: list[list] = []
        self.stack: list[list] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        element = [tag, dict(attrs), ""]
        self.elements.append(element)
        if tag not in ("br", "meta", "img", "input", "link"):
            self.stack.append(element)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        if self.stack:
            self.stack[-1][2] += data

    def by_class(self, tag, css):
        return [e[2] for e in self.elements if e[0] == tag and css in e[1].get("class", "").split()]


def dump_dom(path: Path, tmp_path: Path) -> Elements:
    profile = tmp_path / "chromium-profile"
    proc = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--dump-dom", path.resolve().as_uri()],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "<body" in proc.stdout, proc.stderr[-2000:]
    parsed = Elements()
    parsed.feed(proc.stdout)
    return parsed


@pytest.fixture(scope="module")
def diff_dom(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("diff_html")
    parent = plan([
        {"text": "Тамақ өнімдерінің сапасын бақылау бойынша ведомстволық сараптамалық топтардың қызметін талдау",
         "responsible_raw": "Қ(А)БББ, ББҮ", "indicator": "білім алушыларды 100% қамту"},
        {"text": f"{HOSTILE} Семинар өткізу", "responsible_raw": HOSTILE_IMG},
        {"text": "Робототехника үйірмелерінің желісін кеңейту"},
    ], title="Аудандық жоспар <b>bold?</b>")
    derived = plan([
        {"text": "Тамақ өнімдерінің сапасын бақылау бойынша ведомстваралық сараптамалық топтардың қызметін талдау.",
         "responsible_raw": "Мектеп әкімшілігі", "indicator": "Білім алушыларды 100 пайыз қамту"},
        {"text": f"{HOSTILE} Семинар өткізу және есеп беру", "responsible_raw": "Директор"},
        {"text": "<script>alert(1)</script>"},
    ], plan_id="d", title="Мектеп жоспары")
    path = tmp / "diff.html"
    path.write_text(render_diff_html([diff_plans(parent, derived)]), encoding="utf-8")
    return dump_dom(path, tmp)


def test_diff_dom_highlights_changed_words(diff_dom):
    assert diff_dom.by_class("del", "w-replace") == ["ведомстволық"]
    assert diff_dom.by_class("ins", "w-replace") == ["ведомстваралық"]
    assert "және есеп беру" in diff_dom.by_class("ins", "w-insert")
    assert "100 пайыз" in diff_dom.by_class("span", "w-cosmetic")  # cosmetic, not a replacement
    assert any("narrowed" in t for t in diff_dom.by_class("span", "narrowed"))


def test_diff_dom_keeps_hostile_text_as_text(diff_dom):
    assert not any(e[0] in ("script", "img") for e in diff_dom.elements)  # nothing was injected as markup
    body = next(e for e in diff_dom.elements if e[0] == "body")
    assert "data-pwned" not in body[1]  # no script ran
    text = "".join(diff_dom.text)
    assert HOSTILE in text and "<script>alert(1)</script>" in text and HOSTILE_IMG in text
    assert "Аудандық жоспар <b>bold?</b>" in text


def test_coverage_heatmap_in_the_browser(tmp_path):
    parent = plans_from_tsv(FIXTURES / "ru_split_parent.txt")[0]
    parent.title = HOSTILE
    schools = [plans_from_tsv(FIXTURES / f"{n}.txt")[0] for n in ("ru_split_derived", "ru_ocr_derived", "ru_deadline_derived")]
    schools[0].title = HOSTILE_IMG
    path = tmp_path / "coverage.html"
    path.write_text(render_coverage_html(coverage(parent, schools)), encoding="utf-8")
    dom = dump_dom(path, tmp_path)
    cells = [e for e in dom.elements if e[0] == "td" and "cell" in e[1].get("class", "").split()]
    assert len(cells) == 3 * 4
    assert [c[1]["data-status"] for c in cells[8:]] == ["dropped"] * 4  # the unrelated school's row
    assert {c[1]["data-status"] for c in cells[:8]} <= {"adopted", "modified"}
    assert all("background" in c[1]["style"] for c in cells)
    assert not any(e[0] in ("script", "img") for e in dom.elements)
    body = next(e for e in dom.elements if e[0] == "body")
    assert "data-pwned" not in body[1]
    assert HOSTILE_IMG in "".join(dom.text) and HOSTILE in "".join(dom.text)
