"""Kazakh tokenizer exceptions: abbreviations with a dot, the country, bracketed abbreviations, and
outgoing-letter numbers that must stay one token."""
from __future__ import annotations

import re

from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.symbols import NORM, ORTH
from spacy.util import update_exc
from lang.alphabet import UPPER_CLASS

_ABBREVIATIONS = {
    "ж.": "жыл", "жж.": "жылдар", "т.б.": "тағы басқа", "т.с.с.": "тағы сол сияқты", "т.с.": "тағы сол",
    "ҚР": "Қазақстан Республикасы", "м.а.": "міндетін атқарушы", "обл.": "облыс", "қ.": "қала",
    "а.": "ауыл", "к-сі": "көшесі", "тел.": "телефон", "б.": "бет", "бб.": "беттер", "мыс.": "мысалы",
    "т.": "том", "ғ.": "ғасыр", "сағ.": "сағат", "мин.": "минут", "млн.": "миллион", "млрд.": "миллиард",
    "Қ(А)БББ": "қалалық (аудандық) білім беру бөлімдері", "Қ(А)ББ": "қалалық (аудандық) білім бөлімі",
}

_exc: dict[str, list[dict]] = {}
for orth, norm in _ABBREVIATIONS.items():
    _exc[orth] = [{ORTH: orth, NORM: norm}]
    if orth[:1].islower():
        capital = orth[:1].upper() + orth[1:]
        _exc[capital] = [{ORTH: capital, NORM: norm}]

TOKENIZER_EXCEPTIONS = update_exc(BASE_EXCEPTIONS, _exc)

_UPPER = "A-Z" + UPPER_CLASS
# Kept whole: outgoing numbers ("№06-01-06-02-4/615", "05-04-01/253"), dotted dates with a year
# ("16.02.2022"), and abbreviations with a bracketed letter ("Қ(А)БББ", "Қ(А)БББ-ға").
TOKEN_MATCH = re.compile(
    r"^(?:№\s?)?\d{1,4}(?:[-/.]\d{1,5}){2,}(?:/\d+)?$"
    r"|^№\d+(?:[-/]\d+)*$"
    rf"|^[{_UPPER}]+\([{_UPPER}]{{1,2}}\)(?:[{_UPPER}]+(?:-[а-яәғқңөұүһі]+)?)?$"
).match
