"""LayoutDocument -> DOCX with python-docx: how the samples and the reader fixtures are rendered.

Tables are real Word tables with borders ("Table Grid"), the first row marked as a repeating header
(w:tblHeader, so LibreOffice repeats it on each PDF page), merged cells written as gridSpan/vMerge,
and a row holding a single text in otherwise empty cells (a section heading) merged across the row.
Optional: chosen tables in landscape sections; runs of paragraphs labelled "N." / "N)" turned into
Word auto-numbered lists (the label leaves the text and lives in numbering.xml, as Word does it).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Collection, Optional

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, Twips

from schemas.layout import LayoutDocument, Paragraph, Table

A4 = (Twips(11906), Twips(16838))
FONT = "Times New Roman"
BODY_PT, TABLE_PT = 12, 10
CHAR_TWIPS = 115  # a wide-ish Cyrillic letter at 10 pt
CELL_PADDING_TWIPS = 260  # LibreOffice/Word default left+right cell margins and a little slack
# A single-level list label at the start of a line: "7." or "7)" but not "1.1." or "2022."
LIST_LABEL = re.compile(r"^\s*(\d{1,2})([.)])(?!\d)\s*(?=\S)")


# ---------------------------------------------------------------------- numbering definitions
def add_abstract_num(document: DocxDocument, levels: list[tuple[str, str]], start: int = 1) -> int:
    """Append a w:abstractNum with one w:lvl per (numFmt, lvlText); returns its abstractNumId.
    abstractNum elements must precede every w:num in numbering.xml."""
    numbering = document.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.iterfind(qn("w:abstractNum"))]
    aid = max(ids, default=-1) + 1
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{360 * (i + 1) + 360}" w:hanging="360"/></w:pPr></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    element = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
        f'<w:multiLevelType w:val="{"singleLevel" if len(levels) == 1 else "multilevel"}"/>{lvls}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(element)
    else:
        numbering.append(element)
    return aid


def add_num(document: DocxDocument, abstract_id: int, start: Optional[int] = 1) -> int:
    """A numbering instance (w:num) of an abstract list; start sets a startOverride on level 0,
    which is how Word says "restart numbering at"."""
    numbering = document.part.numbering_part.element
    ids = [int(n.get(qn("w:numId"))) for n in numbering.iterfind(qn("w:num"))]
    num_id = max(ids, default=0) + 1
    override = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>' if start is not None else ""
    )
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
    ))
    return num_id


def number_paragraph(paragraph, num_id: int, ilvl: int = 0) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


# ---------------------------------------------------------------------- lists
@dataclass
class ListItem:
    block: int  # index in layout.blocks
    value: int
    delim: str
    text: str


def find_list_runs(blocks: list) -> list[list[ListItem]]:
    """Runs of "N." / "N)" paragraphs that a writer would number automatically. Adjacent labelled
    paragraphs with the same delimiter continue a run (lost numbering such as "1. 1. 1." becomes
    1, 2, 3); after other paragraphs in between, a label continues the run only when it is the next
    number (items interrupted by "- ..." lines), otherwise it starts a new one."""
    runs: list[list[ListItem]] = []
    last_index = -10
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or block.list_label:
            continue
        m = LIST_LABEL.match(block.text)
        if not m:
            continue
        item = ListItem(i, int(m.group(1)), m.group(2), block.text[m.end():].strip())
        prev = runs[-1][-1] if runs else None
        adjacent = prev is not None and i == last_index + 1
        continues = prev is not None and prev.delim == item.delim and (adjacent or item.value == prev.value + 1)
        if continues:
            runs[-1].append(item)
        else:
            runs.append([item])
        last_index = i
    return runs


# ---------------------------------------------------------------------- writing
class _Writer:
    def __init__(self, landscape_tables: Collection[int], auto_number: bool, page_numbers: bool):
        self.document = docx.Document()
        self.landscape_tables = set(landscape_tables)
        self.auto_number = auto_number
        self._setup(page_numbers)

    def _setup(self, page_numbers: bool) -> None:
        style = self.document.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(BODY_PT)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.space_before = Pt(0)
        section = self.document.sections[0]
        section.page_width, section.page_height = A4
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        if page_numbers:
            add_page_number_footer(section)

    def paragraph(self, para: Paragraph, num: Optional[tuple[int, str]] = None) -> None:
        text = para.text
        if para.list_label and not num:
            text = f"{para.list_label} {text}"
        p = self.document.add_paragraph()
        if num:
            number_paragraph(p, num[0])
            text = num[1]
        lines = text.split("\n")
        for k, line in enumerate(lines):
            run = p.add_run(line)
            if para.bold:
                run.bold = True
            if k < len(lines) - 1:
                run.add_break()
        if para.align in ("center", "right", "both"):
            p.alignment = {"center": 1, "right": 2, "both": 3}[para.align]

    def table(self, table: Table) -> None:
        if table.n_rows == 0 or table.n_cols == 0:
            return
        t = self.document.add_table(rows=table.n_rows, cols=table.n_cols)
        t.style = self.document.styles["Table Grid"]
        widths = column_widths(table, self._text_width())
        for r, row in enumerate(t.rows):
            for k, cell in enumerate(row.cells):
                cell.width = widths[k]
        for k, gc in enumerate(t._tbl.tblGrid.iterfind(qn("w:gridCol"))):
            gc.set(qn("w:w"), str(int(widths[k].twips)))
        if table.n_rows > 1:  # the header row repeats on every page the table runs over
            t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        rows = list(t.rows)
        for c in cells_with_heading_rows(table):
            last_r = min(c.row + c.row_span, table.n_rows) - 1
            last_c = min(c.col + c.col_span, table.n_cols) - 1
            if (last_r, last_c) != (c.row, c.col):
                target = t.cell(c.row, c.col).merge(t.cell(last_r, last_c))
            else:  # the row's own cells: Table.cell rebuilds the whole grid per call (quadratic on long plans)
                target = rows[c.row].cells[c.col]
            fill_cell(target, c.text)

    def _text_width(self) -> int:
        section = self.document.sections[-1]
        return section.page_width - section.left_margin - section.right_margin

    def section(self, landscape: bool) -> None:
        current = self.document.sections[-1]
        if (current.orientation == WD_ORIENT.LANDSCAPE) == landscape:
            return
        body_empty = len(self.document.element.body) <= 1  # only the final sectPr
        new = current if body_empty else self.document.add_section(WD_SECTION.NEW_PAGE)
        new.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        short, long_ = A4
        new.page_width, new.page_height = (long_, short) if landscape else (short, long_)

    def write(self, layout: LayoutDocument) -> bytes:
        numbered: dict[int, tuple[int, str]] = {}
        if self.auto_number:
            for run in find_list_runs(layout.blocks):
                aid = add_abstract_num(self.document, [("decimal", f"%1{run[0].delim}")])
                num_id = add_num(self.document, aid, start=run[0].value)
                numbered.update({item.block: (num_id, item.text) for item in run})
        for i, block in enumerate(layout.blocks):
            if isinstance(block, Table):
                self.section(landscape=block.index in self.landscape_tables)
                self.table(block)
                if i + 1 < len(layout.blocks) and isinstance(layout.blocks[i + 1], Table):
                    self.document.add_paragraph()  # Word merges adjacent tables without one
            else:
                if self.landscape_tables:
                    self.section(landscape=False)
                self.paragraph(block, numbered.get(i))
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def cells_with_heading_rows(table: Table):
    """The table's cells, with each section-heading row (text in the first cell only, the rest
    empty and unmerged, not the header row) replaced by one cell spanning the row. A row with its
    only text further right is a continuation row and stays as it is."""
    by_row: dict[int, list] = {}
    for c in table.cells:
        by_row.setdefault(c.row, []).append(c)
    out = []
    for r in range(table.n_rows):
        row = by_row.get(r, [])
        filled = [c for c in row if c.text.strip()]
        plain = all(c.row_span == 1 and c.col_span == 1 for c in row)
        heading = len(filled) == 1 and filled[0].col == 0
        if r > 0 and table.n_cols > 1 and heading and plain and len(row) == table.n_cols:
            out.append(filled[0].model_copy(update={"col": 0, "col_span": table.n_cols}))
        else:
            out.extend(row)
    return out


def column_widths(table: Table, total: int) -> list[Twips]:
    """Widths by the typical text length of each column (a "№" column stays narrow)."""
    total_twips = total / 635  # EMU -> twips
    sums, counts = [0.0] * table.n_cols, [0] * table.n_cols
    floors = [CELL_PADDING_TWIPS + 3 * CHAR_TWIPS] * table.n_cols  # no word may wrap mid-word
    for c in cells_with_heading_rows(table):  # heading rows span the table: they set no width
        if c.col_span != 1:
            continue
        longest_word = max((len(w) for w in c.text.split()), default=1)
        floors[c.col] = max(floors[c.col], CELL_PADDING_TWIPS + min(longest_word, 16) * CHAR_TWIPS)
        if c.row > 0:
            sums[c.col] += min(len(c.text), 300)
            counts[c.col] += 1
    means = [max(s / n, 1.0) if n else 1.0 for s, n in zip(sums, counts)]
    spare = max(total_twips - sum(floors), 0)
    return [Twips(int(f + spare * m / sum(means))) for f, m in zip(floors, means)]


def fill_cell(cell, text: str) -> None:
    """Multi-line cell text as paragraphs (blank lines as empty paragraphs), in the table font."""
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:  # merge() leaves the merged cells' empty paragraphs behind
        extra._p.getparent().remove(extra._p)
    for k, line in enumerate(lines):
        p = first if k == 0 else cell.add_paragraph()
        p.add_run(line).font.size = Pt(TABLE_PT)


def add_page_number_footer(section) -> None:
    """A centred PAGE field in the footer, so PDFs carry page numbers the reader must move aside."""
    p = section.footer.paragraphs[0]
    p.alignment = 1
    p._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    ))


def write_docx(
    layout: LayoutDocument,
    *,
    landscape_tables: Collection[int] = (),
    auto_number: bool = False,
    page_numbers: bool = True,
) -> bytes:
    return _Writer(landscape_tables, auto_number, page_numbers).write(layout)
