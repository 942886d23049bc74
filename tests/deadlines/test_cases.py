"""The table of deadline strings (cases.tsv): every string gives exactly the expected deadlines."""
from __future__ import annotations

import pytest

from pipeline.deadlines import normalize_deadline
from tests.deadlines.casefile import load_cases

CASES = load_cases()


def test_table_is_large_and_bilingual():
    russian = sum(c.lang == "ru" for c in CASES)
    assert len(CASES) >= 150
    assert russian / len(CASES) >= 0.4


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case):
    got = normalize_deadline(case.text, case.period)
    summary = [d.model_dump(exclude={"confidence", "event"}) for d in got]
    assert len(got) == len(case.expected), summary
    for deadline, want in zip(got, case.expected):
        have = {key: getattr(deadline, key) for key in want if key != "relative"}
        if "relative" in want:
            assert deadline.relative is not None, summary
            have["relative"] = {k: getattr(deadline.relative, k) for k in want["relative"]}
        assert have == want, summary
        assert deadline.raw and deadline.raw in case.text
