"""data/DATA_DICTIONARY.md, generated from the table specs (store/tables.py), which derive from the records.

`jospar schema --dictionary` prints it; tests/outputs/test_data_dictionary.py fails when the file in the
repository differs from what this prints. The prose between the tables is kept here; the columns, their
types and meanings come from the models (field docstrings), so they cannot drift.
"""
from __future__ import annotations

from store.model_tables import TableSpec, table_columns
from store.tables import DERIVED_SPECS, SPECS

INTRO = """# jospar data dictionary

What `jospar extract --out DIR`, the embedded store and the export flow write: one table per kind of record, the
same columns in every format (Parquet, CSV, DuckDB). **This file is generated** from the pydantic records in
`schemas/` (their fields' docstrings are the meanings) by `jospar schema --dictionary > data/DATA_DICTIONARY.md`;
`tests/outputs/test_data_dictionary.py` fails when it is out of date.

## Conventions

- **One vocabulary.** Rows are flattened from the pydantic records of `schemas/records.py`; see
  `../shared/eval/CONTRACT.md` for what each record means.
- **IDs are stable.** `document_id` is the sha256 of the file's bytes; `plan_id` = first 16 hex digits of
  the document_id + `:p` + the plan's **0-based** index in reading order; `measure_id` = plan_id + `:m` + the
  measure's **1-based** ordinal in reading order (`plans.ordinal` is the plan's 1-based position). Extracting
  the same bytes again gives the same IDs.
- **Every table carries `document_id`.** Storing a document again deletes that document's rows in every
  table and inserts the new ones in one transaction: a rerun never duplicates a row.
- **Types.** `string` UTF-8 text in Unicode NFC; `int32`/`int64` integers; `bool`; `double` 64-bit float;
  `date32[day]` calendar date (ISO `YYYY-MM-DD` in CSV); `timestamp[us, tz=UTC]` an instant in UTC (ISO 8601
  with `+00:00` in CSV). An empty cell / NULL means "not found in the letter" or "does not apply".
- **Flattening.** A nested record becomes prefixed columns (`period_start`, `bbox_x0`, `received_subject`);
  lists and mappings (`plans.columns`, `plans.glossary`, `measures.other`, `letters.emails`…) are **JSON text
  columns**, so the tables stay flat for CSV and spreadsheets. Boxes (`bbox_*`) are PDF points, origin
  top-left, on the page as displayed; spans (`span_*`) are character offsets in the normalised source text.
- **Row order** is fixed (by document, then reading order), so identical records give byte-identical files.
- **CSV** is UTF-8 with a byte-order mark (Excel then shows Kazakh letters correctly), comma-separated,
  CRLF line ends, fields quoted when needed (text may hold line breaks and quotes). A text cell whose first
  character — or first after leading spaces — is `=`, `+`, `-`, `@` (or their fullwidth forms), or which
  starts with a tab or a carriage return, gets a leading apostrophe `'` so that spreadsheets show it as
  text instead of running it as a formula (CSV injection). Only CSV does this: Parquet and DuckDB hold the
  exact text. Numbers, dates and booleans are never prefixed. Booleans are `true`/`false`.
- **Corrections** never change these tables; see "The DuckDB store" below.
"""

OUTRO = """## Where the tables are written

- `jospar extract … --out DIR` (`store.write_outputs`): `DIR/<table>.parquet`, `DIR/<table>.csv`
  and `DIR/jospar.duckdb`. The database accumulates documents across runs; the flat files are then
  rewritten from its `main` views, so they always hold every stored document once.
- Export (`Store.export`, the export flow): `OUT/<table>/received_month=YYYY-MM/<table>.parquet` and
  `<table>.csv` (Hive-style partitions; `received_month=unknown` for documents without a receipt time; rows of
  the other tables take their document's month). The month is that of `received_at` in UTC. Every table
  has a file in every month present in `documents`, empty files included; an empty store gives one
  `received_month=unknown` partition. The tree is built beside `OUT` and swapped in at the end, so readers
  see the previous export or the new one, never a mixture. `OUT/manifest.json` lists every file: `path`,
  `table`, `partition`, `format`, `rows`, `bytes`, `sha256`; plus `tables` (rows per table),
  `pipeline_version` (of the exporting code), `document_pipeline_versions`, `partition_by`, `created_at`.
  `store.verify_manifest(OUT)` checks a copy against it. Exports show corrections applied.
- Parts (`Store.write_part`, parallel workers): `PARTS/<document_id>/<table>.parquet`, built under a
  hidden name and renamed into place; `Store.consolidate(PARTS)` loads them into the database.

## The DuckDB store

- schema `extracted`: the tables above, exactly as extracted (`Store.arrow(t, extracted=True)`).
- schema `overlay`: `corrections` — analysts' edits, never written by extraction:

| column | type | meaning | example |
|---|---|---|---|
| `correction_id` | BIGINT | running number; breaks ties between corrections made at the same instant | `12` |
| `measure_id` | VARCHAR | the corrected measure | `8c8bd9275c0215dc:p1:m3` |
| `field` | VARCHAR | a `measures` column other than the IDs and `ordinal` | `deadline_raw` |
| `value` | VARCHAR | the corrected value as text (cast to the column's type in the view); NULL clears the field | `2024 жылғы 1 маусымға дейін` |
| `author` | VARCHAR | who corrected it | `a.seitkali` |
| `corrected_at` | TIMESTAMPTZ | when | `2024-05-02T09:41:00+00:00` |
| `note` | VARCHAR | why, optional | `OCR misread the year` |

- schema `main`: views with the tables' names. `main.measures` = each extracted measure with, per field, the
  latest correction (by `corrected_at`, then `correction_id`) in place of the extracted value; the other
  views show the extracted rows. Re-extracting a document replaces its rows in `extracted` only, so its
  corrections apply again to the new rows (IDs are stable).
- Quote the columns named like SQL keywords: `"table"`, `"row"`, `"end"`, `"by"`, `"where"`.
- One process may open the file for writing at a time (DuckDB's lock); another gets
  `StoreLockedError` naming the holder's PID. Parallel workers use parts instead.

## Derived tables (schema `derived`)

Derived from extracted records, never mixed with them: recomputed by `jospar coverage PARENT DERIVED... --out DIR`
(`Store.replace_coverage` replaces the cells of each parent/derived plan pair it is given) and read with
`Store.derived("coverage")`. The same rows are written to `DIR/coverage.parquet|csv`, with
`coverage_measures` (adoption rate per parent measure) and `coverage_plans` (summary per derived plan).
"""


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_section(spec: TableSpec, level: str = "##") -> str:
    lines = [f"{level} {spec.name}", "", spec.about, "", "| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.dtype} | {_escape(c.meaning)} |" for c in table_columns(spec)]
    return "\n".join(lines) + "\n"


def flag_section() -> str:
    from schemas.flags import FLAGS

    lines = ["## Flag codes", "", "Every `flags.code` is one of these (the registry, schemas/flags.py); severity `error` means "
             "nothing of the document could be read.", "", "| code | severity | stage | meaning | `where` names |",
             "|---|---|---|---|---|"]
    lines += [f"| `{f.code}` | {f.severity} | {f.stage} | {_escape(f.meaning)} | {f.where} |" for f in FLAGS.values()]
    return "\n".join(lines) + "\n"


def dictionary() -> str:
    parts = [INTRO] + [table_section(spec) for spec in SPECS.values()] + [flag_section(), OUTRO]
    parts += [table_section(spec, "###") for spec in DERIVED_SPECS.values()]
    return "\n".join(parts)
