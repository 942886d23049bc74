"""Hostile document text is escaped everywhere, headers forbid scripts, hosts are pinned, and no template
marks anything safe."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.webapp.hostile import FORMULA, IMG, SCRIPT, TITLE_ATTACK
from webapp.pages import TEMPLATES_DIR

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_IMG = "&lt;img src=x onerror=alert(2)&gt;"


class _Elements(HTMLParser):
    """The element names and on* attributes a browser would see in the page."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.handlers: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]

    @classmethod
    def of(cls, page: str) -> "_Elements":
        parser = cls()
        parser.feed(page)
        return parser


def _pages(ids):
    return ["/", f"/plans/{ids['hostile_plan']}", f"/measures/{ids['hostile_m1']}", f"/measures/{ids['hostile_m2']}",
            "/coverage", "/due?month=2023-03"]


def test_hostile_text_is_escaped_on_every_page(shared_client, ids):
    plan_page = shared_client.get(f"/plans/{ids['hostile_plan']}").text
    assert ESCAPED_SCRIPT in plan_page and ESCAPED_IMG in plan_page
    assert "&#34;&gt;&lt;svg onload=alert(3)&gt;" in plan_page  # the title, quote escaped too
    assert FORMULA.replace('"', "&#34;").replace("&A1", "&amp;A1") in plan_page  # shown as text, as written
    for url in _pages(ids):
        page = shared_client.get(url).text
        for raw in (SCRIPT, IMG, TITLE_ATTACK, "<svg"):
            assert raw not in page, (url, raw)
        tags = _Elements.of(page)
        assert not tags.names & {"script", "img", "svg", "iframe", "object"}, url
        assert not tags.handlers, url  # no element carries an event-handler attribute


def test_security_headers_on_pages_errors_static_and_json(shared_client, ids):
    for url in _pages(ids) + ["/healthz", "/static/app.css", "/plans/0123456789abcdef:p0", "/plans/zzz", "/x"]:
        headers = shared_client.get(url).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'none'" in csp, url
        assert "frame-ancestors 'none'" in csp, url
        assert headers["x-content-type-options"] == "nosniff", url
        assert headers["referrer-policy"] == "same-origin", url


def test_foreign_host_header_is_refused(shared_client):
    """DNS rebinding: a hostile name resolved to 127.0.0.1 arrives with its own Host header."""
    response = shared_client.get("/", headers={"Host": "evil.example:8765"})
    assert response.status_code == 400
    assert "content-security-policy" in response.headers


def test_templates_never_mark_text_safe_and_have_no_inline_script_or_style():
    for template in Path(TEMPLATES_DIR).glob("*.html"):
        source = template.read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", ""), template.name
        assert "autoescape" not in source and "Markup" not in source, template.name
        assert "<script" not in source and "style=" not in source, template.name
        assert not re.search(r"\son\w+=", source), template.name


def test_autoescape_is_on_in_the_environment():
    from webapp.pages import make_environment

    env = make_environment()
    assert env.from_string("{{ x }}").render(x=SCRIPT) == ESCAPED_SCRIPT
    assert env.from_string('<a title="{{ x }}">').render(x='" onmouseover="alert(1)') == \
        '<a title="&#34; onmouseover=&#34;alert(1)">'


@pytest.mark.parametrize("path", ["/measures/../../etc/passwd", "/plans/%2F..%2Fapp.py", "/static/../app.py"])
def test_path_tricks_do_not_escape_the_app(shared_client, path):
    response = shared_client.get(path)
    assert response.status_code in (400, 404)
    assert "import" not in response.text
