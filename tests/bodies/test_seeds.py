"""The seed documents' responsible cells against the customer's gold, scored as score.py scores them."""
from __future__ import annotations

import importlib.util
import json

import pytest

from pipeline.extract import extract_path

SEEDS = ["000_8c8bd9275c0215dc", "001_a737e2465b67cd3d", "002_f8fca9d81a5f40e7"]


def _scorer(shared_dir):
    spec = importlib.util.spec_from_file_location("jospar_score", shared_dir / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("stem", SEEDS)
def test_responsible_f1_is_perfect_on_seeds(stem, shared_dir):
    score = _scorer(shared_dir)
    gold = json.loads((shared_dir / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    doc = json.loads(extract_path(shared_dir / "seeds" / f"{stem}.txt").model_dump_json())
    tally = score.score_document(gold, doc)
    assert tally.ratio("responsible_f1") == 1.0


def test_seed_000_flags_unknown_and_variant_abbreviations(shared_dir):
    doc = extract_path(shared_dir / "seeds" / "000_8c8bd9275c0215dc.txt")
    flags = {f.code: f.message for f in doc.plans[0].flags}
    assert "СЭББ" in flags["unknown_abbreviation"]
    assert "ББҮ (ББҰ)" in flags["abbreviation_variant"] and "СӘБД (СЭБД)" in flags["abbreviation_variant"]
