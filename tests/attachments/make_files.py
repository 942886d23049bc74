"""Real files of every attachment format, made at test time: spreadsheets with openpyxl (and .xls/.ods
converted by LibreOffice), RTF and ODT converted by LibreOffice from a DOCX plan, archives with zipfile,
e-mails with the standard library's email package. The plan is invented (Russian and Kazakh rows)."""
from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

import docx
import openpyxl

from extractors.libreoffice import convert_files

HEADER = ["№", "Наименование мероприятия", "Срок исполнения", "Ответственные"]
ROWS = [
    ["1", "Провести совещание с директорами школ по итогам года", "сентябрь", "Отдел образования"],
    ["2", "Организовать курсы повышения квалификации учителей", "в течение года", "Методический кабинет"],
    ["3", "Ата-аналармен жиналыс өткізу", "тоқсан сайын", "Сынып жетекшілері"],
    ["4", "Обновить информационные стенды по безопасности", "до 1 октября", "Заместители директоров по ВР"],
]
TITLE = "План мероприятий отдела образования на 2025-2026 учебный год"


def plan_xlsx() -> bytes:
    """A title merged across the sheet, the header, a section row merged across, the rows, a signature,
    and a second sheet with a short note; a numeric number column (1, 2 ...) as Excel stores it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "План"
    ws.append([TITLE])
    ws.merge_cells("A1:D1")
    ws.append([])
    ws.append(HEADER)
    ws.append(["I. Организационная работа"])
    ws.merge_cells("A4:D4")
    for row in ROWS:
        ws.append([int(row[0]), *row[1:]])
    ws.append([])
    ws.append(["Руководитель отдела", None, None, "А. Сейткали"])
    note = wb.create_sheet("Примечание")
    note.append(["Сокращения", "ВР – воспитательная работа"])
    hidden = wb.create_sheet("Скрытый")
    hidden.append(["секрет", "не читать"])
    hidden.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def plan_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph(TITLE)
    t = d.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    t.style = d.styles["Table Grid"]
    for k, h in enumerate(HEADER):
        t.cell(0, k).text = h
    for r, row in enumerate(ROWS, start=1):
        for k, text in enumerate(row):
            t.cell(r, k).text = text
    d.add_paragraph("Руководитель отдела образования А. Сейткали")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def converted(out_dir: Path) -> dict[str, Path]:
    """plan.xls and plan.ods from plan.xlsx, plan.rtf and plan.odt from plan.docx (LibreOffice, one run
    per target format)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    xlsx, docx_path = out_dir / "plan.xlsx", out_dir / "plan.docx"
    xlsx.write_bytes(plan_xlsx())
    docx_path.write_bytes(plan_docx())
    made = {"xlsx": xlsx, "docx": docx_path}
    for fmt, src in (("xls", xlsx), ("ods", xlsx), ("rtf", docx_path), ("odt", docx_path)):
        (made[fmt],) = convert_files([src], fmt, out_dir)
    return made


def zip_of(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def bomb_zip(size: int = 300 * 1024 * 1024) -> bytes:
    """One member declaring 300 MB of zeros (deflated to a few hundred KB): over the archive limit."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open(zipfile.ZipInfo("zeros.txt"), "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def mail(body: str, attachments: dict[str, tuple[bytes, str]], subject: str = "План мероприятий",
         html: str | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Отдел образования <otdel@example.kz>"
    msg["To"] = "school@example.kz"
    msg["Subject"] = subject
    msg["Date"] = "Mon, 15 Sep 2025 10:00:00 +0500"
    msg.set_content(body)
    if html:
        msg.add_alternative(html, subtype="html")
    for name, (data, ctype) in attachments.items():
        main, _, sub = ctype.partition("/")
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return msg


def forwarded(inner: EmailMessage, note: str = "Пересылаю письмо отдела образования.") -> bytes:
    outer = mail(note, {}, subject="Fwd: План мероприятий")
    outer.add_attachment(inner)
    return outer.as_bytes()
