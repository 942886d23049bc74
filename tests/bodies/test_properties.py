"""Property: normalize_responsible never raises and hands back what was written."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from pipeline.bodies import analyse_responsible, normalize_responsible
from pipeline.bodies.text import clean
from schemas import Body

FRAGMENTS = [
    "облыстық", "білім", "басқармасы", "департаменті", "балалардың құқықтарын қорғау", "бөлімі", "және", "мен",
    "(келісім бойынша)", "(келiсiм бойынша", "келісім бойынша)", "(бірлесіп орындаушы)", "(жауапты)",
    "Управление образования", "отдел", "управления", "и", "здравоохранения", "(по согласованию)", "по согл.",
    "(соисполнитель)", "(свод)", "Соисполнители:", "Жауапты орындаушы:", "БББ", "Қ(А)БББ", "Қ(А) БББ", "ББҮ",
    "СӘБД", "СЭББ", "МП РК", "ҚР ОАМ", "КДН и ЗП", "ДВД", "т.б.", "и др.", "департа-", "менті", "(", ")", ",",
    ";", "\n", " ", "  ", "-", "–", "•", "1)", ".", "«", "»", "\u00ad", "\t", "A", "O", "1",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet="абвӘәҚқҰұҮүІіABC()-,;.\n ", max_size=6)),
    max_size=25,
).map("".join)
GLOSSARY = st.one_of(st.none(), st.dictionaries(
    st.sampled_from(["БББ", "Қ(А) БББ", "ББҰ", "СЭБД", "УО", "ОО", "", " ", "("]),
    st.text(max_size=30), max_size=4))


def _letters(text: str) -> str:
    return re.sub(r"[\W_]", "", clean(text))


@settings(max_examples=400, deadline=None)
@given(TEXT, GLOSSARY)
def test_never_raises_and_names_come_from_the_input(text, glossary):
    bodies = normalize_responsible(text, glossary)
    assert isinstance(bodies, list) and all(isinstance(b, Body) for b in bodies)
    letters = _letters(text)
    for body in bodies:
        assert body.name.strip() == body.name and body.name
        assert _letters(body.name) in letters  # the name as written (spacing, hyphens aside)
        assert body.role in (None, "lead", "co")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_unicode_string(text):
    found = analyse_responsible(text)
    assert all(isinstance(b, Body) for b in found.bodies)
    assert all(isinstance(u, str) for u in found.unknown)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_agreement_only_when_written(text):
    folded = clean(text).casefold()
    said = any(k in folded for k in ("бойынша", "бойiнша", "соглас", "согл"))
    for body in normalize_responsible(text):
        assert not body.by_agreement or said


def test_non_string_and_empty_inputs():
    assert normalize_responsible("") == []
    assert normalize_responsible("   \n ,;") == []
    assert normalize_responsible(None) == []  # type: ignore[arg-type]


def test_results_are_fresh_objects():
    first = normalize_responsible("облыстық білім басқармасы")
    first[0].name = "changed"
    assert normalize_responsible("облыстық білім басқармасы")[0].name == "облыстық білім басқармасы"
