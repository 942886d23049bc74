"""Analysts' corrections: an overlay applied by the main views, never overwritten by re-extraction."""
from __future__ import annotations

import pytest

from store import Store
from tests.outputs.documents import corpus


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "j.duckdb") as opened:
        opened.upsert(corpus())
        yield opened


def measure(store: Store, measure_id: str, extracted: bool = False) -> dict:
    return next(row for row in store.arrow("measures", extracted=extracted).to_pylist()
                if row["measure_id"] == measure_id)


def first_id(store: Store) -> str:
    return store.arrow("measures")["measure_id"][0].as_py()


def test_view_applies_the_latest_correction_per_field(store):
    target = first_id(store)
    original = measure(store, target)
    store.add_correction(target, "text", "Бірінші түзету", "analyst-1")
    store.add_correction(target, "text", "Екінші түзету", "analyst-2", note="typo")
    store.add_correction(target, "number", "4", "analyst-1")
    corrected = measure(store, target)
    assert corrected["text"] == "Екінші түзету" and corrected["number"] == "4"
    assert {k: v for k, v in corrected.items() if k not in ("text", "number")} == \
        {k: v for k, v in original.items() if k not in ("text", "number")}
    assert measure(store, target, extracted=True) == original  # the record itself is untouched
    assert store.corrections().num_rows == 3


def test_a_null_correction_clears_the_field(store):
    target = first_id(store)
    store.add_correction(target, "indicator", None, "analyst")
    assert measure(store, target)["indicator"] is None
    assert measure(store, target, extracted=True)["indicator"] == "100%"


def test_other_measures_are_unaffected(store):
    before = store.arrow("measures").to_pylist()
    store.add_correction(first_id(store), "section", "II", "analyst")
    after = store.arrow("measures").to_pylist()
    assert [row for row in after if row["measure_id"] != first_id(store)] == before[1:]


def test_corrections_survive_reextraction(store):
    target = first_id(store)
    store.add_correction(target, "completion_form", "Бұйрық", "analyst")
    store.upsert(corpus())  # the same letters extracted again
    assert measure(store, target)["completion_form"] == "Бұйрық"
    assert measure(store, target, extracted=True)["completion_form"] == "Ақпарат"
    assert store.corrections().num_rows == 1


def test_corrections_survive_consolidation_of_parts(store, tmp_path):
    target = first_id(store)
    store.add_correction(target, "deadline_raw", "2024 жылғы мамыр", "analyst")
    for doc in corpus():
        Store.write_part(doc, tmp_path / "parts")
    store.consolidate(tmp_path / "parts")
    assert measure(store, target)["deadline_raw"] == "2024 жылғы мамыр"


def test_bad_corrections_are_refused(store):
    target = first_id(store)
    with pytest.raises(ValueError):
        store.add_correction(target, "measure_id", "x", "analyst")  # identifiers are not correctable
    with pytest.raises(ValueError):
        store.add_correction(target, "page", "4", "analyst")  # where a cell was read is not a correction
    with pytest.raises(ValueError):
        store.add_correction(target, "text", "x", "")
    with pytest.raises(KeyError):
        store.add_correction("nope:p1:m1", "text", "x", "analyst")
    assert store.corrections().num_rows == 0


def test_corrections_table_has_the_agreed_columns(tmp_path, store):
    store.add_correction(first_id(store), "text", "x", "analyst", note="why")
    row = store.corrections().to_pylist()[0]
    assert {"measure_id", "field", "value", "author", "corrected_at", "note"} <= set(row)
    assert row["corrected_at"].tzinfo is not None
