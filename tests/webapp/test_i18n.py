"""Kazakh, Russian and English pages: every message the templates use is translated, values shown as words
(states, kinds, fields) too, deadlines and dates read in words, and the language is chosen per user."""
from __future__ import annotations

import datetime as dt
import html
import re

from schemas.records import Deadline
from store.review_sql import CORRECTABLE_PLAN_FIELDS, PLAN_STATES
from webapp.deadline_words import date_words, deadline_words
from webapp.i18n import MESSAGES, translate
from webapp.pages import TEMPLATES_DIR
from webapp.queries import CORRECTABLE_FIELDS
from webapp.views import FACET_LABELS
from tests.webapp.conftest import ORIGIN

D = dt.date


def test_every_template_message_and_shown_value_has_kazakh_and_russian():
    used = set()
    for template in TEMPLATES_DIR.glob("*.html"):
        used |= set(re.findall(r'_\("([^"]+)"\)', template.read_text(encoding="utf-8")))
    used |= set(PLAN_STATES) | set(CORRECTABLE_PLAN_FIELDS) | {label for _, label in CORRECTABLE_FIELDS}
    used |= set(FACET_LABELS.values()) | {"date", "range", "period", "recurring", "continuous", "event", "unspecified"}
    missing = sorted(m for m in used if m not in MESSAGES)
    assert missing == []
    for kk, ru in MESSAGES.values():
        assert kk and ru
    assert translate("Documents", "kk") == "Құжаттар" and translate("Documents", "ru") == "Документы"
    assert translate("Documents", "en") == "Documents" and translate("not a message", "kk") == "not a message"


def test_deadlines_and_dates_in_words():
    yearly = Deadline(raw="жыл сайын 15 наурызға дейін", kind="recurring", freq="yearly", by=True,
                      rrule="FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15")
    assert deadline_words(yearly, "kk") == "жыл сайын 15 наурызға дейін"
    assert deadline_words(yearly, "ru") == "ежегодно, до 15 марта"
    quarterly = Deadline(raw="ежеквартально до 5 числа", kind="recurring", freq="quarterly", by=True,
                         rrule="FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=5")
    assert deadline_words(quarterly, "kk") == "тоқсан сайын, айдың 5-іне дейін"
    assert deadline_words(quarterly, "ru") == "ежеквартально, до 5-го числа"
    monthly = Deadline(raw="ай сайын 20-на дейін", kind="recurring", freq="monthly", by=True,
                       rrule="FREQ=MONTHLY;BYMONTHDAY=20")
    assert deadline_words(monthly, "kk") == "ай сайын, айдың 20-сына дейін"
    assert deadline_words(Deadline(raw="x", kind="date", end=D(2023, 9, 1), by=True), "kk") == \
        "2023 жылғы 1 қыркүйекке дейін"
    assert deadline_words(Deadline(raw="x", kind="date", end=D(2023, 9, 1), by=True), "ru") == "до 1 сентября 2023 г."
    assert deadline_words(Deadline(raw="үнемі", kind="continuous"), "ru") == "постоянно"
    assert deadline_words({"kind": "recurring", "freq": "yearly", "times_per_period": 4, "raw": "жылына 4 рет",
                           "rrule": None, "by": False}, "kk") == "жылына 4 рет"
    stored = {"kind": "date", "raw": "x", "end": D(2023, 9, 1), "deadline_words_ru": "как записано", "measure_id": "m"}
    assert deadline_words(stored, "ru") == "как записано"  # a deadlines row: its stored words
    assert deadline_words(yearly, "en") == "every year, by 15 March"
    assert deadline_words(quarterly, "en") == "every quarter, by day 5"
    assert date_words(D(2024, 4, 20), "en", by=True) == "by 20 April 2024"
    assert date_words(D(2024, 4, 20), "kk", by=True) == "2024 жылғы 20 сәуірге дейін"


def test_the_language_is_chosen_per_user_and_per_visitor(client, anonymous):
    assert "Documents" in client.get("/").text
    client.post("/lang", data={"lang": "kk", "csrf": client.csrf}, headers=ORIGIN)
    page = html.unescape(client.get("/due?month=2023-03").text)
    assert "Құжаттар" in page and "Кім жауапты" in page and "2023 жылғы наурыз" in page
    assert "жыл сайын 15 наурызға дейін" in page  # the hostile plan's yearly deadline, in words
    assert 'lang="kk"' in page
    russian = anonymous.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9"})  # the sign-in page, in Russian
    assert "Пароль" in russian.text and "Документы" in russian.text
