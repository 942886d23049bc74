"""Scanned PDF pages spread over worker processes (JOSPAR_OCR_POOL=processes) read exactly as over
threads: same lines, same table cells, same flags."""
from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest

from extractors.ocr import tesseract_binary
from extractors.scan_reader import read_pdf_scans

pytestmark = pytest.mark.skipif(tesseract_binary() is None, reason="tesseract is not installed")


def two_pages(path) -> bytes:
    src = pdfium.PdfDocument(str(path))
    doc = pdfium.PdfDocument.new()
    doc.import_pages(src)
    doc.import_pages(src)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def summary(found) -> dict:
    return {n: ([l.text for l in scan.content.lines], [[c.text for c in t.table.cells] for t in scan.content.tables])
            for n, scan in found.items()}


def test_processes_read_as_threads(scans, monkeypatch):
    data = two_pages(scans / "ru_table_scan.pdf")
    monkeypatch.setenv("JOSPAR_OCR_POOL", "threads")
    threads, t_report = read_pdf_scans(data, [1, 2], workers=2)
    monkeypatch.setenv("JOSPAR_OCR_POOL", "processes")
    procs, p_report = read_pdf_scans(data, [1, 2], workers=2)
    assert sorted(procs) == [1, 2] and not p_report.failed
    assert summary(procs) == summary(threads)
    assert [f.code for f in p_report.flags()] == [f.code for f in t_report.flags()]
    assert any(scan.content.tables for scan in procs.values())
