"""Lineage inside one document: a cover letter, the plan it sends and the plans made from it."""
import datetime as dt

from schemas import Document, Letter, Source
from pipeline import lineage
from pipeline.extract import extract_path
from tests.lineage.plans import load_plan

LETTER = Letter(number="02-14/377", date=dt.date(2024, 5, 20), addressee="Мектеп директорларына")


def _doc(plans, letters) -> Document:
    return Document(document_id="a" * 64, source=Source(path="x.txt", media_type="text/plain"), letters=letters,
                    plans=plans)


def _codes(plan) -> list[str]:
    return [f.code for f in plan.flags]


def test_letter_parent_and_a_derived_plan_with_a_mistyped_number():
    parent = load_plan("kk_summer_parent", plan_id="doc:p0", approved_on=dt.date(2024, 6, 1))
    derived = load_plan("kk_summer_school_typo", plan_id="doc:p1")
    out = lineage.apply(_doc([parent, derived], [LETTER]))
    p0, p1 = out.plans
    assert p1.based_on.number == "02-41/377" and p1.based_on.date == dt.date(2024, 5, 20)
    assert p1.parent_plan_id == "doc:p0" and p0.parent_plan_id is None
    assert _codes(p1) == ["reference_mismatch"]
    assert _codes(p0) == ["approval_date_conflict"] and "after the letter that sends it" in p0.flags[0].message


def test_plan_approved_before_the_letter_raises_nothing():
    parent = load_plan("kk_summer_parent", plan_id="doc:p0", approved_on=dt.date(2024, 5, 15))
    derived = load_plan("kk_summer_school", plan_id="doc:p1")
    out = lineage.apply(_doc([parent, derived], [LETTER]))
    assert out.plans[1].parent_plan_id == "doc:p0"
    assert all(p.flags == [] for p in out.plans)


def test_only_earlier_plans_are_parents_and_other_letters_are_not_followed():
    parent = load_plan("kk_summer_parent", plan_id="doc:p1")
    derived = load_plan("kk_summer_school", plan_id="doc:p0")  # comes first: no parent before it
    other = load_plan("kk_summer_school_last_year", plan_id="doc:p2")  # cites another letter
    out = lineage.apply(_doc([derived, parent, other], [LETTER]))
    assert [p.parent_plan_id for p in out.plans] == [None, None, None]


def test_without_letters_content_links_a_later_plan_to_an_earlier_one():
    parent = load_plan("ru_traffic_parent", plan_id="doc:p0")
    derived = load_plan("ru_traffic_school_uncited", plan_id="doc:p1")
    unrelated = load_plan("kk_reading_school", plan_id="doc:p2")
    out = lineage.apply(_doc([parent, derived, unrelated], []))
    assert [p.parent_plan_id for p in out.plans] == [None, "doc:p0", None]


def test_apply_does_not_change_its_input_and_is_idempotent():
    doc = _doc([load_plan("kk_summer_parent", plan_id="doc:p0", approved_on=dt.date(2024, 6, 1)),
                load_plan("kk_summer_school_typo", plan_id="doc:p1")], [LETTER])
    before = doc.model_copy(deep=True)
    once = lineage.apply(doc)
    assert doc == before
    assert lineage.apply(once) == once


def test_sample_000_end_to_end(samples_dir):
    doc = extract_path(samples_dir / "000_8c8bd9275c0215dc.txt")
    regional, school = doc.plans
    assert school.parent_plan_id == regional.plan_id and regional.parent_plan_id is None
    assert "reference_mismatch" in _codes(school) and "approval_date_conflict" in _codes(regional)
    assert "approval_date_conflict" not in _codes(school)
