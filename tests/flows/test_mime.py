"""MIME walking: attachments, inline parts, forwarded messages, malformed input."""
from __future__ import annotations

from flows.mailbox import parse_message
from tests.flows import messages as M


def test_attachments_and_metadata():
    name, data = M.sample("000_8c8bd9275c0215dc.docx")
    parsed = parse_message(M.letter("Жоспар туралы", [(name, data)], msg_id="<x1@example.kz>"))
    assert parsed.message_id == "<x1@example.kz>" and parsed.subject == "Жоспар туралы"
    assert parsed.sender == "bilim@example.kz" and parsed.date is not None
    assert [(p.filename, p.data, p.disposition, p.nested) for p in parsed.parts] == [(name, data, "attachment", False)]
    assert parsed.defects == []


def test_inline_attachment_counts():
    name, data = M.sample("001_a737e2465b67cd3d.txt")
    parsed = parse_message(M.letter("inline", [(name, data)], inline=True))
    assert [(p.filename, p.disposition) for p in parsed.parts] == [(name, "inline")]
    assert parsed.parts[0].data == data


def test_forwarded_message_attachments_count():
    name, data = M.sample("002_f8fca9d81a5f40e7.txt")
    parsed = parse_message(M.forwarded("хат", M.letter("хат", [(name, data)])))
    assert [(p.filename, p.data, p.nested) for p in parsed.parts] == [(name, data, True)]


def test_body_only_message_has_no_parts():
    assert parse_message(M.without_attachment("сәлем")).parts == []


def test_malformed_message_is_flagged_not_raised():
    parsed = parse_message(M.malformed(b"%PDF-1.4 " * 40))
    assert "CloseBoundaryNotFoundDefect" in parsed.defects
    assert "InvalidBase64CharactersDefect" in parsed.defects
    assert [p.filename for p in parsed.parts] == ["broken.pdf"]


def test_garbage_bytes_do_not_raise():
    parsed = parse_message(b"\x00\xff\xfe not a mail at all \r\n\r\n\x80")
    assert parsed.parts == [] and parsed.message_id is None


def test_encoded_word_file_name_is_decoded():
    raw = (b"From: a@b.kz\r\nSubject: =?utf-8?B?0J/Qu9Cw0L0=?=\r\nMIME-Version: 1.0\r\n"
           b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nhi\r\n'
           b"--B\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;"
           b' filename="=?utf-8?B?0J/Qu9Cw0L0ucGRm?="\r\n\r\n%PDF\r\n--B--\r\n')
    parsed = parse_message(raw)
    assert parsed.subject == "План" and [p.filename for p in parsed.parts] == ["План.pdf"]
