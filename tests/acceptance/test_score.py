"""The customer's acceptance figures: ../shared/eval/score.py on the seeds and on their DOCX/PDF renderings.
Skips when ../shared is absent (the scorer and the gold live there)."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

EXTRACT_FLOORS = {
    "plans": 1.0, "measures": 1.0, "count_exact": 1.0, "text": 0.97, "cells": 0.97, "section": 0.95,
    "columns": 1.0, "glossary": 1.0, "deadlines": 0.95, "responsible_f1": 0.95, "letters": 0.95,
}
DIFF_FLOORS = {"pairs": 1.0, "dropped": 1.0, "added": 1.0, "material": 1.0}


def score(shared, jospar_bin, mode, inputs) -> dict[str, float]:
    cmd = [sys.executable, str(shared / "eval" / "score.py"), mode, *map(str, inputs), "--cmd", jospar_bin]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("score:") and "crashed" not in last, proc.stdout + proc.stderr
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_extraction_meets_the_floors(shared_dir, jospar_bin, samples_dir, fmt):
    inputs = sorted(samples_dir.glob(f"*.{fmt}"))
    assert len(inputs) == 5
    got = score(shared_dir, jospar_bin, "extract", inputs)
    below = {k: got.get(k) for k, floor in EXTRACT_FLOORS.items() if got.get(k, 0.0) < floor}
    assert not below, f"below floor: {below} (all: {got})"


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_diff_meets_the_floors(shared_dir, jospar_bin, samples_dir, fmt):
    got = score(shared_dir, jospar_bin, "diff", sorted(samples_dir.glob(f"000_*.{fmt}")))
    below = {k: got.get(k) for k, floor in DIFF_FLOORS.items() if got.get(k, 0.0) < floor}
    assert not below, f"below floor: {below} (all: {got})"
