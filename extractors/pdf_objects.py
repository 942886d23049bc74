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
before. tests/pdf/test_pdf_objects.py checks the dicts equal pdfplumber's on real and generated PDFs.
"""
from __future__ import annotations

from typing import Any, Optional
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.utils import apply_matrix_pt
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent, fix_fontname_bytes
from pdfplumber.utils import resolve_and_decode
from pdfplumber.utils.exceptions import PdfminerException

from extractors.pdf_content import FastInterpreter


class _CharDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's device, with characters kept as dicts in `chars` (in the order pdfminer renders
    them, which is the order pdfplumber's walk of the layout tree gives) instead of LTChars in the tree."""

    def __init__(self, page: "LeanPage") -> None:
        super().__init__(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
        self.page = page
        self.chars: list[dict[str, Any]] = []
        self._names: dict[int, str] = {}  # colour space names by id: a handful per page
        # the last char and the container and object count it was rendered at: pdfplumber tags "the
        # last object" after a path or image, which is this char when nothing was added after it
        self._last: Optional[tuple[Any, int, dict]] = None
        mb_x0, mb_top = page.mediabox[:2]
        self._shift_x, self._mb_top, self._height = mb_x0, mb_top, page.height
        self._unicode_norm = page.pdf.unicode_norm

    def tag_cur_item(self) -> None:
        last = self._last
        if last is not None and last[0] is self.cur_item and len(self.cur_item._objs) == last[1]:
            last[2]["mcid"], last[2]["tag"] = self.cur_mcid, self.cur_tag
            return
        super().tag_cur_item()

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:  # noqa: PLR0913
        try:
            text = font.to_unichr(cid)
            assert isinstance(text, str), str(type(text))
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        if font.is_vertical():  # rare: pdfminer's own LTChar, converted by pdfplumber
            item = LTChar(matrix, font, fontsize, scaling, rise, text, font.char_width(cid), font.char_disp(cid),
                          ncs, graphicstate)
            item.mcid, item.tag = self.cur_mcid, self.cur_tag
            self._add(self.page.process_object(item))
            return item.adv
        adv = font.char_width(cid) * fontsize * scaling
        descent = font.get_descent() * fontsize
        self._add(self._char(matrix, font, scaling, text, adv, descent + rise, descent + rise + fontsize,
                             ncs, graphicstate))
        return adv

    def _add(self, char: dict[str, Any]) -> None:
        self.chars.append(char)
        self._last = (self.cur_item, len(self.cur_item._objs), char)

    def _char(self, matrix, font, scaling, text, adv, bottom, top, ncs, gs) -> dict[str, Any]:  # noqa: PLR0913
        # LTChar.__init__: the box (0, bottom, adv, top) through the matrix, then sorted
        a, b, c, d, _e, _f = matrix
        left1, bottom1 = apply_matrix_pt(matrix, (0, bottom))
        right1, bottom2 = apply_matrix_pt(matrix, (adv, bottom))
        right2, top1 = apply_matrix_pt(matrix, (adv, top))
        left2, top2 = apply_matrix_pt(matrix, (0, top))
        x0, y0 = min(left1, left2, right1, right2), min(bottom1, bottom2, top1, top2)
        x1, y1 = max(left1, left2, right1, right2), max(bottom1, bottom2, top1, top2)
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        fontname = font.fontname
        if isinstance(fontname, bytes):  # Page.process_object: (rare) byte-encoded font names
            fontname = fix_fontname_bytes(fontname)
        if self._unicode_norm is not None:
            text = normalize_unicode(self._unicode_norm, text)
        name = self._names.get(id(ncs))
        if name is None:
            name = self._names[id(ncs)] = resolve_and_decode(ncs.name)
        top_ = (self._height - y1) + self._mb_top  # Page.process_object's arithmetic, to the last bit
        shift = self._shift_x
        return {
            "matrix": tuple(matrix), "fontname": fontname, "adv": adv, "upright": a * d * scaling > 0 and b * c <= 0,
            "x0": x0 + shift if shift != 0 else x0, "y0": y0, "x1": x1 + shift if shift != 0 else x1, "y1": y1,
            "width": x1 - x0, "height": y1 - y0, "size": y1 - y0, "mcid": self.cur_mcid, "tag": self.cur_tag,
            "object_type": "char", "page_number": self.pageno, "ncs": name, "text": text,
            "stroking_color": gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,),
            "non_stroking_color": gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,),
            "top": top_, "bottom": (self._height - y0) + self._mb_top, "doctop": self.page.initial_doctop + top_,
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
