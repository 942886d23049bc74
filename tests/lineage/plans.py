"""Plans for the lineage tests, read from fixtures/*.txt: "# " lines are the heading (the first is the
title), every other line a measure."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from schemas import Measure, Plan

FIXTURES = Path(__file__).parent / "fixtures"


def load_plan(name: str, plan_id: str | None = None, approved_on: dt.date | None = None) -> Plan:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    heading = [line[2:] for line in lines if line.startswith("# ")]
    texts = [line for line in lines if not line.startswith("# ")]
    plan_id = plan_id or f"{name}:p0"
    return Plan(plan_id=plan_id, title=heading[-1] if heading else None, heading=heading, approved_on=approved_on,
                measures=[Measure(measure_id=f"{plan_id}:m{i}", number=str(i), text=t) for i, t in enumerate(texts, 1)])
