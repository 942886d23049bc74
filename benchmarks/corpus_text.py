"""The words of the generated plans: seeded Kazakh and Russian letters with plans of measures.

Test data, not extraction knowledge (that lives in lang/): measure texts are composed from a few
dozen phrases per language (thousands of distinct rows), responsible bodies are the gazetteer's own
names and abbreviations (data/gazetteer/bodies.csv), deadlines and forms are the shapes real plans
use. `plan_content` makes a parent plan with its cover letter; `derive` makes a lower level's plan
from a parent (rows kept, reworded, dropped, added; the cover letter cites the parent letter), with
the pairs it made as truth.
"""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("number", "text", "responsible", "form", "deadline", "indicator")
COLUMN_SETS = [FIELDS, ("number", "text", "responsible", "deadline", "form"), ("number", "text", "responsible", "deadline")]

W = {
    "kk": {
        "objects": ["оқушылардың ыстық тамақпен қамтылуын", "мектеп асханаларының санитариялық жағдайын",
                    "педагогтердің біліктілігін арттыру курстарын", "білім алушылардың оқу жетістіктерін",
                    "ата-аналармен кездесулерді", "мектепішілік бақылау жоспарын", "инклюзивті білім беру жағдайларын",
                    "оқулықтармен қамтамасыз етуді", "тәрбие жұмысының жоспарын", "мектеп кітапханасының қорын",
                    "жазғы демалысты", "цифрлық білім беру ресурстарын", "мектептердің қауіпсіздік жүйесін",
                    "балалардың құқықтарын қорғау шараларын", "пәндік олимпиадаларға дайындықты",
                    "кәсіптік бағдар беру жұмысын", "мектепке дейінгі ұйымдардың желісін",
                    "оқушылардың денсаулығын сақтау шараларын", "дарынды балаларды қолдау бағдарламасын",
                    "педагогтердің аттестациясын", "оқушыларды тасымалдауды", "мектеп формасымен қамтуды"],
        "actions": ["ұйымдастыру", "талдау", "бақылау", "жетілдіру", "қамтамасыз ету", "өткізу", "тексеру", "жүргізу",
                    "күшейту", "сараптау", "жаңарту", "қолдау", "үйлестіру", "бекіту", "зерделеу"],
        "before": ["", "", "", "Жаңа оқу жылына дайындық аясында", "Облыс мектептерінде", "Ауылдық мектептерде",
                   "Қалалық білім беру ұйымдарында", "Жаз мезгілінде", "Оқу жылы бойы", "Ата-аналар қауымдастығымен бірлесіп",
                   "Ведомствоаралық жұмыс тобы арқылы", "Шағын жинақты мектептерде"],
        "after": ["", "", "", " және нәтижелерін талқылау", " және есеп дайындау", " (әдістемелік ұсынымдар негізінде)",
                  ", нәтижелерін сайтта жариялау", " және ұсыныстар енгізу"],
        "forms": ["ақпарат", "есеп", "бұйрық", "анықтама", "әкімдікке ақпарат", "мониторинг нәтижелері",
                  "әдістемелік ұсынымдар", "кеңес хаттамасы", "талдамалық анықтама", "жұмыс жоспары"],
        "indicators": ["қамту {p}%", "{n} мектепте енгізілді", "оқушылардың {p}% қатысуы", "ескертулер саны {p}% азаяды",
                       "барлық мектептерде", "есеп уақытында ұсынылды", "{n} педагог оқытылды"],
        "sections": ["Ұйымдастыру жұмыстары", "Әдістемелік қамтамасыз ету", "Бақылау және мониторинг",
                     "Ақпараттық-түсіндіру жұмысы", "Материалдық-техникалық база"],
        "months_dat": ["қаңтарға", "ақпанға", "наурызға", "сәуірге", "мамырға", "маусымға", "шілдеге", "тамызға",
                       "қыркүйекке", "қазанға", "қарашаға", "желтоқсанға"],
        "months": ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
                   "қараша", "желтоқсан"],
        "deadlines": ["{y} жылғы {d} {md} дейін", "жыл сайын", "тоқсан сайын", "үнемі", "{y} жылдың {q} тоқсаны",
                      "{m}, {y} жыл", "{y}-{y1} оқу жылы", "ай сайын, {d}-күнге дейін", "жыл сайын, {d} {md} дейін",
                      "жылына 2 рет"],
        "headers": [["№", "Іс-шаралар атауы", "Жауапты орындаушылар", "Аяқтау нысаны", "Орындау мерзімі",
                     "Орындау индикаторлары"],
                    ["Р/с №", "Іс-шара", "Жауаптылар", "Аяқтау нысаны", "Мерзімі", "Күтілетін нәтиже"]],
        "agreement": " (келісім бойынша)",
    },
    "ru": {
        "objects": ["горячего питания учащихся", "санитарного состояния школьных столовых",
                    "курсов повышения квалификации педагогов", "учебных достижений обучающихся", "встреч с родителями",
                    "плана внутришкольного контроля", "условий инклюзивного образования", "обеспеченности учебниками",
                    "плана воспитательной работы", "библиотечного фонда школ", "летнего отдыха детей",
                    "цифровых образовательных ресурсов", "системы безопасности школ", "мер по защите прав детей",
                    "подготовки к предметным олимпиадам", "профориентационной работы", "сети дошкольных организаций",
                    "мер по охране здоровья обучающихся", "программы поддержки одарённых детей", "аттестации педагогов",
                    "подвоза учащихся", "обеспеченности школьной формой"],
        "actions": ["Организация", "Проведение", "Анализ", "Мониторинг", "Обеспечение", "Контроль", "Совершенствование",
                    "Проверка", "Обновление", "Поддержка", "Координация", "Утверждение", "Изучение", "Усиление"],
        "after": ["", "", "", " в школах области", " в сельских школах", " в организациях образования города",
                  " в летний период", " в течение учебного года", " совместно с родительской общественностью",
                  " через межведомственную рабочую группу", " с обсуждением результатов", " и подготовка отчёта",
                  " (на основе методических рекомендаций)", " в малокомплектных школах"],
        "forms": ["информация", "отчёт", "приказ", "справка", "информация в акимат", "результаты мониторинга",
                  "методические рекомендации", "протокол совещания", "аналитическая справка", "план работы"],
        "indicators": ["охват {p}%", "внедрено в {n} школах", "участие {p}% учащихся", "снижение замечаний на {p}%",
                       "во всех школах", "отчёт представлен в срок", "обучено {n} педагогов"],
        "sections": ["Организационные мероприятия", "Методическое обеспечение", "Контроль и мониторинг",
                     "Информационно-разъяснительная работа", "Материально-техническая база"],
        "months_gen": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                       "ноября", "декабря"],
        "months": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
                   "ноябрь", "декабрь"],
        "deadlines": ["до {d} {mg} {y} года", "ежегодно", "ежеквартально", "постоянно", "{q} квартал {y} года",
                      "{m} {y} года", "{y}-{y1} учебный год", "ежемесячно, до {d} числа", "ежегодно, до {d} {mg}",
                      "2 раза в год", "в течение {y} года"],
        "headers": [["№ п/п", "Наименование мероприятия", "Ответственные исполнители", "Форма завершения",
                     "Срок исполнения", "Индикаторы исполнения"],
                    ["№", "Мероприятие", "Ответственные", "Форма завершения", "Сроки", "Ожидаемый результат"]],
        "agreement": " (по согласованию)",
    },
}
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
REGIONS = {"kk": ["Атырау", "Ақмола", "Павлодар", "Қостанай", "Жамбыл", "Маңғыстау"],
           "ru": ["Атырауской", "Акмолинской", "Павлодарской", "Костанайской", "Жамбылской", "Мангистауской"]}
SURNAMES = ["Ахметова", "Сейтқали", "Жұмабаев", "Ким", "Иванова", "Нұрланов", "Тәжібаева", "Омаров", "Бекова"]
TOPICS = {"kk": ["мектептердегі тамақтандыруды жетілдіру", "балалардың қауіпсіздігін қамтамасыз ету",
                 "функционалдық сауаттылықты дамыту", "инклюзивті білім беруді дамыту", "тәрбие жұмысын күшейту"],
          "ru": ["совершенствованию школьного питания", "обеспечению безопасности детей",
                 "развитию функциональной грамотности", "развитию инклюзивного образования",
                 "усилению воспитательной работы"]}


@dataclass
class Row:
    number: str
    text: str
    responsible: str
    form: str
    deadline: str
    indicator: str
    section: str | None = None

    def cells(self, columns) -> list[str]:
        return [getattr(self, f) for f in columns]


@dataclass
class PlanContent:
    language: str
    letter: list[str]  # the cover letter's paragraphs, before the plan
    letter_number: str
    letter_date: str
    approval: list[str]
    title: str
    columns: tuple[str, ...]
    header: list[str]
    rows: list[Row]
    references: list[dict] = field(default_factory=list)  # letters the cover letter cites
    pairs: list[dict] = field(default_factory=list)  # derived plans: {derived, parent, status}
    dropped: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def bodies() -> dict[str, list[tuple[str, bool]]]:
    """(name or abbreviation, outside education?) per language, from the gazetteer."""
    out: dict[str, list[tuple[str, bool]]] = {"kk": [], "ru": []}
    with open(ROOT / "data" / "gazetteer" / "bodies.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["level"] not in ("region", "district", "organisation", "staff"):
                continue
            outside = row["kind"] in ("police", "authority", "department") and "білім" not in row["name_kk"].lower()
            for lang in ("kk", "ru"):
                out[lang].append((row[f"name_{lang}"], outside))
                out[lang] += [(a, outside) for a in row[f"abbr_{lang}"].split("|")[:1] if a]
    return out


def _date(rng: random.Random, year: int | None = None) -> tuple[int, int, int]:
    return rng.randint(1, 28), rng.randint(1, 12), year or rng.randint(2022, 2026)


def measure_text(rng: random.Random, lang: str) -> str:
    w = W[lang]
    if lang == "kk":
        before = rng.choice(w["before"])
        core = f"{rng.choice(w['objects'])} {rng.choice(w['actions'])}"
        text = f"{before} {core}" if before else core[0].upper() + core[1:]
    else:
        text = f"{rng.choice(w['actions'])} {rng.choice(w['objects'])}"
    return text + rng.choice(w["after"])


def responsible(rng: random.Random, lang: str) -> str:
    chosen = rng.sample(bodies()[lang], rng.choice([1, 1, 2, 2, 3]))
    return ", ".join(name + (W[lang]["agreement"] if outside else "") for name, outside in chosen)


def deadline(rng: random.Random, lang: str) -> str:
    w = W[lang]
    d, m, y = _date(rng, rng.randint(2024, 2026))
    months_key = "months_dat" if lang == "kk" else "months_gen"
    return rng.choice(w["deadlines"]).format(d=d, y=y, y1=y + 1, q=rng.choice(ROMAN[:4]), m=w["months"][m - 1],
                                             md=w[months_key][m - 1], mg=w[months_key][m - 1])


def indicator(rng: random.Random, lang: str) -> str:
    return rng.choice(W[lang]["indicators"]).format(p=rng.choice([50, 70, 80, 90, 95, 100]), n=rng.randint(3, 60))


def make_row(rng: random.Random, lang: str, number: str, section: str | None) -> Row:
    return Row(number, measure_text(rng, lang), responsible(rng, lang), rng.choice(W[lang]["forms"]),
               deadline(rng, lang), indicator(rng, lang), section)


def number_rows(rows: list[Row], sectioned: bool) -> list[Row]:
    """Numbers as written: "1.", "2." through the plan, or "1.1", "1.2" within each section."""
    out, section, k, s = [], object(), 0, 0
    for row in rows:
        if row.section != section:
            section, s, k = row.section, s + 1, (0 if sectioned else k)
        k += 1
        out.append(replace(row, number=f"{s}.{k}" if sectioned else f"{k}."))
    return out


def _sections(rng: random.Random, lang: str, n_rows: int) -> list[str | None]:
    if n_rows < 6 or rng.random() < 0.3:
        return [None] * n_rows
    names = rng.sample(W[lang]["sections"], min(len(W[lang]["sections"]), max(2, n_rows // 12)))
    names = [f"{ROMAN[i]}. {name}" for i, name in enumerate(names)]
    return [names[min(len(names) - 1, i * len(names) // n_rows)] for i in range(n_rows)]


def _letter(rng: random.Random, lang: str, number: str, date: str, title: str, cites: dict | None) -> list[str]:
    region = rng.randrange(len(REGIONS["kk"]))
    signer = f"{rng.choice('АБЕЖКМНСТ')}. {rng.choice(SURNAMES)}"
    if lang == "kk":
        head = [f"{REGIONS['kk'][region].upper()} ОБЛЫСЫНЫҢ", "БІЛІМ БАСҚАРМАСЫ", "", f"№ {number}", date, "",
                "Аудандық (қалалық) білім бөлімдерінің басшыларына", ""]
        cite = (f"Облыстық білім басқармасының {cites['date']} жылғы №{cites['number']} хатына сәйкес "
                if cites else "")
        body = f"{cite}«{title}» жұмыс үшін жолдайды. Орындалуы туралы ақпаратты уақытында ұсынуды сұраймыз."
        tail = ["", f"Қосымша: {rng.randint(1, 9)} парақта", "", f"Басшы {signer}", ""]
    else:
        head = [f"УПРАВЛЕНИЕ ОБРАЗОВАНИЯ {REGIONS['ru'][region].upper()} ОБЛАСТИ", "", f"№ {number}", f"от {date}", "",
                "Руководителям районных (городских) отделов образования", ""]
        cite = f"Во исполнение письма Управления образования от {cites['date']} №{cites['number']} " if cites else ""
        body = f"{cite}направляем «{title}» для работы. Просим представить информацию об исполнении в срок."
        tail = ["", f"Приложение: на {rng.randint(1, 9)} листах", "", f"Руководитель {signer}", ""]
    return head + [body] + tail


def _approval(rng: random.Random, lang: str, year: int) -> list[str]:
    signer = f"{rng.choice('АБЕЖКМНСТ')}. {rng.choice(SURNAMES)}"
    d, m, _ = _date(rng)
    if lang == "kk":
        return ["«БЕКІТЕМІН»", "Білім басқармасының басшысы", signer, f"{d:02d}.{m:02d}.{year} ж.", ""]
    return ["«УТВЕРЖДАЮ»", "Руководитель управления образования", signer, f"{d:02d}.{m:02d}.{year} г.", ""]


def plan_content(rng: random.Random, lang: str, n_rows: int, cites: dict | None = None) -> PlanContent:
    year = rng.randint(2023, 2026)
    topic = rng.choice(TOPICS[lang])
    title = (f"{year}-{year + 1} жылдарға арналған {topic} жөніндегі іс-шаралар жоспары" if lang == "kk"
             else f"План мероприятий по {topic} на {year}-{year + 1} годы")
    d, m, y = _date(rng, year)
    number, date = f"{rng.randint(1, 12):02d}-{rng.randint(1, 40):02d}/{rng.randint(100, 9999)}", f"{d:02d}.{m:02d}.{y}"
    columns = rng.choice(COLUMN_SETS)
    header_set = rng.choice(W[lang]["headers"])
    header = [header_set[FIELDS.index(f)] for f in columns]
    sections = _sections(rng, lang, n_rows)
    rows = number_rows([make_row(rng, lang, "", s) for s in sections], sectioned=rng.random() < 0.25)
    return PlanContent(lang, _letter(rng, lang, number, date, title, cites), number, date, _approval(rng, lang, year),
                       title, columns, header, rows, references=[cites] if cites else [])


def reword(rng: random.Random, row: Row, lang: str) -> Row:
    """A lower level's edit of a parent row: its own bodies, its own date, or a changed phrase."""
    edit = rng.randrange(3)
    if edit == 0:
        return replace(row, responsible=responsible(rng, lang))
    if edit == 1:
        return replace(row, deadline=deadline(rng, lang))
    return replace(row, text=row.text + rng.choice([a for a in W[lang]["after"] if a]))


def derive(rng: random.Random, parent: PlanContent) -> PlanContent:
    """A derived plan: 50-95 % of the parent rows in order (about a third reworded), 1-5 rows added."""
    lang = parent.language
    cites = {"number": parent.letter_number, "date": parent.letter_date}
    own = plan_content(rng, lang, 0, cites)
    keep = sorted(rng.sample(range(len(parent.rows)), max(1, round(len(parent.rows) * rng.uniform(0.5, 0.95)))))
    items = [(parent.rows[i], "adopted") for i in keep]
    items = [(reword(rng, r, lang), "modified") if rng.random() < 0.35 else (r, s) for r, s in items]
    for _ in range(rng.randint(1, 5)):
        pos = rng.randint(0, len(items))
        section = items[min(pos, len(items) - 1)][0].section if items else None
        items.insert(pos, (make_row(rng, lang, "", section), "added"))
    rows = number_rows([r for r, _ in items], sectioned=False)
    pairs = [{"derived": new.number, "parent": old.number, "status": status}
             for new, (old, status) in zip(rows, items) if status != "added"]
    kept_numbers = {p["parent"] for p in pairs}
    return replace(own, title=parent.title, columns=parent.columns, header=parent.header, rows=rows, pairs=pairs,
                   dropped=[r.number for r in parent.rows if r.number not in kept_numbers],
                   added=[new.number for new, (_, s) in zip(rows, items) if s == "added"])
