"""Builds the reader fixtures in tests/readers/fixtures/ (run: `python -m tests.readers.make_fixtures`).

DOCX fixtures are written with python-docx directly (not with extractors.docx_writer, so the DOCX
reader is not tested against its own mirror image); PDF fixtures are DOCX rendered by LibreOffice;
the rotated and encrypted PDFs are post-processed with qpdf. The texts are invented Russian and
Kazakh plans, not the seeds. `ensure_fixtures()` builds only the files that are missing.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import docx

from extractors.docx_writer import add_abstract_num, add_num, number_paragraph, write_docx
from extractors.libreoffice import convert_files
from schemas.layout import LayoutDocument, Paragraph, Table

FIXTURES = Path(__file__).parent / "fixtures"
SOFFICE_TIMEOUT = 240

# ---------------------------------------------------------------------- DOCX: merged cells, nesting, lists
RU_HEADER = ["№ п/п", "Наименование мероприятия", "Сроки исполнения", "", "Ответственные исполнители"]


def _set_cell(cell, text: str) -> None:
    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def build_ru_plan_docx() -> bytes:
    """A Russian plan: two-row header with gridSpan and vMerge, a merged section row, a cell with
    two paragraphs and a manual line break, a nested table, a header and a footer."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Управление образования Карагандинской области"
    d.sections[0].footer.paragraphs[0].text = "Исп. Петрова А.К., тел. 50-12-34"
    title = d.add_paragraph()
    title.add_run("ПЛАН мероприятий по профилактике правонарушений").bold = True
    title.alignment = 1
    d.add_paragraph("на 2024-2025 учебный год")
    d.add_paragraph()  # visual break
    t = d.add_table(rows=6, cols=5)
    t.style = d.styles["Table Grid"]
    # header: "№", "Наименование", "Ответственные" span two rows; "Сроки" spans two columns
    t.cell(0, 0).merge(t.cell(1, 0))
    t.cell(0, 1).merge(t.cell(1, 1))
    t.cell(0, 4).merge(t.cell(1, 4))
    t.cell(0, 2).merge(t.cell(0, 3))
    _set_cell(t.cell(0, 0), "№ п/п")
    _set_cell(t.cell(0, 1), "Наименование мероприятия")
    _set_cell(t.cell(0, 2), "Сроки исполнения")
    _set_cell(t.cell(0, 4), "Ответственные исполнители")
    _set_cell(t.cell(1, 2), "начало")
    _set_cell(t.cell(1, 3), "окончание")
    t.cell(2, 0).merge(t.cell(2, 4))
    _set_cell(t.cell(2, 0), "1. Организационные мероприятия")
    rows = [
        ("1.1", "Провести совещание с заместителями директоров\nпо воспитательной работе", "сентябрь", "октябрь", "Отдел образования"),
        ("1.2", "Обновить базу данных учащихся группы риска", "октябрь", "декабрь", "Школы района (по согласованию)"),
        ("1.3", "Организовать работу школьных служб примирения", "в течение года", "", ""),
    ]
    for r, row in enumerate(rows, start=3):
        for k, text in enumerate(row):
            _set_cell(t.cell(r, k), text)
    # a manual line break inside a cell paragraph
    t.cell(4, 4).paragraphs[0].add_run().add_break()
    t.cell(4, 4).paragraphs[0].add_run("ГУ «Ювенальная полиция»")
    # a nested table in the last row's responsible cell
    inner = t.cell(5, 4).add_table(rows=2, cols=2)
    for (r, k), text in {(0, 0): "Школа", (0, 1): "Срок", (1, 0): "СОШ №5", (1, 1): "май"}.items():
        inner.cell(r, k).text = text
    d.add_paragraph("Примечание: сроки могут уточняться.")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def build_lists_docx() -> bytes:
    """Auto-numbered lists whose numbers are not in the text: "1." and "1)" lists, restarts by a
    new w:num, a startOverride, two w:num of one abstract list counting apart, a two-level list."""
    d = docx.Document()
    dot = add_abstract_num(d, [("decimal", "%1.")])
    paren = add_abstract_num(d, [("decimal", "%1)")])
    two = add_abstract_num(d, [("decimal", "%1."), ("decimal", "%1.%2.")])
    letters = add_abstract_num(d, [("lowerLetter", "%1)"), ("lowerRoman", "%2.")])

    def items(num_id: int, texts: list[str], ilvl: int = 0) -> None:
        for text in texts:
            number_paragraph(d.add_paragraph(text), num_id, ilvl)

    d.add_paragraph("РЕКОМЕНДАЦИИ:")
    items(add_num(d, dot, start=None), ["Усилить контроль за посещаемостью.", "Провести родительские собрания.", "Обеспечить горячим питанием."])
    d.add_paragraph("Этапы проведения акции:")
    items(add_num(d, paren), ["подготовительный;", "основной;"])
    d.add_paragraph("Ұсынымдар:")  # a second "1)" list: a new w:num restarts at 1
    items(add_num(d, paren), ["мектептерге бақылау жүргізу;", "ата-аналармен кездесу өткізу."])
    d.add_paragraph("Продолжение с пятого пункта:")
    items(add_num(d, dot, start=5), ["Пятый пункт.", "Шестой пункт."])
    # two-level list: 1. / 1.1. / 1.2. / 2. / 2.1.
    two_num = add_num(d, two)
    items(two_num, ["Организационная работа"], 0)
    items(two_num, ["Составить график.", "Утвердить состав комиссии."], 1)
    items(two_num, ["Методическая работа"], 0)
    items(two_num, ["Провести семинар."], 1)
    let_num = add_num(d, letters)
    items(let_num, ["первый", "второй"], 0)
    items(let_num, ["подпункт"], 1)
    items(let_num, ["третий"], 0)
    # style-based numbering ("List Number" carries its numPr in styles.xml) must not crash
    d.add_paragraph("Пункт по стилю", style="List Number")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------- PDF sources (LayoutDocuments)
MEASURES_RU = [
    "Провести мониторинг посещаемости учебных занятий обучающимися и принять меры по возвращению детей, не посещающих школу без уважительной причины",
    "Организовать работу консультационных пунктов для родителей по вопросам воспитания и обучения детей",
    "Обеспечить учет детей школьного возраста, проживающих на закрепленной за школой территории",
    "Провести акцию «Дорога в школу» с оказанием материальной помощи детям из малообеспеченных семей",
    "Разработать и утвердить графики дежурства педагогов в период проведения каникул",
    "Подготовить аналитическую справку о занятости обучающихся во внеурочное время",
    "Организовать бесплатное горячее питание для учащихся начальных классов и детей из социально уязвимых семей",
    "Провести семинар для классных руководителей по профилактике буллинга в школьной среде",
]
RESPONSIBLE_RU = ["Отдел образования", "Директора школ", "Управление образования, акиматы районов (по согласованию)", "Социальные педагоги"]
DEADLINES_RU = ["ежеквартально", "до 1 сентября 2024 года", "в течение года", "декабрь 2024 года", "до 10 числа каждого месяца"]
HEADER_3P = ["№ п/п", "Наименование мероприятия", "Форма завершения", "Срок исполнения", "Ответственные"]
TALL_ROW = 14  # row number of the deliberately long measure that a page break will cut


def three_page_rows() -> list[list[str]]:
    rows = []
    for n in range(1, 33):
        text = MEASURES_RU[n % len(MEASURES_RU)]
        if n == TALL_ROW:  # long enough that it cannot fit in what is left of a page
            text = "\n".join(f"{MEASURES_RU[k % len(MEASURES_RU)]}." for k in range(9))
        rows.append([f"{n}.", text, "информация в управление образования", DEADLINES_RU[n % len(DEADLINES_RU)], RESPONSIBLE_RU[n % len(RESPONSIBLE_RU)]])
    return rows


def three_page_layout() -> LayoutDocument:
    rows = [HEADER_3P] + three_page_rows()
    table = Table.from_rows(rows)
    blocks = [
        Paragraph(text="УТВЕРЖДАЮ", align="right"),
        Paragraph(text="Руководитель управления образования", align="right"),
        Paragraph(text="План мероприятий по обеспечению всеобуча на 2024-2025 учебный год", align="center", bold=True),
        Paragraph(text=""),
        table,
        Paragraph(text=""),
        Paragraph(text="Информацию о ходе исполнения направлять в департа-\nменті образования и в северо-восточный филиал центра до 5 числа."),
        Paragraph(text=""),
        Paragraph(text="Руководитель отдела                                   А. Сейтқали"),
    ]
    return LayoutDocument(media_type="text/plain", blocks=blocks)


def landscape_layout() -> LayoutDocument:
    wide = [["№", "Мероприятие", "Ответственные", "Форма", "Срок", "Индикатор", "Примечание"]]
    wide += [[str(n), MEASURES_RU[n], RESPONSIBLE_RU[n % 4], "справка", DEADLINES_RU[n % 5], "охват 100%", ""] for n in range(1, 5)]
    table = Table.from_rows(wide)
    return LayoutDocument(media_type="text/plain", blocks=[
        Paragraph(text="Сопроводительное письмо"),
        Paragraph(text="Направляем план для исполнения."),
        table,
        Paragraph(text="Приложение закончено."),
    ])


def soffice_to_pdf(docx_paths: list[Path], out_dir: Path) -> None:
    convert_files(docx_paths, "pdf", out_dir, SOFFICE_TIMEOUT)


def qpdf(*args: str) -> None:
    # exit 3 = success with warnings
    proc = subprocess.run(["qpdf", *args], capture_output=True, timeout=60)
    if proc.returncode not in (0, 3):
        raise RuntimeError(proc.stderr.decode(errors="replace"))


def build_pdfs(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        sources = {
            "ru_plan_3pages": write_docx(three_page_layout()),
            "landscape": write_docx(landscape_layout(), landscape_tables={0}),
        }
        paths = []
        for stem, data in sources.items():
            paths.append(tmp_dir / f"{stem}.docx")
            paths[-1].write_bytes(data)
        soffice_to_pdf(paths, tmp_dir)
        for stem in sources:
            shutil.copy(tmp_dir / f"{stem}.pdf", out / f"{stem}.pdf")
        land = str(tmp_dir / "landscape.pdf")
        # page 2 of landscape.pdf is the landscape table page. rotated.pdf page 2: content drawn
        # sideways with /Rotate 90 (a viewer shows it upright: the scanner case); page 3 of
        # sideways.pdf: sideways content and no /Rotate (a viewer shows it turned).
        qpdf(land, "--rotate=-90:2", str(tmp_dir / "r1.pdf"))
        qpdf("--flatten-rotation", str(tmp_dir / "r1.pdf"), str(tmp_dir / "sideways.pdf"))
        qpdf(str(tmp_dir / "sideways.pdf"), "--rotate=+90:2", str(out / "rotated.pdf"))
        shutil.copy(tmp_dir / "sideways.pdf", out / "sideways.pdf")
        qpdf("--encrypt", "user-secret", "owner-secret", "256", "--", land, str(out / "encrypted.pdf"))


# ---------------------------------------------------------------------- bad inputs
def minimal_pdf(pages: list[str | None]) -> bytes:
    """A hand-written PDF: each page shows an ASCII text, or (None) only a drawn rectangle, like a
    scan without a text layer."""
    return pdf_of_contents(["0.5 g 72 500 300 200 re f" if text is None else f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET"
                            for text in pages])


def pdf_of_contents(contents: list[str], height: int = 842) -> bytes:
    """A hand-written PDF of A4-wide pages, one per content stream, with Helvetica as font /F1."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for content in contents:
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 {height}] /Contents {len(objects)} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def zip_bomb(size: int = 64 * 1024 * 1024) -> bytes:
    """A DOCX-shaped zip whose document.xml inflates 1000:1 (64 MiB of spaces in ~64 KiB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with zf.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                part.write(chunk)
    return out.getvalue()


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>\n"
)


def entity_bomb_docx(valid_docx: bytes) -> bytes:
    """A valid DOCX whose document.xml gets a billion-laughs DOCTYPE in front of its root."""
    src = zipfile.ZipFile(io.BytesIO(valid_docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                body = data.decode("utf-8").split("?>", 1)[1]
                data = (BILLION_LAUGHS + body.replace("<w:t>", "<w:t>&lol9;", 1)).encode("utf-8")
            dst.writestr(info.filename, data)
    return out.getvalue()


# ---------------------------------------------------------------------- entry points
DOCX_BUILDERS = {"ru_plan_merged.docx": build_ru_plan_docx, "lists.docx": build_lists_docx}
PDF_FILES = ["ru_plan_3pages.pdf", "landscape.pdf", "rotated.pdf", "sideways.pdf", "encrypted.pdf"]


def ensure_fixtures(out: Path = FIXTURES, force: bool = False) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for name, build in DOCX_BUILDERS.items():
        if force or not (out / name).exists():
            (out / name).write_bytes(build())
    if force or not all((out / name).exists() for name in PDF_FILES):
        build_pdfs(out)
    return out


if __name__ == "__main__":
    ensure_fixtures(force=True)
    print("\n".join(sorted(p.name for p in FIXTURES.iterdir())))
