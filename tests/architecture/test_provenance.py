"""Provenance to the box (issue 9): PDF measures and cells carry page + bbox, text ones a character span."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.text import source_text
from pipeline.extract import extract_path

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.pdf")))
def test_pdf_measures_and_cells_have_page_and_box(name):
    doc = extract_path(SAMPLES / name)
    measures = [m for plan in doc.plans for m in plan.measures]
    assert measures
    for m in measures:
        assert m.provenance.page and m.provenance.bbox, m.measure_id
        assert m.cells and "text" in m.cells
        for key, cell in m.cells.items():
            assert cell.page and cell.bbox, (m.measure_id, key)
            box = cell.bbox
            assert 0 <= box.x0 < box.x1 and 0 <= box.top < box.bottom


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_text_cells_point_at_their_text(name):
    data = (SAMPLES / name).read_bytes()
    source = source_text(data)
    doc = extract_path(SAMPLES / name)
    measures = [m for plan in doc.plans for m in plan.measures]
    assert measures
    for m in measures:
        assert m.provenance.span is not None
        text = m.cells["text"]
        assert text.span is not None
        # the cell or paragraph (a list item keeps its printed number) holding the measure's first and last words
        words = source[text.span.start:text.span.end].split()
        assert m.text.split()[0] in words[:3] and m.text.split()[-1] in words[-1]


def test_responsible_cell_box_is_beside_the_text_box():
    doc = extract_path(SAMPLES / "001_a737e2465b67cd3d.pdf")
    m = next(m for plan in doc.plans for m in plan.measures if "responsible_raw" in m.cells)
    text, resp = m.cells["text"].bbox, m.cells["responsible_raw"].bbox
    assert text.x1 <= resp.x0 + 1  # separate columns of one row
    assert abs(text.top - resp.top) < 1
