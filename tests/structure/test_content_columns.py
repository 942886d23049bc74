"""Column roles from what the cells hold (pipeline/columns.py): tables with no header row or with headers
never seen, in Kazakh and Russian; and the guards that keep timetables, budgets and passports out."""
from __future__ import annotations

import pytest

from pipeline.columns import is_deadline_text, is_responsible_text, is_timetable, roles_from_content
from tests.structure.helpers import only_plan, plans_of, table


def roles(plan) -> list[str]:
    return [c.role for c in plan.columns]


@pytest.mark.parametrize("text", ["Қазан", "ОКТЯБРЬ", "I тоқсан", "тоқсан сайын", "Жыл бойы", "в течение года",
                                  "до 15 сентября 2025 г.", "ежемесячно", "2025 жылғы желтоқсан"])
def test_deadline_cells(text):
    assert is_deadline_text(text)


@pytest.mark.parametrize("text", ["ЗУВР, директор", "Медицинский работник", "Иванов А.Б.", "әдіскер, психолог",
                                  "Тәрбиешілер", "зам. директора по ВР", "БББ, ҚББ (келісім бойынша)"])
def test_responsible_cells(text):
    assert is_responsible_text(text) and not is_deadline_text(text)


@pytest.mark.parametrize("text", ["Проведение родительского собрания", "Ата-аналар жиналысын өткізу", "1.2"])
def test_neither(text):
    assert not is_deadline_text(text) and not is_responsible_text(text)


def test_roles_of_a_table_without_header_russian():
    rows = [["1.", "Проведение инструктажа по технике безопасности с обучающимися", "сентябрь", "Классные руководители"],
            ["2.", "Организация дежурства учителей на переменах и в столовой", "ежедневно", "Зам. директора по ВР"],
            ["3.", "Проверка эвакуационных выходов и огнетушителей в здании", "1 раз в квартал", "Завхоз"]]
    assert [c.role for c in roles_from_content(rows, 4)] == ["number", "measure", "deadline", "responsible"]


def test_table_without_header_is_a_plan_kazakh():
    plan = only_plan(
        "2025-2026 оқу жылына арналған құқықтық тәрбие жұмысының жоспары",
        table([["1", "Оқушылармен құқық бұзушылықтың алдын алу бойынша әңгіме өткізу", "Қыркүйек", "Сынып жетекшілері"],
               ["2", "Ата-аналарға арналған құқықтық кеңес ұйымдастыру", "Қараша", "Әлеуметтік педагог"],
               ["3", "«Заң және біз» тақырыбында дөңгелек үстел өткізу", "Ақпан", "Тәрбие ісінің орынбасары"]]))
    assert roles(plan) == ["number", "measure", "deadline", "responsible"]
    assert [m.number for m in plan.measures] == ["1", "2", "3"]
    assert plan.measures[1].deadline_raw == "Қараша" and plan.measures[2].responsible_raw == "Тәрбие ісінің орынбасары"
    assert "құқықтық тәрбие" in plan.title


def test_unseen_headers_with_no_responsible_column():
    """Жоба / Міндеттер / Орындау мерзімі / Растайтын құжаттар: a plan without a responsible column."""
    plan = only_plan(table([
        ["Жоба", "Міндеттер", "Орындау мерзімі", "Растайтын құжаттар"],
        ["Цифрлық мектеп", "Мұғалімдерді цифрлық сауаттылыққа оқыту", "2025 жылғы қазан", "Сертификаттар"],
        ["Цифрлық мектеп", "Электрондық журналды толық енгізу", "2025 жылғы желтоқсан", "Бұйрық"],
        ["Оқырман мектеп", "Кітапхана қорын жаңарту", "2026 жылғы наурыз", "Акт"]]))
    assert roles(plan)[1:3] == ["measure", "deadline"] and "responsible" not in roles(plan)
    assert [m.text for m in plan.measures][2] == "Кітапхана қорын жаңарту"


def test_month_column_without_a_deadline_header():
    """"Айы" is no header word: the months in its cells make it the deadline column."""
    plan = only_plan(table([
        ["Айы", "Іс-шаралар", "Мақсаты", "Жауапты"],
        ["Қыркүйек", "Бейімделу кезеңіндегі балаларды бақылау", "Бейімделуді жеңілдету", "Психолог"],
        ["Қазан", "Ата-аналарға арналған семинар", "Қарым-қатынасты нығайту", "Психолог, әдіскер"],
        ["Қараша", "Педагогтарға тренинг", "Кәсіби шеберлікті арттыру", "Әдіскер"]]))
    assert roles(plan) == ["deadline", "measure", "other", "responsible"]
    assert [m.deadline_raw for m in plan.measures] == ["Қыркүйек", "Қазан", "Қараша"]


def test_form_header_over_deadline_content():
    """A column headed "Аяқтау нысаны" holding "Үнемі", "Тоқсан сайын" is the deadline when there is none."""
    plan = only_plan(table([
        ["№", "Іс-шара мазмұны", "Жауапты орындаушылар", "Аяқтау нысаны"],
        ["1", "Сыбайлас жемқорлыққа қарсы түсіндіру жұмыстарын жүргізу", "Заңгер", "Үнемі"],
        ["2", "Тәуекелдерге ішкі талдау жүргізу", "Бөлім меңгерушілері", "Тоқсан сайын"],
        ["3", "Ақпаратты сайтқа жариялау", "Заңгер", "Жыл сайын, желтоқсан"]]))
    assert roles(plan) == ["number", "measure", "responsible", "deadline"]


def test_russian_unseen_headers():
    plan = only_plan(table([
        ["Направление", "Деятельность", "Месяц", "Кто проводит"],
        ["Профилактика", "Беседы с воспитанниками о здоровом образе жизни и вредных привычках", "октябрь", "Воспитатели"],
        ["Информирование", "Оформление стенда для родителей по профилактике правонарушений", "ноябрь", "Социальный педагог"],
        ["Просвещение", "Лекция инспектора ПДН для старшеклассников", "декабрь", "Зам. директора по ВР"]]))
    assert roles(plan)[1:] == ["measure", "deadline", "responsible"]
    assert plan.measures[0].text.startswith("Беседы с воспитанниками")


def test_a_timetable_is_no_plan():
    assert is_timetable([["Дүйсенбі", "Сейсенбі", "Сәрсенбі"], ["10:00-10:40 Математика", "11:00-11:40", ""]])
    assert plans_of(table([
        ["Үйірме атауы", "Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Жауапты"],
        ["Робототехника 6-7 жас", "10:00-10:40", "", "10:00-10:40", "Педагог"],
        ["Шахмат 8-9 жас", "", "11:00-11:40", "", "Педагог"],
        ["Дебаттар 12-13 жас", "13:00-13:40", "13:00-13:40", "", "Педагог"]])) == []


def test_a_budget_table_is_no_plan():
    assert plans_of(table([
        ["Атауы", "МӘМС", "ТМККК", "Барлығы"],
        ["Стационарлық көмек", "135 175,6", "66 511,7", "201 697,3"],
        ["Амбулаториялық көмек", "309 035,4", "8 077,0", "317 112,4"],
        ["Барлығы", "444 211,0", "74 588,7", "518 809,7"]])) == []


def test_a_programme_passport_is_no_plan():
    """Label | value rows naming curators and executors: responsible-like words, but no measures."""
    assert plans_of(table([
        ["Цель программы", "Развитие физической культуры и спорта в районе"],
        ["Срок действия", "2017-2022 годы"],
        ["Куратор программы", "Заместитель главы администрации района"],
        ["Исполнители", "Спортивная школа района, директор"]])) == []


# ---------------------------------------------------------------- numbers printed inside the text
def test_directions_numbered_inside_their_text_are_the_measures_russian():
    """Unfamiliar headers, no number, deadline or responsible column: the column whose texts are
    numbered 1, 2, 3 lists the measures; the numbers come out of the text (issue 10 point 4)."""
    plan = only_plan(table([
        ["Направление", "Задача", "Формы работы"],
        ["1.Работа с семьёй.", "Вовлечение родителей в жизнь класса и школы.", "• собрания\n• консультации"],
        ["2. Досуг учащихся.", "Занятость детей во внеурочное время.", "• кружки и секции\n• экскурсии"],
        ["3. Здоровый образ жизни.", "Формирование привычки к спорту и гигиене.", "• дни здоровья\n• беседы врача"],
    ]))
    assert roles(plan) == ["measure", "other", "other"]
    assert [(m.number, m.text) for m in plan.measures] == [
        ("1", "Работа с семьёй."), ("2", "Досуг учащихся."), ("3", "Здоровый образ жизни.")]
    assert plan.measures[0].other["Задача"].startswith("Вовлечение")


def test_directions_numbered_inside_their_text_are_the_measures_kazakh():
    plan = only_plan(table([
        ["Бағыты", "Мақсаты", "Іс-әрекет"],
        ["1) Отбасымен жұмыс", "Ата-аналарды мектеп өміріне тарту", "- жиналыстар\n- кеңестер"],
        ["2) Оқушылардың бос уақыты", "Сабақтан тыс уақытта бала бандығы", "- үйірмелер\n- саяхаттар"],
        ["3) Салауатты өмір салты", "Спорт пен гигиенаға баулу", "- денсаулық күндері"],
        ["4) Құқықтық тәрбие", "Құқық бұзушылықтың алдын алу", "- кездесулер"],
    ]))
    assert roles(plan) == ["measure", "other", "other"]
    assert [m.number for m in plan.measures] == ["1", "2", "3", "4"]
    assert plan.measures[3].text == "Құқықтық тәрбие"


def test_a_list_numbered_from_a_later_number_is_no_plan_without_other_evidence():
    """Texts numbered 4, 5, 6 (a quotation of clauses) do not count the rows of a table."""
    rows = [["4. Приказ о назначении.", "Справка", "Отдел кадров"],
            ["5. Положение о совете.", "Справка", "Канцелярия"],
            ["6. Протокол собрания.", "Справка", "Канцелярия"]]
    assert plans_of(table([["Документ", "Вид", "Где хранится"], *rows])) == []
