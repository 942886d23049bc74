"""Bad bytes never raise: each gives a LayoutDocument with a flag saying why."""
import io
import zipfile

import pytest

from extractors import safety
from extractors.docx_reader import read_docx
from extractors.pdf_reader import read_pdf
from extractors.read import read_bytes
from tests.readers.make_fixtures import entity_bomb_docx, minimal_pdf, zip_bomb


def codes(doc):
    return [f.code for f in doc.flags]


@pytest.mark.parametrize("reader", [read_pdf, read_docx])
def test_empty_file(reader):
    doc = reader(b"")
    assert codes(doc) == ["empty"] and doc.blocks == []


def test_garbage_bytes_named_pdf():
    garbage = bytes(range(256)) * 40
    assert codes(read_pdf(garbage)) == ["not_pdf"]
    assert codes(read_bytes(garbage, "письмо.pdf")) == ["not_pdf"]  # through the lead's dispatcher


def test_pdf_header_with_garbage_body_is_corrupt():
    doc = read_pdf(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert doc.flags and doc.flags[0].code in ("corrupt", "no_text_layer")


def test_truncated_pdf_does_not_raise(fixtures):
    data = (fixtures / "landscape.pdf").read_bytes()
    doc = read_pdf(data[: len(data) // 2])
    assert doc.flags or doc.blocks  # pdfminer may recover part of it; either way a document


def test_encrypted_pdf(fixtures):
    doc = read_pdf((fixtures / "encrypted.pdf").read_bytes())
    assert codes(doc) == ["encrypted"]
    assert "password" in doc.flags[0].message


def test_truncated_docx(fixtures):
    data = (fixtures / "ru_plan_merged.docx").read_bytes()
    doc = read_docx(data[: len(data) // 2])
    assert codes(doc) == ["corrupt"] and doc.blocks == []


def test_docx_reader_given_pdf_bytes(fixtures):
    assert codes(read_docx((fixtures / "landscape.pdf").read_bytes())) == ["wrong_format"]


def test_zip_bomb_refused_before_inflating():
    bomb = zip_bomb()
    assert len(bomb) < 1024 * 1024  # 64 MiB of XML in well under a megabyte
    doc = read_docx(bomb)
    assert codes(doc) == ["zip_bomb"] and "ratio" in doc.flags[0].message


def _zip(entries: dict[str, bytes]) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def test_zip_entry_count_and_total_size_limits():
    zf = _zip({f"word/part{i}.xml": b"<a/>" for i in range(30)})
    assert safety.check_zip(zf, max_entries=20).code == "zip_bomb"
    assert "entries" in safety.check_zip(zf, max_entries=20).message
    assert "uncompressed" in safety.check_zip(zf, max_total=50).message
    assert safety.check_zip(zf) is None


def test_entity_bomb_docx_refused(fixtures):
    bomb = entity_bomb_docx((fixtures / "ru_plan_merged.docx").read_bytes())
    doc = read_docx(bomb)
    assert codes(doc) == ["xml_entities"] and doc.flags[0].where == "word/document.xml"


def test_dtd_scan_stops_at_the_root_element():
    assert safety.has_dtd(io.BytesIO(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'))
    assert not safety.has_dtd(io.BytesIO(b'<?xml version="1.0"?><x><!-- <!DOCTYPE --></x>' + b"<y/>" * 10000))
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16")
    assert safety.has_dtd(io.BytesIO(utf16))


def test_page_without_text_layer_flagged():
    doc = read_pdf(minimal_pdf(["Plan of measures", None, None]))
    assert codes(doc) == ["no_text_layer"] and doc.flags[0].where == "pages 2, 3"
    assert [b.text for b in doc.blocks] == ["Plan of measures"]


def test_page_count_capped(fixtures):
    doc = read_pdf((fixtures / "ru_plan_3pages.pdf").read_bytes(), max_pages=2)
    assert codes(doc) == ["too_many_pages"] and doc.n_pages == 3
    assert doc.tables()[0].pages == [1, 2]


def test_blank_docx_flagged():
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    assert codes(read_docx(out.getvalue())) == ["no_text"]
