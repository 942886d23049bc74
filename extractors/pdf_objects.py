"""A pdfplumber page whose characters are read straight into pdfplumber's dicts.

pdfplumber builds a page's objects in two passes: pdfminer interprets the content stream into an
LTChar object per character, then pdfplumber turns every object into a dict through a generic
converter (each attribute of the object filtered against a list and resolved recursively). On a ruled
plan page of ~2,000 characters the second pass and the LTChars cost about as much as pdfminer's
interpretation itself (`benchmarks/peers.py`, profiled).

LeanPage keeps pdfplumber and pdfminer and changes how a character becomes a dict (and reads the content
stream with extractors.pdf_content's FastInterpreter, the other third of the time):
the device builds the dict when pdfminer renders the character, with the same keys and the same
values pdfplumber would give it (the same arithmetic as LTChar and Page.process_object, in the same
order), and never creates the LTChar. Everything else (lines, rectangles, curves, images, figures)
goes through pdfplumber's own converter. Table finding, filtering and cropping read page.objects as
before. tests/readers/test_pdf_objects.py checks the dicts equal pdfplumber's on real and generated PDFs.
"""
from __future__ import annotations

import logging
from typing import Any, Optional
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent, fix_fontname_bytes
from pdfplumber.utils import resolve_and_decode
from pdfplumber.utils.exceptions import PdfminerException

from extractors.pdf_content import FastInterpreter

log = logging.getLogger("pdfminer.pdfdevice")  # pdfminer's own warning, from its logger


class _CharDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's device, with characters kept as dicts in `chars` (in the order pdfminer renders
    them, which is the order pdfplumber's walk of the layout tree gives) instead of LTChars in the tree."""

    def __init__(self, page: "LeanPage") -> None:
        super().__init__(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
        self.page = page
        self.chars: list[dict[str, Any]] = []
        self._names: dict[Any, str] = {}  # colour space names: a handful per page
        self._glyphs: dict[Any, dict[int, tuple[str, float]]] = {}  # font -> code -> (text, width)
        # the last char and the container and object count it was rendered at: pdfplumber tags "the
        # last object" after a path or image, which is this char when nothing was added after it
        self._last: Optional[tuple[Any, int, dict]] = None
        mb_x0, mb_top = page.mediabox[:2]
        self._shift_x, self._mb_top, self._height = mb_x0, mb_top, page.height
        self._unicode_norm = page.pdf.unicode_norm
        self._doctop = page.initial_doctop

    def tag_cur_item(self) -> None:
        last = self._last
        if last is not None and last[0] is self.cur_item and len(self.cur_item._objs) == last[1]:
            last[2]["mcid"], last[2]["tag"] = self.cur_mcid, self.cur_tag
            return
        super().tag_cur_item()

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:  # noqa: PLR0913
        """Vertical fonts only (rare; horizontal strings are rendered below): pdfminer's own LTChar,
        converted by pdfplumber."""
        text, width = self._glyph(font, cid)
        item = LTChar(matrix, font, fontsize, scaling, rise, text, width, font.char_disp(cid), ncs, graphicstate)
        item.mcid, item.tag = self.cur_mcid, self.cur_tag
        self._add(self.page.process_object(item))
        return item.adv

    def _glyph(self, font, cid: int) -> tuple[str, float]:
        """A character code's text and width in a font (PDFLayoutAnalyzer.render_char), once per page."""
        glyphs = self._glyphs.get(font)
        if glyphs is None:
            glyphs = self._glyphs[font] = {}
        found = glyphs.get(cid)
        if found is None:
            try:
                text = font.to_unichr(cid)
                assert isinstance(text, str), str(type(text))
            except PDFUnicodeNotDefined:
                text = self.handle_undefined_char(font, cid)
            found = glyphs[cid] = (text, font.char_width(cid))
        return found

    def _add(self, char: dict[str, Any]) -> None:
        self.chars.append(char)
        self._last = (self.cur_item, len(self.cur_item._objs), char)

    def render_string_horizontal(self, seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise,  # noqa: PLR0913
                                 dxscale, ncs, graphicstate):
        """PDFTextDevice.render_string_horizontal with each character's dict made in the loop: what is
        the same for the whole string (font, colours, the box's height) is worked out once."""
        x, y = pos
        needcharspace = False
        a, b, c, d, e, f = matrix
        style = self._style(font, fontsize, scaling, rise, ncs, graphicstate, matrix)
        bottom, top = style.pop("_bottom"), style.pop("_top")
        glyph, norm, append = self._glyph, self._unicode_norm, self.chars.append
        height, mb_top, shift, doctop = self._height, self._mb_top, self._shift_x, self._doctop
        style.update(mcid=self.cur_mcid, tag=self.cur_tag, object_type="char", page_number=self.pageno)
        char = None
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if needcharspace:
                        x += charspace
                    text, width = glyph(font, cid)
                    adv = width * fontsize * scaling
                    # LTChar.__init__: the box (0, bottom, adv, top) through the char's matrix (apply_matrix_rect)
                    m = (a, b, c, d, x * a + y * c + e, x * b + y * d + f)
                    me, mf = m[4], m[5]
                    left1, bottom1 = a * 0 + c * bottom + me, b * 0 + d * bottom + mf
                    right1, bottom2 = a * adv + c * bottom + me, b * adv + d * bottom + mf
                    right2, top1 = a * adv + c * top + me, b * adv + d * top + mf
                    left2, top2 = a * 0 + c * top + me, b * 0 + d * top + mf
                    x0, y0 = min(left1, left2, right1, right2), min(bottom1, bottom2, top1, top2)
                    x1, y1 = max(left1, left2, right1, right2), max(bottom1, bottom2, top1, top2)
                    top_ = (height - y1) + mb_top  # Page.process_object's arithmetic, to the last bit
                    char = {
                        **style, "matrix": m, "adv": adv, "text": text if norm is None else normalize_unicode(norm, text),
                        "x0": x0 + shift if shift != 0 else x0, "y0": y0, "x1": x1 + shift if shift != 0 else x1,
                        "y1": y1, "width": x1 - x0, "height": y1 - y0, "size": y1 - y0,
                        "top": top_, "bottom": (height - y0) + mb_top, "doctop": doctop + top_,
                    }
                    append(char)
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
            else:
                log.warning("Cannot render horizontal string because %r is not a valid int, float or bytes.", obj)
        if char is not None:  # nothing but chars is added while a string renders: the last one is enough
            self._last = (self.cur_item, len(self.cur_item._objs), char)
        return (x, y)

    def _style(self, font, fontsize, scaling, rise, ncs, gs, matrix) -> dict[str, Any]:  # noqa: PLR0913
        """The keys of a string's chars that do not depend on the character (Page.process_object's values)."""
        descent = font.get_descent() * fontsize
        fontname = font.fontname
        if isinstance(fontname, bytes):  # Page.process_object: (rare) byte-encoded font names
            fontname = fix_fontname_bytes(fontname)
        name = self._names.get(ncs)
        if name is None:
            name = self._names[ncs] = resolve_and_decode(ncs.name)
        a, b, c, d = matrix[:4]
        return {
            "fontname": fontname, "upright": a * d * scaling > 0 and b * c <= 0, "ncs": name,
            "stroking_color": gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,),
            "non_stroking_color": gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,),
            "_bottom": descent + rise, "_top": descent + rise + fontsize,
        }


class LeanPage(Page):
    """pdfplumber's Page; page.objects comes from _CharDevice (chars) and pdfplumber's converter (the rest)."""

    @classmethod
    def of(cls, page: Page) -> "LeanPage":
        return cls(page.pdf, page.page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop)

    def parse_objects(self) -> dict[str, list[dict[str, Any]]]:
        device = _CharDevice(self)
        try:
            FastInterpreter(self.pdf.rsrcmgr, device).process_page(self.page_obj)
        except Exception as e:
            raise PdfminerException(e)
        objects: dict[str, list[dict[str, Any]]] = {}
        if device.chars:
            objects["char"] = device.chars
        for obj in self.iter_layout_objects(device.get_result()._objs):
            if obj["object_type"] != "anno":
                objects.setdefault(obj["object_type"], []).append(obj)
        return objects
