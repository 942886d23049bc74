"""Word auto-numbering rebuilt from numbering.xml: the "1.", "1)", "a)", "1.2." labels that Word
draws but never stores in the paragraph text.

Model (ECMA-376 §17.9): a paragraph points at a numbering instance (w:num, by numId) and a level
(ilvl); the instance points at an abstract definition (w:abstractNum) whose levels give the start
value, the number format and the label template (lvlText "%1.%2."). An instance may override a
level's start (lvlOverride/startOverride) or the whole level. Counters are kept per instance, so
two instances of one abstract list count separately; advancing a level restarts the deeper ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from docx.oxml.ns import qn
from lxml import etree

MAX_LEVELS = 9
SYMBOL_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "o": "o", "\uf076": "❖"}


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: Optional[int] = None  # w:lvlRestart: 0 = never restart; n = restart after level n (1-based)
    legal: bool = False  # w:isLgl: show all levels as decimal


@dataclass
class Instance:
    levels: dict[int, Level]
    counters: list[Optional[int]] = field(default_factory=lambda: [None] * MAX_LEVELS)


def _val(el: Optional[etree._Element], tag: str) -> Optional[str]:
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else None


def _int(text: Optional[str], default: Optional[int] = None) -> Optional[int]:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _parse_level(lvl: etree._Element, base: Optional[Level] = None) -> Level:
    base = base or Level()
    restart = _int(_val(lvl, "w:lvlRestart"))
    return Level(
        start=_int(_val(lvl, "w:start"), base.start),
        fmt=_val(lvl, "w:numFmt") or base.fmt,
        text=_val(lvl, "w:lvlText") if lvl.find(qn("w:lvlText")) is not None else base.text,
        restart=restart if restart is not None else base.restart,
        legal=lvl.find(qn("w:isLgl")) is not None or base.legal,
    )


def to_roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def to_letters(n: int) -> str:
    """Word's letter numbering repeats the letter: a..z, aa..zz, aaa..."""
    if n <= 0:
        return str(n)
    letter = chr(ord("a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return to_letters(n)
    if fmt == "upperLetter":
        return to_letters(n).upper()
    if fmt == "lowerRoman":
        return to_roman(n).lower()
    if fmt == "upperRoman":
        return to_roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal and the exotic formats we do not model


class Numbering:
    """Label generator for one document; call `label(num_id, ilvl)` for each numbered paragraph
    in body order."""

    def __init__(self, numbering_xml: Optional[etree._Element], style_numbering: Optional[dict[str, tuple[str, int]]] = None):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, etree._Element]]] = {}
        self.instances: dict[str, Instance] = {}
        self.style_numbering = style_numbering or {}
        if numbering_xml is not None:
            self._parse(numbering_xml)

    def _parse(self, root: etree._Element) -> None:
        for an in root.iterfind(qn("w:abstractNum")):
            aid = an.get(qn("w:abstractNumId"))
            self.abstract[aid] = {_int(l.get(qn("w:ilvl")), 0): _parse_level(l) for l in an.iterfind(qn("w:lvl"))}
            link = _val(an, "w:numStyleLink")
            if link:
                self.abstract_style_link[aid] = link
        for num in root.iterfind(qn("w:num")):
            overrides = {_int(o.get(qn("w:ilvl")), 0): o for o in num.iterfind(qn("w:lvlOverride"))}
            self.nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId"), overrides)

    def _abstract_levels(self, abstract_id: Optional[str], depth: int = 0) -> dict[int, Level]:
        levels = self.abstract.get(abstract_id or "", {})
        link = self.abstract_style_link.get(abstract_id or "")
        if link and not levels and depth < 3:
            # numStyleLink: the definition lives with the numbering style's own instance
            target = self.style_numbering.get(link)
            if target and target[0] in self.nums:
                return self._abstract_levels(self.nums[target[0]][0], depth + 1)
        return levels

    def _instance(self, num_id: str) -> Optional[Instance]:
        if num_id in self.instances:
            return self.instances[num_id]
        if num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = dict(self._abstract_levels(abstract_id))
        for ilvl, override in overrides.items():
            lvl = override.find(qn("w:lvl"))
            level = _parse_level(lvl, levels.get(ilvl)) if lvl is not None else levels.get(ilvl, Level())
            start = _int(_val(override, "w:startOverride"))
            if start is not None:
                level = Level(start=start, fmt=level.fmt, text=level.text, restart=level.restart, legal=level.legal)
            levels[ilvl] = level
        self.instances[num_id] = Instance(levels=levels)
        return self.instances[num_id]

    def label(self, num_id: Optional[str], ilvl: int) -> Optional[str]:
        """Advance the counter of (num_id, ilvl) and return the label Word would draw, or None
        when the paragraph is not numbered (numId 0, unknown instance, missing level)."""
        if not num_id or num_id == "0":
            return None
        inst = self._instance(num_id)
        ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
        if inst is None or ilvl not in inst.levels:
            return None
        level = inst.levels[ilvl]
        current = inst.counters[ilvl]
        inst.counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            restart = inst.levels[deeper].restart if deeper in inst.levels else None
            if restart == 0 or (restart is not None and restart - 1 < ilvl):
                continue  # lvlRestart says this level does not restart after level ilvl
            inst.counters[deeper] = None
        return self._render(inst, ilvl)

    def _render(self, inst: Instance, ilvl: int) -> str:
        level = inst.levels[ilvl]
        if level.fmt == "bullet":
            text = level.text or "•"
            return "".join(SYMBOL_BULLETS.get(ch, ch) for ch in text)
        out = level.text or ""
        for k in range(MAX_LEVELS - 1, -1, -1):  # %10 does not exist; go high to low so %1 never eats %11
            token = f"%{k + 1}"
            if token not in out:
                continue
            lk = inst.levels.get(k, Level())
            value = inst.counters[k] if inst.counters[k] is not None else lk.start
            fmt = "decimal" if (level.legal and lk.fmt != "bullet") else lk.fmt
            out = out.replace(token, format_number(value, fmt))
        return out
