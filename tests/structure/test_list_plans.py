"""Plans written as numbered lists in prose: protocols' recommendations, "N)" items under clauses."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract_path
from tests.structure.helpers import plans_of

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_recommendations_with_lost_numbering_are_renumbered_and_flagged():
    doc = extract_path(FIXTURES / "ru_list_protocol.txt")
    (plan,) = doc.plans
    assert plan.kind == "list" and plan.title == "РЕКОМЕНДАЦИИ:"
    assert [m.number for m in plan.measures] == ["1", "2", "3", "4"]
    assert plan.measures[2].text == "Организовать дополнительные занятия для слабоуспевающих учащихся;"
    assert any(f.code == "numbering_lost" for f in plan.flags)
    assert not any("Итоги первой четверти" in m.text for m in plan.measures)  # the agenda is not a plan


def test_items_under_clauses_are_numbered_by_clause_and_bullets_stay_with_their_item():
    (plan,) = extract_path(FIXTURES / "ru_list_regulation.txt").plans
    assert [m.number for m in plan.measures] == ["2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.2.2"]
    assert plan.measures[1].text.splitlines()[1:] == ["- составить списки детей;", "- передать списки в отдел образования;"]
    assert plan.measures[3].section.startswith("2.2. На уровне районных отделов")
    assert not any("выявление детей" in m.text for m in plan.measures)  # goals under 1.2 are not measures


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_list_plan_on_a_landscape_page(suffix):
    doc = extract_path(FIXTURES / f"ru_landscape_list.{suffix}")
    (plan,) = doc.plans
    assert plan.title == "РЕШИЛИ:"
    assert [m.number for m in plan.measures] == ["1", "2", "3", "4"]
    assert plan.measures[1].text.startswith("Провести школьный этап олимпиады")


def test_seed_004_items_under_6_1_to_6_3(samples_dir):
    (plan,) = extract_path(samples_dir / "004_477ff1404d7fc2dd.txt").plans
    numbers = [m.number for m in plan.measures]
    assert [n for n in numbers if n.startswith("6.")][:2] == ["6.1.1", "6.1.2"]
    assert sum(n.startswith("6.1.") for n in numbers) == 12 and sum(n.startswith("6.3.") for n in numbers) == 3
    five = next(m for m in plan.measures if m.number == "6.1.5")
    assert five.text.count("\n- ") == 2


BULLETED = {
    "kk": ["Жыл сайын дәстүрлі түрде келесі іс-шаралар өткізіледі:", "- аудандық спартакиада;",
           "- мектептер арасындағы шағын футбол чемпионаты;", "- шаңғы жарысы.",
           "Қазіргі уақытта спортты дамытуға әсер ететін бірқатар проблемалар бар:"],
    "ru": ["Традиционно проводятся следующие мероприятия:", "- Спартакиада школьников района;",
           "- Первенство района по мини-футболу;", "- Лыжные гонки среди ветеранов.",
           "В настоящее время есть ряд проблем, мешающих развитию спорта:"],
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_dash_bullets_under_a_colon_heading_are_points_of_a_text_not_a_plan(lang):
    assert plans_of(*BULLETED[lang]) == []
