#!/usr/bin/env python3
"""Throughput of the two normalisers, as strings per second and as ratios against baselines run here.

    .venv/bin/python benchmarks/normalize.py [--repeat N] [--seconds S]

Rows marked (cold) forget the normalisers' caches of cells on every pass: what a batch of new documents costs.
Corpus: the strings of the test tables (tests/deadlines/cases.tsv; responsible strings from
tests/bodies/*.tsv|*.jsonl, else the gold files' responsible cells), repeated N times.
Baselines, over the same strings in the same run: a bare regex scan for numeric dates (the least any
date reader does) and dateutil.parser.parse(fuzzy=True) (a general date parser).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED_GOLD = ROOT.parent / "shared" / "gold"
NUMERIC_DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}")


def deadline_strings() -> list[str]:
    rows = (ROOT / "tests" / "deadlines" / "cases.tsv").read_text(encoding="utf-8").splitlines()
    return [r.split("\t")[2].replace("\\n", "\n") for r in rows if r.strip() and not r.startswith("#")]


def responsible_strings() -> list[str]:
    """The bodies helper's test table (the longest cell of a .tsv row, "text"/"raw" of a .jsonl row);
    without one, the gold files' responsible cells."""
    folder = ROOT / "tests" / "bodies"
    found: list[str] = []
    table = folder / "responsible_cases.json"
    if table.is_file():
        found += [c["raw"] for c in json.loads(table.read_text(encoding="utf-8"))["cases"]]
    for path in sorted(folder.glob("*.tsv")) if folder.is_dir() else []:
        for row in path.read_text(encoding="utf-8").splitlines():
            if row.strip() and not row.startswith("#"):
                found.append(max(row.split("\t"), key=len).replace("\\n", "\n"))
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        for row in path.read_text(encoding="utf-8").splitlines():
            obj = json.loads(row) if row.strip() else {}
            text = obj.get("text") or obj.get("raw") if isinstance(obj, dict) else None
            if isinstance(text, str):
                found.append(text)
    if not found and SHARED_GOLD.is_dir():
        for path in sorted(SHARED_GOLD.glob("*.json")):
            for plan in json.loads(path.read_text(encoding="utf-8")).get("plans", []):
                found += [m["responsible_raw"] for m in plan.get("measures", []) if m.get("responsible_raw")]
    return found


def rate(fn: Callable[[str], object], corpus: list[str], seconds: float) -> float:
    """Strings per second: whole passes over the corpus until `seconds` have gone by (at least one)."""
    done, began = 0, time.perf_counter()
    while True:
        for text in corpus:
            fn(text)
        done += len(corpus)
        elapsed = time.perf_counter() - began
        if elapsed >= seconds:
            return done / elapsed


def regex_scan(text: str) -> object:
    return NUMERIC_DATE.findall(text)


def dateutil_parse(text: str) -> object:
    from dateutil import parser

    try:
        return parser.parse(text, fuzzy=True, dayfirst=True)
    except (ValueError, OverflowError, TypeError):
        return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20, help="copies of the table strings in the corpus")
    ap.add_argument("--seconds", type=float, default=2.0, help="minimum time per measurement")
    args = ap.parse_args()

    from pipeline.deadlines import clear_cache, normalize_deadline

    deadlines = deadline_strings() * args.repeat
    rows = [("deadlines", "normalize_deadline", normalize_deadline, deadlines)]

    def deadline_cold(text: str, _seen: set = set()) -> object:
        # every distinct cell read again on each pass: the cost of cells never seen before
        if text in _seen:
            clear_cache()
            _seen.clear()
        _seen.add(text)
        return normalize_deadline(text)

    rows.append(("deadlines", "normalize_deadline(cold)", deadline_cold, deadlines))
    try:
        from pipeline.bodies import normalize_responsible
    except ImportError as exc:
        normalize_responsible = None
        print(f"responsible: pipeline.bodies not importable ({exc}); skipped")
    responsible = responsible_strings() * args.repeat
    if normalize_responsible and responsible:
        normalize_responsible(responsible[0])  # first call loads gazetteers; not part of the rate
        rows.append(("responsible", "normalize_responsible", normalize_responsible, responsible))
        from pipeline.bodies import clear_caches

        def cold(text: str, _seen: set = set()) -> object:
            # every distinct cell once per pass uncached: what a batch of new documents costs
            if text in _seen:
                clear_caches()
                _seen.clear()
            _seen.add(text)
            return normalize_responsible(text)

        rows.append(("responsible", "normalize_responsible(cold)", cold, responsible))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average (1 min): {load:.2f} on {os.cpu_count()} CPUs; compare the ratios, not the absolute rates")
    print(f"{'corpus':<12} {'strings':>8} {'function':<24} {'strings/s':>11} {'vs regex scan':>14} {'vs dateutil':>12}")
    for corpus_name, name, fn, corpus in rows:
        base_regex = rate(regex_scan, corpus, args.seconds)
        base_dateutil = rate(dateutil_parse, corpus, args.seconds)
        ours = rate(fn, corpus, args.seconds)
        print(f"{corpus_name:<12} {len(corpus):>8} {'regex scan (baseline)':<24} {base_regex:>11,.0f} {1.0:>14.3f} "
              f"{base_regex / base_dateutil:>12.2f}")
        print(f"{corpus_name:<12} {len(corpus):>8} {'dateutil (baseline)':<24} {base_dateutil:>11,.0f} "
              f"{base_dateutil / base_regex:>14.3f} {1.0:>12.2f}")
        print(f"{corpus_name:<12} {len(corpus):>8} {name:<24} {ours:>11,.0f} {ours / base_regex:>14.3f} "
              f"{ours / base_dateutil:>12.2f}")
    from pipeline.deadlines.calendar import _calendar

    info = _calendar.cache_info()
    print(f"holiday calendars built: {info.misses} (one per country used), looked up {info.hits} more times")
    return 0


if __name__ == "__main__":
    sys.exit(main())
