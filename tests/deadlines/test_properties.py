"""Property: the normalisers never raise and always hand back the raw text."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.deadlines import detect_period, find_deadlines_in_text, normalize_deadline
from pipeline.deadlines.text import nfc, prepare
from schemas import Period

# Pieces deadline cells are made of, so the strings reach deep into the grammar, plus any text at all.
PIECES = ["до", "дейін", "жыл сайын", "ежегодно", "тоқсан", "квартал", "I", "І", "ІІ", "наурызға", "марта",
          "қыркүйегіне", "2024", "11", "ж.", "г.", "-", "–", " ", "\n", ";", ",", "01.09.2024", "29.07. 11",
          "31.02.2022", "с", "по", "мен", "аралығында", "бастап", "рет", "раз в", "айдың 1-күніне", "числа",
          "следующего за отчетным", "бейсенбі", "по четвергам", "О1.О9", "2022-2023", "оқу жылы", "\u00ad", "İ"]
cells = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=10).map(" ".join),
)
periods = st.one_of(
    st.none(),
    st.builds(lambda a, n: Period(start=a, end=a + dt.timedelta(days=n)),
              st.dates(dt.date(1990, 1, 1), dt.date(2090, 1, 1)), st.integers(0, 2000)),
    st.builds(Period),
)


@settings(max_examples=400, deadline=None)
@given(cells, periods)
def test_normalize_deadline_never_raises_and_keeps_raw(text, period):
    found = normalize_deadline(text, period)
    if nfc(text).strip():
        assert found, "a non-blank cell always gives at least one deadline"
    for deadline in found:
        assert deadline.raw and deadline.raw in nfc(text)


@settings(max_examples=300, deadline=None)
@given(cells, periods)
def test_find_deadlines_in_text_never_raises_and_keeps_raw(text, period):
    for deadline in find_deadlines_in_text(text, period):
        assert deadline.raw and deadline.raw in nfc(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, max_size=4))
def test_detect_period_never_raises(lines):
    period = detect_period(lines)
    assert period is None or (period.start <= period.end and period.raw)


@given(st.text(max_size=60))
def test_prepare_keeps_every_position(text):
    assert len(prepare(text)) == len(text)
