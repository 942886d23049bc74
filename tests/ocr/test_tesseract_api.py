"""Tesseract in the process (extractors.tesseract_api) reads as the `tesseract` command does: the
same TSV, word for word, on a scanned page and on a run of cell crops; and a run past its time
limit is a failed page, as the command's timeout was."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from extractors import ocr, tesseract_api
from extractors.ocr import OcrError, tesseract_binary

pytestmark = pytest.mark.skipif(tesseract_binary() is None or not tesseract_api.available(),
                                reason="tesseract or tesserocr (built against Debian's libtesseract) is not installed")
LANGS = "kaz+rus"


@pytest.fixture(scope="module")
def page(scans) -> np.ndarray:
    return np.asarray(Image.open(scans / "kk_letter_scan.png").convert("L"))


def test_a_page_reads_as_the_command_reads_it(page):
    in_process = ocr.run_tesseract([page], LANGS, dpi=200, psm=3)
    command = ocr.run_tesseract(ocr._png(page), LANGS, dpi=200, psm=3)  # bytes: always the command
    assert in_process == command
    assert len(ocr.parse_tsv(in_process, 1.0)) > 20


def test_a_run_of_crops_reads_as_the_commands_list_run(page, tmp_path):
    ink_rows = np.flatnonzero((page < 128).sum(axis=1) > 20)
    crops = [np.ascontiguousarray(page[top - 10:top + 40]) for top in (ink_rows[0], ink_rows[len(ink_rows) // 2])]
    paths = []
    for k, crop in enumerate(crops):
        paths.append(str(tmp_path / f"{k}.png"))
        Image.fromarray(crop).save(paths[-1])
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(paths) + "\n")
    in_process = ocr.run_tesseract(crops, LANGS, dpi=200, psm=7)
    assert in_process == ocr.run_tesseract(str(listing), LANGS, dpi=200, psm=7)
    assert {w.image for w in ocr.parse_tsv(in_process, 1.0)} == {0, 1}


def test_a_run_past_its_time_limit_fails_the_page_and_the_engine_reads_on(page):
    with pytest.raises(OcrError, match="longer than"):
        ocr.run_tesseract([page], LANGS, dpi=200, psm=3, timeout=0.01)
    assert ocr.parse_tsv(ocr.run_tesseract([page[:300]], LANGS, dpi=200, psm=3), 1.0)


def test_without_the_module_arrays_go_to_the_command_with_the_same_result(page, monkeypatch):
    crops = [np.ascontiguousarray(page[:400]), np.ascontiguousarray(page[400:800])]
    in_process = ocr.run_tesseract(crops, LANGS, dpi=200, psm=6)
    monkeypatch.setattr(tesseract_api, "available", lambda: False)
    assert ocr.run_tesseract(crops, LANGS, dpi=200, psm=6) == in_process
    assert ocr.run_tesseract(crops[:1], LANGS, dpi=200, psm=6).startswith("level\t")
