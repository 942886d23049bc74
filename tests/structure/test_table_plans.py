"""Plan tables end to end (file -> Document): columns, sections, continuation rows, numbering, glossary,
approval — on Russian plans written for these tests, as text, DOCX and PDF."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract_path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def only_plan(name: str):
    doc = extract_path(FIXTURES / name)
    assert len(doc.plans) == 1, [f.message for f in doc.flags]
    return doc, doc.plans[0]


def test_tab_separated_russian_plan():
    doc, plan = only_plan("ru_plan_tabs.txt")
    assert doc.language == "ru"
    assert "План мероприятий по профилактике правонарушений" in plan.title
    assert [c.role for c in plan.columns] == ["number", "measure", "deadline", "responsible", "form"]
    assert plan.sections == ["1. Организационные мероприятия", "2. Работа с учащимися"]
    assert [m.number for m in plan.measures] == ["1.1", "1.2", "2.1", "2.3", "2.3"]
    m12 = plan.measures[1]
    assert m12.text == "Проведение совещаний с заместителями директоров по воспитательной работе"
    assert m12.section == "1. Организационные мероприятия" and m12.deadline_raw == "ежеквартально"
    assert plan.measures[2].responsible_raw == "ОО, ОП (по согласованию)"
    assert plan.glossary == {"ОО": "организации образования", "ГОО": "городской отдел образования", "ОП": "отдел полиции"}
    assert "Касымов" in plan.approved_by and "УТВЕРЖДАЮ" not in plan.approved_by
    codes = {f.code: f.message for f in plan.flags}
    assert codes["numbering_gap"] == "numbering skips 2.2" and "2.3" in codes["numbering_duplicate"]
    assert plan.measures[0].provenance.line == 13 and plan.measures[0].provenance.table == 0
    assert plan.signatories == ["Б. Касымов"]


def test_one_cell_per_line_russian_plan():
    _, plan = only_plan("ru_plan_cells.txt")
    assert [c.role for c in plan.columns] == ["number", "measure", "deadline", "responsible"]
    assert [m.number for m in plan.measures] == ["1.1", "1.2", "2.1", "2.2"]
    assert plan.measures[0].text.startswith("Заседание попечительского совета №1\n1. Утверждение плана работы.")
    assert plan.measures[2].responsible_raw == "члены ПС,\nмедсестра"
    assert plan.measures[3].section == "2. Контроль"


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_merged_header_cells(suffix):
    _, plan = only_plan(f"ru_merged_header.{suffix}")
    assert [c.role for c in plan.columns] == ["number", "measure", "responsible", "deadline"]
    assert [m.number for m in plan.measures] == ["1.1", "1.2", "2.1"]
    assert plan.sections == ["1. Организационная работа", "2. Работа с родителями"]
    assert plan.measures[1].deadline_raw == "до 15 октября 2024 г."
    assert plan.measures[2].responsible_raw == "классные руководители"
    assert "Омарова" in plan.approved_by and plan.approved_on.isoformat() == "2024-09-02"


@pytest.mark.parametrize("suffix", ["docx", "pdf", "doc"])
def test_table_over_three_pages(suffix):
    doc, plan = only_plan(f"ru_three_pages.{suffix}")
    if suffix == "pdf":
        assert doc.n_pages >= 3
    assert [m.number for m in plan.measures] == [str(k) for k in range(1, 31)]  # repeated headers dropped
    nine = plan.measures[8]
    assert " ".join(nine.text.split()).endswith("размещением информации на сайте школы)")  # row cut by the page break
    assert all(m.completion_form.replace(" ", "") == "информация" for m in plan.measures)
    assert plan.glossary["ПДН"] == "подразделение по делам несовершеннолетних"


def test_two_plans_in_one_file_each_with_its_title(samples_dir):
    doc = extract_path(samples_dir / "000_8c8bd9275c0215dc.txt")
    first, second = doc.plans
    assert "толыққанды" in first.title and second.title.startswith("Қ.Абақайыпұлы")  # the basis line is not the title
    assert first.glossary and not second.glossary  # the glossary follows the first plan
    assert first.approved_on.isoformat() == "2023-08-15" and second.approved_on is None
    assert any("негізінде" in line for line in second.heading)
    assert len({m.measure_id for p in doc.plans for m in p.measures}) == 25


def test_ids_are_stable_across_runs():
    a = extract_path(FIXTURES / "ru_plan_tabs.txt")
    b = extract_path(FIXTURES / "ru_plan_tabs.txt")
    assert a.document_id == b.document_id
    assert [m.measure_id for m in a.plans[0].measures] == [m.measure_id for m in b.plans[0].measures]


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_title_row_inside_the_table_and_approval_in_one_paragraph(suffix):
    _, plan = only_plan(f"ru_caption_row.{suffix}")
    assert plan.title == "План мероприятий по антикоррупционному воспитанию на 2024-2025 учебный год"
    assert [c.role for c in plan.columns] == ["number", "measure", "deadline", "responsible"]
    assert [m.number for m in plan.measures] == ["1", "2", "3"]
    assert plan.period.start.isoformat() == "2024-09-01"  # from the caption row
    assert plan.measures[1].deadlines[0].start.isoformat() == "2024-12-01"
    assert "А. Ким" in plan.approved_by and plan.approved_on.isoformat() == "2024-09-01"


def test_a_table_continued_after_a_note_is_one_plan():
    _, plan = only_plan("ru_continued_table.txt")
    assert [m.number for m in plan.measures] == ["1", "2", "3", "4"]
    assert plan.measures[3].responsible_raw == "ГОО"
