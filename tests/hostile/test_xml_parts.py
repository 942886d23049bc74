"""Finding 7: every part of a package is checked for a DOCTYPE, whatever its name."""
from __future__ import annotations

import io

import docx
import pytest

from extractors import safety
from extractors.read import read_bytes
from pipeline.extract import extract_bytes
from tests.hostile.packages import billion_laughs_main_part, renamed_main_part
from tests.readers.make_fixtures import ensure_fixtures


@pytest.fixture(scope="module")
def plan_docx() -> bytes:
    return (ensure_fixtures() / "ru_plan_merged.docx").read_bytes()


def test_renamed_main_part_is_what_python_docx_reads(plan_docx):
    """The attack is real: python-docx follows the relationships to the renamed part."""
    renamed = renamed_main_part(plan_docx, "word/body.part")
    text = "\n".join(p.text for t in docx.Document(io.BytesIO(renamed)).tables for r in t.rows for p in r.cells[0].paragraphs)
    assert text.strip()  # the plan's table is read from word/body.part, not from the decoy
    assert not safety.check_docx(renamed)


@pytest.mark.parametrize("name", ["word/body.part", "word/document.bin", "content/main"])
def test_billion_laughs_in_a_renamed_part_is_xml_entities(plan_docx, name):
    doc = extract_bytes(billion_laughs_main_part(plan_docx, name), "letter.docx")
    assert [f.code for f in doc.flags] == ["xml_entities"]
    assert doc.flags[0].where == name and not doc.plans


def test_plain_doctype_in_a_renamed_part_refused(plan_docx):
    bad = renamed_main_part(plan_docx, "word/x.dat", prolog='<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "file:///etc/passwd">')
    assert [f.code for f in read_bytes(bad, "x.docx").flags] == ["xml_entities"]


@pytest.mark.parametrize("encoding", ["utf-16", "cp1251"])
def test_doctype_in_other_declared_encodings_found(encoding):
    """The check parses like libxml2 (the readers' parser), so a declared cp1251 or a UTF-16 part is read."""
    xml = f'<?xml version="1.0" encoding="{encoding.upper()}"?><!DOCTYPE x [<!ENTITY a "б">]><x>&a;</x>'
    assert safety.has_dtd(io.BytesIO(xml.encode(encoding)))


def test_binary_parts_cost_nothing_and_pass(plan_docx):
    assert safety.check_package(plan_docx) is None  # the thumbnail JPEG is parsed as XML and refused quietly
    assert not safety.has_dtd(io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(5000)))
