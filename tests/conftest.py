"""Shared fixtures: where the samples and the customer's acceptance data live."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SHARED = Path(os.environ.get("JOSPAR_SHARED", ROOT.parent / "shared"))

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (gold and scorer); tests that score against it skip cleanly when it is absent."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared/gold is not present")
    return SHARED


@pytest.fixture(scope="session")
def jospar_bin() -> str:
    exe = ROOT / ".venv" / "bin" / "jospar"
    return str(exe) if exe.exists() else "jospar"
