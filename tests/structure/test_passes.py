"""The structure stage as a chain of registered passes (pipeline/passes.py), and the plan words matched
fuzzily instead of literals tuned to one document (lang/content.py)."""
from __future__ import annotations

import pytest

from lang.content import has_plan_word
from pipeline import passes
from pipeline.extract import extract_bytes
from pipeline.passes import DEFAULT_PASSES, REGISTRY, StructureState, register_pass, run_passes
from pipeline.segment import Anchor
from tests.structure.helpers import layout, table

PLAN_TABLE = table([["№", "Іс-шара", "Мерзімі", "Жауапты"],
                    ["1", "Ата-аналар жиналысын өткізу", "Қыркүйек", "Сынып жетекшілері"],
                    ["2", "Оқушылармен әңгіме", "Қазан", "Әлеуметтік педагог"]])


@pytest.fixture
def registry():
    saved = dict(REGISTRY), list(DEFAULT_PASSES)
    yield
    REGISTRY.clear()
    REGISTRY.update(saved[0])
    DEFAULT_PASSES[:] = saved[1]


def test_the_default_chain():
    assert DEFAULT_PASSES == ["tables", "flattened", "lists", "surroundings", "measures", "checks", "regions"]


def test_a_new_layout_is_a_new_pass(registry):
    """A pass that anchors a plan the others do not see, registered before "surroundings"."""
    def every_second_table(state: StructureState) -> None:
        state.anchors.append(Anchor(first=1, last=1, tables=[state.layout.blocks[1]]))

    passes.every_second_table = every_second_table
    register_pass("mine", "pipeline.passes:every_second_table", before="surroundings")
    assert DEFAULT_PASSES.index("mine") == DEFAULT_PASSES.index("surroundings") - 1
    state = run_passes(StructureState(layout=layout("Іс-шаралар жоспары", PLAN_TABLE), document_id="a" * 64))
    assert len(state.plans) == 2  # found by "tables" and by "mine"
    del passes.every_second_table


def test_a_failing_pass_costs_its_part_only(registry):
    def broken(state):
        raise ValueError("bad layout")

    passes.broken = broken
    register_pass("broken", "pipeline.passes:broken", before="measures")
    state = run_passes(StructureState(layout=layout("Іс-шаралар жоспары", PLAN_TABLE), document_id="b" * 64))
    assert [p.measures[1].number for p in state.plans] == ["2"]
    assert [(f.code, f.where) for f in state.flags] == [("structure_pass_failed", "broken")]
    del passes.broken


def test_failed_pass_flag_reaches_the_document(registry, monkeypatch):
    monkeypatch.setitem(REGISTRY, "checks", "pipeline.passes:does_not_exist")
    doc = extract_bytes("№\tІс-шара\tМерзімі\n1\tЖиналыс\tҚазан\n2\tӘңгіме\tҚараша\n".encode(), "plan.txt")
    assert "structure_pass_failed" in {f.code for f in doc.flags} and doc.plans


@pytest.mark.parametrize("text", ["іс-шаралар жоспары", "іс – шаралар жоснары", "ЖОСПАРЫ", "План работы",
                                  "мероприятий", "Бағдарламасы", "ұсынымдар", "жоспарлары", "Рекомендации"])
def test_plan_words(text):
    assert has_plan_word(text)


@pytest.mark.parametrize("text", ["Хаттама", "Бұйрық", "Приказ", "қосымша", "Положение", "Жоба"])
def test_not_plan_words(text):
    assert not has_plan_word(text)
