"""The "letters" component on pipeline.segment regions, and end to end on the samples against ../shared gold."""
from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest

from pipeline.components import Context
from pipeline.extract import extract_path
from pipeline.letters.component import apply
from pipeline.segment import Region
from schemas import Document, Source

FIXTURES = Path(__file__).parent / "fixtures"


def _doc() -> Document:
    return Document(document_id="d" * 64, source=Source(path="x.txt", media_type="text/plain"))


def _region(kind: str, name: str) -> Region:
    lines = [line for line in (FIXTURES / name).read_text(encoding="utf-8").split("\n") if line.strip()]
    return Region(kind=kind, blocks=[], lines=lines)


def test_no_regions_no_change():
    doc = _doc()
    assert apply(doc, Context()) == doc


def test_preamble_letter():
    doc = apply(_doc(), Context(regions=[_region("preamble", "ru_city_reply.txt")]))
    assert [letter.number for letter in doc.letters] == ["01-12/345"] and doc.meetings == []


def test_preamble_protocol_is_a_meeting_not_a_letter():
    region = _region("preamble", "kk_council_protocol.txt")
    region.lines.append("Облыстық басқарманың 2023 жылғы 2 мамырдағы №02-11/905 хатына сәйкес ұсыныстар беріледі.")
    doc = apply(_doc(), Context(regions=[region]))
    assert doc.letters == [] and [m.number for m in doc.meetings] == ["4"]


def test_only_the_preamble_is_read_and_twice_is_once():
    regions = [_region("plan", "ru_city_reply.txt"), _region("preamble", "kk_school_reply.txt")]
    doc = apply(apply(_doc(), Context(regions=regions)), Context(regions=regions))
    assert [letter.number for letter in doc.letters] == ["47"]


def test_letter_without_number_is_flagged():
    doc = apply(_doc(), Context(regions=[_region("preamble", "kk_no_letterhead.txt")]))
    assert doc.letters[0].addressee == "Мектеп басшыларына"
    assert [f.code for f in doc.flags] == ["letter_incomplete"]


def _norm(s) -> str:
    return re.sub(r"\s+", " ", str(s or "")).strip().casefold().rstrip(" .;,")


def _sim(a, b) -> float:
    return difflib.SequenceMatcher(None, _norm(a), _norm(b), autojunk=False).ratio()


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_cover_letter_of_sample_000_against_gold(ext, samples_dir, shared_dir):
    gold = json.loads((shared_dir / "gold" / "000_8c8bd9275c0215dc.json").read_text(encoding="utf-8"))["letters"][0]
    doc = extract_path(samples_dir / f"000_8c8bd9275c0215dc.{ext}")
    letter = doc.letters[0]
    for field in ("number", "addressee", "signatory", "attachment_pages"):
        assert _norm(getattr(letter, field)) == _norm(gold[field]), field
    assert letter.date.isoformat() == gold["date"]
    assert _sim(letter.issuer, gold["issuer"]) >= 0.8 and _sim(letter.issuer_alt, gold["issuer_ru"]) >= 0.8
    cited = {(r.number, r.date.isoformat()) for r in letter.references}
    assert cited >= {(r["number"], r["date"]) for r in gold["references"]}
    assert letter.emails == gold["emails"]


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_protocol_of_sample_003_against_gold(ext, samples_dir, shared_dir):
    gold = json.loads((shared_dir / "gold" / "003_c8fd6e44ab760d61.json").read_text(encoding="utf-8"))["meeting"]
    doc = extract_path(samples_dir / f"003_c8fd6e44ab760d61.{ext}")
    assert doc.letters == [] and len(doc.meetings) == 1
    meeting = doc.meetings[0]
    assert (meeting.kind, meeting.number, meeting.date.isoformat()) == (gold["kind"], gold["number"], gold["date"])
    assert gold["place_contains"] in meeting.place
    assert len(meeting.agenda) == gold["agenda_items"]
