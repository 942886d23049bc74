"""data/DATA_DICTIONARY.md is generated from the records (`jospar schema --dictionary`) and kept in step."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from pydantic import Field

from schemas.records import Measure
from store.dictionary import dictionary, table_section
from store.model_tables import arrow_schema, row_maker
from store.tables import ARROW_SCHEMAS, SPECS

DICTIONARY = Path(__file__).resolve().parents[2] / "data" / "DATA_DICTIONARY.md"
ROW = re.compile(r"^\| `(?P<name>[a-z_0-9]+)` \| (?P<type>[^|]+?) \| (?P<meaning>.+?) \|$")


def test_the_dictionary_in_the_repository_is_the_generated_one():
    assert DICTIONARY.read_text(encoding="utf-8") == dictionary(), \
        "run: .venv/bin/jospar schema --dictionary > data/DATA_DICTIONARY.md"


def test_every_column_is_documented_with_its_type_and_a_meaning():
    text = dictionary()
    for table, schema in ARROW_SCHEMAS.items():
        section = text.split(f"\n## {table}\n", 1)[1].split("\n## ", 1)[0]
        rows = [m for line in section.splitlines() if (m := ROW.match(line))]
        assert [(m["name"], m["type"]) for m in rows] == [(f.name, str(f.type)) for f in schema], table
        assert all(len(m["meaning"]) > 8 for m in rows), table


class MeasureWithMore(Measure):
    reviewed_by: Optional[str] = Field(default=None, description="who reviewed the row")
    effort_days: Optional[int] = None


def test_a_field_added_to_measure_reaches_the_measures_table_and_the_dictionary():
    spec = SPECS["measures"].with_model(MeasureWithMore)
    schema = arrow_schema(spec)
    assert schema.field("reviewed_by").type == "string" and schema.field("effort_days").type == "int64"
    row = row_maker(spec)(MeasureWithMore(measure_id="x:p0:m1", text="t", reviewed_by="A", effort_days=3),
                          plan_id="x:p0", document_id="x", ordinal=1)
    assert row["reviewed_by"] == "A" and row["effort_days"] == 3
    assert "| `reviewed_by` | string | who reviewed the row |" in table_section(spec)


def test_child_records_are_tables_of_their_own_not_columns():
    measures = ARROW_SCHEMAS["measures"].names
    assert not {"responsible", "deadlines", "cells", "flags"} & set(measures)
    assert {"responsibles", "deadlines", "cells", "flags", "meetings", "letters"} <= set(ARROW_SCHEMAS)
    assert {"subject"} <= set(ARROW_SCHEMAS["letters"].names) and "heading" in ARROW_SCHEMAS["plans"].names
