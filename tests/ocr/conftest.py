"""OCR fixtures: scanned letters made by make_fixtures.py (committed; rebuilt when missing), and
each one extracted once per session (OCR is the slow part: ~1-2 s a page)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.ocr.make_fixtures import ensure_fixtures


@pytest.fixture(scope="session")
def scans() -> Path:
    return ensure_fixtures()


@pytest.fixture(scope="session")
def extracted(scans):
    from pipeline.extract import extract_path

    cache = {}

    def extract(name: str):
        if name not in cache:
            cache[name] = extract_path(scans / name)
        return cache[name]

    return extract


def codes(doc) -> list[str]:
    return [f.code for f in doc.flags]
