"""Plans flattened into paragraphs (pipeline/flat_plan.py): number and measure, then the cells on the same
or the next lines, bare or labelled; Kazakh and Russian fixtures written for the tests, and the seeds
flattened (tests/structure/flattened.py) scored with ../shared/eval/score.py."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from extractors.text import read_text
from pipeline.structure import build_structure
from tests.structure.flattened import SHAPES, write


def plans_in(text: str):
    plans, _, failed = build_structure(read_text(text.encode("utf-8")), "f" * 64)
    assert not failed
    return plans


KK_PLAIN = """Мектеп директорларына

2025-2026 оқу жылына арналған балалар жарақатының алдын алу жөніндегі іс-шаралар жоспары
1. Оқушылармен жол жүру ережелері бойынша сабақ өткізу
Қыркүйек
Сынып жетекшілері
2. Мектеп ауласындағы ойын алаңдарын тексеру
Тоқсан сайын
Шаруашылық меңгерушісі
3. Ата-аналар жиналысында жарақат алу қаупі туралы түсіндіру
Қазан, ақпан
Тәрбие ісінің орынбасары
4. Дене шынықтыру сабақтарында қауіпсіздік нұсқаулығын өткізу
Жыл бойы
Дене шынықтыру мұғалімдері

Директор                          А. Сейітова
"""

RU_LABELLED = """План мероприятий по профилактике правонарушений на 2025 год

I. Организационная работа

1.1 Утверждение состава совета профилактики
Срок: сентябрь
Ответственный: директор

1.2 Составление списков обучающихся группы риска
1. по классам;
2. по видам учёта.
Срок: до 15 сентября
Ответственный: социальный педагог

II. Работа с обучающимися

2.1 Индивидуальные беседы с обучающимися
Срок: в течение года
Ответственный: классные руководители

2.2 Встреча с инспектором ПДН
Срок: ноябрь
Ответственный: зам. директора по ВР
"""

RU_ORDER = """ПРИКАЗ
от 27.08.2025 № 81

Об утверждении плана работы на учебный год

ПРИКАЗЫВАЮ:
1. Утвердить план работы школы на 2025-2026 учебный год.
2. Назначить ответственным за исполнение плана заместителя директора.
3. Разместить план на сайте школы.
4. Контроль исполнения приказа оставляю за собой.

Директор                          М.В. Петров
"""


def test_kazakh_plain_flattened_plan():
    plans = plans_in(KK_PLAIN)
    assert len(plans) == 1
    plan = plans[0]
    assert [m.number for m in plan.measures] == ["1", "2", "3", "4"]
    assert [m.deadline_raw for m in plan.measures] == ["Қыркүйек", "Тоқсан сайын", "Қазан, ақпан", "Жыл бойы"]
    assert plan.measures[1].responsible_raw == "Шаруашылық меңгерушісі"
    assert "жарақатының алдын алу" in plan.title
    assert plan.measures[0].provenance.line == 4 and plan.measures[0].provenance.table is None


def test_russian_labelled_flattened_plan_with_sections_and_sub_items():
    plan = plans_in(RU_LABELLED)[0]
    assert [m.number for m in plan.measures] == ["1.1", "1.2", "2.1", "2.2"]
    assert plan.sections == ["I. Организационная работа", "II. Работа с обучающимися"]
    assert plan.measures[1].text.endswith("2. по видам учёта.")  # sub-items stay in the measure
    assert plan.measures[1].deadline_raw == "до 15 сентября"
    assert plan.measures[3].responsible_raw == "зам. директора по ВР"
    assert {c.header: c.role for c in plan.columns}["Срок"] == "deadline"


def test_a_numbered_order_is_not_a_flattened_plan():
    assert plans_in(RU_ORDER) == []


@pytest.mark.parametrize("shape", SHAPES)
def test_flattened_seeds_score_measures_one(shared_dir, jospar_bin, tmp_path, shape):
    paths = write(tmp_path / shape, shape)
    proc = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), "extract", str(shared_dir / "seeds"),
                           *map(str, paths), "--cmd", jospar_bin], capture_output=True, text=True, timeout=900)
    last = proc.stdout.strip().splitlines()[-1]
    got = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last)}
    assert got["measures"] == 1.0 and got["plans"] == 1.0 and got["count_exact"] == 1.0, last
