"""A Kazakh letter with a plan, written for this test (not one of the seeds), through every stage."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.extract import extract_path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "kk_letter_with_plan.txt"


def test_letter_plan_bodies_and_deadlines():
    doc = extract_path(FIXTURE)
    assert doc.language == "kk" and not doc.flags
    (letter,) = doc.letters
    assert (letter.number, letter.date, letter.attachment_pages) == ("02-15/1187", dt.date(2024, 10, 3), 3)
    assert letter.signatory == "Қ. Бекмұхамбетов"
    assert [(r.number, r.date) for r in letter.references] == [("12-3/4567", dt.date(2024, 9, 25))]
    (plan,) = doc.plans
    assert plan.title.startswith("2024-2025 оқу жылына арналған балалардың қауіпсіздігін")
    assert (plan.approved_on, plan.period.start, plan.period.end) == (dt.date(2024, 10, 1), dt.date(2024, 9, 1), dt.date(2025, 8, 31))
    assert [c.role for c in plan.columns] == ["number", "measure", "deadline", "responsible", "other"]
    m1, m2, m3, m4 = plan.measures
    assert m3.text.endswith("түсіндіру жұмыстары және ата-аналар жиналыстары")  # continuation row
    assert (m1.deadlines[0].kind, m1.deadlines[0].freq) == ("recurring", "monthly")
    assert (m3.deadlines[0].start, m3.deadlines[0].end) == (dt.date(2025, 5, 1), dt.date(2025, 5, 31))
    assert (m4.deadlines[0].kind, m4.deadlines[0].end, m4.deadlines[0].by) == ("date", dt.date(2024, 12, 25), True)
    tzhd = m2.responsible[0]
    assert (tzhd.name, tzhd.canonical, tzhd.by_agreement) == ("ТЖД", "төтенше жағдайлар департаменті", True)
    assert m1.responsible[0].canonical == "аудандық (қалалық) білім бөлімдері"
