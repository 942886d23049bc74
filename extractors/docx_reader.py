"""DOCX -> LayoutDocument: the package's parts (extractors.docx_package) walked with lxml.

The body's XML children are walked in order, so paragraphs and tables keep their sequence.
Merged cells (gridSpan horizontally, vMerge vertically) become one Cell with spans; nested tables
go into Cell.tables; Word auto-numbering is rebuilt into Paragraph.list_label (see docx_numbering).
Pages are unknown in DOCX (Word lays them out at display time), so page fields stay None.
"""
from __future__ import annotations

import unicodedata
from typing import Iterable, Iterator, Optional

from docx.oxml.ns import qn
from lxml import etree

from extractors.docx_numbering import Numbering
from extractors.docx_package import DocxPackage
from extractors.docx_styles import read_styles
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
_WRAPPERS = (_SDT, _INS, _CUSTOM_XML)
_TR, _TC_PR, _GRID_SPAN, _VMERGE, _HMERGE = (qn(f"w:{t}") for t in ("tr", "tcPr", "gridSpan", "vMerge", "hMerge"))
_GRID_COLS, _GRID_BEFORE = f"{qn('w:tblGrid')}/{qn('w:gridCol')}", f"{qn('w:trPr')}/{qn('w:gridBefore')}"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# The text of a paragraph as python-docx's Paragraph.text gives it (runs and hyperlinks; tabs, breaks and
# no-break hyphens as characters), read from the XML directly: the proxy objects cost more than the
# rest of the reader on table-heavy documents.
_R, _HYPERLINK, _T, _TYPE = qn("w:r"), qn("w:hyperlink"), qn("w:t"), qn("w:type")
_BR, _RUN_CHARS = qn("w:br"), {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
_RPR, _B, _OFF = qn("w:rPr"), qn("w:b"), ("0", "false", "off")


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


def _read_paragraph(p: etree._Element, with_bold: bool) -> tuple[Optional[etree._Element], str, Optional[bool]]:
    """(properties w:pPr, text, True when every run of the paragraph's own runs that holds text is bold
    by direct formatting, else None): python-docx's Paragraph.text and Run.bold, without the proxies,
    in one pass over the children (each find() costs a pass of its own). Cells need no bold."""
    p_pr, parts, runs, all_bold = None, [], 0, True
    for child in p:
        tag = child.tag
        if tag == _R:
            text = _run_text(child)
            parts.append(text)
            if with_bold and text.strip():
                runs += 1
                all_bold = all_bold and _direct_bold(child)
        elif tag == _HYPERLINK:
            parts.extend(_run_text(r) for r in child.iterchildren(_R))
        elif tag == _PPR and p_pr is None:
            p_pr = child
    return p_pr, "".join(parts), (True if runs and all_bold else None)


def _direct_bold(r: etree._Element) -> bool:
    for r_pr in r.iterchildren(_RPR):  # the first w:rPr/w:b, as find() would take it
        b = r_pr.find(_B)
        if b is not None:
            return b.get(_VAL) not in _OFF
    return False


def _paragraph_properties(p_pr: Optional[etree._Element]) -> tuple[Optional[etree._Element], ...]:
    """The first w:numPr, w:pStyle and w:jc of a paragraph's properties, in one pass."""
    num_pr = style = jc = None
    if p_pr is not None:
        for child in p_pr:
            tag = child.tag
            if tag == _NUMPR:
                num_pr = child if num_pr is None else num_pr
            elif tag == _PSTYLE:
                style = child if style is None else style
            elif tag == _JC:
                jc = child if jc is None else jc
    return num_pr, style, jc


class _Walker:
    """Holds what the walk over one document shares: the numbering state and the styles."""

    def __init__(self, package: DocxPackage):
        # styleId -> name, read once: python-docx's paragraph.style scans every style per call
        self.style_names, self.default_style, self.style_numbering = read_styles(package.styles_xml())
        self.numbering = Numbering(package.numbering(), self.style_numbering)
        self.table_count = 0

    # ------------------------------------------------------------------ paragraphs
    def list_label(self, num_pr: Optional[etree._Element], style: Optional[etree._Element]
                   ) -> tuple[Optional[str], Optional[int]]:
        """The paragraph's numbering label and level, from its w:numPr and w:pStyle."""
        num_id, ilvl = None, 0
        if num_pr is not None:
            n, l = num_pr.find(_NUMID), num_pr.find(_ILVL)
            num_id = n.get(_VAL) if n is not None else None
            ilvl = int(l.get(_VAL)) if l is not None else 0
        if num_id is None:
            linked = self.style_numbering.get(style.get(_VAL)) if style is not None else None
            if linked:
                num_id, ilvl = linked if num_pr is None else (linked[0], ilvl)
        label = self.numbering.label(num_id, ilvl)
        return (label, ilvl) if label is not None else (None, None)

    def paragraph(self, p: etree._Element) -> Paragraph:
        p_pr, text, bold = _read_paragraph(p, with_bold=True)
        num_pr, style_el, jc = _paragraph_properties(p_pr)
        label, level = self.list_label(num_pr, style_el)
        style = self.style_names.get(style_el.get(_VAL) if style_el is not None else None, self.default_style)
        return Paragraph(
            text=nfc(text),
            list_label=label or None,
            list_level=level if label else None,
            style=style,
            bold=bold,
            align=JC.get(jc.get(_VAL)) if jc is not None else None,
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
                text, nested, tc_pr = self.cell_content(tc)
                span, vmerge, hmerge = _cell_properties(tc_pr)
                continues_v = vmerge is not None and vmerge.get(_VAL) in (None, "continue")
                continues_h = hmerge is not None and hmerge.get(_VAL) in (None, "continue")
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

    def cell_content(self, tc: etree._Element) -> tuple[str, list[Table], Optional[etree._Element]]:
        """A cell's paragraphs joined by newlines (auto-numbering labels put in front, since a
        Cell has no label field), its nested tables and its properties (w:tcPr), in one pass."""
        lines: list[str] = []
        nested: list[Table] = []
        tc_pr = None
        for child in tc:
            tag = child.tag
            if tag == _P:
                lines.append(self._cell_line(child))
            elif tag == _TC_PR:
                tc_pr = child if tc_pr is None else tc_pr
            elif tag == _TBL:
                nested.append(self.table(child, len(nested)))
            elif tag in _WRAPPERS:  # content controls, tracked insertions: the blocks inside
                for block in _block_children((child,)):
                    if block.tag == _P:
                        lines.append(self._cell_line(block))
                    else:
                        nested.append(self.table(block, len(nested)))
        return "\n".join(lines).strip("\n"), nested, tc_pr

    def _cell_line(self, p: etree._Element) -> str:
        """The text and label only: no Paragraph record per cell line."""
        p_pr, text, _ = _read_paragraph(p, with_bold=False)
        num_pr, style, _ = _paragraph_properties(p_pr)
        label, _ = self.list_label(num_pr, style)
        text = nfc(text)
        return f"{label} {text}" if label else text

    # ------------------------------------------------------------------ body
    def blocks(self, container: etree._Element) -> Iterator[Paragraph | Table]:
        for child in _block_children(container):
            if child.tag == _P:
                yield self.paragraph(child)
            elif child.tag == _TBL:
                yield self.table(child, self.table_count)
                self.table_count += 1


def _int_attr(el: Optional[etree._Element], default: int) -> int:
    if el is None:
        return default
    try:
        return max(int(el.get(_VAL)), 1 if default >= 1 else 0)
    except (TypeError, ValueError):
        return default


def _cell_properties(tc_pr: Optional[etree._Element]) -> tuple[int, Optional[etree._Element], Optional[etree._Element]]:
    """(grid span, first w:vMerge, first w:hMerge) of a cell's properties, in one pass."""
    span = vmerge = hmerge = None
    if tc_pr is not None:
        for child in tc_pr:
            tag = child.tag
            if tag == _GRID_SPAN:
                span = child if span is None else span
            elif tag == _VMERGE:
                vmerge = child if vmerge is None else vmerge
            elif tag == _HMERGE:
                hmerge = child if hmerge is None else hmerge
    return _int_attr(span, 1), vmerge, hmerge


def _block_children(container: Iterable[etree._Element]) -> Iterator[etree._Element]:
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


def _header_footer_paragraphs(walker: _Walker, package: DocxPackage) -> tuple[list[Paragraph], list[Paragraph]]:
    headers, footers, seen = [], [], set()
    for sect_pr in package.sections():
        for kind, out in (("header", headers), ("footer", footers)):
            for type_ in ("first", "default", "even"):
                part = package.header_footer(sect_pr, kind, type_)
                if part is None or part[0] in seen:  # None: linked to the previous section's
                    continue
                seen.add(part[0])
                for block in walker.blocks(part[1]):
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
        package = DocxPackage(data)
    except Exception as exc:  # KeyError, ValueError, lxml errors... on damage
        return failed(DOCX_MEDIA_TYPE, "corrupt", f"the DOCX package could not be opened: {type(exc).__name__}: {exc}")
    layout = LayoutDocument(media_type=DOCX_MEDIA_TYPE)
    try:
        walker = _Walker(package)
        for block in walker.blocks(package.body):
            layout.blocks.append(block)
        layout.headers, layout.footers = _header_footer_paragraphs(walker, package)
    except Exception as exc:  # damaged XML inside a valid zip: keep what was read, say why
        layout.flags.append(flag("corrupt", f"DOCX structure could not be read in full: {type(exc).__name__}: {exc}"))
    finally:
        package.close()
    if not any((isinstance(b, Paragraph) and b.text.strip()) or isinstance(b, Table) for b in layout.blocks):
        layout.flags.append(flag("no_text", "the document has no text"))
    return layout
