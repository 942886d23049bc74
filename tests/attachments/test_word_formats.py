"""RTF and ODT (LibreOffice -> DOCX reader): tables kept, the plan found; real .rtf and .doc letters read."""
from __future__ import annotations

import pytest

from extractors.read import read_bytes, sniff
from pipeline.extract import extract_path
from tests.attachments.make_files import HEADER, ROWS


@pytest.mark.parametrize("kind,media", [("rtf", "application/rtf"), ("odt", "application/vnd.oasis.opendocument.text")])
def test_word_processor_files_keep_their_tables(office_files, kind, media):
    data = office_files[kind].read_bytes()
    assert sniff(data, "noname") == kind
    layout = read_bytes(data, "noname")
    assert layout.media_type == media and not layout.flags
    [table] = layout.tables()
    assert table.matrix() == [HEADER, *ROWS]
    doc = extract_path(office_files[kind])
    assert [m.text for m in doc.plans[0].measures] == [r[1] for r in ROWS]


@pytest.mark.parametrize("name", ["ru_letter_dushas_2.rtf", "ru_letter_rmr_2.doc"])
def test_real_legacy_letters_are_read(shared_dir, name):
    layout = read_bytes((shared_dir / "real" / "files" / name).read_bytes(), name)
    assert not layout.flags
    text = " ".join(b.text for b in layout.blocks if b.kind == "paragraph")
    assert len(text) > 500  # the letter's text, not RTF control words
    assert "\\rtf" not in text and "fonttbl" not in text


def test_damaged_rtf_is_flagged_not_raised():
    layout = read_bytes(b"{\\rtf1\\ansi {\\fonttbl \\f0 broken", "x.rtf")
    assert layout.media_type == "application/rtf"
    assert layout.flags or layout.blocks  # LibreOffice reads what it can; a failure is a flag
