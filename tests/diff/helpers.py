"""Builders for the diff tests: Plans from the tab-separated fixture plans (a unit-test reader that is
independent of the real extraction, so the diff is tested on its own), and Plans from keyword rows."""
from __future__ import annotations

import json
from pathlib import Path

from schemas.records import Column, Measure, Plan

FIXTURES = Path(__file__).parent / "fixtures"
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
PAIR_CASES = [c for c in CASES if "parent" in c]
FILE_CASES = [c for c in CASES if "file" in c]

_ROLES = [("№", "number"), ("атауы", "measure"), ("наименование", "measure"), ("жауапты", "responsible"),
          ("ответствен", "responsible"), ("мерзім", "deadline"), ("срок", "deadline"), ("нысан", "form"),
          ("форма", "form"), ("индикатор", "indicator")]
_FIELD = {"responsible": "responsible_raw", "deadline": "deadline_raw", "form": "completion_form",
          "indicator": "indicator", "measure": "text", "number": "number"}


def _role(header: str) -> str:
    low = header.casefold()
    return next((role for key, role in _ROLES if key in low), "other")


def plans_from_tsv(path: Path) -> list[Plan]:
    """Every plan of a fixture file: a header row starting with "№<TAB>", rows until a blank line; the
    title is the last non-empty line above the header."""
    lines = path.read_text(encoding="utf-8").splitlines()
    plans: list[Plan] = []
    k = 0
    while k < len(lines):
        if not lines[k].startswith("№\t"):
            k += 1
            continue
        title = next((lines[t] for t in range(k - 1, -1, -1) if lines[t].strip()), None)
        roles = [_role(h) for h in lines[k].split("\t")]
        plan_id = f"{path.stem}:p{len(plans)}"
        plan = Plan(plan_id=plan_id, title=title,
                    columns=[Column(header=h, role=r, index=i) for i, (h, r) in enumerate(zip(lines[k].split("\t"), roles))])
        k += 1
        while k < len(lines) and "\t" in lines[k]:
            cells = lines[k].split("\t")
            values = {_FIELD[r]: c.strip() for r, c in zip(roles, cells) if r in _FIELD}
            values["number"] = values.get("number", "").rstrip(".")
            plan.measures.append(Measure(measure_id=f"{plan_id}:m{len(plan.measures) + 1}", **values))
            k += 1
        plans.append(plan)
    return plans


def plan(rows: list[dict], plan_id: str = "p", title: str | None = None) -> Plan:
    """A plan from keyword rows: {"text": ..., "responsible_raw": ..., ...}; numbered 1.. unless given."""
    measures = [Measure(measure_id=f"{plan_id}:m{i}", number=row.pop("number", str(i)), **row)
                for i, row in enumerate((dict(r) for r in rows), 1)]
    return Plan(plan_id=plan_id, title=title, measures=measures)


def summary(diff) -> dict:
    """The parts of a PlanDiff that cases.json records."""
    return {
        "pairs": {p.derived_number: p.parent_number for p in diff.pairs},
        "dropped": diff.dropped, "added": diff.added,
        "merged": [[g.parent_numbers, g.derived_numbers] for g in diff.merged],
        "split": [[g.parent_numbers, g.derived_numbers] for g in diff.split],
        "material": {p.derived_number: [c.field for c in p.changes if c.material] for p in diff.pairs},
        "narrowed": [p.derived_number for p in diff.pairs if p.narrowed],
    }


def expected(case: dict) -> dict:
    return {k: case[k] for k in ("pairs", "dropped", "added", "merged", "split", "material", "narrowed")}
