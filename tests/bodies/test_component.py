"""The `responsible` component on Documents built here: bodies filled, plan flags raised once."""
from __future__ import annotations

from pipeline.bodies.component import UNKNOWN, VARIANT, apply
from pipeline.components import Context, resolve
from schemas import Document, Measure, Plan, Source

GLOSSARY = {
    "ОББ": "Қостанай облысы білім басқармасы",
    "ДСБ": "Қостанай облысы денсаулық сақтау басқармасы",
    "СЭБД": "Қостанай облысының санитариялық-эпидемиологиялық бақылау департаменті",
    "ББҰ": "білім беру ұйымдары",
}


def _doc(plans: list[Plan]) -> Document:
    return Document(document_id="d" * 64, source=Source(path="plan.docx", media_type="application/docx"), plans=plans)


def _kazakh_plan() -> Plan:
    return Plan(plan_id="dddd:p0", glossary=GLOSSARY, measures=[
        Measure(measure_id="dddd:p0:m1", number="1", responsible_raw="ОББ, ДСБ (келісім бойынша)"),
        Measure(measure_id="dddd:p0:m2", number="2", responsible_raw="ТЖБ, ББҮ", completion_form="ОББ-ға ақпарат"),
        Measure(measure_id="dddd:p0:m3", number="3", responsible_raw="ББҰ, ТЖБ", completion_form="СӘБД-ға ақпарат"),
        Measure(measure_id="dddd:p0:m4", number="4", text="responsible cell left empty"),
    ])


def test_fills_bodies_from_the_plans_glossary():
    doc = apply(_doc([_kazakh_plan()]), Context())
    first = doc.plans[0].measures[0].responsible
    assert [(b.name, b.canonical, b.by_agreement, b.source) for b in first] == [
        ("ОББ", "Қостанай облысы білім басқармасы", False, "glossary"),
        ("ДСБ", "Қостанай облысы денсаулық сақтау басқармасы", True, "glossary"),
    ]
    assert doc.plans[0].measures[3].responsible == []


def test_one_flag_per_kind_listing_every_abbreviation():
    doc = apply(_doc([_kazakh_plan()]), Context())
    flags = {f.code: f for f in doc.plans[0].flags}
    assert sorted(flags) == [VARIANT, UNKNOWN]
    assert "ТЖБ" in flags[UNKNOWN].message and "measures 2, 3" in flags[UNKNOWN].message
    assert "ББҮ (ББҰ)" in flags[VARIANT].message and "СӘБД (СЭБД)" in flags[VARIANT].message
    assert flags[UNKNOWN].where == "dddd:p0"


def test_rerun_does_not_duplicate_flags():
    doc = apply(apply(_doc([_kazakh_plan()]), Context()), Context())
    codes = [f.code for f in doc.plans[0].flags]
    assert codes.count(UNKNOWN) == 1 and codes.count(VARIANT) == 1


def test_russian_plan_without_glossary_uses_the_gazetteer_and_raises_no_flag():
    plan = Plan(plan_id="dddd:p1", measures=[
        Measure(measure_id="dddd:p1:m1", number="1.1", responsible_raw="УО, РОО;\nДВД (по согласованию)"),
    ])
    doc = apply(_doc([plan]), Context())
    bodies = doc.plans[0].measures[0].responsible
    assert [b.body_id for b in bodies] == ["kz.reg.education", "kz.dis.education", "kz.reg.police"]
    assert [b.by_agreement for b in bodies] == [False, False, True]
    assert doc.plans[0].flags == []


def test_registered_as_the_responsible_component():
    assert resolve("responsible") is apply
