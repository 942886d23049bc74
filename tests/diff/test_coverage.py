"""Coverage of a parent plan across several derived plans: cells, per-measure rates, per-plan summaries,
rows of the `coverage` table."""
from __future__ import annotations

import json

import pyarrow as pa

from store.tables import DERIVED_SCHEMAS, coverage_rows
from pipeline.coverage import coverage, measure_rows, plan_rows
from tests.diff.helpers import FIXTURES, plan, plans_from_tsv


def load(name):
    return plans_from_tsv(FIXTURES / f"{name}.txt")[0]


def test_kazakh_parent_across_three_schools():
    parent = load("kk_merge_parent")
    merged_school = load("kk_merge_derived")
    full_copy = plan([{"text": m.text, "responsible_raw": m.responsible_raw, "deadline_raw": m.deadline_raw}
                      for m in parent.measures], plan_id="copy")
    unrelated = load("kk_other_parent")
    report = coverage(parent, [merged_school, full_copy, unrelated])
    assert len(report.cells) == 3 * 5 and [p.derived_plan_id for p in report.plans] == [
        merged_school.plan_id, "copy", unrelated.plan_id]
    grid = {(c.derived_plan_id, c.parent_number): c.status for c in report.cells}
    assert [grid[(merged_school.plan_id, n)] for n in "12345"] == ["modified", "merged", "adopted", "dropped", "modified"]
    assert all(grid[("copy", n)] == "adopted" for n in "12345")
    assert all(grid[(unrelated.plan_id, n)] == "dropped" for n in "12345")
    rates = {m.parent_number: (m.adoption_rate, m.unchanged_rate) for m in report.measures}
    assert rates["4"] == (round(1 / 3, 4), round(1 / 3, 4))
    assert rates["2"] == (round(2 / 3, 4), round(1 / 3, 4))  # merged counts as kept, not as unchanged
    school = report.plans[0]
    assert (school.adopted, school.modified, school.merged, school.dropped, school.added) == (1, 2, 1, 1, 0)
    assert school.coverage == 0.8 and report.plans[2].coverage == 0.0 and report.plans[2].added == 5


def test_russian_parent_with_narrowing_and_split():
    parent = load("ru_split_parent")
    report = coverage(parent, [load("ru_split_derived"), load("ru_ocr_derived")])
    narrowed = {c.parent_number for c in report.cells if c.derived_plan_id.startswith("ru_split_derived") and c.narrowed}
    assert narrowed == {"1", "2", "4"}
    first = next(c for c in report.cells if c.parent_number == "1" and c.derived_plan_id.startswith("ru_split_derived"))
    assert first.status == "modified" and first.material_fields == ["text", "responsible"]
    assert [m.adoption_rate for m in report.measures] == [1.0, 1.0, 1.0, 1.0]


def test_rows_fit_the_arrow_schema():
    parent = load("ru_deadline_parent")
    report = coverage(parent, [load("ru_deadline_derived"), load("ru_reorder_derived")])
    rows = coverage_rows(report)
    table = pa.Table.from_pylist(rows, schema=DERIVED_SCHEMAS["coverage"])
    assert table.num_rows == 8 and set(rows[0]) == set(DERIVED_SCHEMAS["coverage"].names)
    assert rows[0]["parent_measure_id"] == parent.measures[0].measure_id and rows[0]["derived_measure_id"]
    assert json.loads(rows[0]["material_fields"]) == ["responsible", "deadline"]
    assert len(measure_rows(report)) == 4 and len(plan_rows(report)) == 2


def test_no_derived_plans_and_empty_parent():
    parent = load("kk_narrow_parent")
    report = coverage(parent, [])
    assert report.cells == [] and all(m.adoption_rate == 0.0 for m in report.measures)
    empty = coverage(plan([]), [parent])
    assert empty.cells == [] and any(f.code == "coverage_empty_parent" for f in empty.flags)


def test_same_derived_plan_twice_and_repeated_numbers():
    """Cells are kept per position (one file given twice) and per measure ID (numbers repeating
    across sections)."""
    parent = plan([{"number": "1", "text": "Ата-аналар жиналысын өткізу"},
                   {"number": "1", "text": "Оқушылардың сабаққа қатысуын күнделікті бақылау"},
                   {"number": "2", "text": "Мектеп кітапханасының қорын толықтыру"}])
    school = plan([{"text": "Оқушылардың сабаққа қатысуын күнделікті бақылау"}], plan_id="school")
    report = coverage(parent, [school, school])
    assert [c.status for c in report.cells] == ["dropped", "adopted", "dropped"] * 2
    assert [p.adopted for p in report.plans] == [1, 1]
    assert [m.adoption_rate for m in report.measures] == [0.0, 1.0, 0.0]
