"""data/DATA_DICTIONARY.md documents every table and column with the declared Arrow type."""
from __future__ import annotations

import re
from pathlib import Path

from store.tables import ARROW_SCHEMAS

DICTIONARY = Path(__file__).resolve().parents[2] / "data" / "DATA_DICTIONARY.md"
ROW = re.compile(r"^\| `(?P<name>[a-z_]+)` \| (?P<type>[^|]+?) \| (?P<meaning>[^|]+?) \| (?P<example>.+?) \|$")


def documented_tables() -> dict[str, list[tuple[str, str, str, str]]]:
    tables: dict[str, list] = {}
    current = None
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            tables[current] = []
        elif current and (match := ROW.match(line)):
            tables[current].append(match.group("name", "type", "meaning", "example"))
    return tables


def test_every_table_and_column_is_documented_with_its_type():
    documented = documented_tables()
    for table, schema in ARROW_SCHEMAS.items():
        rows = documented.get(table)
        assert rows, f"no section '## {table}'"
        assert [(name, kind) for name, kind, _, _ in rows] == [(f.name, str(f.type)) for f in schema], table


def test_every_column_has_a_meaning_and_an_example():
    for table in ARROW_SCHEMAS:
        for name, _, meaning, example in documented_tables()[table]:
            assert len(meaning) > 10 and example.strip("` "), (table, name)
