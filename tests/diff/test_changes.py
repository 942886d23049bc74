"""Field-level changes on pydantic-built measures: text, responsible (canonical sets, narrowed),
completion_form, deadline (normalised schedules), indicator."""
from __future__ import annotations

import datetime as dt

from pipeline.diff import diff_plans
from pipeline.diff.changes import measure_changes
from pipeline.diff.responsible import is_authority, is_own_staff, narrowed_to_own_staff
from schemas.records import Body, Deadline, Measure
from tests.diff.helpers import plan

ALL = {"text", "responsible", "completion_form", "deadline", "indicator"}


def m(**kw) -> Measure:
    return Measure(measure_id=kw.pop("measure_id", "x:m1"), **kw)


def by_field(changes):
    return {c.field: c for c in changes}


def yearly(raw, month, day):
    return Deadline(raw=raw, kind="recurring", by=True, freq="yearly",
                    rrule=f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}")


def due(raw, date):
    return Deadline(raw=raw, kind="date", end=date, by=True)


def test_identical_measures_have_no_changes():
    a = m(text="Семинар өткізу", responsible_raw="БББ", completion_form="ақпарат", deadline_raw="үнемі", indicator="x")
    assert measure_changes(a, a.model_copy(), ALL) == []


def test_text_like_fields_material_or_cosmetic():
    old = m(text="ведомстволық топтардың қызметін талдау", completion_form="БББ-ға талдамалық ақпарат",
            indicator="ас блоктарында бейнебақылау камералары")
    new = m(text="Ведомстволық топтардың қызметін талдау.", completion_form="АБББ-ға талдамалық ақпарат",
            indicator="Ас блоктарында бейнебақылау")
    changes = by_field(measure_changes(old, new, ALL))
    assert not changes["text"].material and changes["completion_form"].material and changes["indicator"].material
    assert [o.op for o in changes["completion_form"].words] == ["replace", "equal"]


def test_deadlines_compared_as_schedules():
    same_schedule = measure_changes(m(deadline_raw="жыл сайын 10 наурызға дейін", deadlines=[yearly("a", 3, 10)]),
                                    m(deadline_raw="ежегодно до 10 марта", deadlines=[yearly("b", 3, 10)]), ALL)
    assert [(c.field, c.material, c.note) for c in same_schedule] == [("deadline", False, "same schedule")]
    moved = by_field(measure_changes(m(deadline_raw="до 10 марта 2024 года", deadlines=[due("a", dt.date(2024, 3, 10))]),
                                     m(deadline_raw="до 25 марта 2024 года", deadlines=[due("b", dt.date(2024, 3, 25))]),
                                     ALL))["deadline"]
    assert moved.material and moved.shift_days == 15
    other_rule = by_field(measure_changes(m(deadline_raw="жыл сайын 10 наурызға дейін", deadlines=[yearly("a", 3, 10)]),
                                          m(deadline_raw="жыл сайын 15 наурызға дейін", deadlines=[yearly("b", 3, 15)]),
                                          ALL))["deadline"]
    assert other_rule.material and other_rule.shift_days is None


def test_deadline_without_schedules_falls_back_to_text():
    assert measure_changes(m(deadline_raw="2022-2023жыл"), m(deadline_raw="2022-2023 жыл"), ALL)[0].material is False
    assert measure_changes(m(deadline_raw="тоқсан сайын"), m(deadline_raw="ай сайын"), ALL)[0].material is True
    # one side normalised, the other not: the text decides
    assert measure_changes(m(deadline_raw="үнемі", deadlines=[Deadline(raw="үнемі", kind="continuous")]),
                           m(deadline_raw="Үнемі"), ALL)[0].material is False


def test_responsible_compared_as_canonical_sets():
    glossary_form = m(responsible=[Body(name="БББ", canonical="Атырау облысы Білім беру басқармасы")])
    written_out = m(responsible=[Body(name="Атырау облысы білім беру басқармасы")])
    assert measure_changes(glossary_form, written_out, ALL)[0].material is False
    reordered = measure_changes(m(responsible_raw="БББ, Қ(А)БББ"), m(responsible_raw="Қ(А) БББ, БББ"), ALL)
    assert [c.material for c in reordered] == [False]
    plural = measure_changes(m(responsible_raw="Мектеп директорлары"), m(responsible_raw="Мектеп директоры"), ALL)
    assert [c.material for c in plural] == [False]
    lost = by_field(measure_changes(m(responsible_raw="ДСБ, БББ"), m(responsible_raw="БББ"), ALL))["responsible"]
    assert lost.material and lost.removed == ["ДСБ"] and lost.added == [] and not lost.narrowed_to_own_staff


def test_narrowed_to_own_staff_kazakh_and_russian():
    kk = by_field(measure_changes(m(responsible_raw="Қ(А)БББ, ББҰ"), m(responsible_raw="Мектеп әкімшілігі"), ALL))
    assert kk["responsible"].material and kk["responsible"].narrowed_to_own_staff
    ru = by_field(measure_changes(m(responsible_raw="Отдел образования, ОАП ДП (по согласованию)"),
                                  m(responsible_raw="Заместитель директора по ВР; классные руководители"), ALL))
    assert ru["responsible"].narrowed_to_own_staff
    # the parent named only the schools themselves: a change, not a narrowing
    school_level = by_field(measure_changes(m(responsible_raw="ББҰ"), m(responsible_raw="Мектеп әкімшілігі"), ALL))
    assert school_level["responsible"].material and not school_level["responsible"].narrowed_to_own_staff


def test_staff_and_authority_classes():
    staff = ["Мектеп әкімшілігі", "Әлеуметтік педагог", "директор", "классные руководители", "Педагог-психолог",
             "Сынып жетекшілері", "Социальный педагог", "Заместитель директора по УР", "Кітапханашы"]
    authorities = ["Аудандық білім бөлімі", "Отдел образования", "Денсаулық сақтау басқармасы",
                   "Департамент полиции (по согласованию)", "Управление образования Карагандинской области"]
    assert all(is_own_staff(Body(name=n)) for n in staff)
    assert not any(is_own_staff(Body(name=n)) for n in authorities)
    assert all(is_authority(Body(name=n)) for n in authorities)
    assert not is_authority(Body(name="Білім беру ұйымдары")) and not is_authority(Body(name="Руководители школ"))
    assert not narrowed_to_own_staff([Body(name="Отдел образования")], [])


def test_fields_missing_from_a_plan_are_not_compared():
    parent = plan([{"text": "Семинар өткізу", "indicator": "семинар өтті"}])
    derived = plan([{"text": "Семинар өткізу"}], plan_id="d")  # the school's table has no indicator column
    d = diff_plans(parent, derived)
    assert d.pairs[0].changes == [] and d.pairs[0].status == "adopted"
    assert "indicator" not in d.summary.fields_compared
