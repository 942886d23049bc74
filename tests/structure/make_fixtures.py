"""Makes the DOCX/PDF fixtures of the structure tests (Russian plans written for the tests, not the seeds).

    .venv/bin/python tests/structure/make_fixtures.py      # rewrites tests/structure/fixtures/*.docx|pdf

The files are committed; the tests read them as any user's files would be read.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from extractors.libreoffice import convert_files

HERE = Path(__file__).resolve().parent / "fixtures"
TOPICS = ["профилактике буллинга", "безопасности дорожного движения", "правовому воспитанию", "здоровому питанию",
          "энергосбережению", "цифровой грамотности", "патриотическому воспитанию", "трудовому воспитанию"]
OWNERS = ["заместитель директора по ВР", "классные руководители", "педагог-психолог", "социальный педагог",
          "ГОО, ОО", "инспектор ПДН (по согласованию)"]
DEADLINES = ["сентябрь", "ежеквартально", "до 25 декабря 2024 г.", "в течение года", "по отдельному плану", "май"]


def _widths(table, cms: list[float]) -> None:
    table.autofit = False
    for column, cm in zip(table.columns, cms):
        column.width = Cm(cm)  # w:gridCol, which LibreOffice follows
    for row in table.rows:
        for cell, cm in zip(row.cells, cms):
            cell.width = Cm(cm)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def merged_header_docx(path: Path) -> None:
    """Two header rows: "Исполнение" spans "Ответственные" and "Срок"; № and the measure span both rows."""
    doc = Document()
    doc.add_paragraph("УТВЕРЖДАЮ")
    doc.add_paragraph("Директор школы-гимназии № 5\n_________ Т. Омарова\n02.09.2024 г.")
    doc.add_paragraph("")
    doc.add_paragraph("План мероприятий по профилактике правонарушений на 2024-2025 учебный год")
    rows = [("1. Организационная работа", None, None, None),
            ("1.1", "Утверждение состава совета профилактики", "директор", "сентябрь"),
            ("1.2", "Составление социального паспорта школы", "социальный педагог", "до 15 октября 2024 г."),
            ("2. Работа с родителями", None, None, None),
            ("2.1", "Родительский всеобуч по вопросам безопасности детей", "классные руководители", "ежеквартально")]
    table = doc.add_table(rows=2 + len(rows), cols=4)
    table.style = "Table Grid"
    h = table.rows
    h[0].cells[0].text, h[0].cells[1].text, h[0].cells[2].text = "№", "Мероприятие", "Исполнение"
    h[1].cells[2].text, h[1].cells[3].text = "Ответственные", "Срок"
    h[0].cells[0].merge(h[1].cells[0])
    h[0].cells[1].merge(h[1].cells[1])
    h[0].cells[2].merge(h[0].cells[3])
    for r, values in enumerate(rows, start=2):
        cells = table.rows[r].cells
        if values[1] is None:
            merged = cells[0].merge(cells[3])
            merged.text = values[0]
        else:
            for c, v in zip(cells, values):
                c.text = v
    _widths(table, [1.2, 8.0, 4.0, 3.3])
    doc.save(path)


def long_table_docx(path: Path, n: int = 30) -> None:
    """A plan table over three pages, header repeated on each page, rows long enough to break."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_paragraph("План воспитательной работы КГУ «Средняя школа № 12» на 2024-2025 учебный год")
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for c, t in zip(table.rows[0].cells, ["№ п/п", "Наименование мероприятия", "Ответственные", "Срок исполнения", "Форма завершения"]):
        c.text = t
    _repeat_header(table.rows[0])
    for k in range(1, n + 1):
        topic = TOPICS[k % len(TOPICS)]
        text = f"Мероприятие {k}: классный час и беседа по {topic} с участием родителей и приглашённых специалистов"
        if k % 9 == 0:
            text += " (с подготовкой отчёта, фотоматериалов и размещением информации на сайте школы)" * 2
        cells = table.add_row().cells
        for c, t in zip(cells, [str(k), text, OWNERS[k % len(OWNERS)], DEADLINES[k % len(DEADLINES)], "информация"]):
            c.text = t
    _widths(table, [1.2, 6.3, 3.6, 2.9, 2.5])
    doc.add_paragraph("")
    doc.add_paragraph("Сокращения:")
    doc.add_paragraph("ГОО – городской отдел образования")
    doc.add_paragraph("ОО – организации образования")
    doc.add_paragraph("ПДН – подразделение по делам несовершеннолетних")
    doc.save(path)


def caption_row_docx(path: Path) -> None:
    """The plan's title as a merged first row of its table; the approval block is one paragraph with breaks."""
    doc = Document()
    doc.add_paragraph("Утверждаю\nДиректор школы\nА. Ким\n01.09.2024")
    rows = [("1", "Классные часы «Честность»", "октябрь", "классные руководители"),
            ("2", "Конкурс эссе", "декабрь", "учителя литературы"),
            ("3", "Книжная выставка", "в течение года", "библиотекарь")]
    table = doc.add_table(rows=2 + len(rows), cols=4)
    table.style = "Table Grid"
    caption = table.rows[0].cells[0].merge(table.rows[0].cells[3])
    caption.text = "План мероприятий по антикоррупционному воспитанию на 2024-2025 учебный год"
    for c, t in zip(table.rows[1].cells, ["№", "Мероприятие", "Сроки", "Ответственные"]):
        c.text = t
    for r, values in enumerate(rows, start=2):
        for c, v in zip(table.rows[r].cells, values):
            c.text = v
    _widths(table, [1.2, 8.0, 3.3, 4.0])
    doc.save(path)


def landscape_list_docx(path: Path) -> None:
    """A list plan (decisions of a meeting) on a landscape page."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    doc.add_paragraph("ПРОТОКОЛ № 2 заседания методического совета от 10.10.2024")
    doc.add_paragraph("")
    doc.add_paragraph("РЕШИЛИ:")
    for k, t in enumerate(["Утвердить план работы методических объединений;",
                           "Провести школьный этап олимпиады до 1 ноября 2024 года;",
                           "Организовать взаимопосещение уроков молодых специалистов;",
                           "Обобщить опыт работы учителей начальных классов."], 1):
        p = doc.add_paragraph(f"{k}. {t}")
        p.runs[0].font.size = Pt(12)
    doc.save(path)


def convert(docx: Path, fmt: str = "pdf") -> Path:
    """LibreOffice headless: DOCX -> PDF (or the legacy .doc format), beside the DOCX."""
    (out,) = convert_files([docx], fmt, docx.parent, timeout=180)
    return out


def main() -> int:
    HERE.mkdir(parents=True, exist_ok=True)
    for name, make in (("ru_merged_header", merged_header_docx), ("ru_three_pages", long_table_docx),
                       ("ru_landscape_list", landscape_list_docx), ("ru_caption_row", caption_row_docx)):
        path = HERE / f"{name}.docx"
        make(path)
        convert(path)
        print(path, path.with_suffix(".pdf"))
    print(convert(HERE / "ru_three_pages.docx", "doc"))  # Word 97-2003, read through LibreOffice
    return 0


if __name__ == "__main__":
    sys.exit(main())
