"""The hand-checked parent/derived fixture pairs (Kazakh and Russian) of fixtures/cases.json:
reordered, reworded, merged, split, added, deadlines shifted, responsible narrowed, OCR variants,
and plans derived from a different parent that must not be paired."""
from __future__ import annotations

import pytest

from pipeline.diff import diff_plans
from tests.diff.helpers import FILE_CASES, FIXTURES, PAIR_CASES, expected, plans_from_tsv, summary


def test_cases_cover_the_brief():
    names = {c["name"] for c in PAIR_CASES}
    assert len(PAIR_CASES) >= 8
    assert {c["language"] for c in PAIR_CASES} == {"kk", "ru"}
    assert any(c["merged"] for c in PAIR_CASES) and any(c["split"] for c in PAIR_CASES)
    assert any(c["added"] for c in PAIR_CASES) and any(c["narrowed"] for c in PAIR_CASES)
    assert {"kk_unrelated", "ru_unrelated"} <= names


@pytest.mark.parametrize("case", PAIR_CASES, ids=lambda c: c["name"])
def test_pair_from_fixture_rows(case):
    """The diff alone, on Plans read from the fixture rows by the test reader."""
    parent = plans_from_tsv(FIXTURES / f"{case['parent']}.txt")[0]
    derived = plans_from_tsv(FIXTURES / f"{case['derived']}.txt")[0]
    assert summary(diff_plans(parent, derived)) == expected(case)


@pytest.mark.parametrize("case", FILE_CASES, ids=lambda c: c["name"])
def test_single_file_from_fixture_rows(case):
    parent, derived = plans_from_tsv(FIXTURES / case["file"])
    assert summary(diff_plans(parent, derived)) == expected(case)


@pytest.mark.parametrize("case", [c for c in PAIR_CASES if "unrelated" in c["name"]], ids=lambda c: c["name"])
def test_unrelated_parent_pairs_nothing(case):
    parent = plans_from_tsv(FIXTURES / f"{case['parent']}.txt")[0]
    derived = plans_from_tsv(FIXTURES / f"{case['derived']}.txt")[0]
    diff = diff_plans(parent, derived)
    assert diff.pairs == [] and diff.merged == [] and diff.split == []
    assert len(diff.dropped) == len(parent.measures) and len(diff.added) == len(derived.measures)


def test_every_measure_accounted_for_once():
    """Parent numbers: paired, dropped or merged into a pair, exactly once; likewise derived numbers."""
    for case in PAIR_CASES:
        parent = plans_from_tsv(FIXTURES / f"{case['parent']}.txt")[0]
        derived = plans_from_tsv(FIXTURES / f"{case['derived']}.txt")[0]
        diff = diff_plans(parent, derived)
        merged_extra = [n for g in diff.merged for n in g.parent_numbers if n not in {p.parent_number for p in diff.pairs}]
        split_extra = [n for g in diff.split for n in g.derived_numbers if n not in {p.derived_number for p in diff.pairs}]
        parents = [p.parent_number for p in diff.pairs] + diff.dropped + merged_extra
        derived_nums = [p.derived_number for p in diff.pairs] + diff.added + split_extra
        assert sorted(parents, key=int) == [m.number for m in parent.measures], case["name"]
        assert sorted(derived_nums, key=int) == [m.number for m in derived.measures], case["name"]
