#!/usr/bin/env python3
"""Spreadsheet reading: the jospar reader (python-calamine) against openpyxl on the same workbook, in the
same run, as seconds and a ratio (the reason calamine was chosen; openpyxl needs openpyxl installed,
it is a test dependency).

    .venv/bin/python benchmarks/spreadsheets.py [--rows N]

The workbook: a plan sheet of N rows x 5 columns (numbers, long measure texts, dates, merged section
rows every 20 rows), written by openpyxl. Baseline: openpyxl load_workbook (not read-only: merged ranges
need the full model) reading every value and the merged ranges, which is what the reader needs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.spreadsheet import read_xlsx  # noqa: E402


def workbook(rows: int) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["№", "Іс-шаралар атауы / Наименование мероприятия", "Мерзімі", "Жауаптылар", "Нысаны"])
    for r in range(1, rows + 1):
        if r % 20 == 1:
            ws.append([f"{r // 20 + 1}. Бөлім / Раздел"])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=5)
        ws.append([r, f"Мектептерде тамақтандыруды ұйымдастыру мониторингін жүргізу, есеп беру {r}",
                   dt.date(2025, 9, 1) + dt.timedelta(days=r % 300), "Білім бөлімі, мектеп директорлары", "ақпарат"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def with_openpyxl(data: bytes) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    cells = 0
    for ws in wb.worksheets:
        _ = list(ws.merged_cells.ranges)
        for row in ws.iter_rows(values_only=True):
            cells += sum(1 for v in row if v is not None)
    return cells


def timed(func, data: bytes, repeat: int = 3) -> tuple[float, float]:
    """Best of `repeat` runs (seconds), then one traced run for the peak Python heap (tracing slows it)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(data)
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    func(data)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return best, peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=5000)
    args = ap.parse_args()
    data = workbook(args.rows)
    ours, ours_mb = timed(read_xlsx, data)
    base, base_mb = timed(with_openpyxl, data)
    print(f"workbook: {args.rows} rows, {len(data) / 1024:.0f} KB")
    print(f"jospar reader (calamine): {ours:.3f} s, peak {ours_mb:.1f} MB (Python heap only)")
    print(f"openpyxl baseline:        {base:.3f} s, peak {base_mb:.1f} MB")
    print(f"ratio: jospar reader (which also builds the layout) takes {ours / base:.2f}x the time of openpyxl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
