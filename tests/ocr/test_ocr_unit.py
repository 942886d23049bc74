"""The OCR module around Tesseract: TSV to lines, junk, "№", flags, missing binary, time limit, cap."""
from __future__ import annotations

import pytest

from extractors import ocr
from extractors.image_reader import read_image
from extractors.ocr import Word, fix_numero, parse_tsv, words_to_lines
from extractors.scan_page import ScanOptions
from extractors.scan_reader import ScanReport, read_pdf_scans
from extractors.pdf_reader import read_pdf
from pipeline.extract import extract_bytes
from tests.ocr.conftest import codes

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(rows: list[tuple]) -> str:
    """rows: (block, par, line, word, left, top, width, height, conf, text) word rows."""
    lines = [HEADER, "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t"]
    lines += ["5\t1\t" + "\t".join(map(str, row)) for row in rows]
    return "\n".join(lines) + "\n"


def test_tsv_words_scaled_to_points():
    words = parse_tsv(_tsv([(1, 1, 1, 1, 300, 600, 150, 40, 95.5, "Отдел")]), scale=72 / 300)
    (word,) = words
    assert word.text == "Отдел" and word.conf == 95.5
    assert (word.x0, word.top, word.x1, word.bottom) == pytest.approx((72, 144, 108, 153.6))


def test_columns_side_by_side_make_one_line_and_rules_are_dropped():
    tsv = _tsv([
        (1, 1, 1, 1, 100, 100, 200, 40, 96, "БІЛІМ"), (1, 1, 1, 2, 320, 102, 200, 40, 95, "БӨЛІМІ"),
        (2, 1, 1, 1, 1500, 104, 200, 40, 94, "ОТДЕЛ"), (2, 1, 1, 2, 1720, 101, 300, 40, 93, "ОБРАЗОВАНИЯ"),
        (3, 1, 1, 1, 1200, 100, 10, 400, 40, "|"),  # a table rule read as a bar
        (4, 1, 1, 1, 100, 200, 60, 40, 91, "ЖОБА"),
        (5, 1, 1, 1, 900, 900, 20, 20, 30, "~"), (5, 1, 1, 2, 950, 900, 20, 20, 40, "у"),  # specks
    ])
    words = [w for w in parse_tsv(tsv, 1.0) if not ocr.is_junk(w)]
    lines = words_to_lines(words, page=3)
    assert [line.text for line in lines] == ["БІЛІМ БӨЛІМІ ОТДЕЛ ОБРАЗОВАНИЯ", "ЖОБА"]
    assert lines[0].page == 3 and (lines[0].x0, lines[0].x1) == (100, 2020)


def test_lone_number_line_kept_only_when_sure():
    def line(text: str, conf: float) -> list[Word]:
        return [Word(text=text, conf=conf, x0=0, top=0, x1=10, bottom=10, line_key=(1, 1, 1))]

    assert not ocr.is_speck_line(line("12", 91))  # a page number
    assert ocr.is_speck_line(line("1", 45))
    assert not ocr.is_speck_line(line("Да", 60))


def test_misread_numero_restored_before_numbers_only():
    assert fix_numero(["Хо", "06-04-01/253"]) == ["№", "06-04-01/253"]
    assert fix_numero(["Исх.", "Ne", "12/5"]) == ["Исх.", "№", "12/5"]
    assert fix_numero(["Хе15-07/88"]) == ["№15-07/88"]
    assert fix_numero(["Хо", "хо"]) == ["Хо", "хо"]  # not before a number: left as read
    assert fix_numero(["Назар", "5"]) == ["Назар", "5"]


def test_report_flags_low_confidence_turns_failures_and_cap():
    report = ScanReport(skipped=[4, 5], garbled=[2])
    report.used.update({1: 91.0, 2: 48.0})  # page 3: OCR found nothing, not "used"
    report.turned[2] = 90
    report.tables[1] = 2
    report.unread_ruling.append(2)
    report.failed[6] = "tesseract took longer than 60 s"
    flags = report.flags(max_pages=3)
    assert [(f.code, f.where) for f in flags] == [
        ("text_layer_garbled", "pages 2"), ("ocr_used", "pages 1, 2"), ("ocr_low_confidence", "pages 2"),
        ("ocr_page_turned", "pages 2"), ("ocr_tables_not_rebuilt", "pages 2"), ("ocr_failed", "page 6"),
        ("ocr_skipped", "pages 4, 5")]
    assert "1: 91, 2: 48" in flags[1].message and "2 ruled table(s) rebuilt" in flags[1].message
    assert "2: 90°" in flags[3].message


def test_pages_whose_tables_came_from_words_are_flagged_apart():
    report = ScanReport()
    report.used.update({1: 85.0, 2: 80.0, 3: 82.0})
    report.unread_ruling += [1, 2, 3]
    report.from_words += [1, 2]
    flags = {f.code: f.where for f in report.flags()}
    assert flags["ocr_tables_from_words"] == "pages 1, 2"
    assert flags["ocr_tables_not_rebuilt"] == "pages 3"


@pytest.fixture
def no_tesseract(monkeypatch, tmp_path):
    """A PATH without tesseract, as on a machine without Debian's tesseract-ocr."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert ocr.tesseract_binary() is None


def test_missing_tesseract_keeps_no_text_layer(scans, no_tesseract):
    layout = read_pdf((scans / "kk_letter_scan.pdf").read_bytes())
    assert codes(layout) == ["no_text_layer", "ocr_unavailable"] and layout.blocks == []
    assert layout.flags[0].where == "pages 1" and "tesseract" in layout.flags[1].message


def test_missing_tesseract_on_an_image_file_is_unreadable(scans, no_tesseract):
    doc = extract_bytes((scans / "kk_letter_scan.png").read_bytes(), "scan.png")
    assert codes(doc) == ["ocr_unavailable", "unreadable"]  # unreadable: no "no_plan" on top


def test_missing_language_pack(scans, monkeypatch):
    monkeypatch.setattr(ocr, "installed_langs", lambda binary: frozenset({"eng", "osd"}))
    found, report = read_pdf_scans((scans / "kk_letter_scan.pdf").read_bytes(), [1])
    flags = report.flags()
    assert found == {} and [f.code for f in flags] == ["ocr_unavailable"]
    assert "kaz+rus" in flags[0].message


def test_time_limit_per_page(scans):
    found, report = read_pdf_scans((scans / "ru_protocol_scan.pdf").read_bytes(), [1], options=ScanOptions(timeout=0.01))
    flags = report.flags()
    assert found == {} and [(f.code, f.where) for f in flags] == [("ocr_failed", "page 1")]
    assert "longer than" in flags[0].message


def test_page_cap_skips_ocr(scans, monkeypatch):
    monkeypatch.setattr(ocr, "run_tesseract", lambda *a, **k: pytest.fail("OCR ran past the page cap"))
    found, report = read_pdf_scans((scans / "ru_protocol_scan.pdf").read_bytes(), [1], max_pages=0)
    flags = report.flags(max_pages=0)
    assert found == {} and [(f.code, f.where) for f in flags] == [("ocr_skipped", "pages 1")]


def test_page_that_cannot_be_rendered_is_flagged():
    found, report = read_pdf_scans(b"%PDF-1.4\nnot really", [1, 2])
    flags = report.flags()
    assert found == {} and [f.code for f in flags] == ["ocr_failed", "ocr_failed"]


def test_tesseract_crash_costs_the_page_not_the_file(scans, monkeypatch):
    def crash(*args, **kwargs):
        raise ocr.OcrError("tesseract exit 1: Error in pixReadMem")

    monkeypatch.setattr(ocr, "run_tesseract", crash)
    layout = read_image((scans / "kk_letter_scan.png").read_bytes())
    assert codes(layout) == ["ocr_failed", "unreadable"]
