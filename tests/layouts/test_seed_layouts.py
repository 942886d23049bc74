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


@pytest.mark.parametrize("kind", ["eml", "zip", "eml_zip"])
def test_seeds_forwarded_by_mail_and_zipped(shared_dir, jospar_bin, tmp_path, kind):
    """The member's name, the e-mail's headers and its covering note stand before the letter: its
    letterhead, title and list plans still start where the member starts."""
    _check(shared_dir, jospar_bin, renderings.attached(tmp_path, kind))


@pytest.mark.parametrize("suffix", [".doc", ".rtf", ".odt"])
def test_seeds_saved_as_other_word_formats(shared_dir, jospar_bin, tmp_path, suffix):
    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    _check(shared_dir, jospar_bin, renderings.word_formats(tmp_path, suffix))
