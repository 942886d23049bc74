"""The benchmark corpus generator and the cell-accuracy scoring (small sizes, no LibreOffice).

The generator must be seeded (same seed, same documents), make Kazakh and Russian plans whose truth is
what jospar reads back from the text rendering, and derived plans whose pairs point at real parent rows;
the scoring must count exact cells, survive an extractor that shifts or loses a column, and pair OCR'd
rows by similarity."""
from __future__ import annotations

import json

import pytest

from benchmarks import corpus
from benchmarks.corpus_text import FIELDS
from benchmarks.scoring import Score, align_cells, jospar_rows, norm, pair_rows, score_rows, table_rows, truth_rows
from pipeline.extract import extract_bytes


def test_same_seed_same_documents_and_both_languages():
    a = corpus.plan_specs(12, seed=3, kinds=("txt", "docx"), pages=(1, 3))
    b = corpus.plan_specs(12, seed=3, kinds=("txt", "docx"), pages=(1, 3))
    assert [corpus.text_of(corpus.layout_of(s.content)) for s in a] == \
           [corpus.text_of(corpus.layout_of(s.content)) for s in b]
    assert {s.content.language for s in a} == {"kk", "ru"}
    other = corpus.plan_specs(12, seed=4, kinds=("txt", "docx"), pages=(1, 3))
    assert [s.content.rows[0].text for s in other] != [s.content.rows[0].text for s in a]


def test_rows_grow_with_pages_and_every_cell_is_filled():
    small, large = (corpus.plan_specs(1, seed=1, kinds=("txt",), pages=(p, p), derived_share=0)[0] for p in (1, 20))
    assert len(large.content.rows) > 10 * len(small.content.rows) / 2
    for spec in (small, large):
        for row in spec.content.rows:
            assert all(row.cells(spec.content.columns)), row
            assert set(spec.content.columns) <= set(FIELDS)


def test_derived_plans_pair_with_parent_rows_and_cite_the_parent_letter():
    specs = corpus.plan_specs(30, seed=2, kinds=("txt",), pages=(1, 3), derived_share=0.6)
    by_stem = {s.stem: s for s in specs}
    derived = [s for s in specs if s.parent]
    assert len(derived) >= 10
    for spec in derived:
        parent = by_stem[spec.parent].content
        assert spec.content.language == parent.language
        assert spec.content.references == [{"number": parent.letter_number, "date": parent.letter_date}]
        numbers = {r.number for r in spec.content.rows}
        parent_numbers = {r.number for r in parent.rows}
        for pair in spec.content.pairs:
            assert pair["derived"] in numbers and pair["parent"] in parent_numbers
        assert set(spec.content.dropped) == parent_numbers - {p["parent"] for p in spec.content.pairs}
        assert len(spec.content.pairs) + len(spec.content.added) == len(spec.content.rows)


@pytest.mark.parametrize("seed", [0, 7])
def test_jospar_reads_the_text_rendering_back_to_the_truth(tmp_path, seed):
    """The truth is what the document says: the text rendering (no layout to lose) reads back exactly."""
    paths = corpus.render(corpus.plan_specs(4, seed=seed, kinds=("txt",), pages=(1, 2)), tmp_path,
                          count_pages=False)
    for path in paths:
        truth = corpus.load_truth(path)
        assert json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["file"] == path.name
        doc = extract_bytes(path.read_bytes(), path.name).model_dump(mode="json")
        score = score_rows(truth_rows(truth), jospar_rows(doc, truth["columns"]))
        assert score.cells == len(truth["rows"]) * len(truth["columns"])
        assert score.rates()["exact"] == 1.0, path.name


def test_norm_treats_numbers_and_wrapping_alike():
    assert norm("1.") == norm("1") == "1"
    assert norm("Білім  беру\nбасқармасы ") == "Білім беру басқармасы"
    assert norm(None) == ""


def test_exact_cells_and_a_shifted_column():
    truth = [["1.", "Іс-шара бір", "БББ", "жыл сайын"], ["2.", "Іс-шара екі", "ДСБ", "тоқсан сайын"]]
    # an extractor that adds an empty first column and loses the last: the rest still counts
    output = table_rows([[["", "№", "Іс-шара", "Жауапты"], ["", "1", "Іс-шара бір", "БББ"],
                          ["", "2", "Іс-шара екі", "ДСБ"]]])
    score = score_rows(truth, output)
    assert (score.cells, score.exact) == (8, 6)
    assert score.rates()["found"] == 6 / 8


def test_rows_pair_once_and_ocr_rows_pair_by_similarity():
    truth = [["1", "Оқушылардың ыстық тамақпен қамтылуын бақылау", "БББ"],
             ["2", "Мектеп кітапханасының қорын жаңарту", "АББ"]]
    output = [["2", "Мектеп кітапханасынын корын жанарту", "АББ"],  # OCR slips: no cell but the number exact
              ["1", "Оқушылардың ыстық тамақпен қамтылуын бақылау", "БББ"]]
    assert pair_rows(truth, output) == [1, 0]
    exact, similarity = align_cells(truth[1], output[0])
    assert exact == 2 and 2.8 < similarity < 3.0
    assert pair_rows(truth, [output[1]]) == [0, None]  # the used row is not paired twice


def test_a_tool_without_cells_scores_on_found_text_only():
    truth = [["1", "Жазғы демалысты ұйымдастыру", "Мектеп директорлары"]]
    score = score_rows(truth, [], "... 1 Жазғы демалысты ұйымдастыру Мектеп директорлары ...")
    assert score.exact == 0 and score.found == 3
    assert (score + Score(cells=3)).cells == 6
