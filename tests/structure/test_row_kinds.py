"""Row kinds of plan tables (pipeline/table_rows.py): month and quarter headings, section rows and section
numerals, numbered items inside one cell, numbers printed inside the text; Kazakh and Russian."""
from __future__ import annotations

import pytest

from pipeline.cell_items import parallel_pieces, split_items
from pipeline.table_rows import ROW_KINDS, register_row_kind
from tests.structure.helpers import ACROSS, only_plan, table

HEAD_RU = ["№ п/п", "Наименование мероприятий", "Дата проведения", "Ответственный"]


def test_month_headings_give_the_deadline_russian():
    plan = only_plan(table([
        HEAD_RU,
        [ACROSS, "ОКТЯБРЬ"],
        ["", "Осенний кросс среди обучающихся 5-9 классов", "5", "учителя физкультуры"],
        ["", "Турнир по мини-футболу", "по назначению", "тренер"],
        ["", "Веселые старты для начальной школы", "", "вожатый"],
        [ACROSS, "НОЯБРЬ"],
        ["", "Первенство школы по волейболу", "12-14", "учителя физкультуры"]]))
    assert [m.text for m in plan.measures][0] == "Осенний кросс среди обучающихся 5-9 классов"
    assert [m.deadline_raw for m in plan.measures] == ["5 ОКТЯБРЬ", "по назначению", "ОКТЯБРЬ", "12-14 НОЯБРЬ"]
    assert plan.sections == [] and len(plan.measures) == 4


@pytest.mark.parametrize("heading", ["Қазан", "I тоқсан", "1-й квартал", "II полугодие"])
def test_period_headings_kazakh_and_russian(heading):
    plan = only_plan(table([
        ["№", "Іс-шара", "Жауапты"],
        [ACROSS, heading],
        ["1", "Мұғалімдер күніне арналған концерт ұйымдастыру", "Тәрбие ісінің орынбасары"],
        ["2", "«Таза аула» акциясы", "Сынып жетекшілері"]]))
    assert [m.deadline_raw for m in plan.measures] == [heading, heading]
    assert [m.number for m in plan.measures] == ["1", "2"]


def test_section_rows_are_sections_and_numbering_restarts():
    plan = only_plan(table([
        ["№", "Қаралатын мәселелер", "Мерзімі", "Жауапты"],
        [ACROSS, "I отырыс. Тақырыбы: білім берудегі жаңа бағыттар"],
        ["1", "Оқу бағдарламаларының орындалуы", "Қыркүйек", "Директордың орынбасары"],
        ["2", "Дарынды балалармен жұмыс жоспары", "Қыркүйек", "Әдіскер"],
        [ACROSS, "II отырыс. Тақырыбы: білім сапасы"],
        ["1", "Тоқсандық бақылау жұмыстарының нәтижелері", "Қараша", "Директордың орынбасары"],
        ["2", "Жас мамандармен жұмыс", "Қараша", "Тәлімгерлер"]]))
    assert len(plan.measures) == 4 and len(plan.sections) == 2
    assert plan.measures[2].section.startswith("II отырыс")
    assert not [f for f in plan.flags if f.code.startswith("numbering")]


def test_numbering_that_goes_on_across_sections_has_no_gap():
    plan = only_plan(table([
        ["№", "Мероприятие", "Срок", "Ответственный"],
        [ACROSS, "1. Организационные мероприятия"],
        ["1", "Издание приказа о назначении ответственных", "январь", "Директор"],
        ["2", "Инструктаж работников", "сентябрь", "Зам. директора"],
        [ACROSS, "2. Работа с детьми"],
        ["3", "Беседы по безопасности", "в течение года", "Воспитатели"],
        ["5", "Учебная эвакуация", "май", "Администрация"]]))
    gaps = [f.message for f in plan.flags if f.code == "numbering_gap"]
    assert gaps == ["numbering skips 4"]


def test_section_numerals_with_items_inside_cells():
    """A row "I | Педсовет\\n1. …\\n2. … | dates | responsible": one measure per numbered item."""
    plan = only_plan(table([
        ["№ пп", "Содержание работы", "Дата", "Ответственные"],
        ["I", "Педсовет\n1. Анализ работы за четверть\n2. Утверждение плана каникул", "28.10\n\n30.10", "директор\nЗУВР"],
        ["II", "Методическая работа\n1. Заседание ШМО\n2. Открытые уроки\n3. Проверка журналов",
         "в теч. месяца", "Рук. ШМО"],
        ["III", "Итоги успеваемости за четверть", "30.10", "ЗУВР"]]))
    assert [m.number for m in plan.measures] == ["1", "2", "1", "2", "3", None]
    assert [m.section for m in plan.measures][:3] == ["I Педсовет", "I Педсовет", "II Методическая работа"]
    assert [m.deadline_raw for m in plan.measures][:2] == ["28.10", "30.10"]  # blank-line groups line up
    assert [m.responsible_raw for m in plan.measures][:2] == ["директор", "ЗУВР"]
    assert plan.measures[2].deadline_raw == "в теч. месяца"  # one cell for the whole group
    assert plan.measures[-1].text == "Итоги успеваемости за четверть"
    assert not [f for f in plan.flags if f.code == "numbering_duplicate"]


def test_items_inside_cells_of_an_unnumbered_table():
    plan = only_plan(table([
        ["Месяц", "Повестка"],
        ["Сентябрь", "1. Выявление подростков группы риска.\n2. Итоги контроля посещаемости.\n3. Разное."],
        ["Октябрь", "1. Корректировка плана каникул.\n2. Разное."],
        ["Ноябрь", "1. Итоги отдыха на каникулах.\n2. Работа с детьми группы риска."]]))
    assert len(plan.measures) == 7
    assert [m.deadline_raw for m in plan.measures][:4] == ["Сентябрь", "Сентябрь", "Сентябрь", "Октябрь"]


def test_sub_items_of_a_numbered_row_stay_in_it():
    """A numbered row whose cell lists 1., 2., … (and their rest on a row cut by a page break) is one measure."""
    plan = only_plan(table([
        ["№", "Іс-шаралар атауы", "Мерзімі", "Жауаптылар"],
        ["1.", "БҚК отырысын өткізу:\n1. Төраға мен хатшыны сайлау\n2. Жоспарды бекіту", "Тамыз", "Басшы"],
        ["", "3. Ережені бекіту\n4. Жұмыс кестесін жасау", "", ""],
        ["2.", "Диагностика жүргізу", "Қыркүйек", "Педагог-психолог"],
        ["3.", "Ата-аналармен кездесу", "Қазан", "Сынып жетекшілері"]]))
    assert [m.number for m in plan.measures] == ["1", "2", "3"]
    assert "4. Жұмыс кестесін жасау" in plan.measures[0].text


def test_numbers_printed_inside_the_text():
    plan = only_plan(table([
        ["Направления работы", "Мероприятия", "Сроки"],
        ["Профилактика", "1.Совершенствование системы раннего выявления детей группы риска", "в течение года"],
        ["Информирование", "2) Оформление стенда для родителей", "октябрь"],
        ["Обучение", "3. Тренинг для подростков по навыкам общения", "ноябрь"]]))
    assert [m.number for m in plan.measures] == ["1", "2", "3"]
    assert plan.measures[0].text == "Совершенствование системы раннего выявления детей группы риска"


def test_split_items_and_pieces():
    title, items = split_items("Воспитательная работа\n1. День Знаний\n2. Собрания.  3.Генеральная уборка\nтерритории")
    assert title == "Воспитательная работа"
    assert [(i.number, i.text) for i in items] == [("1", "День Знаний"), ("2", "Собрания."), ("3", "Генеральная уборка\nтерритории")]
    assert split_items("Одна строка без номеров")[1] == []
    assert parallel_pieces("01.09\n\n15.09", 2) == ["01.09", "15.09"]
    assert parallel_pieces("директор\nзавуч\nвожатый", 2) is None


def test_a_new_row_kind_is_registered_by_name():
    """A layout with its own row shape is a new entry in the row kinds, not a branch in the parser."""
    before = list(ROW_KINDS)
    try:
        register_row_kind("note", lambda rows, r: rows.cell(r, 1).startswith("Примечание"), before="measure")
        plan = only_plan(table([
            ["№", "Мероприятие", "Срок", "Ответственный"],
            ["1", "Собрание", "май", "Директор"],
            ["2", "Примечание: перенос по согласованию", "", ""],
            ["3", "Отчёт", "июнь", "Завуч"]]))
        assert [m.number for m in plan.measures] == ["1", "3"]
    finally:
        ROW_KINDS[:] = before


def test_a_row_that_lost_its_number_and_a_skewed_column_number_row():
    """OCR loses a row number now and then; a scan repeats the column numbers, shifted, on every page."""
    plan = only_plan(table([
        ["№ п/п", "Наименование мероприятия", "Сроки исполнения", "Ответственный"],
        ["1.", "Инструктаж по охране труда", "сентябрь", "Директор"],
        ["2", "", "3", "4"],
        ["2.", "Проверка знаний по охране труда", "В течение года", "Зам. директора"],
        ["", "Подведение итогов выполнения соглашения по охране труда", "Декабрь", "Директор"],
        ["", "с профсоюзным комитетом", "", ""],
        ["4.", "Испытания спортивного оборудования", "Август, январь", "Администрация"]]))
    assert [m.number for m in plan.measures] == ["1", "2", "3", "4"]
    assert plan.measures[2].text.endswith("с профсоюзным комитетом")
    assert [f.code for f in plan.measures[2].flags] == ["number_inferred"]
    assert not [f for f in plan.flags if f.code == "numbering_gap"]


def test_numbered_parents_become_sections():
    """Задача 1 > Результаты 1.1 > 1.1.1 …: the leaves are the measures, their parents name sections."""
    plan = only_plan(table([
        ["№", "Наименование задачи, мероприятия", "Срок", "Исполнитель"],
        ["1.", "Задача 1. Развитие массового спорта", "", ""],
        ["1.1", "Мероприятия:", "", ""],
        ["1.1.1", "Проведение районной спартакиады", "май", "Спортивная школа"],
        ["1.1.2", "Фестиваль ГТО", "июнь", "Спортивная школа"],
        ["2.", "Задача 2. Укрепление базы", "", ""],
        ["2.1", "Ремонт спортивного зала", "2021 год", "Администрация района"]]))
    assert [m.number for m in plan.measures] == ["1.1.1", "1.1.2", "2.1"]
    assert plan.measures[0].section == "1.1 Мероприятия:" and plan.measures[2].section == "2 Задача 2. Укрепление базы"


def test_garbled_number_header_and_a_continued_table_without_header():
    from tests.structure.helpers import layout
    from pipeline.structure import build_structure
    first = table([["Хо", "Іс-шаралар атауы", "Мерзімі", "Жауаптылар"],
                   ["1.", "Буллингке қарсы команданың жұмысын ұйымдастыру", "Тамыз", "Басшы"],
                   ["2.", "Диагностика жүргізу", "Тамыз", "Психолог"]], index=0)
    second = table([["3.", "Ата-аналарға семинар өткізу", "Қыркүйек", "Психолог"],
                    ["4.", "Стендтерде материалдар орналастыру", "Үнемі", "Әдіскер"]], index=1)
    plans, _, _ = build_structure(layout("Буллингке қарсы команданың жұмыс жоспары", first, "4-6", second), "c" * 64)
    assert len(plans) == 1 and plans[0].columns[0].role == "number"
    assert [m.number for m in plans[0].measures] == ["1", "2", "3", "4"]


def test_a_number_wrapped_in_a_narrow_column():
    plan = only_plan(table([
        ["№", "Бөлімдері", "Тақырыбы", "Орындау мерзімі", "Жауапты"],
        *[[str(k), "Ата-аналар жиналысы", f"Тақырып {k}", "Қыркүйек", "Әдіскер"] for k in range(1, 10)],
        ["1\n0", "Бірлескен іс-шаралар", "«Қош бол, балабақша» мерекесі", "Мамыр", "Әдіскер"],
        ["1\n1", "Ата-аналар жиналысы", "Қорытынды сауалнама", "Мамыр", "Меңгеруші"]]))
    assert [m.number for m in plan.measures][-2:] == ["10", "11"]


@pytest.mark.parametrize("heads, header, want", [
    (["Караша", "Келтоксаи", "Кан тар"], ["№", "Іс-шара", "Жауапты"], ["Караша", "желтоқсан", "қаңтар"]),
    (["Hoябрь", "Дскабрь", "Январъ"], ["№ п/п", "Мероприятие", "Ответственный"], ["Hoябрь", "декабрь", "январь"]),
])
def test_month_headings_read_through_ocr_damage_give_the_deadline(heads, header, want):
    """A heading row whose month OCR damaged (look-alike letters, е/с and и/н, a split word) still
    dates the rows under it; its deadline is the month's name when the text itself reads as none."""
    plan = only_plan(table([
        header,
        [ACROSS, heads[0]],
        ["1", "Мектеп кітапханасына саяхат ұйымдастыру", "Кітапханашы"],
        [ACROSS, heads[1]],
        ["2", "Жаңа жылдық ертеңгілік дайындау", "Тәлімгер"],
        [ACROSS, heads[2]],
        ["3", "Қысқы спорт жарыстарын өткізу", "Дене шынықтыру мұғалімі"]]))
    assert [m.deadline_raw for m in plan.measures] == want and plan.sections == []


@pytest.mark.parametrize("rows", [
    [["10", "Оқушыларды үйірмелерге тарту", "Білім министрлігі"],
     ["", "Күзгі іс-шараларды ұйымдастыру", "Мәдениет министрлігі"],
     ["", "«Балалар қауіпсіздігі» акциясына қатысу", "Тәлімгер"],
     ["3", "Құстарды қорғау акциясы", "Еңбек министрлігі"],
     ["14", "Құқықтық тәрбие айлығы", "Әлеуметтік педагог"]],
    [["10", "Запись учащихся в кружки", "Завуч"],
     ["", "Осенние праздники для начальной школы", "Педагог-организатор"],
     ["", "«Безопасное детство» акция для родителей", "Инспектор"],
     ["3", "Смотр кабинетов", "Администрация"],
     ["14", "Спортивные соревнования", "Учитель физкультуры"]],
], ids=["kk", "ru"])
def test_rows_in_a_number_gap_are_measures_whose_numbers_were_lost(rows):
    """Between 10 and a "3" read for 13 (its first digit cut off) two unnumbered rows open as measures:
    they are the measures 11 and 12, the "3" is 13."""
    plan = only_plan(table([["№", "Іс-шара", "Жауапты"], *rows]))
    assert [m.number for m in plan.measures] == ["10", "11", "12", "13", "14"]
    assert [m.responsible_raw for m in plan.measures] == [r[2] for r in rows]
    assert all("number_inferred" in [f.code for f in m.flags] for m in plan.measures[1:4])


@pytest.mark.parametrize("rows", [
    # no gap in the numbers: a second paragraph of the cell above, not a measure
    [["1", "Оқушылар парламентінің отырысы", "Директор"], ["", "Сайлау комиссиясын құру", ""],
     ["2", "Сайлау өткізу", "Тәлімгер"]],
    # the gap is one number, two rows open as measures: no count fits, both stay the rest of row 1
    [["1", "Совещание с классными руководителями", "Завуч"], ["", "Подготовка отчётов", ""],
     ["", "Обсуждение итогов", ""], ["3", "Смотр кабинетов", "Администрация"]],
    # the rest of a cut sentence opens in lower case
    [["1", "Совещание с классными", "Завуч"], ["", "руководителями", ""], ["3", "Смотр кабинетов", "Директор"]],
], ids=["kk_no_gap", "ru_count_differs", "ru_lower_case"])
def test_unnumbered_rows_outside_a_fitting_gap_continue_the_row_above(rows):
    plan = only_plan(table([["№", "Мероприятие", "Ответственный"], *rows]))
    assert [m.number for m in plan.measures] == [r[0] for r in rows if r[0]]


@pytest.mark.parametrize("head, month", [(["№", "Іс-шара", "Жауапты"], "Қаңтар"),
                                         (["№", "Мероприятие", "Ответственный"], "Январь")])
def test_a_month_heading_does_not_date_rows_past_lost_pages(head, month):
    """Rows 4-19 are not in the document (pages not photographed), and the headings among them too:
    the month above no longer dates row 20. A number or two skipped is a slip: the month holds."""
    plan = only_plan(table([
        head,
        [ACROSS, month],
        ["1", "Мектеп газетін шығару", "Тәлімгер"],
        ["2", "Сабаққа дайындықты тексеру", "Завуч"],
        ["4", "Спорт жарыстары", "Учитель"],
        ["20", "Соңғы қоңырау мерекесі", "Директор"],
        ["21", "Выпускной вечер", "Директор"]]))
    assert [m.deadline_raw for m in plan.measures] == [month, month, month, None, None]


@pytest.mark.parametrize("head, rows", [
    (["№", "Іс-шара", "Мерзімі", "Жауапты"],
     [[ACROSS, "1. Ұйымдастыру жұмысы"], ["", "Кеңестің жалпы жиналысы", "Қазан", "Төраға"],
      ["", "Кеңестің екінші жиналысы", "Желтоқсан", "Төраға"], ["1.3", "Есеп беру", "Мамыр", "Хатшы"],
      ["1.4", "Жоспар бекіту", "Маусым", "Хатшы"]]),
    (["№", "Мероприятие", "Срок", "Ответственный"],
     [[ACROSS, "1. Организационная работа"], ["", "Общее собрание совета", "Октябрь", "Председатель"],
      ["", "Второе собрание совета", "Декабрь", "Председатель"], ["1.3", "Отчёт совета", "Май", "Секретарь"],
      ["1.4", "Утверждение плана", "Июнь", "Секретарь"]]),
], ids=["kk", "ru"])
def test_the_first_rows_of_a_section_that_lost_their_numbers_get_them(head, rows):
    """OCR lost the numbers of a section's first two rows (each with its own deadline): "1.3" below gives
    them 1.1 and 1.2."""
    plan = only_plan(table([head, *rows]))
    assert [m.number for m in plan.measures] == ["1.1", "1.2", "1.3", "1.4"]
    assert all("number_inferred" in [f.code for f in m.flags] for m in plan.measures[:2])
