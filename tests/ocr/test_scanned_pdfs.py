"""PDF pages without a text layer are read by OCR, through the whole pipeline (pipeline.extract)."""
from __future__ import annotations

import datetime as dt
import re

from rapidfuzz.distance import Levenshtein

from extractors import ocr
from extractors.pdf_reader import read_pdf
from tests.ocr.conftest import codes
from tests.ocr.make_fixtures import kk_letter_lines

KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


def test_scanned_russian_protocol_gives_its_list_plan_and_deadline(extracted):
    doc = extracted("ru_protocol_scan.pdf")
    (plan,) = doc.plans
    assert plan.kind == "list" and plan.title == "РЕКОМЕНДАЦИИ:"
    assert [m.number for m in plan.measures] == ["1", "2", "3", "4"]
    assert plan.measures[2].text == "Организовать дополнительные занятия для слабоуспевающих учащихся;"
    assert [d.raw for d in plan.measures[1].deadlines] == ["до 1 декабря 2023 года"]
    assert plan.measures[1].deadlines[0].end == dt.date(2023, 12, 1)
    assert [(m.number, m.date) for m in doc.meetings] == [("3", dt.date(2023, 11, 15))]
    assert codes(doc) == ["ocr_used"]  # every page read: no no_text_layer left
    assert doc.flags[0].where == "pages 1"


def test_scanned_kazakh_letter_gives_number_and_date(extracted):
    doc = extracted("kk_letter_scan.pdf")
    assert [(letter.number, letter.date) for letter in doc.letters] == [("06-04-01/253", dt.date(2022, 2, 16))]
    assert "ocr_used" in codes(doc) and "no_text_layer" not in codes(doc)
    assert "ocr_low_confidence" not in codes(doc)


def test_kazakh_letters_survive_ocr(scans):
    """Қ, Ә, Ү, Ұ, І… read as written; the only damage on this scan is to the Latin e-mail
    addresses (kaz+rus has no Latin model) and a stray comma."""
    layout = read_pdf((scans / "kk_letter_scan.pdf").read_bytes())
    got = [b.text for b in layout.blocks if b.text]
    want = [" ".join(line.split()) for line in kk_letter_lines() if line.strip()]
    assert len(got) == len(want)
    cyrillic = [(g, w) for g, w in zip(got, want) if not re.search(r"[a-z]@", w)]
    assert all(g.count(c) == w.count(c) for g, w in cyrillic for c in KAZAKH_LETTERS)
    errors = sum(Levenshtein.distance(g, w) for g, w in cyrillic)
    assert errors / sum(len(w) for _, w in cyrillic) < 0.01


def test_only_pages_without_text_are_ocrd(scans):
    layout = read_pdf((scans / "mixed_text_and_scan.pdf").read_bytes())  # page 1 typed, page 2 a scan
    by_page = {page: [b.text for b in layout.blocks if b.page == page and b.text] for page in (1, 2)}
    assert "РЕКОМЕНДАЦИИ:" in by_page[1] and "№ 06-04-01/253" in by_page[2]
    assert codes(layout) == ["ocr_used"] and layout.flags[0].where == "pages 2"


def test_pdf_with_a_text_layer_is_not_ocrd(samples_dir, monkeypatch):
    def no_ocr(*args, **kwargs):
        raise AssertionError("OCR ran on a page with a text layer")

    monkeypatch.setattr(ocr, "run_tesseract", no_ocr)
    layout = read_pdf((samples_dir / "000_8c8bd9275c0215dc.pdf").read_bytes())
    assert layout.blocks and not any(code.startswith("ocr_") or code == "no_text_layer" for code in codes(layout))


def test_scanned_ruled_table_is_rebuilt_into_the_cells_of_its_source(scans, samples_dir):
    """The scan of page 1 of a ruled plan gives the same grid and cell texts as the born-digital
    PDF it was printed from, each cell with its box and OCR confidence."""
    scanned = read_pdf((scans / "ru_table_scan.pdf").read_bytes())
    source = read_pdf((samples_dir.parents[1] / "tests/readers/fixtures/ru_plan_3pages.pdf").read_bytes())
    (table,) = scanned.tables()
    assert codes(scanned) == ["ocr_used"] and "1 ruled table(s) rebuilt" in scanned.flags[0].message
    want = source.tables()[0].matrix()[:table.n_rows - 1]  # the scan's last row is cut by the page end
    got = table.matrix()[:len(want)]
    assert (table.n_cols, len(got)) == (source.tables()[0].n_cols, len(want))
    pairs = [(g or "", w or "") for grow, wrow in zip(got, want) for g, w in zip(grow, wrow)]
    errors = sum(Levenshtein.distance(" ".join(g.split()), " ".join(w.split())) for g, w in pairs)
    assert errors / sum(len(w) for _, w in pairs) < 0.01
    assert all(c.bbox is not None and c.page == 1 for c in table.cells)
    assert all(c.confidence and c.confidence > 80 for c in table.cells if c.text)


def test_scanned_letter_and_protocol_are_not_flagged_as_tables(extracted):
    for name in ("kk_letter_scan.pdf", "ru_protocol_scan.pdf"):
        assert "ocr_tables_not_rebuilt" not in codes(extracted(name))


def test_scanned_plan_json_carries_boxes_and_ocr_confidence(scans, jospar_bin):
    """Issue 9: the command line's JSON of a scanned plan gives every measure and cell its page, box and the
    OCR confidence of the words it was read from."""
    import json
    import subprocess

    out = subprocess.run([jospar_bin, "extract", str(scans / "ru_table_scan.pdf"), "--json"], capture_output=True,
                         text=True, timeout=600, check=True).stdout
    doc = json.loads(next(line for line in out.splitlines() if line.startswith("{")))
    measures = [m for plan in doc["plans"] for m in plan["measures"]]
    assert len(measures) >= 5
    for m in measures:
        assert m["provenance"]["page"] == 1 and m["provenance"]["bbox"]
        assert 0 < m["provenance"]["confidence"] <= 100
        for key, cell in m["cells"].items():
            assert cell["bbox"] and 0 < cell["confidence"] <= 100, (m["number"], key)
