"""Scan geometry without OCR: table grids from drawn ruling (merged cells, open sides, a photo's
slant), boxes mapped back through quarter turns and deskew, skew found, garbled text layers told
from real text in both languages."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from extractors.scan_grid import find_grids
from extractors.scan_image import Upright, estimate_skew, rotate, rule_masks, turn
from extractors.scan_page import level_by_rules
from lang.garbled import is_garbled

DPI = 150.0


def draw_table(xs, ys, *, skip_inner=(), open_sides=False, size=(1300, 1000), slant=0.0) -> np.ndarray:
    """White page with a ruled table: vertical rules at xs, horizontal at ys; `skip_inner` lists
    (row, col) whose right border is not drawn (a cell merged with its right neighbour); `slant`
    moves rules down by that share of x (a photo's perspective)."""
    img = np.full((size[1], size[0]), 255, np.uint8)
    dy = lambda x: int(slant * x)
    for i, y in enumerate(ys):
        cv2.line(img, (xs[0], y + dy(xs[0])), (xs[-1], y + dy(xs[-1])), 0, 2)
    for j, x in enumerate(xs):
        if open_sides and j in (0, len(xs) - 1):
            continue
        for i in range(len(ys) - 1):
            if (i, j - 1) in skip_inner:
                continue
            cv2.line(img, (x, ys[i] + dy(x)), (x, ys[i + 1] + dy(x)), 0, 2)
    cv2.putText(img, "text", (xs[0] + 10, ys[0] + 30), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    return img


def grid_of(img):
    _, h, v = rule_masks(img, DPI)
    grids = find_grids(h, v, DPI)
    assert len(grids) == 1
    return grids[0]


def test_plain_grid_has_rows_columns_and_boxes():
    g = grid_of(draw_table([100, 200, 600, 800, 1100], [100, 160, 260, 360, 460]))
    assert (g.n_rows, g.n_cols, len(g.cells)) == (4, 4, 16)
    first = g.cells[0]
    assert (first.row, first.col) == (0, 0) and first.box[0] == pytest.approx(100, abs=4)
    assert g.cell_at(400, 300) == [k for k, c in enumerate(g.cells) if (c.row, c.col) == (2, 1)][0]


def test_merged_cells_become_spans():
    # row 1 is a section heading across all columns; row 2 col 1 spans cols 1-2
    g = grid_of(draw_table([100, 200, 600, 800, 1100], [100, 160, 220, 320, 420],
                           skip_inner={(1, 0), (1, 1), (1, 2), (2, 1)}))
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in g.cells}
    assert (g.n_rows, g.n_cols) == (4, 4)
    assert spans[(1, 0)] == (1, 4) and spans[(2, 1)] == (1, 2) and (2, 2) not in spans


def test_table_without_outer_side_rules_still_closes():
    g = grid_of(draw_table([100, 200, 600, 800, 1100], [100, 160, 260, 360], open_sides=True))
    assert (g.n_rows, g.n_cols) == (3, 4)


def test_slanted_photo_rules_keep_their_rows():
    g = grid_of(draw_table([100, 300, 700, 1000, 1250], [100, 170, 240, 310, 380], slant=0.03))
    assert (g.n_rows, g.n_cols, len(g.cells)) == (4, 4, 16)


def test_a_stamp_or_a_signature_line_is_no_table():
    img = np.full((1000, 1300), 255, np.uint8)
    cv2.circle(img, (400, 400), 120, 0, 3)
    cv2.line(img, (250, 400), (900, 400), 0, 2)  # a signature line through the stamp
    cv2.line(img, (600, 350), (600, 450), 0, 2)
    _, h, v = rule_masks(img, DPI)
    assert find_grids(h, v, DPI) == []


@pytest.mark.parametrize("quarter", [0, 1, 2, 3])
def test_boxes_map_back_through_a_quarter_turn(quarter):
    page = np.zeros((400, 300), np.uint8)  # height 400, width 300
    page[50:60, 200:220] = 255
    turned = turn(page, quarter)
    ys, xs = np.nonzero(turned)
    geometry = Upright(quarter=quarter, size=(300, 400))
    box = geometry.box_to_page(xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)
    assert box == pytest.approx((200, 50, 220, 60), abs=1)


def thin_table(xs, ys, size=(1300, 1000)) -> np.ndarray:
    """A table ruled with hair lines (one pixel, gray): a lean of a degree or two breaks them."""
    img = np.full((size[1], size[0]), 255, np.uint8)
    for y in ys:
        cv2.line(img, (xs[0], y), (xs[-1], y), 60, 1)
    for x in xs:
        cv2.line(img, (x, ys[0]), (x, ys[-1]), 60, 1)
    return img


@pytest.mark.parametrize("angle", [1.5, 2.0, -1.8])
def test_rules_still_leaning_after_deskew_level_the_page_again(angle):
    """A scanner's level paper edge along the border holds the skew estimate near 0 while the page
    inside leans; hair-line rules leaning a degree or two close few cells or none. Levelled by its own
    rules the grid closes over all, and the skew is recorded to map boxes back."""
    xs, ys = [100, 200, 600, 800, 1100], [300, 420, 540, 660, 780]
    page = rotate(thin_table(xs, ys), angle)
    cv2.rectangle(page, (0, 0), (1299, 14), 20, -1)  # the paper's edge, level, along the top
    cv2.rectangle(page, (0, 985), (1299, 999), 40, -1)  # the lid's shadow along the bottom
    geometry = Upright(size=(1300, 1000))
    _, h, v = rule_masks(page, DPI)
    before = find_grids(h, v, DPI)
    assert sum(len(g.cells) for g in before) < 16
    _, _, _, grids = level_by_rules(page, h, v, before, DPI, geometry)
    assert geometry.skew == pytest.approx(-angle, abs=0.3)
    assert [(g.n_rows, g.n_cols) for g in grids] == [(4, 4)]


def test_a_level_page_is_left_as_it_is():
    page = draw_table([100, 200, 600, 800, 1100], [300, 420, 540, 660, 780], size=(1300, 1000))
    geometry = Upright(size=(1300, 1000))
    _, h, v = rule_masks(page, DPI)
    grids = find_grids(h, v, DPI)
    out, _, _, again = level_by_rules(page, h, v, grids, DPI, geometry)
    assert out is page and again is grids and geometry.skew == 0.0


def test_skew_found_and_a_deskewed_box_maps_back():
    page = draw_table([100, 200, 600, 800, 1100], [100, 160, 260, 360, 460])
    tilted = rotate(page, 1.5)
    angle = estimate_skew(tilted, DPI)
    assert angle == pytest.approx(-1.5, abs=0.25)
    geometry = Upright(skew=angle, size=(1300, 1000))
    x0, top, x1, bottom = geometry.box_to_page(600, 100, 600, 100)  # a corner of the upright table
    m = cv2.getRotationMatrix2D((650, 500), 1.5, 1.0)
    want = m @ np.array([600, 100, 1.0])
    assert (x0, top) == pytest.approx(tuple(want), abs=4)


def test_garbled_text_layers_told_from_real_text():
    garbled = ("(ursurnop4a o6n brcbr H br H AeHcayn bt ( caKray 6ac4apMacbt xeHe KoMMyHan4bt MeMJIeKerrix "
               "recinopnbrHbrFl Eafi 4ay reHeci orbtpbtcbtHbtH Ng3 XATTAMACbI 2024 xbrn 18 4apaua")
    assert is_garbled(garbled)
    assert is_garbled("nocrauoBrreHr4ae4 MLrHucrparJLpfsiri6 uscroro MyguunnaJrbHorpoa froHao r 15.03.2017 "
                      "B coorgetctesr4 c nocraHoBreHl4eM a1Mulue.tpa pu6tzncroro paftoHa yraepNAennn caMoylpaBneHrrr")
    kazakh = ("Қызылорда облысының денсаулық сақтау басқармасының шаруашылық жүргізу құқығындағы "
              "коммуналдық мемлекеттік кәсіпорнының Байқау кеңесі отырысының хаттамасы 2024 жылғы 18 қараша")
    russian = ("План мероприятий по обеспечению комплексной безопасности на 2017-2018 учебный год, "
               "ответственные: директор, зам. директора по УВР, e-mail school@mail.ru, PISA, TIMSS")
    english = "The quick brown fox jumps over the lazy dog while the committee approves the annual plan of 2024."
    bullets = "\uf0b7 Қолды суық сумен жуу \uf0b7 ваннасы мен қимыл " * 3
    assert not any(map(is_garbled, [kazakh, russian, english, bullets]))


def _boxes(xs, ys):
    return [(float(xs[c]), float(ys[r]), float(xs[c + 1] - 3), float(ys[r + 1] - 3))
            for r in range(len(ys) - 1) for c in range(len(xs) - 1)]


def test_a_hole_whose_box_spans_other_cells_is_dropped_before_the_grid():
    # Noise or a broken rule can leave a thin patch of paper winding between cells: its pixels are its own,
    # but its box covers several real cells, and numbering it would push their rows apart.
    from extractors.scan_grid import covering, grid_of as cells_of

    cells = _boxes([100, 200, 600, 800], [100, 160, 260, 360, 460])
    noise = (110.0, 150.0, 700.0, 420.0)
    assert covering([*cells, noise]) == [len(cells)]
    rows = {c.row for c in cells_of(cells, 6.0)}
    assert rows == {0, 1, 2, 3}


def test_merged_cells_cover_no_other_cell():
    from extractors.scan_grid import covering

    header = (100.0, 100.0, 797.0, 157.0)  # a section row across all three columns
    tall = (100.0, 160.0, 197.0, 457.0)  # a number cell merged down over three rows
    rest = [b for b in _boxes([200, 600, 800], [160, 260, 360, 460])]
    assert covering([header, tall, *rest]) == []
