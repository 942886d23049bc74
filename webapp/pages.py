"""HTML rendering: one Jinja2 environment with autoescape on for every template, and the security headers.

Document text is hostile (it comes from letters anyone can send), so nothing is ever marked safe: every
value is escaped by Jinja2, and the Content-Security-Policy forbids scripts outright, so even a missed
escape could not run code. No template uses inline scripts or inline styles.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.responses import HTMLResponse

from webapp.deadline_words import date_words, deadline_words, month_words
from webapp.i18n import translator

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

SECURITY_HEADERS = {
    # default-src 'self' also forbids inline styles, so the heatmap colours are classes in app.css
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def apply_security_headers(headers: Any) -> None:
    for name, value in SECURITY_HEADERS.items():
        headers[name] = value


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _percent(value: float | None) -> str:
    return f"{round((value or 0) * 100)}%"


def _path_segment(value: str | None) -> str:
    """An ID as one URL path segment: ':' stays readable, '/', '?', '#' and the rest are percent-encoded."""
    return quote(value or "", safe=":")


def _query(params: dict[str, Any], **changes: Any) -> str:
    """A query string: the current view's parameters with some changed (sort, page, format)."""
    from urllib.parse import urlencode

    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "", False)}
    return "?" + urlencode(merged) if merged else ""


def make_environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["isodate"] = _date
    env.filters["percent"] = _percent
    env.filters["segment"] = _path_segment
    env.filters["query"] = _query
    return env


class Pages:
    def __init__(self) -> None:
        self.env = make_environment()

    def render(self, template: str, status_code: int = 200, visitor: Any = None, **context: Any) -> HTMLResponse:
        lang = getattr(visitor, "lang", None) or "en"
        context.setdefault("nav", "")
        html = self.env.get_template(template).render(
            _=translator(lang), lang=lang, visitor=visitor,
            dw=lambda d, in_lang=None: deadline_words(d, in_lang or lang), dd=lambda day, by=False: date_words(day, lang, by),
            mw=lambda year, month: month_words(year, month, lang), **context)
        response = HTMLResponse(html, status_code=status_code)
        apply_security_headers(response.headers)  # also on error pages built outside the middleware
        return response

    def error(self, status_code: int, title: str, message: str, visitor: Any = None) -> HTMLResponse:
        return self.render("error.html", status_code, visitor=visitor, title=title, message=message,
                           status=status_code, nav="")
