"""Reader fixtures: real DOCX/PDF files made by make_fixtures.py (committed; rebuilt when missing)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.readers.make_fixtures import ensure_fixtures


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return ensure_fixtures()


@pytest.fixture(scope="session")
def read_fixture(fixtures):
    """Each fixture file read once per session (PDF reading is the slow part)."""
    from extractors.docx_reader import read_docx
    from extractors.pdf_reader import read_pdf

    cache = {}

    def read(name: str):
        if name not in cache:
            data = (fixtures / name).read_bytes()
            cache[name] = read_pdf(data) if name.endswith(".pdf") else read_docx(data)
        return cache[name]

    return read
