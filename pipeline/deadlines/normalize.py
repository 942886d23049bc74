"""`normalize_deadline` (a deadline cell) and `find_deadlines_in_text` (deadline phrases inside a measure).

A cell is read line by line (and between semicolons); each piece is, in this order of precedence,
recurring, relative to an event (an offset in days, weeks or months), a reporting period ("по итогам
полугодия"), a result-of event, calendar atoms (dates, ranges, periods), continuous, an event, or
unspecified with the reason. Nothing raises: whatever goes wrong, the raw text comes back as `unspecified`.
Every deadline also carries its reading in words, Kazakh and Russian (`words.py`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from schemas import Deadline, Period, Relative

from pipeline.deadlines.calendar import DEFAULT_COUNTRY, shift
from pipeline.deadlines.combine import Item, build_items, yearly_dates
from pipeline.deadlines.dates import make_date
from pipeline.deadlines.grammar import find_atoms
from pipeline.deadlines.phrases import (
    CONTINUOUS, EVENT, LETTER_ANCHOR, OWN_WINDOW, RESULTS_OF, event_name, reporting_period,
)
from pipeline.deadlines.recurrence import looks_recurring, read_recurrence
from pipeline.deadlines.relative import RelativeRead, read_relative
from pipeline.deadlines.text import nfc, prepare
from pipeline.deadlines.words import with_words

PIECE_BREAK = re.compile(r"[\n;]+")
WRAP_END = re.compile(r"(?:[-–—‒−]|(?<![^\W\d_])(?:мен|бен|пен|по|до|с))\s*$", re.IGNORECASE)
WRAP_START = re.compile(r"\s*[-–—‒−]")
# Separators trimmed off a piece of a cell holding several deadlines.
TRIM = " \t\r\n\u00a0,;"
# A date written as the date of a document ("от 12.03.2012 № 320", "2012 жылғы 12 наурыздағы №320").
DOCUMENT_NUMBER = re.compile(r"[\s.,]*(?:ж\.?|г\.?|жылғы)?\s*(?:№|n\s*\d|номер)")


REASON_NOTHING = "no date, period, recurrence, event or offset recognised"
REASON_BAD_DATE = "a date that does not exist or is misprinted (kept as written, not guessed)"
REASON_DAYS_ONLY = "days without a month"
REASON_ERROR = "the deadline reader failed on this text"


@dataclass(frozen=True)
class Setting:
    """What the plan around a cell tells the reader: its period, the issuer's country (working days) and the
    covering letter's date (the anchor of "со дня получения письма")."""

    period: Optional[Period] = None
    country: str = DEFAULT_COUNTRY
    letter_date: Optional[dt.date] = None


def normalize_deadline(text: str, period: Period | None = None, country: str = DEFAULT_COUNTRY,
                       letter_date: dt.date | None = None) -> list[Deadline]:
    """Every deadline written in a deadline cell; [] for a blank cell (fresh objects: safe to modify)."""
    if not isinstance(text, str):
        return [with_words(Deadline(raw=_raw_fallback(text), kind="unspecified", reason=REASON_ERROR))]
    window = (period.start, period.end) if period is not None else None
    return [d.model_copy() for d in _cached(text, window, period.raw if period else None, country, letter_date)]


@lru_cache(maxsize=32768)
def _cached(text: str, window, period_raw, country: str, letter_date) -> tuple[Deadline, ...]:
    """Plans repeat their deadline cells ("В течение года", "Тоқсан сайын"): each distinct cell is read once
    per plan period, country and letter date."""
    period = Period(start=window[0], end=window[1], raw=period_raw) if window is not None else None
    try:
        return tuple(with_words(d) for d in _normalize(text, Setting(period, country, letter_date)))
    except Exception:  # a bug in the grammar must not lose the cell
        return (with_words(Deadline(raw=_raw_fallback(text), kind="unspecified", reason=REASON_ERROR)),)


def clear_cache() -> None:
    """Forget cells read before (benchmarks measuring cold throughput)."""
    _cached.cache_clear()


def find_deadlines_in_text(text: str, period: Period | None = None) -> list[Deadline]:
    """Deadline phrases inside a measure's text ("01.09.2023ж. дейін", "до 1 сентября 2024 года");
    dates without a limit, start or range word (a decree's date) are left out."""
    try:
        return [with_words(d) for d in _find_in_text(text, period)]
    except Exception:
        return []


def _raw_fallback(text) -> str:
    return nfc(text).strip() if isinstance(text, str) else str(text)


def _normalize(text: str, setting: Setting) -> list[Deadline]:
    original = nfc(text)
    if not original.strip():
        return []
    prepared = prepare(original)
    pieces = [_read_piece(original, prepared, lo, hi, setting) for lo, hi in _pieces(original)]
    pieces = [p for p in pieces if p]
    if not pieces:  # nothing but separators
        return [Deadline(raw=original.strip(), kind="unspecified", reason=REASON_NOTHING)]
    if len(pieces) > 1 and any(all(d.kind == "unspecified" for d in p) for p in pieces):
        # a phrase broken over lines ("Комиссия жоспарына\nсәйкес") reads better whole
        whole = _read_piece(original, prepared, 0, len(original), setting)
        if all(d.kind != "unspecified" for d in whole):
            return whole
    return [d for p in pieces for d in p]


def _pieces(text: str) -> list[tuple[int, int]]:
    spans, begin = [], 0
    for m in PIECE_BREAK.finditer(text):
        # a line ending in (or the next starting with) a dash or "мен"/"по" wraps a range: keep it whole
        if "\n" in m.group(0) and ";" not in m.group(0) and (
                WRAP_END.search(text, begin, m.start()) or WRAP_START.match(text, m.end())):
            continue
        spans.append((begin, m.start()))
        begin = m.end()
    spans.append((begin, len(text)))
    return [(lo, hi) for lo, hi in spans if text[lo:hi].strip()]


def _read_piece(original: str, prepared: str, lo: int, hi: int, setting: Setting) -> list[Deadline]:
    raw = original[lo:hi].strip()
    if not raw:
        return []
    period = setting.period
    if looks_recurring(prepared, lo, hi):
        rec = read_recurrence(prepared, lo, hi)
        if rec:
            window = _window(period)
            return [Deadline(raw=raw, kind="recurring", start=window[0], end=window[1], by=rec.by, rrule=rec.rrule,
                             freq=rec.freq, times_per_period=rec.times, confidence=0.9 if rec.rrule else 0.8)]
    relative = read_relative(prepared, lo, hi)
    if relative:
        return [_relative(raw, original, prepared, relative, setting)]
    if RESULTS_OF.search(prepared, lo, hi):
        reporting = reporting_period(prepared[lo:hi])
        if reporting:
            freq, times = reporting
            window = _window(period)
            return [Deadline(raw=raw, kind="recurring", start=window[0], end=window[1], freq=freq,
                             times_per_period=times, confidence=0.8)]
        return [_event(raw, prepared, lo, hi, period)]
    atoms = find_atoms(prepared, lo, hi)
    if atoms:
        items = build_items(prepared, atoms, lo, hi, period)
        yearly = yearly_dates(prepared, items, lo, hi)
        if yearly:
            window = _window(period)
            return [Deadline(raw=raw, kind="recurring", start=window[0], end=window[1], by=yearly[1],
                             rrule=yearly[0], freq="yearly", confidence=0.85)]
        return _with_raws(original, items, lo, hi, raw)
    if CONTINUOUS.search(prepared, lo, hi):
        return [Deadline(raw=raw, kind="continuous", confidence=0.85)]
    if EVENT.search(prepared, lo, hi) or OWN_WINDOW.search(prepared, lo, hi):
        return [_event(raw, prepared, lo, hi, period)]
    reason = REASON_DAYS_ONLY if DAYS_ONLY.fullmatch(prepared, lo, hi) else REASON_NOTHING
    return [Deadline(raw=raw, kind="unspecified", reason=reason)]


# "1-10", "25-26", "06": days (of a month the cell does not name)
DAYS_ONLY = re.compile(r"\s*\d{1,2}(?:\s*[-–—,]\s*\d{1,2})*\s*")


def _relative(raw: str, original: str, prepared: str, read: RelativeRead, setting: Setting) -> Deadline:
    anchor = anchor_date = None
    if read.anchor_lo is not None:
        anchor = " ".join(original[read.anchor_lo:read.anchor_hi].split())
        dated = [a for a in find_atoms(prepared, read.anchor_lo, read.anchor_hi) if a.kind == "date"]
        if dated:
            anchor_date = make_date(dated[0].year, dated[0].month, dated[0].day)
        elif setting.letter_date and LETTER_ANCHOR.search(prepared, read.anchor_lo, read.anchor_hi):
            anchor_date = setting.letter_date
    country = setting.country if read.unit == "working_days" else None
    computed = shift(anchor_date, read.offset, read.unit, read.direction, setting.country) if anchor_date else None
    relative = Relative(anchor=anchor, anchor_date=anchor_date, offset=read.offset, unit=read.unit,
                        direction=read.direction, calendar=country, computed=computed)
    return Deadline(raw=raw, kind="relative", end=computed, by=read.by, relative=relative, event=anchor,
                    confidence=0.85 if anchor else 0.75)


def _window(period: Period | None) -> tuple:
    if period is not None and period.start and period.end:
        return period.start, period.end
    return None, None


def _event(raw: str, prepared: str, lo: int, hi: int, period: Period | None) -> Deadline:
    """An event; one tied to the plan's own window (the campaign) takes the plan period."""
    start, end = _window(period) if OWN_WINDOW.search(prepared, lo, hi) else (None, None)
    by = bool(re.search(r"(?<![^\W\d_])(?:дейін|до)(?![^\W\d_])", prepared[lo:hi]))
    return Deadline(raw=raw, kind="event", start=start, end=end, by=by, event=event_name(raw), confidence=0.7)


def _with_raws(original: str, items: list[Item], lo: int, hi: int, whole: str) -> list[Deadline]:
    """One item takes the whole piece as raw; several split it at their own ends."""
    if len(items) == 1:
        return [_deadline(items[0], whole)]
    out, begin = [], lo
    for i, item in enumerate(items):
        end = hi if i == len(items) - 1 else max(item.hi, begin)
        raw = original[begin:end].strip(TRIM) or original[item.lo:item.hi].strip()
        out.append(_deadline(item, raw))
        begin = end
    return out


def _deadline(item: Item, raw: str) -> Deadline:
    if item.kind == "unspecified":
        return Deadline(raw=raw, kind="unspecified", reason=REASON_BAD_DATE)
    return Deadline(raw=raw, kind=item.kind, start=item.start, end=item.end, by=item.by, confidence=item.confidence)


def _find_in_text(text: str, period: Optional[Period]) -> list[Deadline]:
    original = nfc(text)
    if not original.strip():
        return []
    prepared = prepare(original)
    atoms = find_atoms(prepared)
    found = []
    for item in build_items(prepared, atoms, 0, len(prepared), period):
        last = item.atoms[-1] if item.atoms else None
        if not item.context or (last and DOCUMENT_NUMBER.match(prepared, last.end)):
            continue
        found.append(_deadline(item, original[item.lo:item.hi].strip()))
    return found
