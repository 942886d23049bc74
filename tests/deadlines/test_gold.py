"""Every deadline of the hand-checked gold files (../shared/gold), compared as score.py compares them.

Skips cleanly when ../shared is absent.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
from pathlib import Path

import pytest

from pipeline.deadlines import detect_period, find_deadlines_in_text, normalize_deadline
from schemas import Period

# the same place tests/conftest.py's `shared_dir` fixture looks (needed here at collection time)
SHARED = Path(os.environ.get("JOSPAR_SHARED", Path(__file__).resolve().parents[3] / "shared"))
pytestmark = pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared/gold is not present")


def _score_module(shared: Path):
    spec = importlib.util.spec_from_file_location("jospar_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold_measures():
    if not (SHARED / "gold").is_dir():
        return []
    out = []
    for path in sorted((SHARED / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for plan in gold.get("plans", []):
            period = plan.get("period")
            period = Period(start=dt.date.fromisoformat(period["start"]), end=dt.date.fromisoformat(period["end"])) if period else None
            for measure in plan.get("measures", []):
                if "deadlines" in measure:
                    out.append(pytest.param(plan["kind"], period, measure, id=f"{path.stem[:3]}:{measure.get('number')}"))
    return out


@pytest.mark.parametrize("kind, period, measure", _gold_measures())
def test_gold_deadlines(kind, period, measure, shared_dir):
    score = _score_module(shared_dir)
    expected = measure["deadlines"]
    if kind == "list":
        got = find_deadlines_in_text(measure.get("text") or measure.get("text_start") or "", period)
    else:
        # the cell as written: deadline_raw, or the gold raws one per line (seed 001 keeps them apart)
        cell = measure.get("deadline_raw") or "\n".join(d["raw"] for d in expected)
        got = normalize_deadline(cell, period) if cell else []
    got_json = [d.model_dump(mode="json") for d in got]
    assert score.deadlines_ok(expected, got_json), got_json
    assert [d["raw"] for d in got_json if d["kind"] != "unspecified"] == [d["raw"] for d in expected]


@pytest.mark.parametrize("seed, heading_lines, start, end", [
    ("001", 5, "2011-08-01", "2011-09-30"),
    ("002", 1, "2025-09-01", "2026-08-31"),
])
def test_gold_plan_periods_from_seed_headings(seed, heading_lines, start, end, shared_dir):
    [path] = (shared_dir / "seeds").glob(f"{seed}_*.txt")
    lines = path.read_text(encoding="utf-8").splitlines()[:heading_lines]
    period = detect_period(lines)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
