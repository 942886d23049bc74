"""DOCX -> LayoutDocument with python-docx.

The body's XML children are walked in order, so paragraphs and tables keep their sequence.
Merged cells (gridSpan horizontally, vMerge vertically) become one Cell with spans; nested tables
go into Cell.tables; Word auto-numbering is rebuilt into Paragraph.list_label (see docx_numbering).
Pages are unknown in DOCX (Word lays them out at display time), so page fields stay None.
"""
from __future__ import annotations

import io
import unicodedata
from typing import Iterator, Optional

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml import etree

from extractors.docx_numbering import Numbering
from extractors.safety import DOCX_MEDIA_TYPE, check_docx, failed, flag
from schemas.layout import Cell, LayoutDocument, Paragraph, Table

# w:jc values read from the XML: python-docx's enum rejects the ISO values "start"/"end" that
# LibreOffice writes, which would fail the whole document
JC = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
      "both": "both", "distribute": "both", "justify": "both"}


# tag names resolved once: qn() and f-strings per element were a tenth of the reader's time
_P, _TBL, _PPR, _NUMPR, _NUMID, _ILVL, _PSTYLE, _JC, _VAL = (
    qn(f"w:{t}") for t in ("p", "tbl", "pPr", "numPr", "numId", "ilvl", "pStyle", "jc", "val"))
_SDT, _SDT_CONTENT, _INS, _CUSTOM_XML, _TC = (qn(f"w:{t}") for t in ("sdt", "sdtContent", "ins", "customXml", "tc"))
_TR, _TC_PR, _GRID_SPAN, _VMERGE, _HMERGE = (qn(f"w:{t}") for t in ("tr", "tcPr", "gridSpan", "vMerge", "hMerge"))
_GRID_COLS, _GRID_BEFORE = f"{qn('w:tblGrid')}/{qn('w:gridCol')}", f"{qn('w:trPr')}/{qn('w:gridBefore')}"


def _alignment(p_pr: Optional[etree._Element]) -> str | None:
    jc = p_pr.find(_JC) if p_pr is not None else None
    return JC.get(jc.get(_VAL)) if jc is not None else None


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# The text of a paragraph as python-docx's Paragraph.text gives it (runs and hyperlinks; tabs, breaks and
# no-break hyphens as characters), read from the XML directly: the proxy objects cost more than the
# rest of the reader on table-heavy documents.
_R, _HYPERLINK, _T, _TYPE = qn("w:r"), qn("w:hyperlink"), qn("w:t"), qn("w:type")
_BR, _RUN_CHARS = qn("w:br"), {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
_RPR_B, _OFF = f"{qn('w:rPr')}/{qn('w:b')}", ("0", "false", "off")


def _run_text(r: etree._Element) -> str:
    parts = []
    for e in r:
        tag = e.tag
        if tag == _T:
            parts.append(e.text or "")
        elif tag == _BR:
            parts.append("\n" if e.get(_TYPE, "textWrapping") == "textWrapping" else "")
        elif tag in _RUN_CHARS:
            parts.append(_RUN_CHARS[tag])
    return "".join(parts)


def _text_and_bold(p: etree._Element) -> tuple[str, Optional[bool]]:
    """(text, True when every run of the paragraph's own runs that holds text is bold by direct
    formatting, else None): python-docx's Paragraph.text and Run.bold, without the proxies."""
    parts, runs, all_bold = [], 0, True
    for child in p:
        if child.tag == _R:
            text = _run_text(child)
            parts.append(text)
            if text.strip():
                runs += 1
                b = child.find(_RPR_B)
                all_bold = all_bold and b is not None and b.get(_VAL) not in _OFF
        elif child.tag == _HYPERLINK:
            parts.extend(_run_text(r) for r in child.iterchildren(_R))
    return "".join(parts), (True if runs and all_bold else None)


class _Walker:
    """Holds what the walk over one document shares: the numbering state and the styles."""

    def __init__(self, document: DocxDocument):
        self.document = document
        self.style_numbering = self._style_numbering()
        # styleId -> name, built once: python-docx's paragraph.style scans every style per call
        styles = list(document.styles.element.iterfind(qn("w:style")))
        self.style_names = {s.get(qn("w:styleId")): _val_of(s, "w:name") for s in styles}
        self.default_style = next((_val_of(s, "w:name") for s in styles
                                   if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")), None)
        self.numbering = Numbering(self._numbering_xml(), self.style_numbering)
        self.table_count = 0

    def _numbering_xml(self) -> Optional[etree._Element]:
        try:
            return self.document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return None

    def _style_numbering(self) -> dict[str, tuple[str, int]]:
        """styleId -> (numId, ilvl) for paragraph styles that number (List Number, headings),
        following basedOn so inherited numbering is found too."""
        styles_el = self.document.styles.element
        by_id = {s.get(qn("w:styleId")): s for s in styles_el.iterfind(qn("w:style"))}
        num_pr_path, based_on = f"{_PPR}/{_NUMPR}", qn("w:basedOn")

        def resolve(style_id: Optional[str], depth: int = 0) -> Optional[tuple[str, int]]:
            style = by_id.get(style_id)
            if style is None or depth > 10:
                return None
            num_pr = style.find(num_pr_path)
            if num_pr is not None:
                num_id = num_pr.find(_NUMID)
                ilvl = num_pr.find(_ILVL)
                if num_id is not None:
                    return num_id.get(_VAL), int(ilvl.get(_VAL)) if ilvl is not None else 0
            based = style.find(based_on)
            return resolve(based.get(_VAL), depth + 1) if based is not None else None

        out = {}
        for sid in by_id:
            found = resolve(sid)
            if found:
                out[sid] = found
        return out

    # ------------------------------------------------------------------ paragraphs
    def list_label(self, p_pr: Optional[etree._Element]) -> tuple[Optional[str], Optional[int]]:
        """The paragraph's numbering label and level, from its properties (w:pPr)."""
        num_pr = p_pr.find(_NUMPR) if p_pr is not None else None
        num_id, ilvl = None, 0
        if num_pr is not None:
            n, l = num_pr.find(_NUMID), num_pr.find(_ILVL)
            num_id = n.get(_VAL) if n is not None else None
            ilvl = int(l.get(_VAL)) if l is not None else 0
        if num_id is None:
            style = p_pr.find(_PSTYLE) if p_pr is not None else None
            linked = self.style_numbering.get(style.get(_VAL)) if style is not None else None
            if linked:
                num_id, ilvl = linked if num_pr is None else (linked[0], ilvl)
        label = self.numbering.label(num_id, ilvl)
        return (label, ilvl) if label is not None else (None, None)

    def paragraph(self, p: etree._Element) -> Paragraph:
        p_pr = p.find(_PPR)
        label, level = self.list_label(p_pr)
        text, bold = _text_and_bold(p)
        style_el = p_pr.find(_PSTYLE) if p_pr is not None else None
        style = self.style_names.get(style_el.get(_VAL) if style_el is not None else None, self.default_style)
        return Paragraph(
            text=nfc(text),
            list_label=label or None,
            list_level=level if label else None,
            style=style,
            bold=bold,
            align=_alignment(p_pr),
        )

    # ------------------------------------------------------------------ tables
    def table(self, tbl: etree._Element, index: int) -> Table:
        """Resolve the row/cell XML into origin cells with spans. vMerge="continue" cells extend
        the origin cell above them in the same grid column."""
        cells: list[Cell] = []
        open_vertical: dict[int, Cell] = {}  # grid column -> cell a vMerge continues
        n_cols = len(tbl.findall(_GRID_COLS))
        rows = tbl.findall(_TR)
        for r, tr in enumerate(rows):
            col = _int_attr(tr.find(_GRID_BEFORE), 0)
            for tc in _row_cells(tr):
                tc_pr = tc.find(_TC_PR)
                span = _int_attr(tc_pr.find(_GRID_SPAN) if tc_pr is not None else None, 1)
                vmerge = tc_pr.find(_VMERGE) if tc_pr is not None else None
                hmerge = tc_pr.find(_HMERGE) if tc_pr is not None else None
                continues_v = vmerge is not None and vmerge.get(_VAL) in (None, "continue")
                continues_h = hmerge is not None and hmerge.get(_VAL) in (None, "continue")
                text, nested = self.cell_content(tc)
                if continues_v and col in open_vertical:
                    origin = open_vertical[col]
                    origin.row_span = r - origin.row + 1
                    if text.strip():  # Word hides it, but keep any text rather than lose it
                        origin.text = f"{origin.text}\n{text}".strip("\n")
                elif continues_h and cells and cells[-1].row == r:
                    cells[-1].col_span += span
                else:
                    cell = Cell(text=text, row=r, col=col, col_span=span, tables=nested)
                    cells.append(cell)
                    for k in range(col, col + span):
                        open_vertical.pop(k, None)
                    if vmerge is not None:  # restart
                        open_vertical[col] = cell
                col += span
            n_cols = max(n_cols, col)
        return Table(index=index, n_rows=len(rows), n_cols=n_cols, cells=cells)

    def cell_content(self, tc: etree._Element) -> tuple[str, list[Table]]:
        """A cell's paragraphs joined by newlines (auto-numbering labels put in front, since a
        Cell has no label field), and its nested tables."""
        lines, nested = [], []
        for child in _block_children(tc):
            if child.tag == _P:  # the text and label only: no Paragraph record per cell line
                label, _ = self.list_label(child.find(_PPR))
                text = nfc(_text_and_bold(child)[0])
                lines.append(f"{label} {text}" if label else text)
            elif child.tag == _TBL:
                nested.append(self.table(child, len(nested)))
        return "\n".join(lines).strip("\n"), nested

    # ------------------------------------------------------------------ body
    def blocks(self, container: etree._Element) -> Iterator[Paragraph | Table]:
        for child in _block_children(container):
            if child.tag == _P:
                yield self.paragraph(child)
            elif child.tag == _TBL:
                yield self.table(child, self.table_count)
                self.table_count += 1


def _val_of(el: etree._Element, tag: str) -> Optional[str]:
    child = el.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _int_attr(el: Optional[etree._Element], default: int) -> int:
    if el is None:
        return default
    try:
        return max(int(el.get(_VAL)), 1 if default >= 1 else 0)
    except (TypeError, ValueError):
        return default


def _block_children(container: etree._Element) -> Iterator[etree._Element]:
    """w:p and w:tbl in order, looking through content controls (w:sdt) and tracked insertions."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _block_children(content)
        elif child.tag in (_INS, _CUSTOM_XML):
            yield from _block_children(child)


def _row_cells(tr: etree._Element) -> Iterator[etree._Element]:
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _row_cells(content)


def _header_footer_paragraphs(walker: _Walker, document: DocxDocument) -> tuple[list[Paragraph], list[Paragraph]]:
    headers, footers, seen = [], [], set()
    for section in document.sections:
        for kind, out in (("header", headers), ("footer", footers)):
            for attr in (f"first_page_{kind}", kind, f"even_page_{kind}"):
                part = getattr(section, attr)
                if part.is_linked_to_previous:
                    continue
                key = id(part._element)
                if key in seen:
                    continue
                seen.add(key)
                for block in walker.blocks(part._element):
                    if isinstance(block, Paragraph):
                        if block.text.strip():
                            out.append(block)
                    else:  # a table in a header: keep its texts as lines
                        out.extend(Paragraph(text=c.text) for c in block.cells if c.text.strip())
    return headers, footers


def read_docx(data: bytes) -> LayoutDocument:
    """Never raises: bad bytes give a LayoutDocument with a flag saying why."""
    problem = check_docx(data)
    if problem:
        return LayoutDocument(media_type=DOCX_MEDIA_TYPE, flags=[problem])
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... on damage
        return failed(DOCX_MEDIA_TYPE, "corrupt", f"python-docx could not open the package: {type(exc).__name__}: {exc}")
    layout = LayoutDocument(media_type=DOCX_MEDIA_TYPE)
    try:
        walker = _Walker(document)
        for block in walker.blocks(document.element.body):
            layout.blocks.append(block)
        layout.headers, layout.footers = _header_footer_paragraphs(walker, document)
    except Exception as exc:  # damaged XML inside a valid zip: keep what was read, say why
        layout.flags.append(flag("corrupt", f"DOCX structure could not be read in full: {type(exc).__name__}: {exc}"))
    if not any((isinstance(b, Paragraph) and b.text.strip()) or isinstance(b, Table) for b in layout.blocks):
        layout.flags.append(flag("no_text", "the document has no text"))
    return layout
