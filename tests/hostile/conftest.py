"""Fixtures of the hostile-input tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.bombs import long_pdf


@pytest.fixture(scope="session")
def slow_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("slow") / "m-appendix.pdf"
    path.write_bytes(long_pdf())  # ~50 s to read in full
    return path
