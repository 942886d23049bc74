"""Issue 10: the seeds laid out as letters also arrive — borderless PDF, fixed-width text (`pdftotext
-layout`), pipe-separated and Markdown text — scored by the customer's scorer: measures 1.0, and the
acceptance floors for the rest. Skips without ../shared (scorer and gold)."""
from __future__ import annotations

import shutil

import pytest

from extractors.libreoffice import soffice
from tests.acceptance.test_score import EXTRACT_FLOORS, score
from tests.layouts import renderings


def _check(shared_dir, jospar_bin, files) -> None:
    assert len(files) == 5
    got = score(shared_dir, jospar_bin, "extract", files)
    assert got.get("measures") == 1.0, got
    below = {k: got.get(k) for k, floor in EXTRACT_FLOORS.items() if got.get(k, 0.0) < floor}
    assert not below, f"below floor: {below} (all: {got})"


@pytest.mark.parametrize("markdown", [False, True], ids=["pipe", "markdown"])
def test_pipe_and_markdown_text(shared_dir, jospar_bin, tmp_path, markdown):
    _check(shared_dir, jospar_bin, renderings.pipe_texts(tmp_path, markdown))


def test_fixed_width_text(shared_dir, jospar_bin, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    _check(shared_dir, jospar_bin, renderings.layout_texts(tmp_path))


def test_borderless_pdf(shared_dir, jospar_bin, tmp_path):
    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    _check(shared_dir, jospar_bin, renderings.borderless_pdfs(tmp_path))
