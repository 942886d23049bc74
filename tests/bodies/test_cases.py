"""The public table of responsible cells (cases.jsonl, one case a line): every cell gives exactly the
expected bodies (name as written, kind, by-agreement), each with its span in the raw cell."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.bodies import normalize_responsible

CASES = [json.loads(line) for line in Path(__file__).with_name("cases.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]


def test_table_is_bilingual():
    assert len(CASES) >= 100
    langs = {c["lang"] for c in CASES}
    assert langs == {"kk", "ru"} and min(sum(c["lang"] == lang for c in CASES) for lang in langs) >= 40


@pytest.mark.parametrize("case", CASES, ids=[f"{i}:{c['lang']}:{c['raw'][:30]}" for i, c in enumerate(CASES, 1)])
def test_case(case):
    got = normalize_responsible(case["raw"])
    have = [{"name": b.name, "kind": b.kind, "by_agreement": b.by_agreement} for b in got]
    assert have == case["bodies"]
    for body in got:
        assert body.span is not None
        written = case["raw"][body.span.start:body.span.end]
        assert " ".join(written.split()).replace("- ", "-") .startswith(body.name.split()[0][:3]) or body.name in written
