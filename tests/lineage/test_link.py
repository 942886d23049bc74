"""Choosing a derived plan's parent across files: by the cited letter, by content, never a wrong parent."""
import datetime as dt

from schemas import Letter, Reference
from pipeline.lineage import coverage, explain_link, link_plans
from tests.lineage.plans import load_plan

KK_LETTER = Letter(number="02-14/377", date=dt.date(2024, 5, 20),
                   references=[Reference(number="3-11/52", date=dt.date(2024, 5, 15))])
KK_LETTER_LAST_YEAR = Letter(number="02-14/301", date=dt.date(2023, 5, 18))
RU_LETTER = Letter(number="01-12/410", date=dt.date(2023, 9, 12))


def test_kazakh_plan_linked_by_the_letter_it_cites():
    parent = load_plan("kk_summer_parent")
    link = explain_link([load_plan("ru_traffic_parent"), parent], load_plan("kk_summer_school"), [KK_LETTER, RU_LETTER])
    assert link.parent.plan_id == parent.plan_id and link.evidence == "letter" and link.flags == []


def test_russian_plan_linked_by_the_letter_it_cites():
    parent = load_plan("ru_traffic_parent")
    derived = load_plan("ru_traffic_school")
    found = link_plans([load_plan("kk_summer_parent"), parent], derived, [KK_LETTER, RU_LETTER])
    assert found.plan_id == parent.plan_id


def test_near_miss_number_is_linked_and_flagged():
    link = explain_link([load_plan("kk_summer_parent")], load_plan("kk_summer_school_typo"), [KK_LETTER])
    assert link.parent is not None and link.evidence == "near_letter"
    assert [f.code for f in link.flags] == ["reference_mismatch"]
    assert "02-41/377" in link.flags[0].message and "02-14/377" in link.flags[0].message


def test_plan_derived_from_a_different_parent_is_not_linked():
    # last year's school plan reads much like this year's parent, but it cites last year's letter
    derived = load_plan("kk_summer_school_last_year")
    assert coverage(load_plan("kk_summer_parent"), derived) >= 0.6
    link = explain_link([load_plan("kk_summer_parent")], derived, [KK_LETTER])
    assert link.parent is None and link.evidence == "cites_other_letter"


def test_parent_chosen_by_its_own_letter_among_look_alike_versions():
    this_year = load_plan("kk_summer_parent", plan_id="doc2024:p0")
    last_year = load_plan("kk_summer_parent", plan_id="doc2023:p0")
    carriers = {"doc2024:p0": [KK_LETTER], "doc2023:p0": [KK_LETTER_LAST_YEAR]}
    letters = [KK_LETTER_LAST_YEAR, KK_LETTER]
    assert link_plans([last_year, this_year], load_plan("kk_summer_school"), letters, carriers).plan_id == "doc2024:p0"
    assert link_plans([this_year, last_year], load_plan("kk_summer_school_last_year"), letters,
                      carriers).plan_id == "doc2023:p0"


def test_uncited_plan_linked_by_content_only_when_it_is_covered():
    parent = load_plan("ru_traffic_parent")
    link = explain_link([load_plan("kk_summer_parent"), parent], load_plan("ru_traffic_school_uncited"), [])
    assert link.parent.plan_id == parent.plan_id and link.evidence == "content" and link.similarity == 1.0
    assert link_plans([parent, load_plan("kk_summer_parent")], load_plan("kk_reading_school"), []) is None


def test_a_parent_is_not_made_the_child_of_its_own_subset():
    parent, derived = load_plan("ru_traffic_parent"), load_plan("ru_traffic_school_uncited")
    assert coverage(derived, parent) < coverage(parent, derived)
    assert link_plans([derived], parent, []) is None


def test_cited_letter_but_unrelated_content_is_not_linked():
    derived = load_plan("kk_reading_school")
    derived.based_on = Reference(number="02-14/377", date=dt.date(2024, 5, 20))
    assert link_plans([load_plan("kk_summer_parent")], derived, [KK_LETTER]) is None


def test_citing_the_letter_the_parent_letter_answers_links_through_the_chain():
    derived = load_plan("kk_summer_school")
    derived.based_on = Reference(number="3-11/52", date=dt.date(2024, 5, 15))
    link = explain_link([load_plan("kk_summer_parent")], derived, [KK_LETTER])
    assert link.parent is not None and link.evidence == "ancestor_letter"


def test_derived_approved_before_the_letter_it_cites_is_flagged():
    derived = load_plan("kk_summer_school", approved_on=dt.date(2024, 5, 2))
    parent = load_plan("kk_summer_parent", approved_on=dt.date(2024, 5, 10))
    link = explain_link([parent], derived, [KK_LETTER])
    assert [f.code for f in link.flags] == ["approval_date_conflict", "approval_date_conflict"]


def test_no_candidates():
    assert link_plans([], load_plan("kk_summer_school"), [KK_LETTER]) is None
    plan = load_plan("kk_summer_parent")
    assert link_plans([plan], plan, []) is None
