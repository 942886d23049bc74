"""`jospar diff FILE [FILE] --json [--html FILE]` and `jospar coverage PARENT DERIVED... [--out DIR]
[--html FILE] [--json]`.

diff, one file: the plans linked inside it (Plan.parent_plan_id set by lineage); when lineage linked
nothing, the first plan with measures is taken as the parent of every later plan that shares at least
one aligned measure with it. Two (or more) files: the first file's first plan with measures is the
parent, and every plan with measures of the other files is diffed against it.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from schemas.diff import PlanDiff
from schemas.records import Document, Flag, Plan


def register(sub) -> None:
    d = sub.add_parser("diff", help="diff derived plans against their parent plan")
    d.add_argument("files", nargs="+", metavar="FILE", help="one file with linked plans, or PARENT DERIVED")
    d.add_argument("--json", action="store_true", help='print {"diffs": [PlanDiff, ...]}')
    d.add_argument("--html", metavar="FILE", help="also write an HTML report with highlighted words")
    d.set_defaults(handler=_diff)
    c = sub.add_parser("coverage", help="derived plans x parent measures: adopted / modified / dropped")
    c.add_argument("parent", metavar="PARENT", help="file holding the parent plan (its first plan with measures)")
    c.add_argument("derived", nargs="+", metavar="DERIVED", help="files holding derived plans")
    c.add_argument("--out", metavar="DIR", help="write coverage, coverage_measures, coverage_plans as CSV + Parquet")
    c.add_argument("--html", metavar="FILE", help="write an HTML heatmap")
    c.add_argument("--json", action="store_true", help="print the CoverageReport as JSON")
    c.set_defaults(handler=_coverage)


def _read(paths: list[str]) -> list[Document]:
    from pipeline.extract import extract_path

    return [extract_path(p) for p in paths]


def _with_measures(doc: Document) -> list[Plan]:
    return [p for p in doc.plans if p.measures]


def _all_failed(docs: list[Document]) -> bool:
    """Every file failed to be read at all (not merely: had no plan)."""
    from schemas.flags import UNREADABLE_CODES

    failures = UNREADABLE_CODES | {"extract_failed"}
    return bool(docs) and all(any(f.code in failures for f in d.flags) for d in docs)


def linked_pairs(doc: Document) -> list[tuple[Plan, Plan]]:
    """(parent, derived) pairs that lineage linked inside one document."""
    plans = _with_measures(doc)
    by_id = {p.plan_id: p for p in plans}
    return [(by_id[p.parent_plan_id], p) for p in plans if p.parent_plan_id in by_id and p.parent_plan_id != p.plan_id]


def file_diffs(docs: list[Document]) -> list[PlanDiff]:
    from pipeline.diff import diff_plans

    if len(docs) == 1:
        linked = linked_pairs(docs[0])
        if linked:
            return [diff_plans(parent, derived) for parent, derived in linked]
        # nothing linked inside the file: the first plan is the parent of every later plan that shares
        # at least one aligned measure with it
        plans = _with_measures(docs[0])
        diffs = [diff_plans(plans[0], derived) for derived in plans[1:]]
        return [d for d in diffs if d.pairs]
    parents = _with_measures(docs[0])
    if not parents:
        return []
    return [diff_plans(_parent_of(derived, parents, docs[0]), derived) for doc in docs[1:] for derived in _with_measures(doc)]


def _parent_of(derived: Plan, parents: list[Plan], parent_doc: Document) -> Plan:
    """The parent file's plan that `derived` cites (lineage), else the one sharing most of its measures
    (the user said which file is the parent, so direction needs no evidence), else its first plan."""
    from pipeline.lineage import coverage, link_plans

    linked = link_plans(parents, derived, parent_doc.letters)
    if linked is not None:
        return linked
    best = max(parents, key=lambda p: coverage(p, derived))  # max keeps the first plan on ties
    return best if coverage(best, derived) > 0 else parents[0]


def _diff(args) -> int:
    docs = _read(args.files)
    diffs = file_diffs(docs)
    flags = [f.model_dump() | {"where": f"{d.source.path}: {f.where or ''}".rstrip(": ")} for d in docs for f in d.flags]
    if args.html:
        from pipeline.diff.html import render_diff_html

        Path(args.html).write_text(render_diff_html(diffs), encoding="utf-8")
    if args.json:
        out = {"diffs": [d.model_dump(mode="json") for d in diffs], "flags": flags}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    else:
        _print_diff_summary(diffs, flags)
    return 1 if _all_failed(docs) else 0


def _print_diff_summary(diffs: list[PlanDiff], flags: list[dict]) -> None:
    if not diffs:
        print("no linked plans to compare")
    for d in diffs:
        s = d.summary
        print(f"{d.parent.plan_id} -> {d.derived.plan_id}: adopted {s.adopted}, modified {s.modified}, "
              f"dropped {s.dropped}, added {s.added}, merged {s.merged}, split {s.split}, narrowed {s.narrowed}")
    for f in flags:
        print(f"flag {f['code']}: {f['message']} ({f['where']})", file=sys.stderr)


def is_copy(plan: Plan, parent: Plan) -> bool:
    """A verbatim copy of the parent inside a derived file (a school forwarding the letter with its plan)."""
    from pipeline.diff.normalize import norm_text

    texts = [norm_text(m.text) for m in plan.measures]
    return plan.plan_id == parent.plan_id or texts == [norm_text(m.text) for m in parent.measures]


def derived_plans(docs: list[Document], parent: Plan) -> list[Plan]:
    out = []
    for doc in docs:
        plans = _with_measures(doc)
        linked = [p for p in plans if p.parent_plan_id]
        out.extend(p for p in (linked or plans) if not is_copy(p, parent))
    return out


def _coverage(args) -> int:
    from pipeline.coverage import coverage

    docs = _read([args.parent] + list(args.derived))
    parents = _with_measures(docs[0])
    if not parents:
        print(f"no plan with measures in {args.parent}", file=sys.stderr)
        return 1
    report = coverage(parents[0], derived_plans(docs[1:], parents[0]))
    report.flags.extend(Flag(code=f.code, message=f.message, where=f"{d.source.path}: {f.where or ''}".rstrip(": "))
                        for d in docs for f in d.flags)
    if args.out:
        write_coverage_tables(report, Path(args.out))
    if args.html:
        from pipeline.coverage_html import render_coverage_html

        Path(args.html).write_text(render_coverage_html(report), encoding="utf-8")
    if args.json:
        sys.stdout.write(report.model_dump_json() + "\n")
    else:
        for p in report.plans:
            print(f"{p.derived_plan_id}: coverage {p.coverage:.0%} (adopted {p.adopted}, modified {p.modified}, "
                  f"merged {p.merged}, dropped {p.dropped}, added {p.added})")
    return 0


def write_coverage_tables(report, out_dir: Path) -> dict[str, int]:
    """coverage, coverage_measures and coverage_plans as Parquet and safe CSV, and the coverage cells into
    out_dir/jospar.duckdb (derived.coverage); returns row counts."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.coverage import measure_rows, plan_rows
    from store.tables import DERIVED_SCHEMAS, coverage_rows
    from store import Store
    from store.csv_safe import write_csv
    from store.outputs import DATABASE_NAME

    out_dir.mkdir(parents=True, exist_ok=True)
    tables = {
        "coverage": pa.Table.from_pylist(coverage_rows(report), schema=DERIVED_SCHEMAS["coverage"]),
        "coverage_measures": pa.Table.from_pylist(measure_rows(report)),
        "coverage_plans": pa.Table.from_pylist(plan_rows(report)),
    }
    for name, table in tables.items():
        pq.write_table(table, out_dir / f"{name}.parquet")
        write_csv(table, out_dir / f"{name}.csv")
    with Store(out_dir / DATABASE_NAME) as store:
        store.replace_coverage(tables["coverage"])
    return {name: t.num_rows for name, t in tables.items()}
