"""Spreadsheets of the three formats a mailbox brings, read into one faithful layout; the plan inside
becomes a plan, a timetable gives none."""
from __future__ import annotations

import pytest

from extractors.read import read_bytes, sniff
from extractors.spreadsheet import cell_text
from pipeline.extract import extract_bytes, extract_path
from schemas.layout import Paragraph
from tests.attachments.make_files import HEADER, ROWS, TITLE, plan_xlsx

FORMATS = ["xlsx", "xls", "ods"]


@pytest.mark.parametrize("kind", FORMATS)
def test_sheet_layout_is_faithful(office_files, kind):
    data = office_files[kind].read_bytes()
    assert sniff(data, "attachment") == kind  # from the bytes, not the name
    layout = read_bytes(data, "attachment")
    texts = [b.text for b in layout.blocks if isinstance(b, Paragraph)]
    assert texts[:2] == ["План", TITLE]  # the sheet's name, then the title row above the grid
    assert "Руководитель отдела А. Сейткали" in texts  # the signature row under it
    assert "Скрытый" not in texts and "секрет" not in str(layout.model_dump())  # hidden sheets are not read
    table = layout.tables()[0]
    grid = table.matrix()
    assert grid[0] == HEADER
    assert grid[1][0] == "I. Организационная работа"
    section = next(c for c in table.cells if c.row == 1)
    assert section.col_span == 4  # the merged section row is one cell spanning the table
    assert grid[2:] == ROWS  # numbers stored as numbers print as written: "1", not "1.0"
    assert table.pages == [1] and table.row_lines == [3, 4, 5, 6, 7, 8]  # sheet 1, Excel's row numbers
    assert all(c.page == 1 for c in table.cells)
    assert layout.tables()[-1].pages == [2] or "Сокращения ВР – воспитательная работа" in texts


@pytest.mark.parametrize("kind", FORMATS)
def test_plan_in_a_spreadsheet_becomes_a_plan(office_files, kind):
    doc = extract_path(office_files[kind])
    [plan] = doc.plans
    assert [m.text for m in plan.measures] == [r[1] for r in ROWS]
    assert [m.deadline_raw for m in plan.measures] == [r[2] for r in ROWS]
    assert plan.measures[0].section == "I. Организационная работа"


def test_timetable_is_read_faithfully_and_gives_no_plan(shared_dir):
    data = (shared_dir / "real" / "files" / "kk_table_fgs_6.xlsx").read_bytes()
    layout = read_bytes(data, "kk_table_fgs_6.xlsx")
    table = layout.tables()[0]
    header = table.matrix()[0]
    assert "Дүйсенбі" in header and "Педагог" in header  # the weekday columns of a timetable
    assert all(t is None or ".0" not in t for row in table.matrix() for t in row[:1])
    assert extract_bytes(data, "kk_table_fgs_6.xlsx").plans == []


def test_cell_values_print_as_a_sheet_shows_them():
    import datetime as dt

    assert cell_text(3.0) == "3" and cell_text(2.5) == "2.5"
    assert cell_text(dt.datetime(2025, 9, 1)) == "01.09.2025"
    assert cell_text(dt.date(2025, 10, 15)) == "15.10.2025"
    assert cell_text(dt.time(9, 30)) == "09:30"
    assert cell_text(" сентябрь \r\n октябрь ") == "сентябрь\nоктябрь"


def test_damaged_and_encrypted_workbooks_are_flagged():
    data = plan_xlsx()
    damaged = read_bytes(data[: len(data) // 2], "plan.xlsx")
    assert damaged.flags and damaged.flags[0].code in ("corrupt", "unreadable")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert read_bytes(ole, "book.xls").flags  # an OLE2 header with nothing behind it


@pytest.mark.parametrize("make", ["xlsx", "docx"])
def test_password_protected_office_files_are_flagged_encrypted(make):
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    from tests.attachments.make_files import plan_docx

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plan_xlsx() if make == "xlsx" else plan_docx())).encrypt("құпия", out)
    doc = extract_bytes(out.getvalue(), f"plan.{make}")
    assert doc.plans == [] and [f.code for f in doc.flags] == ["encrypted"]
