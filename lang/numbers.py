"""Measure numbers as plans print them: "1.", "3.4.", "I." (Arabic and Roman, Latin or Cyrillic look-alike І/Х)."""
from __future__ import annotations

import re

ROW_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\.?\s*$")
ROMAN = re.compile(r"^\s*([IVXІХ]+)\s*[.)]\s*\S", re.UNICODE)
HEADING_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVXІХ]+)\s*[.)]?\s+\S", re.UNICODE)


def row_number(text: str | None) -> str | None:
    """The measure number as written without its trailing dot, or None."""
    m = ROW_NUMBER.match(text or "")
    return m.group(1) if m else None


def parts(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split(".") if p.isdigit())
