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
- Parts (`Store.write_part`, parallel workers): `PARTS/<document_id>/<table>.arrow` (Arrow IPC), built under a
  hidden name and renamed into place; `Store.consolidate(PARTS)` loads them into the database.

## The DuckDB store

- schema `extracted`: the tables above, exactly as extracted (`Store.arrow(t, extracted=True)`).
- schema `overlay`: `corrections` — the analysts' append-only log, never written by extraction (exported as
  the `corrections` table, with each correction's `state`):

| column | type | meaning | example |
|---|---|---|---|
| `correction_id` | BIGINT | running number; breaks ties between corrections made at the same instant | `12` |
| `target` | VARCHAR | `measure` or `plan` | `measure` |
| `measure_id` | VARCHAR | the corrected measure (NULL for a plan) | `8c8bd9275c0215dc:p1:m3` |
| `plan_id`, `document_id` | VARCHAR | the plan and document it belongs to | `8c8bd9275c0215dc:p1` |
| `field` | VARCHAR | a `measures` column other than IDs and provenance; a plan's `title`, `period_start`, `period_end`, `period_raw`, `approved_by`, `approved_on`, `based_on_number`, `based_on_date`; or `not_measure` | `deadline_raw` |
| `action` | VARCHAR | `set`, `split` (value = the first part, `parts` = the others), `merge` (value = merged text, `parts` = absorbed measure IDs) or `exclude` | `set` |
| `value` | VARCHAR | the corrected value as text (cast to the column's type in the view); NULL clears the field | `2024 жылғы 1 маусымға дейін` |
| `old_value` | VARCHAR | the value shown before (extracted or an earlier correction) | `2024 жыл мамыр` |
| `base_value`, `base_text`, `base_version` | VARCHAR | the extracted field, the measure's extracted text and the pipeline version when it was made: what a re-extraction is checked against | |
| `author` | VARCHAR | the signed-in account that made it | `a.seitkali` |
| `corrected_at` | TIMESTAMPTZ | when | `2024-05-02T09:41:00+00:00` |
| `note` | VARCHAR | why | `OCR misread the year` |

  `overlay.correction_status` marks a correction `stale` after a re-extraction changed the value it corrected
  (or re-targets it to the measure it moved to); stale corrections are kept, not applied, and show as
  `correction_stale` flags. `overlay.added_measures`, `overlay.deadlines`, `overlay.responsibles` hold rows
  materialised from the log (measures a split adds; deadlines and bodies normalised again from corrected
  text or a corrected plan period); `overlay.measures_patch`, `overlay.plans_patch` and `overlay.excluded`
  the latest applying value per corrected field and the measures marked "not a measure", which the main
  views join.
- schema `review`: `plan_states` — each plan's approval log (`new` → `in_review` → `approved` / `rejected`
  with a reason; author and time), exported as `plan_states`.
- schema `auth`: `users` (name, argon2 hash, role `reader`/`reviewer`, UI language) and `sessions` (hashed
  tokens) of the web app. Never exported.
- schema `search`: `postings`, the inverted index of the web app's search (term → measure or document),
  with `patch_postings` / `patched` for measures re-indexed after a correction.
- schema `main`: views with the tables' names, every correction applied: `main.measures` and `main.plans`
  take, per field, the latest applying correction (by `corrected_at`, then `correction_id`) in place of the
  extracted value, add the measures a split made and leave out those marked "not a measure";
  `main.deadlines` and `main.responsibles` show the re-normalised rows of corrected cells; `main.flags` adds
  `correction_stale`; `main.corrections`, `main.plan_states` and `main.plan_status` (the current state of
  every plan) read the log. Re-extracting a document replaces its rows in `extracted` only, then checks its
  corrections again (IDs are stable; a correction still applies when the field's extracted value is the one
  it corrected, and follows its measure by text similarity when the numbering changed).
- Quote the columns named like SQL keywords: `"table"`, `"row"`, `"end"`, `"by"`, `"where"`.
- One process may open the file for writing at a time (DuckDB's lock); another gets
  `StoreLockedError` naming the holder's PID. Parallel workers use parts instead.

## Derived tables (schema `derived`)

Derived from extracted records, never mixed with them: recomputed by `jospar coverage PARENT DERIVED... --out DIR`
(`Store.replace_coverage` replaces the cells of each parent/derived plan pair it is given) and read with
`Store.derived("coverage")`. The same rows are written to `DIR/coverage.parquet|csv`, with
`coverage_measures` (adoption rate per parent measure) and `coverage_plans` (summary per derived plan).
Also derived, after every load: `letter_groups` (documents that are one letter: `letter_id`, `is_primary`,
`n_sources`; the web app counts a letter once; the keys it groups by, per document, in `letter_keys`) and `occurrences` (the days each deadline falls on, for
"what is due in a month").
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
