"""An annual plan drawn month by month: a small table under each month heading typed as a paragraph, the
header printed as a table of its own (invented kk/ru texts). The tables are one plan, each month the
deadline of its rows. Goals listed under "Мақсаты:" / "Задачи:" are no measures."""
from __future__ import annotations

import pytest

from tests.structure.helpers import only_plan, plans_of, table

CASES = {
    "kk": ("ЖЫЛДЫҚ ІС-ШАРАЛАР ЖОСПАРЫ", ["Түрі", "Тақырыбы"], "Өткізілетін күні",
           [("Қыркүйек", [["Мереке", "«Білім күні» салтанатты жиыны"], ["Көрме", "«Күз сыйы» балалар жұмыстары"]]),
            ("Қазан", [["Ойын-сауық", "«Ақ жаулық» мерекесіне арналған кеш"]]),
            ("Қараша", [["Байқау", "«Менің отбасым» суреттер байқауы"], ["Дайындық", "Залды мерекеге безендіру"]])]),
    "ru": ("ГОДОВОЙ ПЛАН МЕРОПРИЯТИЙ", ["Вид", "Тема"], "Дата проведения",
           [("Сентябрь", [["Праздник", "«День знаний» торжественная линейка"], ["Выставка", "«Дары осени» поделки детей"]]),
            ("Октябрь", [["Развлечение", "Осенний утренник для старших групп"]]),
            ("Ноябрь", [["Конкурс", "Конкурс рисунков «Моя семья»"], ["Подготовка", "Оформление зала к празднику"]])]),
}


def _blocks(lang: str, with_header: bool = True):
    title, header, loose, months = CASES[lang]
    blocks = [title]
    if with_header:
        blocks += [table([header], index=0), loose]
    for k, (month, rows) in enumerate(months, start=1):
        blocks += [month, table(rows, index=k), ""]
    return blocks


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_month_paragraphs_between_small_tables_make_one_plan(lang):
    plan = only_plan(*_blocks(lang))
    months = CASES[lang][3]
    assert [m.text for m in plan.measures] == [r[1] for _, rows in months for r in rows]
    assert [m.deadline_raw for m in plan.measures] == [month for month, rows in months for _ in rows]
    assert [c.role for c in plan.columns] == ["other", "measure"]
    assert plan.columns[0].header == CASES[lang][1][0]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_month_chain_without_a_header_table(lang):
    plan = only_plan(*_blocks(lang, with_header=False))
    assert len(plan.measures) == 5 and plan.measures[2].deadline_raw == CASES[lang][3][1][0]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_one_table_under_a_month_is_no_chain(lang):
    title, _, _, months = CASES[lang]
    month, rows = months[0]
    assert plans_of(title, month, table(rows), "Келесі бөлім мәтіні осында жазылған ұзын сөйлем.") == []


GOALS = {
    "kk": ["ЖЫЛДЫҚ ЖОСПАР", "Мақсаты:", "1. Балалардың денсаулығын нығайту.", "2. Ата-аналармен байланысты дамыту."],
    "ru": ["ГОДОВОЙ ПЛАН", "Задачи:", "1. Укрепление здоровья детей.", "2. Развитие связи с родителями."],
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_goals_listed_under_a_plan_title_are_no_measures(lang):
    assert plans_of(*GOALS[lang]) == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_list_plan_without_goals_still_reads(lang):
    lines = [GOALS[lang][0] + ":", *GOALS[lang][2:]]
    assert len(only_plan(*lines).measures) == 2


SUMMER = {
    "kk": [["Балалар денсаулығының мониторингі", "Мамыр"], ["Күнделікті тағамдарды дәрумендендіру", "Жаз бойы"],
           ["Серуенде қимылды ойындар ұйымдастыру", "Жаз бойы"]],
    "ru": [["Мониторинг здоровья воспитанников", "Май"], ["Витаминизация блюд ежедневного меню", "В течение лета"],
           ["Подвижные игры на прогулке", "В течение лета"]],
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_summer_terms_make_a_deadline_column(lang):
    plan = only_plan("Жазғы сауықтыру жұмысы" if lang == "kk" else "Летняя оздоровительная работа", table(SUMMER[lang]))
    assert [c.role for c in plan.columns] == ["measure", "deadline"]
    assert [m.deadline_raw for m in plan.measures] == [r[1] for r in SUMMER[lang]]
