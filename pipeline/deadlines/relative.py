"""Deadlines counted from an event: an offset in working or calendar days, weeks or months, before or after.

    "в течение пяти рабочих дней со дня подписания приказа"      5 working days after "подписания приказа"
    "не позднее 3 дней после проведения"                         3 calendar days after "проведения"
    "за 10 дней до начала учебного года"                         10 calendar days before
    "в 3-дневный срок с момента получения"                       3 calendar days after
    "бұйрық шыққан күннен бастап 10 жұмыс күнінен кешіктірмей"   10 working days after "бұйрық шыққан күн"
    "сессия басталғанға дейін 3 жұмыс күні бұрын"                3 working days before "сессия басталған"

Russian names the offset, then the event after a preposition ("со дня", "после", "до"); Kazakh names the
event first, then the offset, with the direction in "бастап"/"кейін" or "дейін … бұрын".
Works on prepared text (lower case, look-alikes folded; same offsets as the original).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from lang.numbers import NUMBER_WORD_PATTERN, number_value
from pipeline.deadlines.lexicon import L

_B = rf"(?<!{L})"
_E = rf"(?!{L})"
NUMBER = rf"(?P<n>(?<![\d.])\d{{1,3}}(?![\d.])(?:\s*-?\s*(?:ти|х|ми|и|ый|ого))?{_E}|{_B}{NUMBER_WORD_PATTERN}{_E})"
# the unit right after the number; group names tell which
UNIT = (
    rf"\s*(?:(?P<wd>рабоч{L}*\s+(?:дн{L}*|день)|жұмыс\s+күн{L}*)"
    rf"|(?P<cd>календарн{L}*\s+(?:дн{L}*|день)|дн(?:я|ей)|день|сут(?:ок|ки){L}*|күн{L}*|тәулік{L}*)"
    rf"|(?P<wk>недел{L}*|апта{L}*)"
    rf"|(?P<mo>месяц{L}*|ай(?:ға|дан|дың|ы|ын|ында|ішінде)?))(?!{L})"
)
# "трехдневный срок", "3-дневный срок", "10 күндік мерзімде": a unit as an adjective
ADJ_UNIT = rf"(?:\s*-?\s*)(?P<adj>(?:рабоч{L}*\s+)?дневн{L}*|недельн{L}*|месячн{L}*|күндік|апталық|айлық)"
_ADJ_NUMBER = re.compile(
    r"(?P<n>\d{1,3}|одно|двух|трех|четырех|пяти|шести|семи|восьми|девяти|десяти|пятнадцати|двадцати|тридцати)"
)
OFFSET = re.compile(rf"{NUMBER}{UNIT}")
OFFSET_ADJ = re.compile(rf"{_B}(?:{_ADJ_NUMBER.pattern})?{ADJ_UNIT}\s+срок{L}*|{_B}(?P<n2>\d{{1,3}}|{NUMBER_WORD_PATTERN})"
                        rf"\s*(?P<adj2>күндік|апталық|айлық)\s+мерзім{L}*")
# A month or a week without a number: "в течение месяца со дня", "бір айдан кешіктірмей" has one
UNIT_ALONE = re.compile(rf"{_B}(?:в\s+течени[ея]|течени[ея]|через)\s+(?P<u>месяца|недели|суток)(?!{L})")

# Words that make a number of days a deadline rather than a duration of the work
RELATION = re.compile(
    rf"{_B}(?:в\s+течени[ея]|течени[ея]|за|через|после|спустя|до|не\s+позднее|не\s+позже|позднее|со\s+дня|с\s+момента"
    rf"|с\s+даты|по\s+истечении|ішінде|бұрын|кейін|бастап|кешіктірмей|кешіктірілмей|соң|ішінен|срок|мерзім{L}*"
    rf"|күннен|сәттен)(?!{L})"
)
RU_AFTER_LINK = re.compile(
    rf"^[\s,]*(?:(?:начиная\s+)?со\s+дня|с\s+момента|с\s+даты|с\s+дня|после|от\s+даты|от|с|со|по\s+истечении|спустя)(?!{L})\s*"
)
RU_BEFORE_LINK = re.compile(rf"^[\s,]*(?:до|перед)(?!{L})\s*")
RU_BEFORE_PRE = re.compile(rf"{_B}(?:не\s+позднее\s+(?:чем\s+)?|не\s+позже\s+(?:чем\s+)?)?за\s*$")
KK_BEFORE = re.compile(rf"{_B}бұрын(?!{L})|{_B}дейін(?!{L})")
KK_AFTER = re.compile(rf"{_B}(?:бастап|кейін|соң)(?!{L})")
KK_BURYN = re.compile(rf"^[\s,]*(?:бұрын|ерте)(?!{L})")
LIMIT = re.compile(rf"{_B}(?:в\s+течени[ея]|течени[ея]|не\s+позднее|не\s+позже|ішінде|кешіктірмей|кешіктірілмей"
                   rf"|{L}*срок|мерзім{L}*|дейін)(?!{L})")
# Words framing the anchor that are not part of it
_RU_FRAME_HEAD = re.compile(rf"^(?:в\s+течени[ея]|не\s+позднее|не\s+позже|через|после|за|в|со?|до)(?!{L})\s*")
_KK_FRAME_TAIL = re.compile(
    rf"\s*(?:бастап|кейін|соң|дейін|бұрын|ішінде|кешіктірмей|кешіктірілмей|мерзімде|мерзімінде)\s*$")
# a unit word must stand in the text for any of the patterns above to match
HINT = re.compile(rf"{_B}(?:рабоч|жұмыс|дн[яе]|день|сут|күн|недел|апта|месяц|ай|тәулік)|дневн|недельн|месячн|күндік|апталық|айлық")


@dataclass
class RelativeRead:
    offset: int
    unit: str  # working_days | calendar_days | weeks | months
    direction: str  # before | after
    by: bool
    anchor_lo: Optional[int] = None  # the anchor's span in the text (absolute offsets)
    anchor_hi: Optional[int] = None


def _unit(m: re.Match) -> str:
    g = m.groupdict()
    if g.get("wd"):
        return "working_days"
    if g.get("wk"):
        return "weeks"
    if g.get("mo"):
        return "months"
    adj = g.get("adj") or g.get("adj2") or ""
    if adj.startswith("рабоч"):
        return "working_days"
    if adj.startswith(("недел", "апта")):
        return "weeks"
    if adj.startswith(("месяч", "ай")):
        return "months"
    return "calendar_days"


def _number(m: re.Match) -> Optional[int]:
    text = m.group("n") if m.groupdict().get("n") else m.groupdict().get("n2")
    if not text:
        return 1 if m.groupdict().get("adj") else None  # "в недельный срок", "в месячный срок"
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group(0))
    value = number_value(text)
    if value is None and text.endswith(("х", "и")):  # "двух", "трех"-дневный: the adjective stems
        value = number_value({"одно": "один", "двух": "два", "трех": "три", "четырех": "четыре"}.get(text, text))
    return value


def read_relative(prepared: str, lo: int, hi: int) -> Optional[RelativeRead]:
    """The relative deadline written in prepared[lo:hi], or None."""
    if not HINT.search(prepared, lo, hi) or not RELATION.search(prepared, lo, hi):
        return None
    m = OFFSET.search(prepared, lo, hi) or OFFSET_ADJ.search(prepared, lo, hi)
    offset = _number(m) if m else None
    if m is None or offset is None:
        alone = UNIT_ALONE.search(prepared, lo, hi)
        if not alone:
            return None
        m, offset = alone, 1
        unit = {"месяца": "months", "недели": "weeks"}.get(alone.group("u"), "calendar_days")
    else:
        unit = _unit(m)
    if not 0 < offset <= 366:
        return None
    before_text, after_text = prepared[lo:m.start()], prepared[m.end():hi]
    adjective = bool(m.groupdict().get("adj") or m.groupdict().get("adj2"))  # "в 3-дневный срок" is a deadline
    if not adjective and not RELATION.search(before_text[-40:]) and not RELATION.search(after_text[:60]):
        return None  # "1,2 недели июнь", "10 дней": a duration, not a deadline
    by = bool(LIMIT.search(prepared, lo, hi))
    # Russian: "за N дней до X" (before), "в течение N дней со дня X" / "через N дней после X" (after)
    link_before = RU_BEFORE_LINK.match(after_text)
    if link_before and (RU_BEFORE_PRE.search(before_text) or not RU_AFTER_LINK.match(after_text)):
        return RelativeRead(offset, unit, "before", by, *_tail(prepared, m.end() + link_before.end(), hi))
    link_after = RU_AFTER_LINK.match(after_text)
    if link_after:
        return RelativeRead(offset, unit, "after", by, *_tail(prepared, m.end() + link_after.end(), hi))
    if RU_BEFORE_PRE.search(before_text):  # "за 2 дня": before an event the text does not name
        return RelativeRead(offset, unit, "before", by)
    # Kazakh: "X-ға дейін N күн бұрын" (before), "X-тан бастап / кейін N күн ішінде" (after)
    if KK_BURYN.match(after_text) or (KK_BEFORE.search(before_text) and not KK_AFTER.search(before_text)):
        return RelativeRead(offset, unit, "before", by, *_head(prepared, lo, m.start()))
    if KK_AFTER.search(before_text) or before_text.strip():
        span = _head(prepared, lo, m.start())
        if span[0] is not None:
            return RelativeRead(offset, unit, "after", by, *span)
    # no event named: "в течение 5 рабочих дней", "10 жұмыс күні ішінде"
    return RelativeRead(offset, unit, "after", by)


def _tail(text: str, start: int, hi: int) -> tuple[Optional[int], Optional[int]]:
    while start < hi and text[start] in " ,:«\"":
        start += 1
    end = hi
    while end > start and text[end - 1] in " .,;:»\"":
        end -= 1
    return (start, end) if end - start >= 3 else (None, None)


def _head(text: str, lo: int, end: int) -> tuple[Optional[int], Optional[int]]:
    piece = text[lo:end]
    cut = _KK_FRAME_TAIL.search(piece)
    stop = lo + cut.start() if cut else end
    head = _RU_FRAME_HEAD.match(text, lo, stop)
    start = head.end() if head else lo
    while start < stop and text[start] in " ,:«\"":
        start += 1
    while stop > start and text[stop - 1] in " .,;:»\"-":
        stop -= 1
    return (start, stop) if stop - start >= 3 else (None, None)
