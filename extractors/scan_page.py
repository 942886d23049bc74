"""One scanned page image -> its text lines and tables (PageContent), in PDF points of the upright page.

The page is turned upright and levelled (scan_image), its ruled tables found (scan_grid), the
ruling painted out and the page read by Tesseract once; each word goes to the cell whose hole
holds its centre, the others make the page's text lines. One Tesseract run per page, not one per
cell: measured on the seed renderings (benchmarks/ocr.py) it reads as well and several times faster.
A cell carries its box (points), page and the mean confidence of its words, as a PDF table cell does.

Around that: a page whose long rules still lean after deskew is levelled again by them
(level_by_rules); one-line cells read as a short word or nothing are read again as a word
(reread_short: lone row numbers); a grid that closes over some columns only gives way to reading
the page whole (is_fragment), its table then rebuilt from word boxes (extractors.scan_words); an
OSD turn that OCR reads as noise is checked by reading the page as it lay (read_scan), and OSD runs
only on pages whose text lines do not run across or that read poorly as they lie.

`ScanPage.to_display` maps a box of the upright page back to the page as displayed (before the
quarter turn and the deskew), for provenance.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Optional

import cv2
import numpy as np

from lang.numbers import row_number
from extractors.assemble import PageContent
from extractors import ocr  # ocr.run_tesseract looked up at call time: tests replace it
from extractors.ocr import DEFAULT_LANGS, JUNK_CONFIDENCE, LOW_CONFIDENCE, PAGE_TIMEOUT_S, Word, is_junk, parse_tsv, words_to_lines
from extractors.pdf_tables import CELL_PADDING, PageTable
from extractors.pdf_text import cell_text
from extractors.scan_grid import Grid, find_grids
from extractors import scan_image  # scan_image.osd looked up at call time: tests replace it
from extractors.scan_image import Upright, erase_rules, lines_across, make_upright, paper_of, rotate, rule_masks
from schemas.layout import BBox, Cell, Table

SCAN_EDGE_TOLERANCE = 0.02  # share of the table width: column edges of scans that still match
CROP_MARGIN = 12  # pixels of white around a cell crop: Tesseract misreads text touching the edge
CELLS_PER_TIMEOUT = 30  # a list run of cells gets one page timeout per this many cells
INK_LEVEL = 128  # gray level under which a pixel is ink
ONE_LINE_PT = 16.0  # points: the ink of one line of body text is lower than this
MIN_INK_PIXELS = 40  # fewer dark pixels: an empty cell or a blank page
SHORT_CELL_CHARS = 3  # a one-line cell read as a word this short (or nothing) is read again as a word
NUMBER_MARGIN = 5.0  # confidence points a number reading may lose to a letter reading of a lone short cell
BORDER_SHARE = 0.02  # share of the image height along its top and bottom where long strokes are the paper's edge
RULE_LEAN_MIN = 1.0  # degrees: long rules leaning more than this after deskew get a second levelling
# mean word confidence at which a page read as it lies is taken as upright without OSD: upright
# scans read at 80-96, the same pages upside down at ~30 (benchmarks/peers.py scans); the flag
# threshold of a doubtful page (ocr.LOW_CONFIDENCE) is a page that deserves the OSD check
UPRIGHT_CONFIDENCE = LOW_CONFIDENCE
FRAGMENT_REACH = 0.1  # share of the page width: words this close beside a grid continue its rows


@dataclass
class ScanOptions:
    langs: str = DEFAULT_LANGS
    timeout: float = PAGE_TIMEOUT_S
    orient: bool = True
    deskew: bool = True
    tables: bool = True


@dataclass
class ScanPage:
    content: PageContent
    geometry: Upright
    scale: float  # points per pixel
    confidence: Optional[float] = None  # mean word confidence, None without words
    n_words: int = 0
    grids: int = 0
    ruling_unread: bool = False  # long rules seen, but no grid made of them
    words: list[dict] = field(default_factory=list, repr=False)  # all words kept, in points (for unruled tables)

    def to_display(self, box: BBox) -> BBox:
        s = self.scale
        x0, top, x1, bottom = self.geometry.box_to_page(box.x0 / s, box.top / s, box.x1 / s, box.bottom / s)
        return BBox(x0=round(x0 * s, 2), top=round(top * s, 2), x1=round(x1 * s, 2), bottom=round(bottom * s, 2))


def _in_points(word: Word, scale: float) -> Word:
    return Word(text=word.text, conf=word.conf, x0=word.x0 * scale, top=word.top * scale,
                x1=word.x1 * scale, bottom=word.bottom * scale, line_key=word.line_key)


def cell_lines(words: list[Word], page: int):
    """A cell's words as lines, top to bottom: Tesseract's lines (tops of words differ with their
    letters' ascenders, so lines by top alone would split), side-by-side pieces joined. A lone
    number is kept on less confidence than on a page: alone in a cell it is a row number, not a speck."""
    return words_to_lines(words, page, lone_number_conf=JUNK_CONFIDENCE)


def grid_table(grid: Grid, members: list[list[Word]], page: int, scale: float) -> PageTable:
    """A grid with the words of each cell -> PageTable (points) with texts, boxes, confidences."""
    cells = []
    for gc, words in zip(grid.cells, members):
        x0, top, x1, bottom = (v * scale for v in gc.box)
        lines = cell_lines(words, page)
        confs = [w.conf for w in words]
        cells.append(Cell(text=cell_text(lines, x0 + CELL_PADDING, x1 - CELL_PADDING), row=gc.row, col=gc.col,
                          row_span=gc.row_span, col_span=gc.col_span, page=page,
                          bbox=BBox(x0=round(x0, 2), top=round(top, 2), x1=round(x1, 2), bottom=round(bottom, 2)),
                          confidence=round(statistics.fmean(confs), 1) if confs else None))
    gx0, gtop, gx1, gbottom = (v * scale for v in grid.box)
    table = Table(n_rows=grid.n_rows, n_cols=grid.n_cols, cells=cells, pages=[page], row_lines=[page] * grid.n_rows,
                  bbox=BBox(x0=gx0, top=gtop, x1=gx1, bottom=gbottom))
    return PageTable(table=table, page=page, top=gtop, bottom=gbottom, col_edges=column_edges(grid, scale),
                     edge_tolerance=SCAN_EDGE_TOLERANCE)


def column_edges(grid: Grid, scale: float) -> list[float]:
    """Left edge of each column (median over its unmerged cells) and the right edge of the last."""
    lefts: dict[int, list[float]] = {}
    right: list[float] = []
    for c in grid.cells:
        lefts.setdefault(c.col, []).append(c.box[0])
        if c.col + c.col_span == grid.n_cols:
            right.append(c.box[2])
    edges = [statistics.median(lefts.get(k, [grid.box[0]])) for k in range(grid.n_cols)]
    return [e * scale for e in edges] + [statistics.median(right or [grid.box[2]]) * scale]


def read_scan(gray: np.ndarray, number: int, dpi: float, scale: float, binary: Optional[str],
              options: ScanOptions = ScanOptions()) -> ScanPage:
    """One page image (grayscale, `dpi` pixels per paper inch, `scale` points per pixel) ->
    ScanPage. Raises OcrError / OcrUnavailable from Tesseract.

    Orientation costs as little as the page allows: a page whose text lines run across is read as it
    lies first, and kept when it reads surely (an upside-down page reads as noise); only the others
    go to Tesseract's OSD (a second Tesseract start, ~0.8 s). OSD guesses on a page with little text
    (a last page holding a few table rows); a turn it ordered is checked against what OCR makes of
    the turned page: when that reads as noise, the page read as it lay is kept if surer."""
    if not (options.orient and binary):
        return _read_scan(gray, number, dpi, scale, binary, options, 0)
    as_laid = None
    if lines_across(gray, dpi):
        as_laid = _read_scan(gray, number, dpi, scale, binary, options, 0)
        if (as_laid.confidence or 0.0) >= UPRIGHT_CONFIDENCE:
            return as_laid
    quarter, conf = scan_image.osd_quarter(gray, dpi, binary)
    if not quarter:
        scan = as_laid or _read_scan(gray, number, dpi, scale, binary, options, 0)
        scan.geometry.osd_confidence = conf
        return scan
    scan = _read_scan(gray, number, dpi, scale, binary, options, quarter)
    scan.geometry.osd_confidence = conf
    if (scan.confidence or 0.0) >= JUNK_CONFIDENCE:
        return scan
    as_laid = as_laid or _read_scan(gray, number, dpi, scale, binary, options, 0)
    return as_laid if (as_laid.confidence or 0.0) > (scan.confidence or 0.0) else scan


def _read_scan(gray: np.ndarray, number: int, dpi: float, scale: float, binary: Optional[str],
               options: ScanOptions, quarter: int) -> ScanPage:
    upright, geometry = make_upright(gray, dpi, quarter, deskew=options.deskew)
    grids: list[Grid] = []
    ruling_unread = False
    if options.tables:
        _, horizontal, vertical = rule_masks(upright, dpi)
        grids = find_grids(horizontal, vertical, dpi)
        if options.deskew:
            upright, horizontal, vertical, grids = level_by_rules(upright, horizontal, vertical, grids, dpi, geometry)
        ruling_unread = not grids and _has_long_rules(horizontal, vertical, upright.shape)
    members: list[list[list[Word]]] = [[[] for _ in g.cells] for g in grids]
    outside_image = upright
    if grids:
        clean = erase_rules(upright, horizontal, vertical, dpi)
        cell_words(clean, grids, members, dpi, options)
        outside_image = clean.copy()
        # the grids' cells are read: painted out with the paper's own tone, not white (a white box on a
        # photo's grey paper made Tesseract's binarisation turn the paper black and read no word of the page)
        paper = paper_of(upright, dpi)
        for g in grids:
            x0, top, x1, bottom = (int(v) for v in g.box)
            outside_image[top:bottom, x0:x1] = paper[top:bottom, x0:x1]
    outside = page_words(outside_image, dpi, options)
    if grids and any(is_fragment(g, outside, upright.shape[1]) for g in grids):
        # a grid closed on part of a table only (the rest's rules too faint): the page is read
        # whole, as a page whose ruling gave no grid (extractors.scan_words rebuilds it from words)
        cell_read = [w for slots in members for ws in slots for w in ws]
        outside = page_words(clean, dpi, options)
        outside += missed_words(cell_read, outside)
        grids, members, ruling_unread = [], [], True
    height, width = upright.shape
    content = PageContent(number=number, width=width * scale, height=height * scale)
    content.lines = words_to_lines([_in_points(w, scale) for w in outside], number)
    content.tables = [grid_table(g, [[_in_points(w, scale) for w in ws] for ws in slots], number, scale)
                      for g, slots in zip(grids, members)]
    words = outside + [w for slots in members for ws in slots for w in ws]
    content.has_text = bool(words)
    confs = [w.conf for w in words]
    kept = [{"text": w.text, "x0": w.x0 * scale, "x1": w.x1 * scale, "top": w.top * scale, "bottom": w.bottom * scale,
             "conf": w.conf} for w in outside]
    return ScanPage(content=content, geometry=geometry, scale=scale, confidence=statistics.fmean(confs) if confs else None,
                    n_words=len(words), grids=len(grids), ruling_unread=ruling_unread, words=kept)


def is_fragment(grid: Grid, words: list[Word], page_width: int) -> bool:
    """Words read outside the grid continue its rows right beside it, on half of its rows or more:
    the grid holds only some columns of a table whose other rules did not close."""
    x0, top, x1, bottom = grid.box
    reach = FRAGMENT_REACH * page_width
    rows = set()
    for w in words:
        middle = (w.top + w.bottom) / 2
        beside = x1 - 1 <= w.x0 <= x1 + reach or x0 - reach <= w.x1 <= x0 + 1
        if top <= middle <= bottom and beside:
            k = next((c.row for c in grid.cells if c.box[1] <= middle <= c.box[3]), None)
            if k is not None:
                rows.add(k)
    return len(rows) >= max(2, grid.n_rows / 2)


def missed_words(cell_read: list[Word], page_read: list[Word]) -> list[Word]:
    """Words the cell reads found where the page read has none (page layout analysis drops lone
    row numbers), each made its own line (its line key apart from the page run's)."""
    out = []
    for k, w in enumerate(cell_read):
        if not any(w.x0 < o.x1 and o.x0 < w.x1 and w.top < o.bottom and o.top < w.bottom for o in page_read):
            out.append(Word(text=w.text, conf=w.conf, x0=w.x0, top=w.top, x1=w.x1, bottom=w.bottom, line_key=(-1 - k, 0, 0)))
    return out


def level_by_rules(upright: np.ndarray, horizontal: np.ndarray, vertical: np.ndarray, grids: list[Grid],
                   dpi: float, geometry: Upright):
    """The page levelled again by its long horizontal rules when they still lean (the skew estimate
    was held level by something else: a scanner's straight paper edge along the border), kept only
    when the grids found then hold more single cells. Returns (image, horizontal, vertical, grids)."""
    angle = rules_angle(horizontal)
    if abs(angle) < RULE_LEAN_MIN:
        return upright, horizontal, vertical, grids
    turned = rotate(upright, angle)
    _, h2, v2 = rule_masks(turned, dpi)
    found = find_grids(h2, v2, dpi)
    if grid_quality(found) <= grid_quality(grids):
        return upright, horizontal, vertical, grids
    geometry.skew = round(geometry.skew + angle, 2)  # two turns about the centre make one
    return turned, h2, v2, found


def grid_quality(grids: list[Grid]) -> int:
    """Grid positions held by a hole of their own, less the cells piled on a position another cell
    starts at: a leaning page closes fewer holes, merges them into spans or piles them up (cells
    filled in for gaps do not count)."""
    score = 0
    for g in grids:
        starts = [(c.row, c.col) for c in g.cells]
        singles = {(g.cells[k].row, g.cells[k].col) for k in set(g.label_cell.values())
                   if g.cells[k].row_span == 1 and g.cells[k].col_span == 1}
        score += len(singles) - (len(starts) - len(set(starts)))
    return score


def rules_angle(horizontal: np.ndarray) -> float:
    """Degrees (counter-clockwise positive) that level the long horizontal rules: the median slope of
    the rules across a third of the page's width or more; 0 without such rules."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(horizontal, connectivity=8)
    slopes = []
    height = horizontal.shape[0]
    for k in range(1, n):
        x, y, w, h = (int(v) for v in stats[k, :4])
        # the paper's edge and the lid's shadow lie along the image's border: not the page's rules
        if w < horizontal.shape[1] / 3 or y <= BORDER_SHARE * height or y + h >= (1 - BORDER_SHARE) * height:
            continue
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == k)
        if xs.size > 10:
            slopes.append(np.polyfit(xs, ys, 1)[0])
    return float(np.degrees(np.arctan(statistics.median(slopes)))) if len(slopes) >= 2 else 0.0


def page_words(image: np.ndarray, dpi: float, options: ScanOptions) -> list[Word]:
    """Words of a page image (pixels) read with Tesseract's layout analysis; nothing for a blank one."""
    if not _has_ink(image):
        return []
    tsv = ocr.run_tesseract([image], options.langs, dpi=round(dpi), timeout=options.timeout)
    return [w for w in parse_tsv(tsv, 1.0) if w.conf >= 0 and not is_junk(w)]


Crop = tuple[np.ndarray, int, int, int, int]  # (image, grid, cell, dx, dy): a cell's image and its offset on the page


def cell_words(clean: np.ndarray, grids: list[Grid], members: list[list[list[Word]]], dpi: float,
               options: ScanOptions) -> None:
    """Every cell with ink cropped (rules painted out, binarised, a white margin added) and read
    by Tesseract in two list runs: cells of one text line as a line (psm 7), the others as a block
    (psm 6). Tesseract's page layout analysis drops lone row numbers and short cells as noise, and
    a block read takes a lone "4" for "а"; a line read keeps and reads them. Words go to `members`."""
    pad = CROP_MARGIN
    runs: dict[int, list[Crop]] = {7: [], 6: []}  # psm -> crops
    for gi, grid in enumerate(grids):
        for ci, cell in enumerate(grid.cells):
            x0, top, x1, bottom = (max(int(round(v)), 0) for v in cell.box)
            crop = clean[top:bottom, x0:x1]
            if crop.size == 0 or not _has_ink(crop):
                continue
            # black on white by the crop's own threshold: the faint ghost of an erased rule
            # made Tesseract misread lone numbers ("1." as "7", "3." as "5:")
            _, crop = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
            framed = cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
            runs[7 if one_line(crop, dpi) else 6].append((framed, gi, ci, x0 - pad, top - pad))
    for psm, crops in runs.items():
        if crops:
            _read_list(psm, crops, members, dpi, options)
    reread_short(runs[7], members, dpi, options)


def reread_short(crops: list[Crop], members: list[list[list[Word]]], dpi: float, options: ScanOptions) -> None:
    """One-line cells read as one short word or nothing (a row number: "1" read as the letter "І",
    "6" read too unsurely to keep) read again as a single word (psm 8); the surer reading is kept."""
    short = [c for c in crops if len(members[c[1]][c[2]]) <= 1 and all(len(w.text) <= SHORT_CELL_CHARS for w in members[c[1]][c[2]])]
    if not short:
        return
    again: list[list[list[Word]]] = [[[] for _ in cells] for cells in members]
    _read_list(8, short, again, dpi, options)
    for _, gi, ci, _, _ in short:
        if better_reading(members[gi][ci], again[gi][ci]):
            members[gi][ci] = again[gi][ci]


def better_reading(old: list[Word], new: list[Word]) -> bool:
    """The word-read (`new`, one word) of a lone short cell is surer than its line-read. A lone short
    cell is most often a row number, so a reading that is one counts a few points more ("1" over the
    letter "І", "11." over "ГІ."), and a letter reading must beat a number by as much."""
    if len(new) != 1:
        return False

    def score(words: list[Word]) -> float:
        return max((w.conf + (NUMBER_MARGIN if row_number(w.text) else 0.0) for w in words), default=-1.0)

    return score(new) > score(old)


def _read_list(psm: int, crops: list[Crop], members: list[list[list[Word]]], dpi: float,
               options: ScanOptions) -> None:
    timeout = options.timeout * max(1.0, len(crops) / CELLS_PER_TIMEOUT)
    tsv = ocr.run_tesseract([c[0] for c in crops], options.langs, dpi=round(dpi), timeout=timeout, psm=psm)
    for w in parse_tsv(tsv, 1.0):
        if w.conf < 0 or is_junk(w) or not 0 <= w.image < len(crops):
            continue
        _, gi, ci, dx, dy = crops[w.image]
        members[gi][ci].append(Word(text=w.text, conf=w.conf, x0=w.x0 + dx, top=w.top + dy, x1=w.x1 + dx,
                                    bottom=w.bottom + dy, line_key=w.line_key, image=w.image))


def one_line(binary: np.ndarray, dpi: float) -> bool:
    """A black-on-white crop holding one line of text: one band of inked rows, no taller than a
    line of body text (two lines set close can touch and make one taller band)."""
    rows = np.flatnonzero((binary < INK_LEVEL).sum(axis=1) > 0)
    if rows.size == 0:
        return False
    gap = max(1, round(2 * dpi / 72))  # blank rows under ~2 pt do not part lines
    bands = 1 + int(np.count_nonzero(np.diff(rows) > gap))
    return bands == 1 and (rows[-1] - rows[0]) <= ONE_LINE_PT * dpi / 72


def _has_ink(image: np.ndarray) -> bool:
    """Some dark pixels beyond specks (a cell's faint ghost of an erased rule is not ink)."""
    return int(np.count_nonzero(image < INK_LEVEL)) >= MIN_INK_PIXELS


def _has_long_rules(horizontal: np.ndarray, vertical: np.ndarray, shape: tuple[int, int]) -> bool:
    """Three rules across 30% of the width and two down 10% of the height: a table we did not read."""
    long_h = _count_long(horizontal, 0.3 * shape[1], horizontal_rules=True)
    long_v = _count_long(vertical, 0.1 * shape[0], horizontal_rules=False)
    return long_h >= 3 and long_v >= 2


def _count_long(mask: np.ndarray, length: float, horizontal_rules: bool) -> int:
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    extent = stats[1:n, cv2.CC_STAT_WIDTH if horizontal_rules else cv2.CC_STAT_HEIGHT]
    return int(np.count_nonzero(extent >= length))


def confidence_from_words(cells: list[Cell], words: list[dict]) -> None:
    """Cells of a table rebuilt from word positions (no ruling) get the mean confidence of the
    OCR words inside their boxes."""
    for cell in cells:
        if cell.bbox is None or cell.confidence is not None:
            continue
        b = cell.bbox
        confs = [w["conf"] for w in words
                 if b.x0 - 1 <= (w["x0"] + w["x1"]) / 2 <= b.x1 + 1 and b.top - 1 <= (w["top"] + w["bottom"]) / 2 <= b.bottom + 1]
        if confs:
            cell.confidence = round(statistics.fmean(confs), 1)

