"""Builds the unruled-table fixtures in tests/readers_unruled/fixtures/
(run: `.venv/bin/python -m tests.readers_unruled.make_fixtures`).

Each PDF is a DOCX written with python-docx and rendered by LibreOffice. The tables have no borders
at all (tblBorders all "nil", no table style), as borderless Word tables, 1C/Excel exports and
tab-typed plans print. Texts are invented Russian and Kazakh plans and letters, not the seeds.
`ensure_fixtures()` builds only the files that are missing.
"""
from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from tests.readers.make_fixtures import soffice_to_pdf

FIXTURES = Path(__file__).parent / "fixtures"
PDF_STEMS = ["ru_unruled_plan", "kk_unruled_plan", "bilingual_letterhead", "protocol_signatures"]


def no_borders(table) -> None:
    """Every border of the table and its inside grid set to nil, and no table style (whose borders would
    show again)."""
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")) + tbl_pr.findall(qn("w:tblStyle")):
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _widths(table, widths_cm: list[float]) -> None:
    table.autofit = False
    for k, w in enumerate(widths_cm):
        table.columns[k].width = Cm(w)
        for cell in table.columns[k].cells:
            cell.width = Cm(w)


def _fill(cell, text: str, bold: bool = False) -> None:
    lines = text.split("\n")
    para = cell.paragraphs[0]
    para.add_run(lines[0]).bold = bold
    for line in lines[1:]:
        cell.add_paragraph().add_run(line).bold = bold


def _doc() -> docx.Document:
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    style.paragraph_format.space_after = Pt(0)
    return d


def _plan_table(d, header: list[str], rows: list[tuple], widths: list[float], space_after: float = 0) -> None:
    """rows: tuples of cell texts, or a 1-tuple for a section row merged across the table."""
    t = d.add_table(rows=1 + len(rows), cols=len(header))
    no_borders(t)
    _widths(t, widths)
    for k, text in enumerate(header):
        _fill(t.cell(0, k), text, bold=True)
    for r, row in enumerate(rows, start=1):
        if len(row) == 1:
            merged = t.cell(r, 0).merge(t.cell(r, len(header) - 1))
            _fill(merged, row[0], bold=True)
            continue
        for k, text in enumerate(row):
            _fill(t.cell(r, k), text)
    if space_after:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.space_after = Pt(space_after)


def _save(d) -> bytes:
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------- positives
RU_MEASURES = [
    "Провести заседание методического совета по итогам прошлого года",
    "Утвердить график открытых уроков учителей начальных классов",
    "Организовать курсы повышения квалификации для молодых педагогов",
    "Провести мониторинг посещаемости кружков и секций",
    "Обновить информационный стенд по профилактике травматизма",
    "Подготовить отчёт о занятости учащихся во внеурочное время",
    "Провести родительские собрания по вопросам безопасности детей",
    "Организовать встречи учащихся с сотрудниками пожарной части",
    "Провести конкурс рисунков «Безопасная дорога»",
    "Проверить состояние учебных кабинетов перед началом четверти",
    "Провести анкетирование родителей о качестве питания",
    "Организовать работу летнего пришкольного лагеря",
]
RU_DEADLINES = ["сентябрь", "октябрь", "ноябрь", "декабрь", "январь", "февраль", "март", "апрель", "май",
                "в течение года", "ежеквартально", "июнь"]
RU_RESPONSIBLE = ["Заместитель директора по УР", "Методист районного отдела", "Классные руководители",
                  "Социальный педагог", "Школьный психолог", "Директор школы"]


def ru_rows() -> list[tuple]:
    rows: list[tuple] = [("I. Организационная работа",)]
    for i in range(12):
        if i == 6:
            rows.append(("II. Работа с родителями и учащимися",))
        number = f"{i + 1}."
        responsible = RU_RESPONSIBLE[i % len(RU_RESPONSIBLE)]
        if i == 0:  # a cell with two paragraphs on one page
            responsible = "Заместитель директора по УР\nШМО"
        if i == 2:  # a cell with two paragraphs, cut by the page break
            responsible = "Методист районного отдела\nДиректора школ (по согласованию)"
        rows.append((number, RU_MEASURES[i], RU_DEADLINES[i], responsible))
    return rows


def build_ru_plan() -> bytes:
    """Title, preamble, then a four-column borderless plan running over two pages, then an
    abbreviation note and a signature."""
    d = _doc()
    p = d.add_paragraph()
    p.add_run("ПЛАН мероприятий отдела образования на 2025-2026 учебный год").bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(14):  # preamble pushes the table over the page break
        d.add_paragraph("В целях повышения качества образования и обеспечения безопасности учащихся "
                        "отдел образования района утверждает следующий план работы на учебный год.")
    d.add_paragraph()
    _plan_table(d, ["№", "Мероприятие", "Срок", "Ответственные"], ru_rows(), [1.2, 7.7, 3.4, 4.5],
                space_after=6)
    d.add_paragraph()
    d.add_paragraph("Аббревиатуры: УР – учебная работа.")
    d.add_paragraph()
    d.add_paragraph("Руководитель отдела образования\t\t\t\tА. Сейткали")
    return _save(d)


KK_ROWS = [
    ("1", "Оқушылардың білім сапасын арттыру бойынша әдістемелік кеңес өткізу", "Қыркүйек",
     "Директордың оқу ісі жөніндегі орынбасары", "Хаттама"),
    ("2", "Жас мұғалімдерге тәлімгерлік жұмысын ұйымдастыру", "Қазан", "Әдістемелік бірлестік жетекшілері",
     "Бұйрық"),
    ("3", "Ата-аналармен жиналыс өткізу", "Тоқсан сайын", "Сынып жетекшілері", "Ақпарат"),
    ("4", "Мектеп кітапханасының қорын жаңарту", "Желтоқсан", "Кітапханашы", "Анықтама"),
]


def build_kk_plan() -> bytes:
    """A Kazakh five-column borderless plan with a two-line header and no row spacing."""
    d = _doc()
    p = d.add_paragraph()
    p.add_run("2025-2026 оқу жылына арналған іс-шаралар жоспары").bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph()
    _plan_table(d, ["Р/с №", "Іс-шаралар атауы", "Орындау мерзімі", "Жауаптылар", "Аяқтау нысаны"], KK_ROWS,
                [1.3, 6.5, 2.8, 4.0, 2.6])
    d.add_paragraph()
    d.add_paragraph("Бөлім басшысы\t\t\t\t\tҚ. Әбенов")
    return _save(d)


# ---------------------------------------------------------------------- negatives
def build_bilingual_letterhead() -> bytes:
    """A letter under a two-column bilingual letterhead (Kazakh left, Russian right, a borderless
    table as Word templates make it), with deadlines and responsible persons named in prose."""
    d = _doc()
    head = d.add_table(rows=4, cols=3)
    no_borders(head)
    _widths(head, [7.5, 2.0, 7.5])
    left = ["ҚАРАҒАНДЫ ОБЛЫСЫ", "БІЛІМ БЕРУ БАСҚАРМАСЫНЫҢ", "АУДАНДЫҚ БІЛІМ БӨЛІМІ", "Жұмыс телефоны: 41-22-33"]
    right = ["УПРАВЛЕНИЕ ОБРАЗОВАНИЯ", "КАРАГАНДИНСКОЙ ОБЛАСТИ", "РАЙОННЫЙ ОТДЕЛ ОБРАЗОВАНИЯ", "Срок ответа: 5 дней"]
    for r in range(4):
        _fill(head.cell(r, 0), left[r])
        _fill(head.cell(r, 2), right[r])
    d.add_paragraph()
    d.add_paragraph("№ 12-04/118\t\t\t\t\t\t\t15.09.2025")
    d.add_paragraph()
    d.add_paragraph("Директорам общеобразовательных школ")
    d.add_paragraph()
    for _ in range(3):
        d.add_paragraph("Отдел образования просит в срок до 1 октября представить план мероприятий по "
                        "профилактике правонарушений. Ответственные исполнители – заместители директоров "
                        "по воспитательной работе. Наименование мероприятий указывать полностью.")
    d.add_paragraph()
    d.add_paragraph("Руководитель отдела\t\t\t\t\t\tА. Ахметов")
    return _save(d)


def build_protocol_signatures() -> bytes:
    """A meeting protocol whose agenda items are numbered paragraphs and whose signature lines are
    spaced in columns by tabs (position, signature, name), plus a tabbed 'who / when' note."""
    d = _doc()
    p = d.add_paragraph()
    p.add_run("ПРОТОКОЛ № 3 заседания методического совета").bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("от 20 октября 2025 года")
    d.add_paragraph()
    d.add_paragraph("Повестка дня:")
    d.add_paragraph("1. О мероприятиях по подготовке к олимпиаде. Ответственный – методист.")
    d.add_paragraph("2. Разное.")
    d.add_paragraph()
    d.add_paragraph("Мероприятие\t\tСрок\t\tОтветственный\tприняты к сведению.")
    d.add_paragraph("Решили: одобрить план работы, срок исполнения – до конца четверти.")
    d.add_paragraph()
    for role, name in [("Председатель", "Б. Нурланов"), ("Секретарь", "Г. Иванова"),
                       ("Ответственный исполнитель", "Д. Сапарова")]:
        d.add_paragraph(f"{role}\t\t\t_____________\t\t\t{name}")
    return _save(d)


DOCX_BUILDERS = {"ru_unruled_plan": build_ru_plan, "kk_unruled_plan": build_kk_plan,
                 "bilingual_letterhead": build_bilingual_letterhead,
                 "protocol_signatures": build_protocol_signatures}


def ensure_fixtures(out: Path = FIXTURES, force: bool = False) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    if not force and all((out / f"{s}.pdf").exists() for s in PDF_STEMS):
        return out
    with tempfile.TemporaryDirectory(prefix="unruled_") as tmp:
        tmp_dir = Path(tmp)
        paths = []
        for stem, build in DOCX_BUILDERS.items():
            path = tmp_dir / f"{stem}.docx"
            path.write_bytes(build())
            paths.append(path)
        soffice_to_pdf(paths, tmp_dir)
        for stem in PDF_STEMS:
            shutil.copy(tmp_dir / f"{stem}.pdf", out / f"{stem}.pdf")
    return out


if __name__ == "__main__":
    ensure_fixtures(force=True)
    print("\n".join(sorted(p.name for p in FIXTURES.iterdir())))
