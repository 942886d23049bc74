"""`jospar normalize responsible TEXT... --json` through the real command line."""
from __future__ import annotations

import json
import subprocess


def test_json_lines_one_per_text(jospar_bin):
    texts = ["Қала және аудан әкімдері, облыстық білім басқармасы  балалардың құқықтарын қорғау департаменті (келісім бойынша)",
             "Управление образования (по согласованию), КДН", ""]
    proc = subprocess.run([jospar_bin, "normalize", "responsible", *texts, "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["raw"] for r in rows] == texts
    first = rows[0]["bodies"]
    assert [b["name"] for b in first] == ["Қала және аудан әкімдері", "облыстық білім басқармасы",
                                          "балалардың құқықтарын қорғау департаменті"]
    assert [b["by_agreement"] for b in first] == [False, False, True]
    assert first[1]["body_id"] == "kz.reg.education" and first[1]["source"] == "gazetteer"
    second = rows[1]["bodies"]
    assert second[0]["canonical"] == "Управление образования области" and second[0]["by_agreement"] is True
    assert second[1]["canonical"] == "Комиссия по делам несовершеннолетних и защите их прав"
    assert rows[2]["bodies"] == []
