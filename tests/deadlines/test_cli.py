"""`jospar normalize deadline ... --period START:END --json` through the real command line."""
from __future__ import annotations

import json
import subprocess


def test_normalize_deadline_command_prints_json_lines(jospar_bin):
    texts = ["Қазан", "жыл сайын 15 наурызға дейін", "29.07. 11 ж – 01.08.11 ж\n30.09.11 ж. дейін",
             "по четвергам", "в период проведения акции", "неизвестно"]
    proc = subprocess.run([jospar_bin, "normalize", "deadline", *texts, "--period", "2025-09-01:2026-08-31", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert [row["raw"] for row in rows] == texts
    month, yearly, cell, weekly, event, unknown = (row["deadlines"] for row in rows)
    assert month == [{**month[0], "kind": "period", "start": "2025-10-01", "end": "2025-10-31", "by": False}]
    assert yearly[0]["rrule"] == "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15" and yearly[0]["by"] is True
    assert (yearly[0]["start"], yearly[0]["end"]) == ("2025-09-01", "2026-08-31")
    assert [(d["kind"], d["start"], d["end"]) for d in cell] == [("range", "2011-07-29", "2011-08-01"),
                                                                  ("date", None, "2011-09-30")]
    assert (weekly[0]["freq"], weekly[0]["rrule"]) == ("weekly", "FREQ=WEEKLY;BYDAY=TH")
    assert (event[0]["kind"], event[0]["start"], event[0]["end"]) == ("event", "2025-09-01", "2026-08-31")
    assert unknown[0]["kind"] == "unspecified" and unknown[0]["raw"] == "неизвестно"
    for row in rows:
        for deadline in row["deadlines"]:
            assert set(deadline) >= {"raw", "kind", "start", "end", "by", "rrule", "freq", "times_per_period"}


def test_normalize_deadline_text_output_reads_in_both_languages(jospar_bin):
    proc = subprocess.run([jospar_bin, "normalize", "deadline", "тоқсаннан кейінгі айдың 5-күніне дейін", "08-10.0.2026"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "kk: тоқсан сайын, келесі айдың 5-іне дейін" in out
    assert "ru: ежеквартально, до 5-го числа следующего месяца" in out
    assert "unspecified" in out and "misprinted" in out  # the misprint kept, flagged with its reason
