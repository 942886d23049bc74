"""Seed 000 (a district plan and a school plan derived from it) against the customer's gold diff.
Needs ../shared (gold): skips cleanly when it is absent."""
from __future__ import annotations

import json

from cli import main
from pipeline.diff import diff_plans
from schemas.records import Body, Deadline, Measure, Plan


def gold_of(shared_dir) -> dict:
    return json.loads(next((shared_dir / "gold").glob("000_*.json")).read_text(encoding="utf-8"))


def plan_from_gold(gold: dict, index: int) -> Plan:
    """The gold's records of one plan as a Plan: the diff on hand-checked extraction."""
    measures = []
    for k, gm in enumerate(gold["plans"][index]["measures"], 1):
        measures.append(Measure(
            measure_id=f"gold:p{index}:m{k}", number=gm["number"], text=gm["text"],
            responsible_raw=gm.get("responsible_raw"), responsible=[Body(**b) for b in gm.get("responsible", [])],
            completion_form=gm.get("completion_form"), deadline_raw=gm.get("deadline_raw"),
            deadlines=[Deadline(**d) for d in gm.get("deadlines", [])], indicator=gm.get("indicator")))
    return Plan(plan_id=f"gold:p{index}", title=gold["plans"][index].get("title_contains"), measures=measures)


def check_against_gold(diff: dict, g: dict) -> None:
    pairs = {p["derived_number"]: p for p in diff["pairs"]}
    assert {dn: p["parent_number"] for dn, p in pairs.items()} == g["pairs"]
    assert sorted(diff["dropped"], key=int) == sorted(g["dropped"], key=int)
    assert diff["added"] == g["added"]
    for dn, fields in g["material_changes"].items():
        assert {c["field"] for c in pairs[dn]["changes"] if c["material"]} == set(fields), dn
    for dn, fields in g["cosmetic_only"].items():
        changes = {c["field"]: c for c in pairs[dn]["changes"]}
        assert all(f in changes and not changes[f]["material"] for f in fields), dn


def test_gold_plans_diff_like_the_gold(shared_dir):
    gold = gold_of(shared_dir)
    g = gold["diff"]
    diff = diff_plans(plan_from_gold(gold, g["parent"]), plan_from_gold(gold, g["derived"]))
    check_against_gold(diff.model_dump(mode="json"), g)
    text_change = next(c for c in diff.pairs[0].changes if c.field == "text")
    assert [(o.old, o.new) for o in text_change.words if o.op == "replace"] == [("ведомстволық", "ведомстваралық")]
    assert diff.summary.narrowed == 7  # every pair but the one whose parent named only ББҰ


def test_seed_file_through_the_command_line(shared_dir, capsys):
    seed = next((shared_dir / "seeds").glob("000_*.txt"))
    assert main(["diff", str(seed), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["diffs"]) == 1
    check_against_gold(out["diffs"][0], gold_of(shared_dir)["diff"])
