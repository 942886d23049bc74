"""Alignment: one-to-one optimal assignment, threshold for unrelated measures, merges and splits."""
from __future__ import annotations

from pipeline.diff import diff_plans
from pipeline.diff.align import THRESHOLD, UNRELATED_THRESHOLD, align, pair_threshold
from pipeline.diff.similarity import SimilarityModel, pair_similarity
from tests.diff.helpers import FIXTURES, plan, plans_from_tsv

KK = plans_from_tsv(FIXTURES / "kk_reorder_parent.txt")[0]
RU = plans_from_tsv(FIXTURES / "ru_reorder_parent.txt")[0]


def texts(p):
    return [m.text for m in p.measures]


def test_identity_and_reversal():
    for p in (KK, RU):
        n = len(p.measures)
        assert [(i, j) for i, j, _ in align(texts(p), texts(p)).pairs] == [(k, k) for k in range(n)]
        reversed_pairs = align(texts(p), texts(p)[::-1]).pairs
        assert sorted((i, j) for i, j, _ in reversed_pairs) == sorted((n - 1 - j, j) for j in range(n))


def test_similarity_survives_endings_reordering_and_ocr():
    base = "Оқушылардың сабаққа қатысуын күнделікті бақылау"
    assert pair_similarity(base, "Оқушылардың сабаққа күнделікті қатысуын бақылау") > 0.8  # word order
    assert pair_similarity(base, "Оқушылар сабаққа қатысуы күнделікті бақыланады") > 0.5  # endings
    ocr = "Организация горячего питания учашихся из малообеспеченных семеи"
    assert pair_similarity("Организация горячего питания учащихся из малообеспеченных семей", ocr) > 0.75
    assert pair_similarity(base, "Мектептерді жоғары жылдамдықты интернетке қосу") < 0.3


def test_unrelated_measure_is_added_not_forced():
    parent = ["Мектеп асханасының санитарлық жағдайын тексеру", "Ас мәзірін интернет-ресурсқа орналастыру"]
    derived = ["Ас мәзірін интернет-ресурсқа орналастыру", "Робототехника үйірмесін ашу"]
    result = align(parent, derived)
    assert [(i, j) for i, j, _ in result.pairs] == [(1, 0)]
    assert result.dropped == [0] and result.added == [1]


def test_threshold_is_stricter_between_unrelated_plans():
    related = SimilarityModel(texts(KK), texts(KK)).sim
    assert pair_threshold(related) == THRESHOLD
    other = plans_from_tsv(FIXTURES / "kk_other_parent.txt")[0]
    assert pair_threshold(SimilarityModel(texts(other), texts(KK)).sim) == UNRELATED_THRESHOLD
    assert THRESHOLD < UNRELATED_THRESHOLD


def test_duplicate_measures_keep_their_order():
    same = "Ата-аналармен кездесу өткізу"
    result = align([same, same, same], [same, same, same])
    assert [(i, j) for i, j, _ in result.pairs] == [(0, 0), (1, 1), (2, 2)]


def test_merge_of_two_unpaired_parents_into_a_new_measure():
    parent = ["Мектеп кітапханасының қорын толықтыру", "Оқушыларға кітап оқу марафонын өткізу",
              "Бейнебақылау камераларын орнату", "Ата-аналар жиналысын өткізу"]
    derived = ["Мектеп кітапханасының қорын толықтыру және оқушыларға кітап оқу марафонын өткізу",
               "Бейнебақылау камераларын орнату", "Ата-аналар жиналысын өткізу"]
    result = align(parent, derived)
    assert result.merges and sorted(result.merges[0][0]) == [0, 1] and result.merges[0][1] == 0
    assert result.dropped == [] and result.added == []


def test_split_in_russian():
    parent = ["Проведение мониторинга охвата детей обучением и выявление детей, не посещающих школу",
              "Организация горячего питания", "Проведение акции «Дорога в школу»"]
    derived = ["Проведение мониторинга охвата детей обучением", "Выявление детей, не посещающих школу",
               "Организация горячего питания", "Проведение акции «Дорога в школу»"]
    result = align(parent, derived)
    assert result.splits and result.splits[0][0] == 0 and result.splits[0][1] == [0, 1]
    assert result.added == [] and result.dropped == []


def test_empty_and_one_sided_plans():
    assert align([], []).pairs == []
    result = align(["a measure"], [])
    assert result.dropped == [0] and result.added == []
    d = diff_plans(plan([]), plan([{"text": "Жаңа іс-шара"}], plan_id="d"))
    assert d.added == ["1"] and any(f.code == "diff_empty_plan" for f in d.flags)


def test_forty_by_forty_aligns_a_shuffled_copy():
    rows = [{"text": m.text} for p in plans_from_tsv(FIXTURES / "kk_reword_parent.txt") + [KK, RU] for m in p.measures]
    rows += [{"text": m.text} for m in plans_from_tsv(FIXTURES / "ru_deadline_parent.txt")[0].measures]
    rows += [{"text": m.text} for m in plans_from_tsv(FIXTURES / "kk_narrow_parent.txt")[0].measures]
    rows += [{"text": m.text} for m in plans_from_tsv(FIXTURES / "ru_split_parent.txt")[0].measures]
    rows += [{"text": m.text} for m in plans_from_tsv(FIXTURES / "kk_merge_parent.txt")[0].measures]
    rows += [{"text": m.text} for m in plans_from_tsv(FIXTURES / "kk_other_parent.txt")[0].measures]
    rows = rows[:40]
    assert len(rows) == 40
    order = [(k * 17) % 40 for k in range(40)]  # a fixed permutation
    parent = plan(rows)
    derived = plan([rows[k] for k in order], plan_id="d")
    d = diff_plans(parent, derived)
    assert {p.derived_number: p.parent_number for p in d.pairs} == {str(j + 1): str(order[j] + 1) for j in range(40)}
    assert all(p.status == "adopted" for p in d.pairs)
