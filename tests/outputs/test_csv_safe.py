"""CSV for Excel: BOM, formula-like text made inert, every other value unchanged."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pyarrow as pa
from hypothesis import given, strategies as st

from store.csv_safe import INERT_PREFIX, format_cell, inert, is_formula_like, write_csv
from store.tables import documents_to_arrow
from tests.outputs.documents import HOSTILE, PLAIN, corpus

BOM = b"\xef\xbb\xbf"


def read_csv(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_hostile_starts_are_inert():
    for text in HOSTILE[:-1] + ["＝1+1", " \t-2", "@"]:
        assert is_formula_like(text), text
        assert inert(text) == INERT_PREFIX + text


def test_other_text_is_unchanged():
    for text in PLAIN + [HOSTILE[-1], "", "   ", "a=b", "5-3", "e-mail: a@b.kz", "'quoted", "1.1.", "№ 5"]:
        assert not is_formula_like(text), text
        assert inert(text) == text


@given(st.text())
def test_inert_text_never_starts_like_a_formula_and_keeps_the_text(text):
    shown = inert(text)
    assert shown[1:] == text if shown != text else not is_formula_like(text)
    assert not shown[:1] in {"=", "+", "-", "@", "\t", "\r"}


def test_non_text_values_are_written_as_values():
    assert format_cell(-5) == "-5"  # a number is not a formula
    assert format_cell(None) == ""
    assert format_cell(True) == "true"
    assert format_cell(dt.date(2024, 1, 2)) == "2024-01-02"
    assert format_cell(dt.datetime(2024, 1, 2, 3, 4, tzinfo=dt.timezone.utc)) == "2024-01-02T03:04:00+00:00"
    assert format_cell(0.25) == "0.25"


def test_file_starts_with_bom_and_reads_back(tmp_path):
    measures = documents_to_arrow(corpus())["measures"]
    path = tmp_path / "measures.csv"
    assert write_csv(measures, path) == measures.num_rows
    assert path.read_bytes().startswith(BOM)
    header, *rows = read_csv(path)
    assert header == measures.column_names
    texts = [row[header.index("text")] for row in rows]
    for original, written in zip(measures["text"].to_pylist(), texts):
        assert written == (INERT_PREFIX + original if is_formula_like(original) else original)
    assert any("\n" in text and '"' in text and "Жол картасы" in text for text in texts)  # multi-line, quotes
    assert INERT_PREFIX + "=HYPERLINK(" in "".join(texts)


def test_every_text_cell_in_every_table_is_safe(tmp_path):
    for name, table in documents_to_arrow(corpus()).items():
        path = tmp_path / f"{name}.csv"
        write_csv(table, path)
        for row in read_csv(path)[1:]:
            for cell in row:
                assert not is_formula_like(cell) or cell.startswith(INERT_PREFIX), (name, cell)


def test_zero_rows_still_have_the_header(tmp_path):
    empty = pa.table({"a": pa.array([], pa.string()), "b": pa.array([], pa.int32())})
    path = tmp_path / "empty.csv"
    assert write_csv(empty, path) == 0
    assert path.read_bytes() == BOM + b"a,b\r\n"


def test_excel_style_reader_sees_kazakh_text(tmp_path):
    table = pa.table({"text": ["Қазақ тілі әріптері: ә ғ қ ң ө ұ ү һ і"]})
    path = tmp_path / "kk.csv"
    write_csv(table, path)
    decoded = path.read_bytes().decode("utf-8")  # a BOM-aware reader drops U+FEFF
    assert decoded.startswith("\ufefftext") and "ә ғ қ ң ө ұ ү һ і" in decoded
    assert list(csv.reader(io.StringIO(decoded.lstrip("\ufeff"))))[1] == ["Қазақ тілі әріптері: ә ғ қ ң ө ұ ү һ і"]
