"""Table-driven: responsible cells as real plans write them -> the bodies expected."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.bodies import normalize_responsible

DATA = json.loads((Path(__file__).parent / "responsible_cases.json").read_text(encoding="utf-8"))
CASES = DATA["cases"]


def test_table_is_large_and_bilingual():
    assert len(CASES) >= 80
    assert sum(c["lang"] == "ru" for c in CASES) / len(CASES) >= 0.4


@pytest.mark.parametrize("case", CASES, ids=[f"case{i:03d}" for i in range(len(CASES))])
def test_cell(case):
    glossary = DATA["glossaries"][case["glossary"]] if case.get("glossary") else None
    got = [[b.name, b.by_agreement, b.canonical, b.role] for b in normalize_responsible(case["raw"], glossary)]
    assert got == case["bodies"]


@pytest.mark.parametrize("case", CASES, ids=[f"case{i:03d}" for i in range(len(CASES))])
def test_ids_follow_canonical(case):
    """A body with a canonical name has a stable ID and a source; one without has neither."""
    glossary = DATA["glossaries"][case["glossary"]] if case.get("glossary") else None
    for body in normalize_responsible(case["raw"], glossary):
        if body.canonical is None:
            assert body.body_id is None and body.source == "none"
        else:
            assert body.body_id and body.source in ("glossary", "gazetteer", "fuzzy")
            if body.source == "glossary":
                assert body.body_id.startswith("gl:")
