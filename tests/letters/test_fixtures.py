"""Every requisite of the hand-written cover letters and protocols under fixtures/ (Kazakh, Russian,
bilingual letterheads stacked and side by side, OCR-style "No"), against the hand-checked .json beside each."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.letters import parse_letter, parse_meeting

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(FIXTURES.glob("*.txt"))
LETTERS = [p for p in CASES if json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["letter"]]
PROTOCOLS = [p for p in CASES if json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["meeting"]]


def _load(path: Path, blank_lines: bool = True) -> tuple[list[str], dict]:
    """The fixture's lines; without blank lines they are what pipeline.segment puts in Region.lines."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if not blank_lines:
        lines = [line for line in lines if line.strip()]
    return lines, json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def test_fixture_counts():
    assert len(LETTERS) >= 6 and len(PROTOCOLS) >= 2
    assert {p.name[:2] for p in LETTERS} == {"kk", "ru"} and {p.name[:2] for p in PROTOCOLS} == {"kk", "ru"}


@pytest.mark.parametrize("blank_lines", [True, False], ids=["as_written", "as_segmented"])
@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem)
def test_letter_requisites(path, blank_lines):
    lines, expected = _load(path, blank_lines)
    letter = parse_letter(lines)
    assert letter is not None
    got = letter.model_dump(mode="json")
    for field, value in expected["letter"].items():
        assert got[field] == value, field
    assert parse_meeting(lines) is None


@pytest.mark.parametrize("blank_lines", [True, False], ids=["as_written", "as_segmented"])
@pytest.mark.parametrize("path", PROTOCOLS, ids=lambda p: p.stem)
def test_protocol_requisites(path, blank_lines):
    lines, expected = _load(path, blank_lines)
    meeting = parse_meeting(lines)
    assert meeting is not None
    assert meeting.model_dump(mode="json") == expected["meeting"]
    assert parse_letter(lines) is None


def test_bilingual_letterheads_give_both_forms():
    for name in ("kk_regional_side_by_side", "ru_ministry_bilingual_stacked"):
        letter = parse_letter(_load(FIXTURES / f"{name}.txt")[0])
        assert letter.issuer and letter.issuer_alt and letter.issuer != letter.issuer_alt
