"""The pipeline fingerprint follows the extraction code and its data files, nothing else (issue 9)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.extract import extract_bytes
from pipeline.fingerprint import CODE_PACKAGES, PIPELINE_VERSION, fingerprint

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("code")
    for package in CODE_PACKAGES + ("data",):
        shutil.copytree(ROOT / package, target / package, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _edit(path: Path, extra: str) -> str:
    before = path.read_text(encoding="utf-8")
    path.write_text(before + extra, encoding="utf-8")
    return before


@pytest.mark.parametrize("relative, extra", [
    ("pipeline/table_plan.py", "\n# one more line\n"),
    ("lang/text.py", "\n# one more line\n"),
    ("extractors/text.py", "\n# one more line\n"),
    ("data/gazetteer/bodies.csv", "\n"),
])
def test_a_changed_code_or_data_file_changes_the_fingerprint(copy, relative, extra):
    same = fingerprint(copy)
    assert same == PIPELINE_VERSION
    before = _edit(copy / relative, extra)
    try:
        assert fingerprint(copy) != same
    finally:
        (copy / relative).write_text(before, encoding="utf-8")
    assert fingerprint(copy) == same


def test_samples_and_documentation_do_not_change_it(copy):
    same = fingerprint(copy)
    readme = copy / "data" / "gazetteer" / "README.md"
    _edit(readme, "\nmore prose\n")
    (copy / "data" / "samples").mkdir(exist_ok=True)
    (copy / "data" / "samples" / "new.txt").write_text("x", encoding="utf-8")
    assert fingerprint(copy) == same


def test_every_document_carries_it():
    assert extract_bytes(b"\xff\xfe garbage", "x.bin").pipeline_version == PIPELINE_VERSION
    assert "+" in PIPELINE_VERSION
