"""Reads tests/deadlines/cases.tsv: deadline strings with their expected Deadline fields."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from schemas import Period

CASES = Path(__file__).with_name("cases.tsv")
PERIODS = {
    "-": None,
    "ac": Period(start=dt.date(2025, 9, 1), end=dt.date(2026, 8, 31)),
    "y24": Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)),
    "camp": Period(start=dt.date(2011, 8, 1), end=dt.date(2011, 9, 30)),
    "multi": Period(start=dt.date(2021, 1, 1), end=dt.date(2023, 12, 31)),
}


@dataclass
class Case:
    line: int
    lang: str
    period: Period | None
    text: str
    expected: list[dict]

    @property
    def id(self) -> str:
        return f"{self.line}:{self.lang}:{self.text[:40]}"


# relative deadlines: offset=5 unit=working_days dir=after anchor=подписания_приказа (spaces as "_", "-" for
# none) anchordate=2025-09-01 computed=2025-09-08
RELATIVE_KEYS = {"offset": "offset", "unit": "unit", "dir": "direction", "anchor": "anchor",
                 "anchordate": "anchor_date", "computed": "computed"}


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def parse_expected(spec: str, period: Period | None) -> list[dict]:
    out = []
    for part in spec.split(" | "):
        tokens = part.split()
        want: dict = {"kind": tokens[0], "by": False, "start": None, "end": None}
        for token in tokens[1:]:
            if token == "by":
                want["by"] = True
            elif token == "window":
                want["start"], want["end"] = period.start, period.end
            elif token == "-":
                pass
            elif token.split("=")[0] in RELATIVE_KEYS:
                key, _, value = token.partition("=")
                rel = want.setdefault("relative", {})
                key = RELATIVE_KEYS[key]
                rel[key] = (int(value) if key == "offset" else _date(value) if key in ("computed", "anchor_date")
                            else None if value == "-" else value.replace("_", " ") if key == "anchor" else value)
            elif "=" in token:
                key, _, value = token.partition("=")
                want[{"times": "times_per_period"}.get(key, key)] = int(value) if key == "times" else value
            elif ".." in token:
                first, _, last = token.partition("..")
                want["start"], want["end"] = _date(first), _date(last)
            else:
                want["end"] = _date(token)
        if want["kind"] == "recurring":
            want.setdefault("rrule", None)
            want.setdefault("times_per_period", None)
            if period is not None:  # a recurrence inside a plan runs through the plan's window
                want["start"], want["end"] = period.start, period.end
        out.append(want)
    return out


def load_cases() -> list[Case]:
    cases = []
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        lang, period_key, text, spec = line.split("\t")
        period = PERIODS[period_key]
        cases.append(Case(number, lang, period, text.replace("\\n", "\n"), parse_expected(spec, period)))
    return cases
