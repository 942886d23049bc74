"""Typed flags (issue 9): every code written anywhere is registered, and the registry documents itself."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from schemas import Flag
from schemas.flags import FLAGS, UNREADABLE_CODES

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [p for pkg in ("lang", "extractors", "pipeline", "store", "flows", "webapp", "cli", "schemas")
           for p in (ROOT / pkg).rglob("*.py")]
# code="x", flag("x", …), failed(MEDIA, "x", …): the ways the code base raises a flag with a literal code
LITERAL = re.compile(r"""(?:code=|\bflag\(|\bfailed\([A-Z_]+,\s*)["']([a-z_]+)["']""")


def written_codes() -> set[str]:
    codes = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        codes |= set(LITERAL.findall(text))
    return codes


def test_every_code_in_the_source_is_registered():
    found = written_codes()
    assert len(found) >= 30  # the scan does find the codes
    assert sorted(c for c in found if c not in FLAGS) == []


def test_an_unregistered_code_is_refused():
    with pytest.raises(ValidationError, match="not registered"):
        Flag(code="no_such_flag", message="x")
    assert Flag(code="numbering_gap", message="x").code == "numbering_gap"


def test_every_code_has_a_meaning_severity_and_stage():
    for code, spec in FLAGS.items():
        assert spec.code == code and re.fullmatch(r"[a-z_]+", code)
        assert spec.severity in ("error", "warning", "info") and len(spec.meaning) > 15


def test_unreadable_codes_are_the_reading_errors():
    assert {"corrupt", "encrypted", "empty", "zip_bomb"} <= UNREADABLE_CODES
    assert "no_plan" not in UNREADABLE_CODES and "ocr_used" not in UNREADABLE_CODES


def test_the_readme_lists_the_registered_codes():
    from cli.readme_blocks import README, rewrite

    text = README.read_text(encoding="utf-8")
    assert rewrite(text) == text, "run: .venv/bin/python -m cli.readme_blocks"
    for code in FLAGS:
        assert f"| `{code}` |" in text
