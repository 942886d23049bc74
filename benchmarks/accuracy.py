#!/usr/bin/env python3
"""Accuracy of the normalisers on the public test set, as the README reports it.

    .venv/bin/python benchmarks/accuracy.py

Deadlines (tests/deadlines/cases.tsv): a string counts when every expected deadline comes back with its
kind, dates, by, rule and relative fields, and no other. Bodies (tests/bodies/cases.jsonl and
responsible_cases.json): F1 over bodies matched by name (spacing and case aside) and by-agreement; kinds
are counted separately.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def deadlines() -> tuple[int, int, dict[str, list[int]]]:
    from pipeline.deadlines import normalize_deadline
    from tests.deadlines.casefile import load_cases

    ok = 0
    by_lang: dict[str, list[int]] = {}
    cases = load_cases()
    for case in cases:
        got = normalize_deadline(case.text, case.period)
        good = len(got) == len(case.expected) and all(_same(d, want) for d, want in zip(got, case.expected))
        ok += good
        by_lang.setdefault(case.lang, [0, 0])
        by_lang[case.lang][0] += good
        by_lang[case.lang][1] += 1
    return ok, len(cases), by_lang


def _same(deadline, want: dict) -> bool:
    for key, value in want.items():
        if key == "relative":
            if deadline.relative is None or any(getattr(deadline.relative, k) != v for k, v in value.items()):
                return False
        elif getattr(deadline, key) != value:
            return False
    return True


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("ё", "е").split())


def bodies() -> tuple[float, float, int, int]:
    from pipeline.bodies import normalize_responsible

    cases = [json.loads(x) for x in (ROOT / "tests/bodies/cases.jsonl").read_text(encoding="utf-8").splitlines() if x]
    old = json.loads((ROOT / "tests/bodies/responsible_cases.json").read_text(encoding="utf-8"))["cases"]
    cases += [{"raw": c["raw"], "bodies": [{"name": b[0], "by_agreement": b[1]} for b in c["bodies"]]} for c in old]
    tp = fp = fn = kinds = kinds_total = 0
    for case in cases:
        got = normalize_responsible(case["raw"])
        left = [(_key(b.name), b.by_agreement, b.kind) for b in got]
        for want in case["bodies"]:
            hit = next((x for x in left if x[:2] == (_key(want["name"]), want["by_agreement"])), None)
            if hit:
                left.remove(hit)
                tp += 1
                if "kind" in want:
                    kinds_total += 1
                    kinds += hit[2] == want["kind"]
            else:
                fn += 1
        fp += len(left)
    precision, recall = tp / ((tp + fp) or 1), tp / ((tp + fn) or 1)
    f1 = 2 * precision * recall / ((precision + recall) or 1)
    return f1, kinds / (kinds_total or 1), len(cases), tp + fn


def main() -> int:
    ok, total, by_lang = deadlines()
    langs = ", ".join(f"{lang} {a}/{n}" for lang, (a, n) in sorted(by_lang.items()))
    print(f"deadlines: {ok}/{total} strings exact ({ok / total:.3f}); {langs}")
    f1, kind_acc, n_cells, n_bodies = bodies()
    print(f"bodies: F1 {f1:.3f} over {n_bodies} bodies in {n_cells} cells; kind accuracy {kind_acc:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
