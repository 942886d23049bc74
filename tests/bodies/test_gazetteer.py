"""The gazetteer file: size, stable unique IDs, and every name and abbreviation resolving to its own entry."""
from __future__ import annotations

import pytest

from pipeline.bodies import normalize_responsible
from pipeline.bodies.gazetteer import read_entries
from pipeline.bodies.resolve import resolve_name

ENTRIES = read_entries()
LEVELS = {"ministry", "region", "district", "organisation", "staff"}


def test_size_ids_and_levels():
    assert len(ENTRIES) >= 60
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids))
    assert all(e.level in LEVELS and e.name_kk and e.name_ru for e in ENTRIES)
    assert {e.level for e in ENTRIES} == LEVELS


def test_no_abbreviation_belongs_to_two_entries():
    owner: dict[str, str] = {}
    for entry in ENTRIES:
        for abbr, _ in entry.abbreviations():
            key = abbr.replace(" ", "").upper()
            assert owner.setdefault(key, entry.id) == entry.id, f"{abbr}: {owner[key]} and {entry.id}"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_canonical_names_and_abbreviations_resolve_to_their_entry(entry):
    for name in (entry.name_kk, entry.name_ru):
        assert resolve_name(name).body_id == entry.id, name
    for abbr, _ in entry.abbreviations():
        assert resolve_name(abbr).body_id == entry.id, abbr


def test_school_staff_are_marked_as_staff():
    levels = {b.body_id: b for b in normalize_responsible("Мектеп әкімшілігі, завуч, классные руководители")}
    entries = {e.id: e.level for e in ENTRIES}
    assert {entries[i] for i in levels} == {"staff"}
