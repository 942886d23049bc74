"""Words that shape a responsible cell: body-head nouns, markers, conjunctions, geography.

Kazakh puts the head noun last ("облыстық білім басқармасы"), Russian first ("управление
образования"); splitting and coordination rules lean on that.
"""
from __future__ import annotations

import re

# Kazakh head nouns in the nominative (singular, possessive, plural): a body name ends with one.
KK_HEAD = re.compile(
    r"^(?:басқарма(?:сы|лары)?|департамент(?:і|тері)?|бөлім(?:і|дері|шесі|шелері)?|комитет(?:і|тері)?"
    r"|комиссия(?:сы|лары|лар)?|министрлі(?:гі|ктері|к)|әкімдіг[іі]|әкімдіктері|әкімдері|әкімі"
    r"|әкімшілігі|әкімшіліктері|орталығы|орталықтары|ұйымдары|ұйымы|мекемелері|мекемесі"
    r"|органдары|органы|инспекциясы|прокуратурасы|полициясы|кеңесі|кеңестері|консультациясы"
    r"|кабинеті|кабинеттері|үкіметі|қызметі)$"
)
KK_PLURAL_HEAD = re.compile(
    r"^(?:басқармалары|департаменттері|бөлімдері|бөлімшелері|комитеттері|комиссиялары|комиссиялар"
    r"|әкімдіктері|әкімдері|орталықтары|ұйымдары|органдары|мекемелері|кеңестері)$"
)
# Russian heads in the nominative; a body name starts with one.
RU_HEAD = re.compile(
    r"^(?:управлени[ея]|отдел[ыа]?|отделени[ея]|департамент[ы]?|комитет[ы]?|министерств[оа]"
    r"|акимат[ы]?|аким[ы]?|комисси[яи]|инспекци[яи]|прокуратура|полиция|центр[ы]?|администрация"
    r"|совет|служб[аы]|орган[ы]?|организаци[ия]|учреждени[ея]|правительство|консультация)$"
)
# Russian heads that are nominative only (no genitive homograph): safe to split before.
RU_STRICT_HEAD = re.compile(
    r"^(?:управление|отдел|отделы|департамент|департаменты|комитет|комитеты|министерство|акимат"
    r"|акиматы|комиссия|прокуратура|администрация|отделение|правительство)$"
)
RU_PLURAL_HEAD = re.compile(r"^(?:управления|отделы|департаменты|комитеты|акиматы|акимы|органы|центры)$")

# Words after which a line cannot end a body: conjunctions, prepositions, attributive adjectives.
CONJUNCTIONS = {"және", "мен", "пен", "бен", "и", "а", "также", "или", "немесе", "да", "де"}
PREPOSITIONS = {"по", "при", "для", "с", "со", "в", "во", "на", "к", "от", "из", "за", "об", "о"}
KK_ATTRIBUTIVE = re.compile(r"(?:лық|лік|дық|дік|тық|тік|дағы|дегі|тағы|тегі|ның|нің|дың|дің|тың|тің)$")
RU_ATTRIBUTIVE = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ного|ной|ских|ского|ской|ских)$")
# Words that continue a Kazakh name after a head noun rather than start a new body.
KK_POSTPOSITIONS = re.compile(
    r"^(?:жанындағы|жанынан|жанында|қарасты|бойынша|жөніндегі|арқылы|бірлесіп|сондай-ақ|қоса"
    r"|\w+(?:дағы|дегі|тағы|тегі))$"
)

# Markers, matched on text whose Latin twins are folded to Cyrillic (same offsets).
# Markers, matched on text whose Latin twins are folded to Cyrillic (same offsets). Each starts
# with a keyword (fast to scan for); split.py widens a match over the brackets around it.
AGREEMENT = re.compile(r"келі?с[іи]\w*\s*бой[ыi]нша|по\s*соглас\w*\.?|по\s*согл\.")
CO_MARK = re.compile(
    r"(?:бірлесі?п|бірлескен|қосымша|қосалқы)\s+орындаушы(?:лар)?|соисполнител\w*"
)
LEAD_MARK = re.compile(
    r"(?:жауапты|негізгі)(?:\s+орындаушы)?|(?:ответственн\w*|головн\w*)(?:\s+исполнител\w*)?"
    r"|свод(?:\s+информации)?|үйлестіруші|координатор"
)
CO_LABEL = re.compile(r"^\s*(?:бірлесі?п\s+орындаушы(?:лар)?|соисполнител\w*)\s*[:\-–]\s*", re.I)
LEAD_LABEL = re.compile(
    r"^\s*(?:жауапты\s+орындаушы|негізгі\s+орындаушы|ответственный\s+исполнитель|головной\s+исполнитель)\s*[:\-–]\s*",
    re.I,
)
# Labels that only introduce the list: stripped, no role implied.
PLAIN_LABEL = re.compile(
    r"^\s*(?:жауаптылар|жауапты|орындаушылар|ответственные|ответственный|исполнители|исполнитель)\s*[:\-–]\s*",
    re.I,
)
ETC_TAIL = re.compile(r"(?:\s*,?\s*(?:және\s+)?т\.\s?б\.?|\s*,?\s*т\.\s?с\.\s?с\.?|\s*,?\s*и\s+др(?:угие)?\.?)\s*$", re.I)

# Geography that qualifies a body without changing which kind of body it is.
KK_GEO_WORD = re.compile(
    r"^(?:облыстық|облыстың|облысы|облысының|облыс|облыстардың|аудандық|ауданның|ауданы|ауданының|аудан"
    r"|аудандардың|қалалық|қаланың|қаласы|қаласының|қала|қалалардың|аймақтық|өңірлік|республикалық"
    r"|бойынша|мен|және)$"
)
RU_GEO_WORD = re.compile(
    r"^(?:области|областной|областное|областные|областного|района|районный|районное|районные|районов"
    r"|города|городской|городское|городские|городов|г|по|и|региональн\w*)$"
)
# Legal forms that prefix an official name ("КГУ «Отдел образования»"): neither a body nor unknown.
LEGAL_FORMS = {"ГУ", "КГУ", "РГУ", "ММ", "КММ", "РММ", "ГККП", "КГКП", "МКҚК", "КМҚК", "РМК", "РГП", "ТОО", "ЖШС",
               "АО", "АҚ", "НАО", "КеАҚ", "ГКП", "МКК"}
REGION_ABBREVS = {"ШҚО", "БҚО", "СҚО", "ОҚО", "ВКО", "ЗКО", "СКО", "ЮКО", "ҚР", "РК", "ҚРның"}
COUNTRY = re.compile(r"қазақстан республикасы\w*|республики казахстан|республика казахстан", re.I)
# Kazakh place names are dropped before a geography word: "Атырау облысы", "Индер ауданы"
# (Russian ones are adjectives, "Атырауской области", or follow: "города Актобе").
PLACE_BEFORE_GEO = re.compile(
    r"(?:\b[A-ZА-ЯӘҒҚҢӨҰҮҺІЁ][\w-]*\s+){1,2}(?=(?:облыс|аудан|қала)\w*\b)"
)
PLACE_AFTER_GEO = re.compile(r"(?:\bг\.|\bгород[ау]?\b|\bқ\.)\s*[A-ZА-ЯӘҒҚҢӨҰҮҺІЁ][\w-]*")
RU_PLACE_ADJ = re.compile(r"\b[A-ZА-ЯЁ][\w-]*(?:ской|ского|ский|ская)\b")


def is_kk_head(word: str) -> bool:
    return bool(KK_HEAD.match(word.casefold()))


def is_ru_head(word: str) -> bool:
    return bool(RU_HEAD.match(word.casefold()))
