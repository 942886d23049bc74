"""Properties over generated plans: cosmetic edits and reordering never make a pair `modified`,
every measure is accounted for exactly once, and no input makes the diff raise."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.diff import diff_plans
from tests.diff.helpers import FIXTURES, plan, plans_from_tsv

POOL = list(dict.fromkeys(m.text for path in sorted(FIXTURES.glob("*_parent.txt"))
                          for p in plans_from_tsv(path) for m in p.measures))

COSMETIC_EDITS = [
    str.upper, str.lower, lambda s: s + ".", lambda s: s.replace(" ", "  "),
    lambda s: s.replace("100%", "100 пайыз"), lambda s: re.sub(r"\bбір\b", "1", s),
    lambda s: s.replace("два", "2"), lambda s: s.replace("«", '"').replace("»", '"'),
    lambda s: s.replace("о", "o"),  # Latin o for Cyrillic о, as OCR does
]
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def family(draw):
    texts = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=12, unique=True))
    order = draw(st.permutations(range(len(texts))))
    edits = draw(st.lists(st.sampled_from(range(len(COSMETIC_EDITS))), min_size=len(texts), max_size=len(texts)))
    derived = [COSMETIC_EDITS[edits[k]](texts[k]) for k in order]
    return texts, list(order), derived


@SETTINGS
@given(family())
def test_cosmetic_edits_and_reordering_are_adopted(data):
    texts, order, derived = data
    d = diff_plans(plan([{"text": t} for t in texts]), plan([{"text": t} for t in derived], plan_id="d"))
    assert {p.derived_number: p.parent_number for p in d.pairs} == {str(j + 1): str(order[j] + 1) for j in range(len(order))}
    assert all(p.status == "adopted" for p in d.pairs)
    assert d.dropped == [] and d.added == []


@SETTINGS
@given(st.lists(st.sampled_from(POOL), min_size=0, max_size=10, unique=True),
       st.lists(st.sampled_from(POOL), min_size=0, max_size=10, unique=True))
def test_every_number_accounted_for_once(parent_texts, derived_texts):
    d = diff_plans(plan([{"text": t} for t in parent_texts]), plan([{"text": t} for t in derived_texts], plan_id="d"))
    paired_p = {p.parent_number for p in d.pairs}
    paired_d = {p.derived_number for p in d.pairs}
    merged = [n for g in d.merged for n in g.parent_numbers if n not in paired_p]
    split = [n for g in d.split for n in g.derived_numbers if n not in paired_d]
    assert sorted([*paired_p, *d.dropped, *merged], key=int) == [str(k) for k in range(1, len(parent_texts) + 1)]
    assert sorted([*paired_d, *d.added, *split], key=int) == [str(k) for k in range(1, len(derived_texts) + 1)]
    assert not d.flags or {f.code for f in d.flags} <= {"diff_empty_plan"}


@SETTINGS
@given(st.lists(st.text(max_size=60), max_size=6), st.lists(st.text(max_size=60), max_size=6),
       st.lists(st.one_of(st.none(), st.text(max_size=30)), min_size=6, max_size=6))
def test_arbitrary_text_never_raises(parent_texts, derived_texts, cells):
    rows_p = [{"text": t, "responsible_raw": cells[k % 6], "deadline_raw": cells[(k + 1) % 6]}
              for k, t in enumerate(parent_texts)]
    rows_d = [{"text": t, "responsible_raw": cells[(k + 2) % 6], "indicator": cells[(k + 3) % 6]}
              for k, t in enumerate(derived_texts)]
    d = diff_plans(plan(rows_p), plan(rows_d, plan_id="d"))
    assert not any(f.code == "diff_failed" for f in d.flags), d.flags
    assert all(0.0 <= p.similarity <= 1.0 for p in d.pairs)
