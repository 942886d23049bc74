"""The "deadlines" component on a small Document built here."""
from __future__ import annotations

import datetime as dt

from pipeline.components import Context, resolve, run_components
from schemas import Document, Measure, Period, Plan, Source

D = dt.date


def _document() -> Document:
    table = Plan(
        plan_id="abc:p1",
        title="“Балақай” бөбекжайы Қамқоршылық кеңесінің жұмыс жоспары",
        heading=["2025 – 2026 оқу жылына арналған “Балақай” бөбекжайы Қамқоршылық кеңесінің жұмыс жоспары"],
        measures=[
            Measure(measure_id="abc:p1:m1", number="1.1", text="Жалпы жиналыс", deadline_raw="Қазан"),
            Measure(measure_id="abc:p1:m2", number="1.2", text="Есеп", deadline_raw="тоқсанына бір рет"),
            Measure(measure_id="abc:p1:m3", number="1.3", text="Форум", deadline_raw="по итогам четверти"),
            Measure(measure_id="abc:p1:m4", number="1.4", text="Жиналыс", deadline_raw="келесі кезекте"),
            Measure(measure_id="abc:p1:m5", number="1.5", text="Тексеру бойынша 01.09.2025 дейін", deadline_raw=""),
        ],
    )
    campaign = Plan(
        plan_id="abc:p2", title="«Мектепке жол» акциясын өткізу жоспары",
        period=Period(start=D(2011, 8, 1), end=D(2011, 9, 30)),
        measures=[Measure(measure_id="abc:p2:m1", deadline_raw="акция өткізу мезгілінде"),
                  Measure(measure_id="abc:p2:m2", deadline_raw="29.07. 11 ж – 01.08.11 ж  \n30.09.11 ж. дейін")],
    )
    listed = Plan(
        plan_id="abc:p3", title="ҰСЫНЫМДАР", kind="list",
        measures=[Measure(measure_id="abc:p3:m1", text="01.09.2023ж. дейін мектептердегі әжетханаларды жабу"),
                  Measure(measure_id="abc:p3:m2", text="ҚР Үкіметінің 2012 жылғы 12 наурыздағы №320 қаулысы бойынша"),
                  Measure(measure_id="abc:p3:m3", text="Декабрь айында есеп беру", deadline_raw="Декабрь")],
    )
    return Document(document_id="abc", source=Source(path="x.txt", media_type="text/plain"),
                    plans=[table, campaign, listed])


def test_component_fills_periods_deadlines_and_flags():
    doc = resolve("deadlines")(_document(), Context())
    table, campaign, listed = doc.plans
    assert (table.period.start, table.period.end) == (D(2025, 9, 1), D(2026, 8, 31))
    m1, m2, m3, m4, m5 = table.measures
    assert (m1.deadlines[0].kind, m1.deadlines[0].start) == ("period", D(2025, 10, 1))
    assert (m2.deadlines[0].freq, m2.deadlines[0].times_per_period) == ("quarterly", 1)
    assert (m3.deadlines[0].kind, m3.deadlines[0].freq) == ("recurring", "quarterly")  # after every term
    assert m4.deadlines[0].kind == "unspecified" and m4.deadlines[0].raw == "келесі кезекте"
    assert [f.code for f in m4.flags] == ["deadline_unspecified"] and "келесі кезекте" in m4.flags[0].message
    assert m5.deadlines == []  # a table plan's text is not searched: its deadline column is empty
    assert not (m1.flags or m2.flags or m3.flags)

    assert campaign.period.start == D(2011, 8, 1)  # a period already set is kept
    event, cell = campaign.measures
    assert (event.deadlines[0].kind, event.deadlines[0].start, event.deadlines[0].end) == ("event", D(2011, 8, 1), D(2011, 9, 30))
    assert [(d.kind, d.raw) for d in cell.deadlines] == [("range", "29.07. 11 ж – 01.08.11 ж"), ("date", "30.09.11 ж. дейін")]

    found, decree, bare = listed.measures
    assert listed.period is None
    assert [(d.kind, d.end, d.by) for d in found.deadlines] == [("date", D(2023, 9, 1), True)]
    assert decree.deadlines == [] and not decree.flags
    # a bare month with no plan period: no dates, and a flag saying so
    assert (bare.deadlines[0].kind, bare.deadlines[0].start) == ("period", None)
    assert [f.code for f in bare.flags] == ["deadline_unspecified"]


def test_component_runs_through_the_registry_without_flags():
    doc = run_components(_document(), Context(), ["deadlines"])
    assert not [f for f in doc.flags if f.code.startswith("component_failed")]


def test_working_days_follow_the_issuers_country_and_the_letter_anchors():
    from pipeline.deadlines import component
    from schemas import Letter

    def doc(issuer: str) -> Document:
        plan = Plan(plan_id="r:p0", measures=[
            Measure(measure_id="r:p0:m1", deadline_raw="в течение 1 рабочего дня со дня получения письма"),
            Measure(measure_id="r:p0:m2", deadline_raw="08-10.0.2026")])
        return Document(document_id="r", source=Source(path="x.txt", media_type="text/plain"), language="ru",
                        letters=[Letter(issuer=issuer, date=D(2024, 4, 26))], plans=[plan])

    russian = component.apply(doc("МБОУ СОШ № 3 Приморского края"))
    kazakh = component.apply(doc("Отдел образования Индерского района Атырауской области"))
    ru_m1, ru_m2 = russian.plans[0].measures
    assert ru_m1.deadlines[0].relative.calendar == "RU" and ru_m1.deadlines[0].end == D(2024, 4, 27)
    assert kazakh.plans[0].measures[0].deadlines[0].end == D(2024, 4, 29)
    assert [f.code for f in ru_m2.flags] == ["deadline_unspecified"] and "misprinted" in ru_m2.flags[0].message
