"""What the DOCX reader takes from the styles part: each style's name, the default paragraph style, and
the numbering a paragraph style gives (List Number, headings), following basedOn.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Optional

from docx.oxml.ns import qn
from lxml import etree

from extractors.docx_package import DocxPackage

_STYLE, _STYLE_ID, _NAME, _BASED_ON = qn("w:style"), qn("w:styleId"), qn("w:name"), qn("w:basedOn")
_TYPE_ATTR, _DEFAULT_ATTR, _VAL = qn("w:type"), qn("w:default"), qn("w:val")
_PPR, _NUMPR, _NUMID, _ILVL = qn("w:pPr"), qn("w:numPr"), qn("w:numId"), qn("w:ilvl")


# Documents made from one template carry the same styles part, often the largest of the package (python-docx's
# template: 350 KB, more than the text of a 10-page plan): what the reader takes from it is kept by the part's
# digest, so it is parsed once per distinct template. The values are never changed after they are built.
_STYLES_CACHE: "OrderedDict[bytes, tuple]" = OrderedDict()
_STYLES_CACHE_SIZE = 64
_LOCK = threading.Lock()  # the web app reads sources on several threads


def read_styles(xml: bytes) -> tuple[dict[Optional[str], Optional[str]], Optional[str], dict[str, tuple[str, int]]]:
    """(styleId -> name, the default paragraph style's name, styleId -> numbering) of a styles part."""
    key = hashlib.sha256(xml).digest()
    with _LOCK:
        found = _STYLES_CACHE.get(key)
        if found is not None:
            _STYLES_CACHE.move_to_end(key)
            return found
    facts, default = _style_facts(DocxPackage.parse(xml))
    found = {sid: f.name for sid, f in facts.items()}, default, _style_numbering(facts)
    with _LOCK:
        _STYLES_CACHE[key] = found
        if len(_STYLES_CACHE) > _STYLES_CACHE_SIZE:
            _STYLES_CACHE.popitem(last=False)
    return found


@dataclass
class _Style:
    name: Optional[str]
    based_on: Optional[str]
    has_base: bool
    numbering: Optional[tuple[str, int]]  # (numId, ilvl) of the style's own w:pPr/w:numPr


def _style_facts(styles: etree._Element) -> tuple[dict[Optional[str], _Style], Optional[str]]:
    """styleId -> what the reader uses of each w:style, read in one pass over its children (a later
    style of the same id wins, as in a dict built in order); the first default paragraph style is kept
    apart (its name is the default style) so that a later style of its id cannot hide it."""
    out: dict[Optional[str], _Style] = {}
    first_default = None
    for style in styles.iterchildren(_STYLE):
        name = based = num_pr = None
        seen_name = seen_base = False
        for child in style:
            tag = child.tag
            if tag == _NAME and not seen_name:
                name, seen_name = child.get(_VAL), True
            elif tag == _BASED_ON and not seen_base:
                based, seen_base = child.get(_VAL), True
            elif tag == _PPR and num_pr is None:
                num_pr = child.find(_NUMPR)
        numbering = None
        if num_pr is not None:
            num_id, ilvl = num_pr.find(_NUMID), num_pr.find(_ILVL)
            if num_id is not None:
                numbering = num_id.get(_VAL), int(ilvl.get(_VAL)) if ilvl is not None else 0
        default = style.get(_TYPE_ATTR) == "paragraph" and style.get(_DEFAULT_ATTR) in ("1", "true")
        facts = _Style(name, based, seen_base, numbering)
        if default and first_default is None:
            first_default = facts
        out[style.get(_STYLE_ID)] = facts
    return out, (first_default.name if first_default else None)


def _style_numbering(facts: dict[Optional[str], _Style]) -> dict[str, tuple[str, int]]:
    """styleId -> (numId, ilvl) for paragraph styles that number (List Number, headings),
    following basedOn so inherited numbering is found too."""

    def resolve(style_id: Optional[str], depth: int = 0) -> Optional[tuple[str, int]]:
        style = facts.get(style_id)
        if style is None or depth > 10:
            return None
        if style.numbering is not None:
            return style.numbering
        return resolve(style.based_on, depth + 1) if style.has_base else None

    out = {}
    for sid in facts:
        found = resolve(sid)
        if found:
            out[sid] = found
    return out
