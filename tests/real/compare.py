"""Compare `jospar extract` on the real documents (../shared/real/files) with tests/real/expected.json.

    .venv/bin/python -m tests.real.compare [FILES_DIR] [--save out.jsonl] [--load out.jsonl]
        # prints one line per file: expected vs got (--load compares a saved run without extracting)

Used by tests/real/test_real_files.py and to write the README's per-file figures.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

HERE = Path(__file__).resolve().parent
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))["files"]
SPOT_MIN = 80  # rapidfuzz ratio of a spot check's words against the start of a measure (OCR noise)


def extract_all(files_dir: Path, jospar_bin: str, names: list[str] | None = None) -> dict[str, dict]:
    """One `jospar extract --json` run over the files; Documents by file name."""
    paths = [files_dir / n for n in (names or sorted(EXPECTED))]
    proc = subprocess.run([jospar_bin, "extract", *map(str, paths), "--json"], capture_output=True, text=True,
                          timeout=3600)
    docs = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    return {Path(d["source"]["path"]).name: d for d in docs}


def _norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", (text or "").casefold().replace("ё", "е")).split())


def _starts_like(text: str, words: str) -> bool:
    """The measure text opens with the words (after a number, bullet or dash), allowing OCR noise."""
    want, have = _norm(words), _norm(text)
    if not want:
        return True
    have = re.sub(r"^(?:\d{1,3} )+", "", have)
    head = have[: len(want) + 8]
    return have.startswith(want) or fuzz.partial_ratio(want, head) >= SPOT_MIN


def _deadline_like(got: str | None, want: str | None) -> bool:
    if not want:
        return True
    return bool(got) and (_norm(want) in _norm(got) or fuzz.partial_ratio(_norm(want), _norm(got)) >= SPOT_MIN)


@dataclass
class Comparison:
    name: str
    has_plan: bool
    got_plans: list[int] = field(default_factory=list)
    want_plans: list[int] = field(default_factory=list)
    totals_ok: bool = False
    spot_failures: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.totals_ok and not self.spot_failures

    def line(self) -> str:
        got, want = sum(self.got_plans), sum(self.want_plans)
        verdict = "ok" if self.ok else "OPEN"
        spots = f" spot checks failed: {len(self.spot_failures)}" if self.spot_failures else ""
        return (f"{verdict:4} {self.name:30} measures {got:4}/{want:<4} plans {len(self.got_plans)}/{len(self.want_plans)}"
                f"{spots}  flags={','.join(self.flags)}")


def compare(name: str, doc: dict | None) -> Comparison:
    want = EXPECTED[name]
    c = Comparison(name=name, has_plan=want["has_plan"], want_plans=[p["measures"] for p in want["plans"]])
    if doc is None:
        c.spot_failures.append("no Document")
        return c
    c.flags = sorted({f["code"] for f in doc["flags"]})
    c.got_plans = [len(p["measures"]) for p in doc["plans"]]
    if not want["has_plan"]:
        c.totals_ok = not doc["plans"]
        return c
    total, tol = sum(c.got_plans), want.get("tolerance", 0)
    c.totals_ok = any(abs(total - t) <= tol for t in [sum(c.want_plans), *want.get("accept_total", [])])
    measures = [m for p in doc["plans"] for m in p["measures"]]
    for plan_no, p in enumerate(want["plans"]):
        for spot in p.get("spot_checks", []):
            if not _spot_found(spot, doc["plans"] if len(doc["plans"]) == len(want["plans"]) else [], plan_no, measures):
                c.spot_failures.append(f"{spot.get('number')} {spot['text']!r} {spot.get('deadline_raw')!r}")
    return c


def _spot_found(spot: dict, plans: list[dict], plan_no: int, measures: list[dict]) -> bool:
    """A measure with the number (when printed), opening with the words, with the deadline (when given).
    An ordinal is checked inside the plan of the same place (`plans` is empty when the document's plans
    are not split as expected; then any measure may match)."""
    pool = measures
    if spot.get("ordinal") and plan_no < len(plans):
        k = spot["ordinal"] - 1
        pool = plans[plan_no]["measures"][k:k + 1]
    for m in pool:
        if spot.get("number") is not None and m.get("number") != spot["number"]:
            continue
        if _starts_like(m.get("text", ""), spot["text"]) and _deadline_like(m.get("deadline_raw"), spot.get("deadline_raw")):
            return True
    return False


def main(argv: list[str]) -> int:
    root = HERE.parents[1]
    ap = argparse.ArgumentParser(prog="tests.real.compare")
    ap.add_argument("files", nargs="?", default=str(root.parent / "shared" / "real" / "files"))
    ap.add_argument("--save", help="write the Documents (JSON Lines) here")
    ap.add_argument("--load", help="compare Documents saved before instead of extracting")
    args = ap.parse_args(argv[1:])
    if args.load:
        docs = {Path(d["source"]["path"]).name: d for d in map(json.loads, Path(args.load).read_text().splitlines())}
    else:
        docs = extract_all(Path(args.files), str(root / ".venv" / "bin" / "jospar"))
    if args.save:
        Path(args.save).write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs.values()))
    for name in sorted(EXPECTED):
        c = compare(name, docs.get(name))
        print(c.line())
        for failure in c.spot_failures:
            print(f"       spot check not found: {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
