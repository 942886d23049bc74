"""Archives and forwarded e-mails: one Document per file, members read by their own readers in order,
each block's provenance naming its member; bombs, path tricks, nesting and damage flagged."""
from __future__ import annotations

import zipfile

from extractors.container import MAX_DEPTH
from extractors.read import read_bytes, sniff
from pipeline.extract import extract_bytes
from schemas.layout import Paragraph
from tests.attachments.make_files import ROWS, bomb_zip, forwarded, mail, plan_docx, plan_xlsx, zip_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TAB_PLAN = "№\tІс-шаралар атауы\tМерзімі\tЖауаптылар\n1\tЖиналыс өткізу\tқыркүйек\tДиректор\n2\tЕсеп беру\tжыл сайын\tОрынбасар\n"


def _members(layout) -> list[str]:
    return [b.text for b in layout.blocks if isinstance(b, Paragraph) and b.style == "member"]


def test_zip_members_read_in_order_with_their_names():
    data = zip_of({"Хат/план.docx": plan_docx(), "кесте.xlsx": plan_xlsx(), "readme.txt": "Қосымша: 2 файл".encode()})
    assert sniff(data, "") == "zip"
    layout = read_bytes(data, "pack.zip")
    assert _members(layout) == ["Хат/план.docx", "кесте.xlsx", "readme.txt"]
    assert [t.member for t in layout.tables()] == ["Хат/план.docx", "кесте.xlsx"]
    assert [t.index for t in layout.tables()] == list(range(len(layout.tables())))
    doc = extract_bytes(data, "pack.zip")
    assert len(doc.plans) == 2  # the DOCX plan and the spreadsheet plan
    for plan in doc.plans:
        assert [m.text for m in plan.measures] == [r[1] for r in ROWS]
        assert {m.provenance.member for m in plan.measures} in ({"Хат/план.docx"}, {"кесте.xlsx"})
        assert all(c.member == m.provenance.member for m in plan.measures for c in m.cells.values())


def test_nested_zip_names_the_path_and_depth_is_bounded():
    inner = zip_of({"plan.txt": TAB_PLAN.encode()})
    layout = read_bytes(zip_of({"inner.zip": inner}), "outer.zip")
    [table] = layout.tables()
    assert table.member == "inner.zip/plan.txt"
    deep = TAB_PLAN.encode()
    for level in range(MAX_DEPTH + 1):
        deep = zip_of({f"level{level}.zip" if level else "plan.txt": deep})
    layout = read_bytes(deep, "deep.zip")
    assert "too_deep" in {f.code for f in layout.flags}
    assert not layout.tables()


def test_zip_bomb_and_path_tricks_are_flagged():
    bomb = read_bytes(bomb_zip(), "bomb.zip")
    assert [f.code for f in bomb.flags] == ["zip_bomb"]
    tricky = read_bytes(zip_of({"../../etc/plan.txt": TAB_PLAN.encode(), "/abs/notes.txt": b"note"}), "x.zip")
    codes = [(f.code, f.where) for f in tricky.flags]
    assert ("unsafe_member_name", "etc/plan.txt") in codes and ("unsafe_member_name", "abs/notes.txt") in codes
    assert tricky.tables()[0].member == "etc/plan.txt"  # read in memory all the same


def test_encrypted_damaged_and_empty_archives_are_flagged():
    data = bytearray(zip_of({"plan.txt": TAB_PLAN.encode()}, zipfile.ZIP_STORED))
    data[6] |= 0x1  # the local header's "encrypted" bit ...
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1  # ... and the central directory's
    assert "encrypted" in {f.code for f in read_bytes(bytes(data), "x.zip").flags}
    whole = zip_of({"plan.txt": TAB_PLAN.encode() * 50})
    assert read_bytes(whole[: len(whole) // 2], "x.zip").flags[0].code == "corrupt"
    assert read_bytes(zip_of({}), "x.zip").flags[0].code == "empty"
    doc = extract_bytes(zip_of({}), "x.zip")
    assert doc.plans == [] and "empty" in {f.code for f in doc.flags}


def test_member_flags_say_where():
    layout = read_bytes(zip_of({"broken.pdf": b"%PDF-1.7\n garbage", "plan.txt": TAB_PLAN.encode()}), "x.zip")
    assert any(f.where and f.where.startswith("broken.pdf") for f in layout.flags)
    assert layout.tables()[0].member == "plan.txt"


# ---------------------------------------------------------------------- e-mail
def test_eml_headers_body_table_and_attachments():
    msg = mail("Сәлеметсіз бе!\n\n" + TAB_PLAN, {"plan.xlsx": (plan_xlsx(), XLSX), "хат.docx": (plan_docx(), DOCX)})
    data = msg.as_bytes()
    assert sniff(data, "") == "eml"
    layout = read_bytes(data, "message")
    texts = [b.text for b in layout.blocks if isinstance(b, Paragraph)]
    assert texts[0].startswith("From: Отдел образования") and any(t.startswith("Subject: План") for t in texts)
    body_table, *attached = layout.tables()
    assert body_table.member is None and body_table.matrix()[1][1] == "Жиналыс өткізу"  # the body's tab table
    assert _members(layout) == ["plan.xlsx", "хат.docx"]
    assert {t.member for t in attached} == {"plan.xlsx", "хат.docx"}
    doc = extract_bytes(data, "message.eml")
    assert len(doc.plans) == 3


def test_forwarded_message_is_read_as_a_member():
    inner = mail("Жоспарды жолдаймыз.", {"plan.docx": (plan_docx(), DOCX)})
    layout = read_bytes(forwarded(inner), "fwd.eml")
    heads = [b for b in layout.blocks if isinstance(b, Paragraph) and b.style == "member"]
    assert [(h.text, h.member) for h in heads] == [("План мероприятий.eml", "План мероприятий.eml"),
                                                   ("plan.docx", "План мероприятий.eml/plan.docx")]
    [table] = layout.tables()
    assert table.member == "План мероприятий.eml/plan.docx"
    assert "Пересылаю" in " ".join(b.text for b in layout.blocks if isinstance(b, Paragraph))


def test_html_only_body_keeps_its_table():
    html = ("<html><body><p>План:</p><table><tr><th>№</th><th>Мероприятие</th><th>Срок</th></tr>"
            "<tr><td>1</td><td>Провести собрание</td><td>май</td></tr>"
            "<tr><td>2</td><td>Сдать отчёт</td><td>июнь</td></tr></table></body></html>")
    msg = mail("", {}, html=html)
    msg.clear_content()
    msg.set_content(html, subtype="html")
    layout = read_bytes(msg.as_bytes(), "x.eml")
    [table] = layout.tables()
    assert table.matrix()[2] == ["2", "Сдать отчёт", "июнь"]


def test_broken_mime_still_gives_a_document():
    data = (b"From: a@example.kz\r\nTo: b@example.kz\r\nSubject: test\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\n"
            b"\xd0\x9f\xd0\xbb\xd0\xb0\xd0\xbd\r\n--XX\r\nContent-Type: application/pdf; name=a.pdf\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n")  # no closing boundary
    doc = extract_bytes(data, "broken.eml")
    assert doc.plans == [] and doc.flags


# ---------------------------------------------------------------------- Outlook .msg
def test_msg_body_table_and_attachments():
    from tests.attachments.msg_writer import write_msg

    data = write_msg("План мероприятий", "Направляем план.\n\n" + TAB_PLAN, {"план.docx": plan_docx()})
    assert sniff(data, "") == "msg"
    layout = read_bytes(data, "")
    assert layout.media_type == "application/vnd.ms-outlook"
    texts = [b.text for b in layout.blocks if isinstance(b, Paragraph)]
    assert "Subject: План мероприятий" in texts and "Направляем план." in texts
    body_table, attached = layout.tables()
    assert body_table.member is None and body_table.matrix()[2][1] == "Есеп беру"
    assert attached.member == "план.docx" and attached.matrix()[1][1] == ROWS[0][1]
    assert len(extract_bytes(data, "letter.msg").plans) == 2


def test_forwarded_msg_inside_msg():
    from tests.attachments.msg_writer import write_msg

    data = write_msg("Fwd: План", "Пересылаю.", {}, forwarded=("План", "Жоспар қоса беріліп отыр.", {"plan.xlsx": plan_xlsx()}))
    layout = read_bytes(data, "fwd.msg")
    assert _members(layout)[0] == "План.msg"
    [table] = layout.tables()
    assert table.member == "План.msg/plan.xlsx"
    doc = extract_bytes(data, "fwd.msg")
    assert [m.provenance.member for m in doc.plans[0].measures] == ["План.msg/plan.xlsx"] * len(ROWS)


def test_damaged_msg_is_flagged():
    from tests.attachments.msg_writer import write_msg

    data = write_msg("x", "y", {})
    layout = read_bytes(data[:1536], "cut.msg")
    assert layout.flags and layout.flags[0].code in ("corrupt", "unreadable")


LISTS = {
    "ru": "Рекомендации по итогам проверки школ района\n\n1. Провести педагогический совет по итогам проверки.\n"
          "2. Обновить план работы с родителями до 1 октября.\n3. Представить отчет в отдел образования.\n",
    "kk": "Мектептерді тексеру қорытындысы бойынша ұсынымдар\n\n1. Педагогикалық кеңес өткізу.\n"
          "2. Ата-аналармен жұмыс жоспарын қазанға дейін жаңарту.\n3. Білім бөліміне есеп ұсыну.\n",
}


def test_a_member_starts_afresh_for_titles_and_lists():
    """A list plan titled by the first line of its file (no colon, not capitals) is found as well when the file
    is a zip's second member or an e-mail's attachment: the member name and the mail headers before it are
    labels, not the document's first lines."""
    for lang, text in LISTS.items():
        title = text.splitlines()[0]
        packed = {
            "zip": zip_of({"хат.txt": "Ілеспе хат.".encode(), "list.txt": text.encode()}),
            "eml": bytes(mail("Направляю рекомендации.", {"list.txt": (text.encode(), "text/plain")})),
        }
        for kind, data in packed.items():
            (plan,) = extract_bytes(data, f"p.{kind}").plans
            assert (plan.kind, plan.title, len(plan.measures)) == ("list", title, 3), (lang, kind)


def test_letterhead_of_an_attached_letter_is_not_mixed_with_the_mail_headers(samples_dir):
    """The sample letter (Kazakh and Russian letterhead side by side) forwarded as an attachment gives the
    same letter as the DOCX alone: the headers, the covering note and the member name are not its letterhead."""
    data = (samples_dir / "000_8c8bd9275c0215dc.docx").read_bytes()
    (alone,) = extract_bytes(data, "letter.docx").letters
    doc = extract_bytes(bytes(mail("Қосымша: жоспар.", {"letter.docx": (data, DOCX)})), "m.eml")
    (found,) = doc.letters
    assert (found.number, found.date, found.issuer) == (alone.number, alone.date, alone.issuer)
    assert found.issuer and "Subject" not in found.issuer and "letter.docx" not in found.issuer
