"""lang.script: one language test for cells, lines and documents."""
from lang.script import detect_language, is_kazakh, language_of


def test_cells():
    assert language_of("облыстық білім басқармасы") == "kk"
    assert language_of("жоспар бойынша") == "kk"  # no Kazakh-only letter, frequent Kazakh words
    assert language_of("Управление образования") == "ru"
    assert language_of("ОТДЕЛ ОБРАЗОВАНИЯ") == "ru"
    assert language_of("ДСБ") is None and language_of("ДСБ", default="") == ""
    assert language_of("ДББ, ҚР ОАМ") == "kk"
    assert language_of("PISA") is None


def test_one_kazakh_name_in_russian_text_stays_russian():
    text = "Провести совещание с директорами школ по вопросам питания и подготовить отчет для Әлия"
    assert language_of(text) == "ru"
    assert is_kazakh("Мектеп асханаларының") and not is_kazakh("Организация питания")


def test_documents():
    kk = ["Іс-шаралар жоспары", "Мектеп директорларына", "Орындау мерзімі"]
    ru = ["План мероприятий", "Ответственные исполнители", "Срок исполнения"]
    assert detect_language(kk) == "kk" and detect_language(ru) == "ru"
    assert detect_language(kk + ru) == "mixed"
    assert detect_language(["123", "—"]) is None
