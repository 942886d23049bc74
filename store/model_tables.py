"""Flat tables derived from the pydantic records: the one record model is the only place a column is declared.

A `TableSpec` names the record a row comes from, the key columns that place it (document, plan, ordinal),
the fields that become child tables or are left out (each by name, with the reason), and how nested
records are flattened. Everything else follows from the model's fields and their type annotations:

- str / Literal / str Enum → string, int → int64, float → double, bool → bool, date → date32,
  datetime → timestamp (UTC);
- a nested record (Provenance, Period, Received…) → its fields, prefixed (`period_start`, `bbox_x0`);
- lists and dicts (columns, glossary, emails…) → a JSON text column, so tables stay flat for CSV.

So a field added to `Measure` appears in `measures` without touching this package (tests/outputs check
it), and the data dictionary, the DuckDB DDL and the web app's field lists are generated from the same
columns, with the field's docstring as its meaning.
"""
from __future__ import annotations

import datetime as dt
import enum
import json
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Optional

import pyarrow as pa
from pydantic import BaseModel

STRING, INT64, BOOL, FLOAT64, DATE = pa.string(), pa.int64(), pa.bool_(), pa.float64(), pa.date32()
TIMESTAMP_UTC = pa.timestamp("us", tz="UTC")
# bool before int: bool is a subclass of int
_SCALARS: dict[type, pa.DataType] = {bool: BOOL, str: STRING, int: INT64, float: FLOAT64, dt.date: DATE}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Col:
    """One column: its name, Arrow type, meaning, and how to get its value from a record."""

    name: str
    dtype: pa.DataType
    meaning: str
    path: tuple[str, ...] = ()  # attribute path in the record; () for key and computed columns
    json: bool = False  # a list/dict field kept as JSON text


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[BaseModel]
    about: str  # one line for the data dictionary: what a row is
    keys: tuple[tuple[str, pa.DataType, str], ...] = ()  # columns given by the caller, before the fields
    children: dict[str, str] = field(default_factory=dict)  # field -> the table it becomes
    exclude: dict[str, str] = field(default_factory=dict)  # field -> why it is not stored here
    prefixes: dict[str, str] = field(default_factory=dict)  # nested field -> prefix (default "<field>_")
    renames: dict[str, str] = field(default_factory=dict)  # flattened name -> column name
    include: Optional[tuple[str, ...]] = None  # a projection: only these fields (e.g. distinct bodies)
    extras: tuple[tuple[str, pa.DataType, str], ...] = ()  # computed columns, after the fields
    first: tuple[str, ...] = ()  # columns moved to the front (the row's own ID before the keys placing it)

    def with_model(self, model: type[BaseModel]) -> "TableSpec":
        return replace(self, model=model)


def _unwrap(annotation: Any) -> Any:
    """Optional[X] / X | None -> X."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _arrow_type(annotation: Any) -> Optional[pa.DataType]:
    """The Arrow type of a scalar annotation, or None when the field is not a scalar."""
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is typing.Literal:
        return STRING
    if isinstance(annotation, type):
        if issubclass(annotation, dt.datetime):
            return TIMESTAMP_UTC
        if issubclass(annotation, enum.Enum):
            return STRING
        for kind, dtype in _SCALARS.items():
            if issubclass(annotation, kind):
                return dtype
    return None


def _is_record(annotation: Any) -> bool:
    annotation = _unwrap(annotation)
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _meaning(info, fallback: str) -> str:
    return " ".join((info.description or fallback).split())


def _model_columns(model: type[BaseModel], prefix: str, path: tuple[str, ...], spec: TableSpec,
                   context: str) -> list[Col]:
    columns: list[Col] = []
    for name, info in model.model_fields.items():
        if not path and (name in spec.children or name in spec.exclude
                         or (spec.include is not None and name not in spec.include)):
            continue
        meaning = _meaning(info, name.replace("_", " "))
        if context and prefix:  # "period_start": "The period the plan covers: first day …"
            meaning = f"{context}: {meaning[:1].lower()}{meaning[1:]}"
        dtype = _arrow_type(info.annotation)
        if dtype is None and _is_record(info.annotation):
            inner = spec.prefixes.get(".".join(path + (name,)), f"{prefix}{name}_")
            columns += _model_columns(_unwrap(info.annotation), inner, path + (name,), spec, meaning.rstrip("."))
            continue
        column = prefix + name
        columns.append(Col(spec.renames.get(column, column), dtype or STRING, meaning, path + (name,), dtype is None))
    return columns


def table_columns(spec: TableSpec) -> list[Col]:
    keys = [Col(name, dtype, meaning) for name, dtype, meaning in spec.keys]
    extras = [Col(name, dtype, meaning) for name, dtype, meaning in spec.extras]
    columns = keys + _model_columns(spec.model, "", (), spec, "") + extras
    columns.sort(key=lambda c: c.name not in spec.first)  # stable: only the named ones move
    names = [c.name for c in columns]
    duplicated = {n for n in names if names.count(n) > 1}
    if duplicated:
        raise ValueError(f"table {spec.name}: columns named twice: {sorted(duplicated)}")
    return columns


def arrow_schema(spec: TableSpec) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.dtype) for c in table_columns(spec)])


def clean_text(value: str | None) -> str | None:
    """NFC, and lone surrogates (unencodable in UTF-8, so fatal to Arrow and CSV) replaced by U+FFFD."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = _LONE_SURROGATE.sub("\ufffd", value)
    return unicodedata.normalize("NFC", value)


def json_text(value: Any) -> str:
    return clean_text(json.dumps(_plain(value), ensure_ascii=False, default=str)) or ""


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def utc(moment: dt.datetime | None) -> dt.datetime | None:
    """Aware datetimes converted to UTC; a naive one is taken to be UTC already."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)


def _value(record: Any, column: Col) -> Any:
    value = record
    for name in column.path:
        value = getattr(value, name, None)
        if value is None:
            return None
    if column.json:
        return json_text(value)
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dt.datetime):
        return utc(value)
    return value


def row_maker(spec: TableSpec) -> Callable[..., dict]:
    """A function (record, **keys_and_extras) -> row dict, with columns computed once per spec."""
    columns = table_columns(spec)
    fields = [c for c in columns if c.path]
    given = [c.name for c in columns if not c.path]

    def make(record: Any, **known: Any) -> dict:
        row = {name: clean_text(known.get(name)) if isinstance(known.get(name), str) else known.get(name)
               for name in given}
        for column in fields:
            row[column.name] = _value(record, column)
        return row

    return make


_READ_COLUMNS: dict[int, tuple[TableSpec, list[Col]]] = {}  # id(spec) -> (spec, its columns)


def _columns_of(spec: TableSpec) -> list[Col]:
    """table_columns(spec), worked out once per spec object: rebuilding a record per row walked the
    models' annotations again for every row (most of the store's read time)."""
    cached = _READ_COLUMNS.get(id(spec))
    if cached is None or cached[0] is not spec:
        cached = _READ_COLUMNS[id(spec)] = (spec, table_columns(spec))
    return cached[1]


def record_from_row(spec: TableSpec, row: dict) -> BaseModel:
    """The record a row was flattened from (JSON columns parsed, prefixed columns nested again): readers of the
    store (lineage across documents, the web app) get the same typed records the pipeline produced."""
    data: dict[str, Any] = {}
    for column in _columns_of(spec):
        if not column.path or column.name not in row:
            continue
        value = row[column.name]
        if column.json and isinstance(value, str):
            value = json.loads(value)
        target = data
        for name in column.path[:-1]:
            target = target.setdefault(name, {})
        target[column.path[-1]] = value
    return spec.model.model_validate(_drop_empty(data))


def _drop_empty(data: dict) -> dict:
    """Nested records whose columns are all NULL were None (an absent period, a page without box)."""
    out = {}
    for key, value in data.items():
        if isinstance(value, dict) and value and all(v is None for v in value.values()):
            continue
        out[key] = _drop_empty(value) if isinstance(value, dict) and key not in ("other", "glossary") else value
        if out[key] is None:
            del out[key]
    return out
